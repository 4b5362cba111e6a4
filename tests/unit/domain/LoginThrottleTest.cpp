// Sign-in throttling: 5 failures per (account, address group), 50 per account from anywhere,
// 20 per address group, within 15 minutes, lock for 15 minutes from the failure that reached
// the limit; the lock then releases. IPv6 addresses are grouped by /64.
#include "domain/LoginThrottle.h"

#include <catch2/catch.hpp>

using namespace kituo::domain;

namespace {
std::vector<std::int64_t> times(std::int64_t start, int n, std::int64_t step) {
    std::vector<std::int64_t> v;
    for (int i = 0; i < n; ++i) v.push_back(start + i * step);
    return v;
}
ThrottleHistory pair(std::vector<std::int64_t> v) { return {v, v, v}; }
}  // namespace

TEST_CASE("four pair failures do not lock, the fifth does, for 15 minutes", "[unit]") {
    const std::int64_t t = 1'800'000'000;
    CHECK_FALSE(decideThrottle(pair(times(t, 4, 10)), t + 40).refused);
    auto d = decideThrottle(pair(times(t, 5, 10)), t + 41);
    CHECK(d.refused);
    CHECK(d.retryAt == t + 40 + 15 * 60);
    CHECK(decideThrottle(pair(times(t, 5, 10)), t + 40 + 15 * 60 - 1).refused);
    CHECK_FALSE(decideThrottle(pair(times(t, 5, 10)), t + 40 + 15 * 60).refused);  // released
}

TEST_CASE("an account's failures from other addresses do not lock this address until the backstop", "[unit]") {
    const std::int64_t t = 1'800'000'000;
    ThrottleHistory h;
    h.account = times(t, 49, 5);  // a stranger's guesses elsewhere
    CHECK_FALSE(decideThrottle(h, t + 300).refused);
    h.account = times(t, 50, 5);  // the slow global backstop
    auto d = decideThrottle(h, t + 300);
    CHECK(d.refused);
    CHECK(d.retryAt == t + 49 * 5 + 15 * 60);
}

TEST_CASE("failures spread wider than the window do not lock", "[unit]") {
    const std::int64_t t = 1'800'000'000;
    // 5 failures, 4 minutes apart: the first and fifth are 16 minutes apart.
    CHECK_FALSE(decideThrottle(pair(times(t, 5, 240)), t + 4 * 240 + 1).refused);
}

TEST_CASE("twenty failures from one address lock that address", "[unit]") {
    const std::int64_t t = 1'800'000'000;
    ThrottleHistory h;
    h.address = times(t, 19, 5);
    CHECK_FALSE(decideThrottle(h, t + 100).refused);
    h.address = times(t, 20, 5);
    auto d = decideThrottle(h, t + 100);
    CHECK(d.refused);
    CHECK(d.retryAt == t + 95 + 15 * 60);
}

TEST_CASE("the order of failure times does not matter", "[unit]") {
    const std::int64_t t = 1'800'000'000;
    std::vector<std::int64_t> shuffled = {t + 40, t, t + 20, t + 10, t + 30};
    CHECK(decideThrottle(pair(shuffled), t + 50).retryAt == t + 40 + 15 * 60);
}

TEST_CASE("addresses are grouped: IPv4 as is, IPv6 by /64", "[unit]") {
    CHECK(addressGroup("192.0.2.7") == "192.0.2.7");
    CHECK(addressGroup("::ffff:192.0.2.7") == "192.0.2.7");
    CHECK(addressGroup("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::/64");
    CHECK(addressGroup("2001:0db8:0001:0002:0000:0000:0000:0001") == "2001:db8:1:2::/64");
    CHECK(addressGroup("2001:db8:1:3::1") == "2001:db8:1:3::/64");
    CHECK(addressGroup("fe80::1%eth0") == "fe80::/64");
    CHECK(addressGroup("::1") == "::/64");
    CHECK(addressGroup("not an address") == "not an address");
}
