// Sign-in and sign-out; see SignIn.h.
#include "auth/SignIn.h"

#include "domain/LoginThrottle.h"
#include "domain/Time.h"
#include "http/Session.h"
#include "store/AuditStore.h"
#include "store/LoginAttemptStore.h"
#include "store/SessionStore.h"
#include "store/UserStore.h"

namespace kituo::auth {
namespace {

domain::AuditEvent event(app::Services& s, const std::string& action, const std::string& username,
                         std::optional<std::int64_t> userId, const std::string& scopePath,
                         const std::string& ip, const std::string& outcome, const std::string& detail) {
    domain::AuditEvent e;
    e.occurredAt = domain::formatUtcMicros(s.clock.nowMicros());
    e.actorUserId = userId;
    e.actorUsername = username;
    e.scopePath = scopePath;
    e.action = action;
    e.recordType = "user";
    e.recordId = userId ? std::to_string(*userId) : std::string();
    e.ip = ip;
    e.outcome = outcome;
    e.detail = detail;
    return e;
}

// What is recorded for a name that matches no account: people type passwords into the
// username field, so the text itself is never stored, only a keyed digest that lets an
// auditor see repeated attempts with the same name.
std::string unknownName(app::Services& s, const std::string& typed) {
    return "unknown:" + s.keys.auditMac("login-name:" + typed).substr(0, 12);
}

}  // namespace

SignInResult signIn(app::Services& s, const SignInAttempt& a) {
    const std::int64_t now = s.clock.now();
    const domain::ThrottleLimits limits;
    store::LoginAttemptStore attempts(s.db);
    store::AuditStore audit(s.db, s.keys);
    const std::string username = a.username.substr(0, 64);
    SignInResult result;

    const std::int64_t since = now - limits.windowSec - limits.lockSec;
    const auto decision = domain::decideThrottle(attempts.accountFailuresSince(username, since),
                                                 attempts.addressFailuresSince(a.ip, since), now,
                                                 limits);
    store::UserStore users(s.db);
    const auto user = users.findForSignIn(username);
    const std::string recordedName = user ? username : unknownName(s, username);
    const std::string scope = user ? user->scopePath : std::string();
    if (decision.refused) {
        attempts.record(recordedName, a.ip, "refused", now);
        audit.record(event(s, "login", recordedName, user ? std::optional(user->id) : std::nullopt, scope, a.ip,
                           "refused", "too many failed attempts; locked until " +
                                          domain::formatUtc(decision.retryAt) + " UTC"));
        result.outcome = SignInResult::Outcome::Throttled;
        result.retryAt = decision.retryAt;
        return result;
    }

    // The same argon2id work is done whether or not the account exists.
    const bool passwordOk = s.passwords.verify(user ? user->passwordHash : s.passwords.dummyHash(),
                                               a.password) && user.has_value();
    if (!passwordOk || user->disabled) {
        attempts.record(recordedName, a.ip, "failure", now);
        const std::string why = !user ? "unknown account" : !passwordOk ? "wrong password"
                                                                        : "account disabled";
        audit.record(event(s, "login", recordedName, user ? std::optional(user->id) : std::nullopt,
                           scope, a.ip, "failure", why));
        return result;
    }

    if (s.passwords.needsRehash(user->passwordHash)) {
        const std::string upgraded = s.passwords.hash(a.password);
        s.db.run([&](store::Connection& c) {
            users.setPassword(c, user->id, upgraded, user->mustChangePassword);
        });
    }
    store::SessionStore sessions(s.db);
    if (!a.previousToken.empty()) {
        if (auto old = sessions.findByTokenHash(http::tokenHash(a.previousToken))) {
            sessions.end(old->sessionId, "replaced_at_login", now);
        }
    }
    result.token = http::newToken();
    const std::int64_t sessionId = sessions.create(user->id, http::tokenHash(result.token),
                                                   http::newToken(), a.ip, a.userAgent, now);
    attempts.record(username, a.ip, "success", now);
    audit.record(event(s, "login", username, user->id, scope, a.ip, "success",
                       "session " + std::to_string(sessionId)));
    result.outcome = SignInResult::Outcome::Success;
    result.mustChangePassword = user->mustChangePassword;
    return result;
}

void signOut(app::Services& s, const domain::Actor& actor, std::int64_t sessionId,
             const std::string& ip) {
    store::SessionStore(s.db).end(sessionId, "logout", s.clock.now());
    store::AuditStore(s.db, s.keys)
        .record(event(s, "logout", actor.username, actor.userId, actor.scopePath, ip, "success",
                      "session " + std::to_string(sessionId)));
}

}  // namespace kituo::auth
