// The organisation tree (admins): the nodes within the admin's scope, adding a node under one
// of them, and renaming. Codes are permanent identifiers (they key the demo seed and imports),
// so they are set once.
#include "handlers/Handlers.h"

#include "domain/Errors.h"
#include "domain/PasswordRules.h"
#include "handlers/ViewHelpers.h"
#include "http/RequestContext.h"
#include "store/OrgStore.h"

#include <algorithm>

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

View kindOptions(const std::string& selected) {
    View list = View::type::list;
    for (auto k : {domain::OrgKind::Region, domain::OrgKind::County, domain::OrgKind::SubCounty,
                   domain::OrgKind::Station, domain::OrgKind::Unit}) {
        View o;
        o.set("value", domain::toString(k));
        o.set("label", domain::orgKindLabel(k));
        o.set("selected", domain::toString(k) == selected);
        list.push_back(o);
    }
    return list;
}

Response orgPage(RequestContext& ctx, const View& form, const std::map<std::string, std::string>& errors,
                 int status) {
    const auto units = store::OrgStore(ctx.services.db).subtree(ctx.actor().scopePath);
    std::size_t minDepth = 1000;
    for (const auto& u : units) minDepth = std::min<std::size_t>(minDepth, std::count(u.path.begin(), u.path.end(), '/'));
    View rows = View::type::list;
    for (const auto& u : units) {
        View row;
        row.set("id", std::to_string(u.id));
        row.set("name", u.name);
        row.set("code", u.code);
        row.set("kind", domain::orgKindLabel(u.kind));
        row.set("depth", std::to_string(std::count(u.path.begin(), u.path.end(), '/') - minDepth));
        rows.push_back(row);
    }
    View v = form;
    std::int64_t parent = 0;
    if (auto* p = form.get("parent_id")) {
        parent = positiveNumber(p->string_value());
    }
    v.set("units", rows);
    v.set("parents", orgOptions(units, parent));
    v.set("kinds", kindOptions(form.get("kind") ? form.get("kind")->string_value() : "unit"));
    v.set("csrf_token", ctx.user->csrfToken);
    http::addFormErrors(v, errors);
    return ctx.page("admin/org", "Organisation", v, status);
}

Response listOrg(RequestContext& ctx) { return orgPage(ctx, View{}, {}, 200); }

std::map<std::string, std::string> nameErrors(const std::string& name) {
    std::map<std::string, std::string> errors;
    if (name.find_first_not_of(" \t") == std::string::npos) errors["name"] = "Enter a name.";
    else if (domain::codePointCount(name) > 160) errors["name"] = "Use at most 160 characters.";
    return errors;
}

Response createOrg(RequestContext& ctx) {
    const auto& r = ctx.request;
    View form;
    for (const char* f : {"parent_id", "kind", "code", "name"}) form.set(f, r.formParam(f));
    auto errors = nameErrors(r.formParam("name"));
    const std::string code = r.formParam("code");
    const bool codeOk = code.size() >= 2 && code.size() <= 40 &&
                        code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == std::string::npos;
    if (!codeOk) errors["code"] = "Use 2 to 40 characters: capital letters, digits and '-'.";
    const auto kind = domain::orgKindFromString(r.formParam("kind"));
    if (!kind || *kind == domain::OrgKind::National) errors["kind"] = "Choose what kind of unit this is.";
    std::optional<domain::OrgUnit> parent;
    if (const auto parentId = positiveNumber(r.formParam("parent_id"))) {
        parent = store::OrgStore(ctx.services.db).findWithin(ctx.actor().scopePath, parentId);
    }
    if (!parent) errors["parent_id"] = "Choose where the new unit sits, within your scope.";
    if (parent && kind && !domain::mayContain(parent->kind, *kind)) {
        errors["kind"] = "A " + domain::orgKindLabel(*kind) + " cannot sit under a " +
                         domain::orgKindLabel(parent->kind) + ".";
    }
    if (!errors.empty()) return orgPage(ctx, form, errors, 400);
    try {
        ctx.write(ctx.auditEvent("org.create", "org_unit", "", "success",
                                 domain::toString(*kind) + " " + code + " under " + parent->code),
                  [&](store::Tx& tx, domain::AuditEvent& e) {
                      e.recordId = std::to_string(
                          store::OrgStore(ctx.services.db)
                              .create(tx, ctx.actor().scopePath, parent->id, *kind, code, r.formParam("name"))
                              .id);
                  });
    } catch (const domain::ValidationError& e) {
        return orgPage(ctx, form, e.fieldErrors(), 400);
    }
    ctx.flash("success", "Added " + r.formParam("name") + ".");
    return Response::redirect("/admin/org");
}

domain::OrgUnit requireUnit(RequestContext& ctx) {
    return requireVisible(ctx, "org_unit", [&](std::int64_t id) {
        return store::OrgStore(ctx.services.db).findWithin(ctx.actor().scopePath, id);
    });
}

Response unitPage(RequestContext& ctx, const domain::OrgUnit& u, const std::string& name,
                  const std::map<std::string, std::string>& errors, int status) {
    View v;
    v.set("id", std::to_string(u.id));
    v.set("code", u.code);
    v.set("kind", domain::orgKindLabel(u.kind));
    v.set("name", name);
    v.set("current_name", u.name);
    v.set("version", std::to_string(u.version));
    v.set("csrf_token", ctx.user->csrfToken);
    http::addFormErrors(v, errors);
    return ctx.page("admin/org_unit", u.name, v, status);
}

Response showUnit(RequestContext& ctx) {
    const auto u = requireUnit(ctx);
    return unitPage(ctx, u, u.name, {}, 200);
}

Response renameUnit(RequestContext& ctx) {
    const auto u = requireUnit(ctx);
    const std::string name = ctx.request.formParam("name");
    auto errors = nameErrors(name);
    const int version = formVersion(ctx.request);
    if (!errors.empty()) return unitPage(ctx, u, name, errors, 400);
    try {
        ctx.write(ctx.auditEvent("org.rename", "org_unit", std::to_string(u.id), "success", u.name + " -> " + name),
                  [&](store::Tx& tx, domain::AuditEvent&) {
                      store::OrgStore(ctx.services.db).rename(tx, ctx.actor().scopePath, u.id, version, name);
                  });
    } catch (const domain::Conflict&) {
        const auto current = requireUnit(ctx);
        return unitPage(ctx, current, name,
                        {{"name", "Someone renamed this unit to \u201c" + current.name +
                                      "\u201d while you were editing. Your text is kept below; save again to replace it."}},
                        409);
    }
    ctx.flash("success", "Renamed to " + name + ".");
    return Response::redirect("/admin/org");
}

}  // namespace

void addOrgAdminRoutes(http::Router& router) {
    router.add("GET", "/admin/org", Permission::ManageOrg, listOrg);
    router.add("POST", "/admin/org", Permission::ManageOrg, createOrg);
    router.add("GET", "/admin/org/{id}", Permission::ManageOrg, showUnit);
    router.add("POST", "/admin/org/{id}", Permission::ManageOrg, renameUnit);
}

}  // namespace kituo::handlers
