// Session cookie, authentication and CSRF; see Session.h.
#include "http/Session.h"

#include "app/Services.h"
#include "crypto/Hash.h"
#include "crypto/Keys.h"
#include "domain/SecondFactor.h"
#include "domain/SessionRules.h"
#include "store/SessionStore.h"

namespace kituo::http {

std::string cookieHeader(const std::string& name, const std::string& value, bool secure,
                         long maxAgeSec) {
    std::string h = name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
    if (maxAgeSec >= 0) h += "; Max-Age=" + std::to_string(maxAgeSec);
    if (secure) h += "; Secure";
    return h;
}

void setSessionCookie(HeaderList& headers, const std::string& token, bool secure, long maxAgeSec) {
    const std::string prefix = std::string(kSessionCookie) + "=";
    for (auto it = headers.begin(); it != headers.end();) {
        if (it->first == "Set-Cookie" && it->second.rfind(prefix, 0) == 0) it = headers.erase(it);
        else ++it;
    }
    headers.emplace_back("Set-Cookie", cookieHeader(kSessionCookie, token, secure, maxAgeSec));
}

bool secureRequest(const Request& request, const app::Services& services) {
    if (services.config.secureCookies) return true;
    if (!services.config.trustProxy) return false;
    auto it = request.headers.find("x-forwarded-proto");
    return it != request.headers.end() && it->second == "https";
}

std::string newToken() { return crypto::newToken(); }

std::string tokenHash(const std::string& token) { return crypto::tokenHash(token); }

std::optional<CurrentUser> authenticate(const Request& request, app::Services& services,
                                        HeaderList& responseHeaders) {
    auto cookie = request.cookies.find(kSessionCookie);
    if (cookie == request.cookies.end()) return std::nullopt;
    const bool secure = secureRequest(request, services);
    auto clear = [&] {
        responseHeaders.emplace_back("Set-Cookie", cookieHeader(kSessionCookie, "", secure, 0));
    };
    if (cookie->second.size() != 64) {
        clear();
        return std::nullopt;
    }
    store::SessionStore sessions(services.db);
    auto s = sessions.findByTokenHash(tokenHash(cookie->second));
    if (!s || s->ended) {
        clear();
        return std::nullopt;
    }
    const std::int64_t now = services.clock.now();
    if (s->user.disabled) {
        sessions.end(s->sessionId, "account_disabled", now);
        clear();
        return std::nullopt;
    }
    switch (domain::sessionState(s->user.role, s->createdAt, s->lastSeenAt, now)) {
        case domain::SessionState::IdleExpired:
            sessions.end(s->sessionId, "idle_timeout", now);
            clear();
            return std::nullopt;
        case domain::SessionState::AbsoluteExpired:
            sessions.end(s->sessionId, "absolute_timeout", now);
            clear();
            return std::nullopt;
        case domain::SessionState::Active:
            break;
    }
    sessions.touch(s->sessionId, s->lastSeenAt, now);
    CurrentUser u;
    u.sessionId = s->sessionId;
    u.csrfToken = s->csrfToken;
    u.mustChangePassword = s->user.mustChangePassword;
    // The forced password change comes first; enrolment is required once it is done (both
    // at once would send each page to the other).
    u.secondFactorEnrolmentRequired = !u.mustChangePassword &&
                                      domain::requiresSecondFactor(s->user.role) && !s->secondFactorEnrolled;
    u.actor = s->user.actor();
    u.dataVersions = std::move(s->dataVersions);
    return u;
}

bool csrfValid(const Request& request, const std::optional<CurrentUser>& user) {
    const std::string sent = request.formParam("csrf_token");
    if (sent.size() != 64) return false;
    if (user) return crypto::constantTimeEquals(sent, user->csrfToken);
    auto cookie = request.cookies.find(kLoginCsrfCookie);
    return cookie != request.cookies.end() && crypto::constantTimeEquals(sent, cookie->second);
}

std::string loginCsrfToken(const Request& request, bool secure, HeaderList& responseHeaders) {
    auto cookie = request.cookies.find(kLoginCsrfCookie);
    if (cookie != request.cookies.end() && cookie->second.size() == 64 &&
        cookie->second.find_first_not_of("0123456789abcdef") == std::string::npos) {
        return cookie->second;
    }
    std::string token = newToken();
    responseHeaders.emplace_back("Set-Cookie", cookieHeader(kLoginCsrfCookie, token, secure, 3600));
    return token;
}

}  // namespace kituo::http
