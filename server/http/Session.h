// Sign-in sessions at the HTTP edge: the session cookie, authentication of a request from it,
// and the CSRF tokens.
//
// - The cookie holds a 256-bit random token; the database holds only its SHA-256.
// - Cookie attributes: HttpOnly, SameSite=Strict, Path=/, and Secure when the request came
//   over TLS (behind a trusted proxy that says so) or http.secureCookies is set.
// - authenticate() ends sessions that are idle or past their absolute lifetime
//   (domain/SessionRules.h) or whose account is disabled, and clears the cookie.
// - CSRF: signed-in forms carry the session's token; the sign-in form (no session yet) carries
//   a token that must equal the kituo_login_csrf cookie (double submit). Comparisons are
//   constant-time.
#pragma once

#include "domain/User.h"
#include "http/Request.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kituo::app {
struct Services;
}

namespace kituo::http {

constexpr const char* kSessionCookie = "kituo_session";
constexpr const char* kLoginCsrfCookie = "kituo_login_csrf";
constexpr const char* kFlashCookie = "kituo_flash";
// The sign-in waiting for its second factor (5 minutes; the database holds only its hash).
constexpr const char* kPendingCookie = "kituo_pending";
// Read-your-writes with a read replica: until this time (Unix seconds), set after each
// signed-in form submission, the browser's reads go to the primary, on whichever Kituo process
// serves them. Not a secret: a forged value only moves its own reads between the databases.
constexpr const char* kPrimaryUntilCookie = "kituo_primary_until";

struct CurrentUser {
    domain::Actor actor;
    std::int64_t sessionId = 0;
    std::string csrfToken;
    bool mustChangePassword = false;
    // The role needs a second factor, the account has none yet and need not change its
    // password first: only enrolment is open.
    bool secondFactorEnrolmentRequired = false;
    // The data versions read with the session (store::SessionRecord::dataVersions).
    std::map<std::string, std::uint64_t> dataVersions;
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// A Set-Cookie value. maxAgeSec < 0: a browser-session cookie; 0: delete it.
std::string cookieHeader(const std::string& name, const std::string& value, bool secure,
                         long maxAgeSec = -1);

// Sets the session cookie to `token` (empty with maxAgeSec 0: clears it), replacing any
// kituo_session Set-Cookie already in `headers` (e.g. authenticate()'s clearing of a dead
// session), so a response carries exactly one.
void setSessionCookie(HeaderList& headers, const std::string& token, bool secure, long maxAgeSec = -1);

// Whether cookies must carry Secure for this request.
bool secureRequest(const Request& request, const app::Services& services);

// The signed-in user of this request, or nothing. May add Set-Cookie headers (clearing a
// dead session's cookie).
std::optional<CurrentUser> authenticate(const Request& request, app::Services& services,
                                        HeaderList& responseHeaders);

// A new 256-bit random token (64 hex characters) and the hash stored for it.
std::string newToken();
std::string tokenHash(const std::string& token);

// Whether the POSTed csrf_token matches the session's (signed in) or the sign-in cookie.
bool csrfValid(const Request& request, const std::optional<CurrentUser>& user);

// The sign-in form's CSRF token: the request's kituo_login_csrf cookie, or a new one (adding
// the Set-Cookie header).
std::string loginCsrfToken(const Request& request, bool secure, HeaderList& responseHeaders);

}  // namespace kituo::http
