// Sign-in throttling rule; see LoginThrottle.h.
#include "domain/LoginThrottle.h"

#include <algorithm>

namespace kituo::domain {

std::int64_t lockedUntil(std::vector<std::int64_t> failures, int limit, std::int64_t now,
                         const ThrottleLimits& limits) {
    if (limit <= 0 || static_cast<int>(failures.size()) < limit) return 0;
    std::sort(failures.begin(), failures.end());
    // The lock starts at the latest failure that completed `limit` failures within the window.
    std::int64_t until = 0;
    for (std::size_t i = static_cast<std::size_t>(limit - 1); i < failures.size(); ++i) {
        if (failures[i] - failures[i - static_cast<std::size_t>(limit - 1)] < limits.windowSec) {
            until = std::max(until, failures[i] + limits.lockSec);
        }
    }
    return until > now ? until : 0;
}

ThrottleDecision decideThrottle(const std::vector<std::int64_t>& accountFailures,
                                const std::vector<std::int64_t>& addressFailures,
                                std::int64_t now, const ThrottleLimits& limits) {
    const std::int64_t until = std::max(lockedUntil(accountFailures, limits.perAccount, now, limits),
                                        lockedUntil(addressFailures, limits.perAddress, now, limits));
    return {until > 0, until};
}

}  // namespace kituo::domain
