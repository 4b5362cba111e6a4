// Signing in and out, as one application operation each (no HTTP here): throttling
// (domain/LoginThrottle.h), the password check (same time spent for unknown accounts), re-hash
// when the stored parameters are weaker than the current ones, a new session token every time
// (the previous session, if any, is ended: no fixation), and the audit event for every
// success, failure and refusal (never the password).
#pragma once

#include "app/Services.h"
#include "domain/User.h"

#include <optional>
#include <string>

namespace kituo::auth {

struct SignInAttempt {
    std::string username;
    std::string password;
    std::string ip;
    std::string userAgent;
    std::string previousToken;  // the session cookie the browser sent, if any
};

struct SignInResult {
    enum class Outcome { Success, Failed, Throttled } outcome = Outcome::Failed;
    std::string token;            // Success: the new session token for the cookie
    bool mustChangePassword = false;
    std::int64_t retryAt = 0;     // Throttled: when attempts are accepted again
};

SignInResult signIn(app::Services& services, const SignInAttempt& attempt);

// Ends the session (sign-out) and audits it.
void signOut(app::Services& services, const domain::Actor& actor, std::int64_t sessionId,
             const std::string& ip);

}  // namespace kituo::auth
