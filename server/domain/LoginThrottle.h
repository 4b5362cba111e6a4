// Sign-in throttling. A failure (wrong password, unknown name, wrong second-factor code, wrong
// current password on /account/password) is counted against three keys, and attempts are
// refused for `lockSec` once any of them reaches its limit within `windowSec`:
//   - the (account, address group) pair: `perPair` (5), so a stranger's guesses lock the
//     account for the stranger's address only, never for everyone;
//   - the account from every address: `perAccount` (50), a slower backstop against a
//     distributed guesser;
//   - the address group over every account: `perAddress` (20).
// The "account" key is whatever name was typed, known or not, so the answers never tell which
// usernames exist. The lock runs from the failure that reached the limit; refused attempts
// are not failures, so they do not extend it. An address group is the IPv4 address itself or
// the IPv6 /64 prefix (one customer's network); see addressGroup().
// Pure: failure times (seconds since the epoch) and `now` are passed in.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kituo::domain {

struct ThrottleLimits {
    int perPair = 5;
    int perAccount = 50;
    int perAddress = 20;
    std::int64_t windowSec = 15 * 60;
    std::int64_t lockSec = 15 * 60;
};

struct ThrottleDecision {
    bool refused = false;
    std::int64_t retryAt = 0;  // when refused: the first moment an attempt is accepted again
};

// Failure times (any order) for the three keys of one attempt.
struct ThrottleHistory {
    std::vector<std::int64_t> pair;
    std::vector<std::int64_t> account;
    std::vector<std::int64_t> address;
};

// When the failures (any order) lock attempts at `now`, the time the lock ends; else 0.
std::int64_t lockedUntil(std::vector<std::int64_t> failures, int limit, std::int64_t now,
                         const ThrottleLimits& limits);

ThrottleDecision decideThrottle(const ThrottleHistory& history, std::int64_t now,
                                const ThrottleLimits& limits = {});

// The key an address is throttled by: an IPv4 address as written ("192.0.2.7"; an
// IPv4-mapped IPv6 address counts as its IPv4 address), an IPv6 address as its /64 prefix in
// canonical form ("2001:db8:1:2::/64"). Text that is neither is returned unchanged.
std::string addressGroup(const std::string& address);

}  // namespace kituo::domain
