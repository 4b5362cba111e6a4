// Second-factor rules that are not TOTP arithmetic: which roles must have one, how long a
// half-finished sign-in lives, how many wrong codes it survives, and how many recovery codes
// an enrolment gives. Pure.
#pragma once

#include "domain/Role.h"

#include <cstdint>

namespace kituo::domain {

// Counselling roles (counsellor, clinical supervisor), auditors and admins sign in with a
// second factor: their accounts reach confidential data or could hand it to someone else.
bool requiresSecondFactor(Role role);

// A sign-in waiting for its second factor ends after this long...
constexpr std::int64_t kPendingSignInSec = 5 * 60;
// ...or after this many wrong codes (the throttle counts them too).
constexpr int kPendingSignInMaxFailures = 5;
// Recovery codes given at enrolment; each works once.
constexpr int kRecoveryCodeCount = 10;

}  // namespace kituo::domain
