// Sign-in throttling rule; see LoginThrottle.h.
#include "domain/LoginThrottle.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

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

ThrottleDecision decideThrottle(const ThrottleHistory& h, std::int64_t now,
                                const ThrottleLimits& limits) {
    const std::int64_t until = std::max({lockedUntil(h.pair, limits.perPair, now, limits),
                                         lockedUntil(h.account, limits.perAccount, now, limits),
                                         lockedUntil(h.address, limits.perAddress, now, limits)});
    return {until > 0, until};
}

std::string addressGroup(const std::string& address) {
    std::string text = address;
    // A zone index ("fe80::1%eth0") names the interface, not the network.
    if (auto pct = text.find('%'); pct != std::string::npos) text.resize(pct);
    unsigned char v6[16];
    if (text.find(':') == std::string::npos || inet_pton(AF_INET6, text.c_str(), v6) != 1) {
        return address;
    }
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    char out[INET6_ADDRSTRLEN];
    if (std::memcmp(v6, mapped, sizeof mapped) == 0) {
        inet_ntop(AF_INET, v6 + 12, out, sizeof out);
        return out;
    }
    std::memset(v6 + 8, 0, 8);
    inet_ntop(AF_INET6, v6, out, sizeof out);
    return std::string(out) + "/64";
}

}  // namespace kituo::domain
