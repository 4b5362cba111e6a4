// Sign-in (both steps), password re-check, session rotation and sign-out; see SignIn.h.
#include "auth/SignIn.h"

#include "auth/TwoFactor.h"
#include "domain/LoginThrottle.h"
#include "domain/SecondFactor.h"
#include "domain/Time.h"
#include "crypto/Hash.h"
#include "store/AuditStore.h"
#include "store/LoginAttemptStore.h"
#include "store/SecondFactorStore.h"
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

// The throttle's account key: a keyed digest of the typed name, the same whether or not an
// account has that name, so counting never depends on the account existing.
std::string throttleKey(app::Services& s, const std::string& typed) {
    return s.keys.auditMac("login-account:" + typed).substr(0, 40);
}

struct Throttle {
    std::string key;
    std::string group;
    domain::ThrottleDecision decision;
};

Throttle throttleFor(app::Services& s, const std::string& typedName, const std::string& ip,
                     std::int64_t now) {
    const domain::ThrottleLimits limits;
    Throttle t;
    t.key = throttleKey(s, typedName);
    t.group = domain::addressGroup(ip);
    t.decision = domain::decideThrottle(
        store::LoginAttemptStore(s.db).failuresSince(t.key, t.group, now - limits.windowSec - limits.lockSec),
        now, limits);
    return t;
}

// A full session for `user`: ends the browser's previous session and, for a counselling role
// signing in while it must change its password, every other session of the account.
SignInResult startSession(app::Services& s, const domain::User& user, const std::string& ip,
                          const std::string& userAgent, const std::string& previousToken,
                          const std::string& how) {
    const std::int64_t now = s.clock.now();
    store::SessionStore sessions(s.db);
    if (!previousToken.empty()) {
        if (auto old = sessions.findByTokenHash(crypto::tokenHash(previousToken))) {
            sessions.end(old->sessionId, "replaced_at_login", now);
        }
    }
    int endedOthers = 0;
    if (domain::isCounsellingRole(user.role) && user.mustChangePassword) {
        endedOthers = sessions.endForUser(user.id, 0, "first_sign_in_after_reset", now);
    }
    SignInResult result;
    result.token = crypto::newToken();
    const std::int64_t sessionId = sessions.create(user.id, crypto::tokenHash(result.token),
                                                   crypto::newToken(), ip, userAgent, now);
    store::AuditStore(s.db, s.keys)
        .record(event(s, "login", user.username, user.id, user.scopePath, ip, "success",
                      "session " + std::to_string(sessionId) + how +
                          (endedOthers > 0 ? "; " + std::to_string(endedOthers) +
                                                 " other session(s) ended (first sign-in after a reset)"
                                           : std::string())));
    result.outcome = SignInResult::Outcome::Success;
    result.mustChangePassword = user.mustChangePassword;
    result.enrolmentRequired = domain::requiresSecondFactor(user.role) && !hasSecondFactor(s, user.id);
    result.notices = store::SecondFactorStore(s.db).takeNotices(user.id, now);
    return result;
}

}  // namespace

SignInResult signIn(app::Services& s, const SignInAttempt& a) {
    const std::int64_t now = s.clock.now();
    store::LoginAttemptStore attempts(s.db);
    store::AuditStore audit(s.db, s.keys);
    const std::string username = a.username.substr(0, 64);
    const Throttle throttle = throttleFor(s, username, a.ip, now);
    store::UserStore users(s.db);
    const auto user = users.findForSignIn(username);
    const std::string recordedName = user ? username : unknownName(s, username);
    const std::string scope = user ? user->scopePath : std::string();
    const auto userId = user ? std::optional(user->id) : std::nullopt;

    // The same argon2id work is done whether the account exists and whether the attempt is
    // refused, so neither shows in the time taken.
    const bool passwordOk = s.passwords.verify(user ? user->passwordHash : s.passwords.dummyHash(),
                                               a.password) && user.has_value();
    SignInResult result;
    if (throttle.decision.refused) {
        attempts.record(throttle.key, a.ip, throttle.group, "refused", now);
        audit.record(event(s, "login", recordedName, userId, scope, a.ip, "refused",
                           "too many failed attempts; locked until " +
                               domain::formatUtc(throttle.decision.retryAt) + " UTC"));
        return result;
    }
    if (!passwordOk || user->disabled) {
        attempts.record(throttle.key, a.ip, throttle.group, "failure", now);
        const std::string why = !user ? "unknown account" : !passwordOk ? "wrong password"
                                                                        : "account disabled";
        audit.record(event(s, "login", recordedName, userId, scope, a.ip, "failure", why));
        return result;
    }

    if (s.passwords.needsRehash(user->passwordHash)) {
        const std::string upgraded = s.passwords.hash(a.password);
        s.db.run([&](store::Connection& c) {
            users.setPassword(c, user->id, upgraded, user->mustChangePassword);
        });
    }
    // An enrolled account always gives its second factor, whether its role needs one or the
    // account chose to enrol.
    if (hasSecondFactor(s, user->id)) {
        result.pendingToken = crypto::newToken();
        const std::int64_t pendingId = store::SecondFactorStore(s.db).createPending(
            user->id, crypto::tokenHash(result.pendingToken), a.nextPath, a.ip, now,
            now + domain::kPendingSignInSec);
        audit.record(event(s, "login.password", username, user->id, scope, a.ip, "success",
                           "second factor required (pending sign-in " + std::to_string(pendingId) + ")"));
        result.outcome = SignInResult::Outcome::SecondFactorNeeded;
        return result;
    }
    attempts.record(throttle.key, a.ip, throttle.group, "success", now);
    return startSession(s, *user, a.ip, a.userAgent, a.previousToken,
                        domain::requiresSecondFactor(user->role)
                            ? "; restricted to second-factor enrolment" : "");
}

bool pendingSignInAlive(app::Services& s, const std::string& pendingToken) {
    if (pendingToken.size() != 64) return false;
    const auto p = store::SecondFactorStore(s.db).findPending(crypto::tokenHash(pendingToken));
    return p && !p->ended && p->expiresAt > s.clock.now();
}

SecondFactorResult completeSecondFactor(app::Services& s, const SecondFactorAttempt& a) {
    SecondFactorResult out;
    if (a.pendingToken.size() != 64) return out;
    const std::int64_t now = s.clock.now();
    store::SecondFactorStore factors(s.db);
    const auto pending = factors.findPending(crypto::tokenHash(a.pendingToken));
    if (!pending || pending->ended || pending->expiresAt <= now) return out;
    const auto user = store::UserStore(s.db).findForSecondStep(pending->userId);
    if (!user || user->disabled) return out;

    store::AuditStore audit(s.db, s.keys);
    store::LoginAttemptStore attempts(s.db);
    const Throttle throttle = throttleFor(s, user->username, a.ip, now);
    if (throttle.decision.refused) {
        attempts.record(throttle.key, a.ip, throttle.group, "refused", now);
        audit.record(event(s, "login.second_factor", user->username, user->id, user->scopePath, a.ip,
                           "refused", "too many failed attempts; locked until " +
                                          domain::formatUtc(throttle.decision.retryAt) + " UTC"));
        out.outcome = SecondFactorResult::Outcome::WrongCode;
        return out;
    }
    CodeCheck check = CodeCheck::Wrong;
    bool ended = false;
    s.db.transaction([&](store::Connection& c) {
        check = useSecondFactorCode(c, s, user->id, a.code, now);
        // The pending sign-in is spent with the code, in one transaction: two tabs posting the
        // same right code at once get one session between them.
        ended = check != CodeCheck::Wrong && factors.endPending(c, pending->id, now);
        if (check != CodeCheck::Wrong && !ended) throw domain::Conflict("pending sign-in already used");
    });
    if (check == CodeCheck::Wrong) {
        attempts.record(throttle.key, a.ip, throttle.group, "failure", now);
        factors.pendingFailed(pending->id);
        const bool exhausted = pending->failures + 1 >= domain::kPendingSignInMaxFailures;
        if (exhausted) s.db.run([&](store::Connection& c) { factors.endPending(c, pending->id, now); });
        audit.record(event(s, "login.second_factor", user->username, user->id, user->scopePath, a.ip,
                           "failure", exhausted ? "wrong code; pending sign-in ended" : "wrong code"));
        out.outcome = exhausted ? SecondFactorResult::Outcome::Expired : SecondFactorResult::Outcome::WrongCode;
        return out;
    }
    attempts.record(throttle.key, a.ip, throttle.group, "success", now);
    out.signedIn = startSession(s, *user, a.ip, a.userAgent, a.previousToken,
                                check == CodeCheck::Totp ? "; second factor: authenticator code"
                                                         : "; second factor: recovery code");
    out.signedIn.nextPath = pending->nextPath;
    out.outcome = SecondFactorResult::Outcome::Success;
    return out;
}

bool checkCurrentPassword(app::Services& s, const domain::User& account, const std::string& password,
                          const std::string& ip, bool& refused) {
    const std::int64_t now = s.clock.now();
    const Throttle throttle = throttleFor(s, account.username, ip, now);
    const bool ok = s.passwords.verify(account.passwordHash, password);
    store::LoginAttemptStore attempts(s.db);
    refused = throttle.decision.refused;
    if (refused) {
        attempts.record(throttle.key, ip, throttle.group, "refused", now);
        return false;
    }
    if (!ok) attempts.record(throttle.key, ip, throttle.group, "failure", now);
    return ok;
}

std::string rotateSession(app::Services& s, std::int64_t userId, std::int64_t previousSessionId,
                          const std::string& reason, const std::string& ip, const std::string& userAgent) {
    const std::int64_t now = s.clock.now();
    store::SessionStore sessions(s.db);
    const std::string token = crypto::newToken();
    sessions.create(userId, crypto::tokenHash(token), crypto::newToken(), ip, userAgent, now);
    if (previousSessionId != 0) sessions.end(previousSessionId, reason, now);
    return token;
}

void signOut(app::Services& s, const domain::Actor& actor, std::int64_t sessionId,
             const std::string& ip) {
    store::SessionStore(s.db).end(sessionId, "logout", s.clock.now());
    store::AuditStore(s.db, s.keys)
        .record(event(s, "logout", actor.username, actor.userId, actor.scopePath, ip, "success",
                      "session " + std::to_string(sessionId)));
}

}  // namespace kituo::auth
