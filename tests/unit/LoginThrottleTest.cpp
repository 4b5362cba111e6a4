// Sign-in throttling: 5 failures per account or 20 per address within 15 minutes lock for 15
// minutes from the failure that reached the limit; the lock then releases.
#include "domain/LoginThrottle.h"

#include <catch2/catch.hpp>

using namespace kituo::domain;

namespace {
std::vector<std::int64_t> times(std::int64_t start, int n, std::int64_t step) {
    std::vector<std::int64_t> v;
    for (int i = 0; i < n; ++i) v.push_back(start + i * step);
    return v;
}
}  // namespace

TEST_CASE("four account failures do not lock; the fifth does, for 15 minutes", "[unit]") {
    const std::int64_t t = 1'800'000'000;
    CHECK_FALSE(decideThrottle(times(t, 4, 10), {}, t + 40).refused);
    auto d = decideThrottle(times(t, 5, 10), {}, t + 41);
    CHECK(d.refused);
    CHECK(d.retryAt == t + 40 + 15 * 60);
    CHECK(decideThrottle(times(t, 5, 10), {}, t + 40 + 15 * 60 - 1).refused);
    CHECK_FALSE(decideThrottle(times(t, 5, 10), {}, t + 40 + 15 * 60).refused);  // released
}

TEST_CASE("failures spread wider than the window do not lock", "[unit]") {
    const std::int64_t t = 1'800'000'000;
    // 5 failures, 4 minutes apart: the first and fifth are 16 minutes apart.
    CHECK_FALSE(decideThrottle(times(t, 5, 240), {}, t + 4 * 240 + 1).refused);
}

TEST_CASE("twenty failures from one address lock that address", "[unit]") {
    const std::int64_t t = 1'800'000'000;
    CHECK_FALSE(decideThrottle({}, times(t, 19, 5), t + 100).refused);
    auto d = decideThrottle({}, times(t, 20, 5), t + 100);
    CHECK(d.refused);
    CHECK(d.retryAt == t + 95 + 15 * 60);
}

TEST_CASE("the order of failure times does not matter", "[unit]") {
    const std::int64_t t = 1'800'000'000;
    std::vector<std::int64_t> shuffled = {t + 40, t, t + 20, t + 10, t + 30};
    CHECK(decideThrottle(shuffled, {}, t + 50).retryAt == t + 40 + 15 * 60);
}
