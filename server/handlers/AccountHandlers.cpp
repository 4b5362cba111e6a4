// Signing in and out, and the signed-in user's own account: password change and sessions.
#include "handlers/Handlers.h"

#include "auth/SignIn.h"
#include "domain/Errors.h"
#include "domain/PasswordRules.h"
#include "domain/Time.h"
#include "handlers/ViewHelpers.h"
#include "http/RequestContext.h"
#include "store/AuditStore.h"
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

Response postLogin(RequestContext& ctx) {
    auth::SignInAttempt attempt;
    attempt.username = ctx.request.formParam("username");
    attempt.password = ctx.request.formParam("password");
    attempt.ip = ctx.request.clientAddress;
    auto ua = ctx.request.headers.find("user-agent");
    if (ua != ctx.request.headers.end()) attempt.userAgent = ua->second;
    auto cookie = ctx.request.cookies.find(http::kSessionCookie);
    if (cookie != ctx.request.cookies.end()) attempt.previousToken = cookie->second;

    if (attempt.username.empty() || attempt.password.empty()) {
        return loginPage(ctx, attempt.username, "Enter your username and password.", 400);
    }
    const auto result = auth::signIn(ctx.services, attempt);
    switch (result.outcome) {
        case auth::SignInResult::Outcome::Throttled: {
            const std::int64_t minutes = (result.retryAt - ctx.now() + 59) / 60;
            return loginPage(ctx, attempt.username,
                             "Too many failed sign-in attempts. Sign-in is refused until " +
                                 domain::formatUtc(result.retryAt).substr(11, 5) + " UTC (about " +
                                 std::to_string(minutes) + " minutes).",
                             429);
        }
        case auth::SignInResult::Outcome::Failed:
            return loginPage(ctx, attempt.username, "The username or password is wrong.", 401);
        case auth::SignInResult::Outcome::Success:
            break;
    }
    Response r = Response::redirect(result.mustChangePassword
                                        ? std::string("/account/password")
                                        : safeNext(ctx.request.formParam("next")));
    r.headers.emplace_back("Set-Cookie",
                           http::cookieHeader(http::kSessionCookie, result.token, ctx.secure()));
    return r;
}

Response postLogout(RequestContext& ctx) {
    auth::signOut(ctx.services, ctx.actor(), ctx.user->sessionId, ctx.request.clientAddress);
    ctx.flash("info", "You have signed out.");
    Response r = Response::redirect("/login");
    r.headers.emplace_back("Set-Cookie", http::cookieHeader(http::kSessionCookie, "", ctx.secure(), 0));
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
    if (!me || !ctx.services.passwords.verify(me->passwordHash, current)) {
        errors["current_password"] = "Your current password is not right.";
    }
    if (auto problem = domain::passwordProblem(next, actor.username)) {
        errors["new_password"] = *problem;
    } else if (next == current) {
        errors["new_password"] = "Choose a password different from the current one.";
    }
    if (confirm != next) errors["confirm_password"] = "The two new passwords differ.";
    if (!errors.empty()) {
        ctx.audit("password.change", "user", std::to_string(actor.userId), "failure",
                  "rejected: " + std::to_string(errors.size()) + " field(s)");
        return passwordForm(ctx, errors, 400);
    }
    const std::string hash = ctx.services.passwords.hash(next);
    ctx.services.db.transaction([&](store::Connection& c) {
        users.setPassword(c, actor.userId, hash, false);
        store::AuditStore(ctx.services.db, ctx.services.keys)
            .append(c, ctx.auditEvent("password.change", "user", std::to_string(actor.userId),
                                      "success"));
    });
    const int ended = store::SessionStore(ctx.services.db)
                          .endForUser(actor.userId, ctx.user->sessionId, "password_changed", ctx.now());
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
        row.set("created", domain::formatUtc(s.createdAt).substr(0, 16));
        row.set("last_seen", domain::formatUtc(s.lastSeenAt).substr(0, 16));
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
    router.add("POST", "/logout", Permission::SignedIn, postLogout);
    router.add("GET", "/account/password", Permission::SignedIn, showPassword);
    router.add("POST", "/account/password", Permission::SignedIn, postPassword);
    router.add("GET", "/account/sessions", Permission::SignedIn, showSessions);
    router.add("POST", "/account/sessions/{id}/end", Permission::SignedIn, endSession);
}

}  // namespace kituo::handlers
