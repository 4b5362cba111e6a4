// Session expiry rules; see SessionRules.h.
#include "domain/SessionRules.h"

namespace kituo::domain {

std::int64_t idleTimeoutFor(Role role) {
    return isCounsellingRole(role) ? kIdleTimeoutCounsellingSec : kIdleTimeoutOtherSec;
}

SessionState sessionState(Role role, std::int64_t createdAt, std::int64_t lastSeenAt,
                          std::int64_t now) {
    if (now - createdAt >= kAbsoluteLifetimeSec) return SessionState::AbsoluteExpired;
    if (now - lastSeenAt >= idleTimeoutFor(role)) return SessionState::IdleExpired;
    return SessionState::Active;
}

}  // namespace kituo::domain
