// Account management (admins): list, create, edit role and scope, disable and enable, reset
// password (never the second factor), and the two-admin second-factor reset (one admin
// requests with a reason, a different admin approves). Every account an admin sees or changes lies within the admin's own scope; a new
// scope must lie within it too. New and reset passwords are generated, shown once, and must
// be changed at the next sign-in.
#include "handlers/Handlers.h"

#include "auth/TwoFactor.h"
#include "domain/AccountRules.h"
#include "domain/SecondFactor.h"
#include "domain/Errors.h"
#include "handlers/ViewHelpers.h"
#include "http/RequestContext.h"
#include "store/OrgStore.h"
#include "store/SecondFactorStore.h"
#include "store/SessionStore.h"
#include "store/UserStore.h"

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

View userRow(const domain::User& u) {
    View v;
    v.set("id", std::to_string(u.id));
    v.set("username", u.username);
    v.set("display_name", u.displayName);
    v.set("role", domain::toString(u.role));
    v.set("role_label", domain::roleLabel(u.role));
    v.set("org_unit_id", std::to_string(u.orgUnitId));
    v.set("scope_name", u.orgUnitName);
    v.set("disabled", u.disabled);
    v.set("must_change", u.mustChangePassword);
    v.set("version", std::to_string(u.version));
    v.set("created_at", u.createdAt.substr(0, 10));
    return v;
}

domain::User requireUser(RequestContext& ctx) {
    return requireVisible(ctx, "user", [&](std::int64_t id) {
        return store::UserStore(ctx.services.db).findVisibleTo(ctx.actor(), id);
    });
}

Response listUsers(RequestContext& ctx) {
    store::UserFilter f;
    f.q = ctx.request.queryParam("q").substr(0, 100);
    f.role = domain::roleFromString(ctx.request.queryParam("role")) ? ctx.request.queryParam("role") : "";
    const std::string status = ctx.request.queryParam("status");
    f.status = (status == "active" || status == "disabled") ? status : "";
    f.page = pageParam(ctx.request);
    const auto page = store::UserStore(ctx.services.db).listVisibleTo(ctx.actor(), f);
    View rows = View::type::list;
    for (const auto& u : page.users) rows.push_back(userRow(u));
    View v;
    v.set("users", rows);
    v.set("q", f.q);
    v.set("roles", roleOptions(f.role));
    v.set("status_active", f.status == "active");
    v.set("status_disabled", f.status == "disabled");
    v.set("pagination", pagination(ctx.request, f.page, f.pageSize, page.total));
    v.set("empty", page.users.empty());
    return ctx.page("admin/users", "Accounts", v);
}

Response userForm(RequestContext& ctx, const View& values, const std::map<std::string, std::string>& errors,
                  int status) {
    View v = values;
    const auto& actor = ctx.actor();
    std::int64_t selected = 0;
    if (auto* id = values.get("org_unit_id"); id && id->is_string() && !id->string_value().empty()) {
        selected = positiveNumber(id->string_value());
    }
    const std::string role = values.get("role") && values.get("role")->is_string()
                                 ? values.get("role")->string_value() : "";
    v.set("roles", roleOptions(role));
    v.set("org_units", orgOptions(store::OrgStore(ctx.services.db).subtree(actor.scopePath), selected));
    v.set("csrf_token", ctx.user->csrfToken);
    http::addFormErrors(v, errors);
    return ctx.page("admin/user_new", "New account", v, status);
}

Response newUser(RequestContext& ctx) {
    View v;
    v.set("org_unit_id", std::to_string(ctx.actor().orgUnitId));
    return userForm(ctx, v, {}, 200);
}

Response passwordShown(RequestContext& ctx, const domain::User& u, const std::string& password,
                       const std::string& heading) {
    View v = userRow(u);
    v.set("password", password);
    v.set("heading", heading);
    return ctx.page("admin/user_password", heading, v);
}

Response createUser(RequestContext& ctx) {
    const auto& actor = ctx.actor();
    const auto& r = ctx.request;
    View values;
    for (const char* f : {"username", "display_name", "role", "org_unit_id"}) values.set(f, r.formParam(f));
    const std::string username = r.formParam("username");
    const std::string displayName = r.formParam("display_name");
    auto errors = domain::accountFieldErrors(username, displayName, r.formParam("role"),
                                             r.formParam("org_unit_id"), true);
    std::optional<domain::OrgUnit> unit;
    if (!errors.count("org_unit_id")) {
        unit = store::OrgStore(ctx.services.db).findWithin(actor.scopePath, positiveNumber(r.formParam("org_unit_id")));
        if (!unit) errors["org_unit_id"] = "Choose a place within your own scope.";
    }
    if (!errors.empty()) return userForm(ctx, values, errors, 400);

    const std::string password = crypto::generatePassword();
    store::NewUser nu;
    nu.username = username;
    nu.displayName = displayName;
    nu.role = *domain::roleFromString(r.formParam("role"));
    nu.orgUnitId = unit->id;
    nu.passwordHash = ctx.services.passwords.hash(password);
    nu.mustChangePassword = true;
    std::int64_t id = 0;
    try {
        id = ctx.write(ctx.auditEvent("user.create", "user", "", "success",
                                      "username " + username + ", role " + domain::toString(nu.role) +
                                          ", scope " + unit->code),
                       [&](store::Tx& tx, domain::AuditEvent& event) {
                           const std::int64_t newId = store::UserStore(ctx.services.db).create(tx, nu);
                           event.recordId = std::to_string(newId);
                           return newId;
                       });
    } catch (const domain::ValidationError& e) {
        return userForm(ctx, values, e.fieldErrors(), 400);
    }
    auto created = store::UserStore(ctx.services.db).findVisibleTo(actor, id);
    return passwordShown(ctx, *created, password, "Account created");
}

Response showUser(RequestContext& ctx, const domain::User& u, const View& edit,
                  const std::map<std::string, std::string>& errors, int status) {
    View v = userRow(u);
    v.set("edit", edit);
    const std::string role = edit.get("role") ? edit.get("role")->string_value() : domain::toString(u.role);
    std::int64_t selected = u.orgUnitId;
    if (auto* id = edit.get("org_unit_id")) {
        selected = positiveNumber(id->string_value());
    }
    v.set("roles", roleOptions(role));
    v.set("org_units", orgOptions(store::OrgStore(ctx.services.db).subtree(ctx.actor().scopePath), selected));
    v.set("csrf_token", ctx.user->csrfToken);
    v.set("is_self", u.id == ctx.actor().userId);
    v.set("second_factor", auth::hasSecondFactor(ctx.services, u.id));
    v.set("needs_second_factor", domain::requiresSecondFactor(u.role));
    if (auto open = store::SecondFactorStore(ctx.services.db).openReset(u.id)) {
        View req;
        req.set("requested_by", open->requestedByName);
        req.set("requested_at", open->requestedAt.substr(0, 16));
        req.set("reason", open->reason);
        req.set("mine", open->requestedBy == ctx.actor().userId);
        v.set("reset_request", req);
    }
    if (auto* reason = edit.get("reset_reason")) v.set("reset_reason", *reason);
    http::addFormErrors(v, errors);
    return ctx.page("admin/user", u.username, v, status);
}

View editValues(const domain::User& u) {
    View edit;
    edit.set("display_name", u.displayName);
    edit.set("role", domain::toString(u.role));
    edit.set("org_unit_id", std::to_string(u.orgUnitId));
    edit.set("version", std::to_string(u.version));
    return edit;
}

Response getUser(RequestContext& ctx) {
    const auto u = requireUser(ctx);
    return showUser(ctx, u, editValues(u), {}, 200);
}

Response updateUser(RequestContext& ctx) {
    const auto u = requireUser(ctx);
    const auto& r = ctx.request;
    const int version = formVersion(ctx.request);
    View edit;
    for (const char* f : {"display_name", "role", "org_unit_id", "version"}) edit.set(f, r.formParam(f));
    auto errors = domain::accountFieldErrors(u.username, r.formParam("display_name"), r.formParam("role"),
                                             r.formParam("org_unit_id"), false);
    std::optional<domain::OrgUnit> unit;
    if (!errors.count("org_unit_id")) {
        unit = store::OrgStore(ctx.services.db).findWithin(ctx.actor().scopePath, positiveNumber(r.formParam("org_unit_id")));
        if (!unit) errors["org_unit_id"] = "Choose a place within your own scope.";
    }
    const auto newRole = domain::roleFromString(r.formParam("role"));
    if (u.id == ctx.actor().userId && newRole && *newRole != u.role) {
        errors["role"] = "You cannot change your own role.";
    }
    if (!errors.empty()) return showUser(ctx, u, edit, errors, 400);
    try {
        ctx.write(ctx.auditEvent("user.update", "user", std::to_string(u.id), "success",
                                          "role " + domain::toString(u.role) + " -> " + domain::toString(*newRole) +
                                              ", scope " + std::to_string(u.orgUnitId) + " -> " + unit->code),
                  [&](store::Tx& c, domain::AuditEvent&) {
            store::UserStore(ctx.services.db).update(c, ctx.actor(), u.id, version, r.formParam("display_name"), *newRole, unit->id);
        });
    } catch (const domain::Conflict&) {
        // Stale edit: show what is stored now next to what the user typed; nothing is written.
        const auto current = requireUser(ctx);
        View v = userRow(current);
        v.set("mine_display_name", r.formParam("display_name"));
        v.set("mine_role", newRole ? domain::roleLabel(*newRole) : r.formParam("role"));
        v.set("mine_scope", unit->name);
        ctx.audit("user.update", "user", std::to_string(u.id), "conflict", "stale version " + std::to_string(version));
        return ctx.page("admin/user_conflict", "Edit conflict", v, 409);
    }
    ctx.flash("success", "Account " + u.username + " saved.");
    return Response::redirect("/admin/users/" + std::to_string(u.id));
}

Response setDisabled(RequestContext& ctx, bool disabled) {
    const auto u = requireUser(ctx);
    const int version = formVersion(ctx.request);
    if (u.id == ctx.actor().userId) throw domain::ValidationError("account", "You cannot disable your own account.");
    ctx.write(ctx.auditEvent(disabled ? "user.disable" : "user.enable", "user", std::to_string(u.id), "success"),
              [&](store::Tx& c, domain::AuditEvent&) {
        store::UserStore(ctx.services.db).setDisabled(c, ctx.actor(), u.id, version, disabled);
    });
    if (disabled) store::SessionStore(ctx.services.db).endForUser(u.id, 0, "account_disabled", ctx.now());
    ctx.flash("success", "Account " + u.username + (disabled ? " disabled." : " enabled."));
    return Response::redirect("/admin/users/" + std::to_string(u.id));
}

Response disableUser(RequestContext& ctx) { return setDisabled(ctx, true); }
Response enableUser(RequestContext& ctx) { return setDisabled(ctx, false); }

Response resetPassword(RequestContext& ctx) {
    const auto u = requireUser(ctx);
    const std::string password = crypto::generatePassword();
    const std::string hash = ctx.services.passwords.hash(password);
    ctx.write(ctx.auditEvent("user.password_reset", "user", std::to_string(u.id), "success"),
              [&](store::Tx& c, domain::AuditEvent&) {
        store::UserStore(ctx.services.db).resetPassword(c, ctx.actor(), u.id, hash);
    });
    store::SessionStore(ctx.services.db).endForUser(u.id, 0, "password_reset", ctx.now());
    auto updated = store::UserStore(ctx.services.db).findVisibleTo(ctx.actor(), u.id);
    return passwordShown(ctx, *updated, password, "Password reset");
}

// One admin asks for an account's second factor to be cleared, saying why; nothing changes
// until a different admin approves.
Response requestSecondFactorReset(RequestContext& ctx) {
    const auto u = requireUser(ctx);
    const std::string reason = ctx.request.formParam("reason");
    std::map<std::string, std::string> errors;
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
        errors["reason"] = "Enter why the second factor must be reset (for example: phone lost, reported on 24/11/2026).";
    } else if (reason.size() > 500) {
        errors["reason"] = "Write the reason in 500 characters or fewer.";
    } else if (!auth::hasSecondFactor(ctx.services, u.id)) {
        errors["reason"] = "This account has no second factor to reset.";
    } else if (store::SecondFactorStore(ctx.services.db).openReset(u.id)) {
        errors["reason"] = "A reset is already waiting for approval.";
    }
    if (!errors.empty()) {
        View edit = editValues(u);
        edit.set("reset_reason", reason);
        return showUser(ctx, u, edit, errors, 400);
    }
    ctx.write(ctx.auditEvent("user.second_factor_reset.request", "user", std::to_string(u.id), "success"),
              [&](store::Tx& tx, domain::AuditEvent& event) {
                  const auto id = store::SecondFactorStore(ctx.services.db)
                                      .requestReset(tx, u.id, ctx.actor().userId, reason, ctx.now());
                  event.detail = "request " + std::to_string(id) + ": " + reason;
              });
    ctx.flash("success", "Reset of " + u.username + "'s second factor requested. Another administrator must approve it.");
    return Response::redirect("/admin/users/" + std::to_string(u.id));
}

// A second admin approves: the factor and recovery codes are cleared, every session and
// half-finished sign-in of the account ends, and the account finds a notice at its next
// sign-in. The requester, and the account itself, cannot approve.
Response approveSecondFactorReset(RequestContext& ctx) {
    const auto u = requireUser(ctx);
    store::SecondFactorStore factors(ctx.services.db);
    const auto open = factors.openReset(u.id);
    std::string problem;
    int status = 403;
    if (!open) {
        problem = "There is no reset waiting for approval.";
        status = 409;
    } else if (open->requestedBy == ctx.actor().userId) {
        problem = "You requested this reset: a different administrator must approve it.";
    } else if (u.id == ctx.actor().userId) {
        problem = "You cannot approve a reset of your own second factor.";
    }
    if (!problem.empty()) {
        ctx.audit("user.second_factor_reset.approve", "user", std::to_string(u.id), "refused", problem);
        return showUser(ctx, u, editValues(u), {{"approve", problem}}, status);
    }
    const std::int64_t now = ctx.now();
    ctx.write(ctx.auditEvent("user.second_factor_reset.approve", "user", std::to_string(u.id), "success",
                                      "request " + std::to_string(open->id) + " by " + open->requestedByName),
              [&](store::Tx& c, domain::AuditEvent&) {
        if (!factors.approveReset(c, open->id, ctx.actor().userId, now)) {
            throw domain::Conflict("This reset was approved or changed by someone else; reload the page.");
        }
        factors.clear(c, u.id);
        factors.endPendingForUser(c, u.id, now);
        factors.addNotice(c, u.id,
                          "Your second factor was reset by two administrators (" + open->requestedByName + " and " +
                              ctx.actor().username + "). Set up your authenticator app again. If you did not ask "
                              "for this, tell your supervisor at once.",
                          now);
    });
    store::SessionStore(ctx.services.db).endForUser(u.id, 0, "second_factor_reset", now);
    ctx.flash("success", "Second factor of " + u.username + " reset. They were signed out and will enrol again at their next sign-in.");
    return Response::redirect("/admin/users/" + std::to_string(u.id));
}

}  // namespace

void addUserAdminRoutes(http::Router& router) {
    router.add("GET", "/admin/users", Permission::ManageUsers, listUsers);
    router.add("GET", "/admin/users/new", Permission::ManageUsers, newUser);
    router.add("POST", "/admin/users/new", Permission::ManageUsers, createUser);
    router.add("POST", "/admin/users", Permission::ManageUsers, createUser);
    router.add("GET", "/admin/users/{id}", Permission::ManageUsers, getUser);
    router.add("POST", "/admin/users/{id}", Permission::ManageUsers, updateUser);
    router.add("POST", "/admin/users/{id}/disable", Permission::ManageUsers, disableUser);
    router.add("POST", "/admin/users/{id}/enable", Permission::ManageUsers, enableUser);
    router.add("POST", "/admin/users/{id}/reset-password", Permission::ManageUsers, resetPassword);
    // The account page again, so a reset request that failed validation (shown at this address)
    // can be reloaded or bookmarked.
    router.add("GET", "/admin/users/{id}/two-factor-reset", Permission::ManageUsers, getUser);
    router.add("POST", "/admin/users/{id}/two-factor-reset", Permission::ManageUsers, requestSecondFactorReset);
    router.add("POST", "/admin/users/{id}/two-factor-reset/approve", Permission::ManageUsers,
               approveSecondFactorReset);
}

}  // namespace kituo::handlers
