// The second factor of an account (no HTTP here): enrolment (a new random secret sealed at
// rest, confirmed with a code before it counts, then 10 one-time recovery codes shown once
// and stored as keyed hashes), checking a code at sign-in (TOTP, never the same step twice,
// or an unused recovery code), and the two-admin reset (one admin requests with a reason,
// another approves; the requester and the account itself cannot approve; approval clears the
// factor, ends the account's sessions and leaves it a notice). Every change is audited in the
// transaction that makes it.
#pragma once

#include "app/Services.h"
#include "domain/User.h"
#include "store/Db.h"

#include <optional>
#include <string>
#include <vector>

namespace kituo::auth {

struct EnrolmentStart {
    std::string secretBase32;
    std::string otpauthUri;
};

// The secret being enrolled for the actor: the unconfirmed one kept from an earlier visit, or
// a new one (20 random bytes).
EnrolmentStart beginEnrolment(app::Services& services, const domain::Actor& actor);

// Confirms the enrolment with a code from the app. Returns the recovery codes (shown once) or
// nothing when the code is wrong or no enrolment is under way. Audited either way.
std::optional<std::vector<std::string>> confirmEnrolment(app::Services& services,
                                                         const domain::Actor& actor,
                                                         const std::string& code,
                                                         const std::string& ip);

enum class CodeCheck { Totp, RecoveryCode, Wrong };

// Checks `code` for the account and, when right, marks it used in the caller's transaction
// (the TOTP step becomes the last accepted one; the recovery code is spent).
CodeCheck useSecondFactorCode(store::Connection& c, app::Services& services, std::int64_t userId,
                              const std::string& code, std::int64_t now);

bool hasSecondFactor(app::Services& services, std::int64_t userId);

// The keyed hash stored for a recovery code of `userId`, under `keys`' current key (codes
// issued before a master key rotation are checked with each previous key too).
std::string recoveryCodeHash(const crypto::KeyRing& keys, std::int64_t userId,
                             const std::string& typedCode);

}  // namespace kituo::auth
