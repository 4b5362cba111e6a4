// When a signed-in session ends by itself. Pure: times are seconds since the epoch and `now`
// is passed in. Idle timeout: 15 minutes for counselling roles, 30 for others; absolute
// lifetime: 12 hours whatever the activity.
#pragma once

#include "domain/Role.h"

#include <cstdint>

namespace kituo::domain {

constexpr std::int64_t kIdleTimeoutCounsellingSec = 15 * 60;
constexpr std::int64_t kIdleTimeoutOtherSec = 30 * 60;
constexpr std::int64_t kAbsoluteLifetimeSec = 12 * 60 * 60;

enum class SessionState { Active, IdleExpired, AbsoluteExpired };

std::int64_t idleTimeoutFor(Role role);
SessionState sessionState(Role role, std::int64_t createdAt, std::int64_t lastSeenAt,
                          std::int64_t now);

}  // namespace kituo::domain
