// Sign-in throttling. After `perAccount` failures for one account, or `perAddress` failures
// from one address, within `windowSec`, further attempts are refused for `lockSec` counted
// from the failure that reached the limit. Refused attempts are not failures, so they do not
// extend the lock. Pure: failure times (seconds since the epoch) and `now` are passed in.
#pragma once

#include <cstdint>
#include <vector>

namespace kituo::domain {

struct ThrottleLimits {
    int perAccount = 5;
    int perAddress = 20;
    std::int64_t windowSec = 15 * 60;
    std::int64_t lockSec = 15 * 60;
};

struct ThrottleDecision {
    bool refused = false;
    std::int64_t retryAt = 0;  // when refused: the first moment an attempt is accepted again
};

// When the failures (any order) lock attempts at `now`, the time the lock ends; else 0.
std::int64_t lockedUntil(std::vector<std::int64_t> failures, int limit, std::int64_t now,
                         const ThrottleLimits& limits);

ThrottleDecision decideThrottle(const std::vector<std::int64_t>& accountFailures,
                                const std::vector<std::int64_t>& addressFailures,
                                std::int64_t now, const ThrottleLimits& limits = {});

}  // namespace kituo::domain
