// Signing in (password, then the second factor where the role needs one) and out, and the
// signed-in user's own account: password change, second-factor enrolment and sessions.
#include "handlers/Handlers.h"

#include "auth/QrCode.h"
#include "auth/SignIn.h"
#include "auth/TwoFactor.h"
#include "domain/Errors.h"
#include "domain/PasswordRules.h"
#include "domain/Time.h"
#include "handlers/ViewHelpers.h"
#include "http/RequestContext.h"
#include "store/SecondFactorStore.h"
#include "store/SessionStore.h"
#include "store/UserStore.h"

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

// Only plain same-site paths are followed after sign-in: "/" then URL-safe characters, never
// "//host", a backslash or a control character (browsers drop tabs and newlines, which would
// turn "/\t/host" into "//host"), so the value is safe in a Location header too.
std::string safeNext(const std::string& next) {
    static const std::string allowed =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/-._~?=&%+";
    if (next.empty() || next.size() > 512 || next[0] != '/' || next.find("//") != std::string::npos ||
        next.find_first_not_of(allowed) != std::string::npos) {
        return "/";
    }
    return next;
}

Response loginPage(RequestContext& ctx, const std::string& username, const std::string& error,
                   int status) {
    View v;
    v.set("username", username);
    v.set("next", safeNext(ctx.request.queryParam("next").empty() ? ctx.request.formParam("next")
                                                                   : ctx.request.queryParam("next")));
    v.set("csrf_token", http::loginCsrfToken(ctx.request, ctx.secure(), ctx.responseHeaders));
    if (!error.empty()) v.set("error", error);
    return ctx.page("account/login", "Sign in", v, status);
}

Response showLogin(RequestContext& ctx) {
    if (ctx.user) return Response::redirect("/", 302);
    return loginPage(ctx, "", "", 200);
}

// Refused (throttled) and failed attempts get this same answer: status, page and wording, so
// neither a lock nor its absence tells anyone which usernames exist.
constexpr const char* kSignInFailed =
    "The username or password is wrong. After 5 failed attempts, sign-in from this address "
    "pauses for 15 minutes.";

std::string userAgent(const RequestContext& ctx) {
    auto ua = ctx.request.headers.find("user-agent");
    return ua == ctx.request.headers.end() ? std::string() : ua->second;
}

std::string cookieValue(const RequestContext& ctx, const char* name) {
    auto cookie = ctx.request.cookies.find(name);
    return cookie == ctx.request.cookies.end() ? std::string() : cookie->second;
}

// The answer to a finished sign-in: exactly one session cookie (the new one), the notices the
// account has waiting as a flash, and the way on.
Response signedIn(RequestContext& ctx, const auth::SignInResult& result, const std::string& next) {
    Response r = Response::redirect(result.mustChangePassword  ? std::string("/account/password")
                                    : result.enrolmentRequired ? std::string("/account/two-factor")
                                                               : safeNext(next));
    http::setSessionCookie(ctx.responseHeaders, result.token, ctx.secure());
    if (!result.notices.empty()) {
        std::string text;
        for (const auto& n : result.notices) text += (text.empty() ? "" : " ") + n;
        ctx.flash("info", text);
    }
    return r;
}

Response postLogin(RequestContext& ctx) {
    auth::SignInAttempt attempt;
    attempt.username = ctx.request.formParam("username");
    attempt.password = ctx.request.formParam("password");
    attempt.ip = ctx.request.clientAddress;
    attempt.userAgent = userAgent(ctx);
    attempt.previousToken = cookieValue(ctx, http::kSessionCookie);
    attempt.nextPath = safeNext(ctx.request.formParam("next"));

    if (attempt.username.empty() || attempt.password.empty()) {
        return loginPage(ctx, attempt.username, "Enter your username and password.", 400);
    }
    const auto result = auth::signIn(ctx.services, attempt);
    switch (result.outcome) {
        case auth::SignInResult::Outcome::Failed:
            return loginPage(ctx, attempt.username, kSignInFailed, 401);
        case auth::SignInResult::Outcome::SecondFactorNeeded: {
            Response r = Response::redirect("/login/two-factor");
            ctx.responseHeaders.emplace_back(
                "Set-Cookie", http::cookieHeader(http::kPendingCookie, result.pendingToken, ctx.secure(),
                                                 5 * 60));
            return r;
        }
        case auth::SignInResult::Outcome::Success:
            break;
    }
    return signedIn(ctx, result, attempt.nextPath);
}

Response twoFactorLoginPage(RequestContext& ctx, const std::string& error, int status) {
    View v;
    v.set("csrf_token", http::loginCsrfToken(ctx.request, ctx.secure(), ctx.responseHeaders));
    std::map<std::string, std::string> errors;
    if (!error.empty()) errors["code"] = error;
    http::addFormErrors(v, errors);
    return ctx.page("account/two_factor_login", "Enter your code", v, status);
}

Response startAgain(RequestContext& ctx, const std::string& message) {
    ctx.flash("error", message);
    ctx.responseHeaders.emplace_back("Set-Cookie", http::cookieHeader(http::kPendingCookie, "", ctx.secure(), 0));
    return Response::redirect("/login", 303);
}

Response showTwoFactorLogin(RequestContext& ctx) {
    if (!auth::pendingSignInAlive(ctx.services, cookieValue(ctx, http::kPendingCookie))) {
        return Response::redirect("/login", 302);
    }
    return twoFactorLoginPage(ctx, "", 200);
}

Response postTwoFactorLogin(RequestContext& ctx) {
    auth::SecondFactorAttempt attempt;
    attempt.pendingToken = cookieValue(ctx, http::kPendingCookie);
    attempt.code = ctx.request.formParam("code").substr(0, 64);
    attempt.ip = ctx.request.clientAddress;
    attempt.userAgent = userAgent(ctx);
    attempt.previousToken = cookieValue(ctx, http::kSessionCookie);
    if (!auth::pendingSignInAlive(ctx.services, attempt.pendingToken)) {
        return startAgain(ctx, "Your sign-in has expired. Sign in again.");
    }
    if (attempt.code.find_first_not_of(" ") == std::string::npos) {
        return twoFactorLoginPage(ctx, "Enter the 6-digit code from your authenticator app, or a recovery code.", 400);
    }
    const auto result = auth::completeSecondFactor(ctx.services, attempt);
    switch (result.outcome) {
        case auth::SecondFactorResult::Outcome::Expired:
            return startAgain(ctx, "Your sign-in has expired or had too many wrong codes. Sign in again.");
        case auth::SecondFactorResult::Outcome::WrongCode:
            return twoFactorLoginPage(ctx,
                                      "The code is wrong or was already used. Enter the current code "
                                      "from your authenticator app, or an unused recovery code.",
                                      401);
        case auth::SecondFactorResult::Outcome::Success:
            break;
    }
    ctx.responseHeaders.emplace_back("Set-Cookie", http::cookieHeader(http::kPendingCookie, "", ctx.secure(), 0));
    return signedIn(ctx, result.signedIn, result.signedIn.nextPath);
}

Response enrolmentPage(RequestContext& ctx, const std::map<std::string, std::string>& errors, int status) {
    const auto& actor = ctx.actor();
    View v;
    v.set("csrf_token", ctx.user->csrfToken);
    v.set("required", ctx.user->secondFactorEnrolmentRequired);
    if (auth::hasSecondFactor(ctx.services, actor.userId)) {
        v.set("enrolled", true);
        v.set("recovery_left", std::to_string(store::SecondFactorStore(ctx.services.db).unusedRecoveryCodes(actor.userId)));
        return ctx.page("account/two_factor", "Second factor", v, status);
    }
    const auto start = auth::beginEnrolment(ctx.services, actor);
    v.set("enrolled", false);
    v.set("secret", start.secretBase32);
    v.set("qr", auth::qrSvgDataUri(start.otpauthUri));
    http::addFormErrors(v, errors);
    return ctx.page("account/two_factor", "Second factor", v, status);
}

Response showTwoFactor(RequestContext& ctx) { return enrolmentPage(ctx, {}, 200); }

Response postTwoFactor(RequestContext& ctx) {
    const auto& actor = ctx.actor();
    if (auth::hasSecondFactor(ctx.services, actor.userId)) return Response::redirect("/account/two-factor");
    const std::string code = ctx.request.formParam("code").substr(0, 64);
    if (code.find_first_not_of(" ") == std::string::npos) {
        return enrolmentPage(ctx, {{"code", "Enter the 6-digit code your authenticator app shows."}}, 400);
    }
    const auto codes = auth::confirmEnrolment(ctx.services, actor, code, ctx.request.clientAddress);
    if (!codes) {
        return enrolmentPage(ctx, {{"code", "The code is wrong. Check the app shows Kituo and enter its current 6-digit code."}}, 400);
    }
    View list = View::type::list;
    for (const auto& c : *codes) list.push_back(View(c));
    View v;
    v.set("codes", list);
    return ctx.page("account/recovery_codes", "Recovery codes", v);
}

Response postLogout(RequestContext& ctx) {
    auth::signOut(ctx.services, ctx.actor(), ctx.user->sessionId, ctx.request.clientAddress);
    ctx.flash("info", "You have signed out.");
    Response r = Response::redirect("/login");
    http::setSessionCookie(ctx.responseHeaders, "", ctx.secure(), 0);
    return r;
}

Response passwordForm(RequestContext& ctx, const std::map<std::string, std::string>& errors, int status) {
    View v;
    v.set("must_change", ctx.user->mustChangePassword);
    v.set("csrf_token", ctx.user->csrfToken);
    http::addFormErrors(v, errors);
    return ctx.page("account/password", "Change password", v, status);
}

Response showPassword(RequestContext& ctx) { return passwordForm(ctx, {}, 200); }

Response postPassword(RequestContext& ctx) {
    const auto& actor = ctx.actor();
    const std::string current = ctx.request.formParam("current_password");
    const std::string next = ctx.request.formParam("new_password");
    const std::string confirm = ctx.request.formParam("confirm_password");
    std::map<std::string, std::string> errors;
    store::UserStore users(ctx.services.db);
    const auto me = users.findForSignIn(actor.username);
    bool refused = false;
    if (!me || !auth::checkCurrentPassword(ctx.services, *me, current, ctx.request.clientAddress, refused)) {
        errors["current_password"] = refused ? "Too many wrong passwords. Wait 15 minutes, then try again."
                                             : "Your current password is not right.";
    }
    if (auto problem = domain::passwordProblem(next, actor.username)) {
        errors["new_password"] = *problem;
    } else if (next == current) {
        errors["new_password"] = "Choose a password different from the current one.";
    }
    if (confirm != next) errors["confirm_password"] = "The two new passwords differ.";
    if (!errors.empty()) {
        ctx.audit("password.change", "user", std::to_string(actor.userId), refused ? "refused" : "failure",
                  "rejected: " + std::to_string(errors.size()) + " field(s)");
        return passwordForm(ctx, errors, 400);
    }
    const std::string hash = ctx.services.passwords.hash(next);
    ctx.write(ctx.auditEvent("password.change", "user", std::to_string(actor.userId),
                                      "success", "session id rotated"),
              [&](store::Tx& c, domain::AuditEvent&) {
        users.setPassword(c, actor.userId, hash, false);
    });
    const int ended = store::SessionStore(ctx.services.db)
                          .endForUser(actor.userId, ctx.user->sessionId, "password_changed", ctx.now());
    // A new session id after the change: whoever held the old one holds nothing now.
    const std::string token = auth::rotateSession(ctx.services, actor.userId, ctx.user->sessionId,
                                                  "password_changed", ctx.request.clientAddress, userAgent(ctx));
    http::setSessionCookie(ctx.responseHeaders, token, ctx.secure());
    ctx.flash("success", ended > 0 ? "Password changed. Your other sessions were signed out."
                                   : "Password changed.");
    return Response::redirect("/");
}

Response showSessions(RequestContext& ctx) {
    const auto& actor = ctx.actor();
    View list = View::type::list;
    for (const auto& s : store::SessionStore(ctx.services.db).openForUser(actor.userId)) {
        View row;
        row.set("id", std::to_string(s.sessionId));
        row.set("ip", s.ip);
        row.set("user_agent", s.userAgent.empty() ? std::string("(unknown browser)") : s.userAgent);
        row.set("created", domain::formatEatText(s.createdAt));
        row.set("last_seen", domain::formatEatText(s.lastSeenAt));
        row.set("current", s.sessionId == ctx.user->sessionId);
        list.push_back(row);
    }
    View v;
    v.set("sessions", list);
    v.set("csrf_token", ctx.user->csrfToken);
    v.set("username", actor.username);
    v.set("role_label", domain::roleLabel(actor.role));
    v.set("scope_name", actor.orgUnitName);
    return ctx.page("account/sessions", "My account", v);
}

Response endSession(RequestContext& ctx) {
    const auto& actor = ctx.actor();
    const std::int64_t id = positiveNumber(ctx.request.pathParam("id"));
    if (id == 0) ctx.notFound("session", ctx.request.pathParam("id"));
    if (id == ctx.user->sessionId) {
        throw domain::BadRequest("To end this session, sign out.");
    }
    if (!store::SessionStore(ctx.services.db).endOwn(actor.userId, id, ctx.now())) {
        ctx.notFound("session", std::to_string(id));
    }
    ctx.audit("session.end", "session", std::to_string(id), "success");
    ctx.flash("success", "The session was signed out.");
    return Response::redirect("/account/sessions");
}

}  // namespace

void addAccountRoutes(http::Router& router) {
    router.add("GET", "/login", Permission::Public, showLogin);
    router.add("POST", "/login", Permission::Public, postLogin);
    router.add("GET", "/login/two-factor", Permission::Public, showTwoFactorLogin);
    router.add("POST", "/login/two-factor", Permission::Public, postTwoFactorLogin);
    router.add("GET", "/account/two-factor", Permission::SignedIn, showTwoFactor);
    router.add("POST", "/account/two-factor", Permission::SignedIn, postTwoFactor);
    router.add("POST", "/logout", Permission::SignedIn, postLogout);
    router.add("GET", "/account/password", Permission::SignedIn, showPassword);
    router.add("POST", "/account/password", Permission::SignedIn, postPassword);
    router.add("GET", "/account/sessions", Permission::SignedIn, showSessions);
    router.add("POST", "/account/sessions/{id}/end", Permission::SignedIn, endSession);
}

}  // namespace kituo::handlers
