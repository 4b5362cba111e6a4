// Signing in and out, as one application operation each (no HTTP here).
//
// Step one, signIn(): throttling (domain/LoginThrottle.h, keyed by a digest of the typed name
// whether or not an account has it, and by the address group), the password check (the same
// argon2id work for unknown accounts and for refused attempts, so neither is told apart by
// time), re-hash when the stored parameters are weaker than the current ones. Refused and
// failed attempts give the same outcome (Failed). When the account's role needs a second
// factor and it has one, no session is made: a pending sign-in (5 minutes, token hashed) is,
// and step two, completeSecondFactor(), checks a TOTP code (never the same time step twice)
// or a one-time recovery code, counted by the same throttle.
//
// Every full sign-in gets a new session token (the browser's previous session, if any, is
// ended: no fixation). A counsellor's or clinical supervisor's sign-in while the account must
// change its password (the first after an admin's reset) ends all its other sessions. Every
// success, failure and refusal is audited, never with the password or the code.
#pragma once

#include "app/Services.h"
#include "domain/User.h"

#include <optional>
#include <string>
#include <vector>

namespace kituo::auth {

struct SignInAttempt {
    std::string username;
    std::string password;
    std::string ip;
    std::string userAgent;
    std::string previousToken;  // the session cookie the browser sent, if any
    std::string nextPath;       // where to go after the second step (already made safe)
};

struct SignInResult {
    enum class Outcome { Success, Failed, SecondFactorNeeded } outcome = Outcome::Failed;
    std::string token;         // Success: the new session token for the cookie
    std::string pendingToken;  // SecondFactorNeeded: the pending sign-in's cookie value
    bool mustChangePassword = false;
    bool enrolmentRequired = false;  // Success: the role needs a second factor the account lacks
    std::string nextPath;      // Success after the second step: where the sign-in started
    std::vector<std::string> notices;  // Success: notices for the account, shown once
};

SignInResult signIn(app::Services& services, const SignInAttempt& attempt);

struct SecondFactorAttempt {
    std::string pendingToken;
    std::string code;  // six digits (TOTP) or a recovery code
    std::string ip;
    std::string userAgent;
    std::string previousToken;
};

struct SecondFactorResult {
    // Expired: no such pending sign-in, or it ended (time, success, too many wrong codes):
    // start again at /login.
    enum class Outcome { Success, WrongCode, Expired } outcome = Outcome::Expired;
    SignInResult signedIn;  // Success: as signIn()'s Success
};

SecondFactorResult completeSecondFactor(app::Services& services, const SecondFactorAttempt& attempt);

// Whether a pending sign-in token is alive (the second step's form is shown only then).
bool pendingSignInAlive(app::Services& services, const std::string& pendingToken);

// Throttled check of an account's current password (the password-change form): false when
// wrong or when the throttle refuses (`refused` says which), and a failure is recorded.
bool checkCurrentPassword(app::Services& services, const domain::User& account,
                          const std::string& password, const std::string& ip, bool& refused);

// A new session for `user` (used after a password change: the session id is rotated). Ends
// `previousSessionId` (if not 0) with `reason`. Returns the new token.
std::string rotateSession(app::Services& services, std::int64_t userId, std::int64_t previousSessionId,
                          const std::string& reason, const std::string& ip, const std::string& userAgent);

// Ends the session (sign-out) and audits it.
void signOut(app::Services& services, const domain::Actor& actor, std::int64_t sessionId,
             const std::string& ip);

}  // namespace kituo::auth
