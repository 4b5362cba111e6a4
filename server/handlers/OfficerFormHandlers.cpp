// The officer form: add an officer with their first posting, and edit a record with
// optimistic locking (a stale edit shows the saved record beside what was typed, 409).
#include "handlers/Handlers.h"

#include "auth/Policy.h"
#include "domain/Csv.h"
#include "domain/Errors.h"
#include "domain/OfficerImport.h"
#include "domain/Time.h"
#include "handlers/OfficerViews.h"
#include "handlers/ViewHelpers.h"
#include "http/FragmentCache.h"
#include "http/RequestContext.h"
#include "http/ViewBuild.h"
#include "store/DataVersions.h"
#include "store/OfficerStore.h"
#include "store/OrgStore.h"
#include "store/PostingStore.h"
#include "store/RankStore.h"

#include <Poco/URI.h>

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

Response officerForm(RequestContext& ctx, const domain::OfficerInput& in, View extra, bool isNew,
                     const std::map<std::string, std::string>& errors, int status) {
    View v = formValues(in);
    store::OfficerStore officers(ctx.services.db);
    View services = View::type::list;
    for (const auto& s : domain::services()) {
        View o;
        o.set("value", s);
        o.set("label", domain::serviceLabel(s));
        o.set("selected", s == in.service);
        services.push_back(o);
    }
    v.set("services", services);
    store::OfficerFilter f;
    f.rankId = in.rankId;
    f.status = in.status.empty() ? std::string("active") : in.status;
    if (isNew) {
        if (auto* s = extra.get("station_id")) f.stationId = positiveNumber(s->string_value());
        if (auto* u = extra.get("unit_id")) f.unitId = positiveNumber(u->string_value());
    }
    addFilterOptions(ctx, v, f, store::RankStore(ctx.services.db).ranks());
    for (const char* k : {"id", "version", "posted_since", "reference"}) {
        if (auto* x = extra.get(k)) v.set(k, x->string_value());
    }
    v.set("is_new", isNew);
    // The heading names the record as saved, not as (mis)typed in a form being corrected.
    if (auto* h = extra.get("heading")) v.set("heading", h->string_value());
    // Forms post to their own address, so a failed submission is shown again at a URL that,
    // reloaded, bookmarked or reached with Back, shows the same form.
    v.set("action", isNew ? std::string("/officers/new")
                          : "/officers/" + (extra.get("id") ? extra.get("id")->string_value() : "") + "/edit");
    v.set("csrf_token", ctx.user->csrfToken);
    std::vector<std::string> order;
    for (const auto& f : domain::officerFields()) order.push_back(f.name);
    for (const char* posting : {"station_id", "unit_id", "posted_since", "reference"}) order.push_back(posting);
    http::addFormErrors(v, errors, order);
    const std::string heading = extra.get("heading") ? extra.get("heading")->string_value() : in.surname;
    return ctx.page("officers/form", isNew ? std::string("New officer") : "Edit " + heading, v, status);
}

Response newOfficer(RequestContext& ctx) {
    domain::OfficerInput in;
    in.status = "active";
    View extra;
    extra.set("posted_since", ctx.today());
    return officerForm(ctx, in, extra, true, {}, 200);
}

Response createOfficer(RequestContext& ctx) {
    const auto& r = ctx.request;
    auto in = inputFrom(r, r.formParam("service_number"));
    store::OfficerStore officers(ctx.services.db);
    const std::string today = ctx.today();
    auto errors = domain::officerFieldErrors(in, store::RankStore(ctx.services.db).ranks(), today);
    store::NewPosting posting;
    posting.stationId = positiveNumber(r.formParam("station_id"));
    const std::int64_t unitId = positiveNumber(r.formParam("unit_id"));
    posting.fromDate = r.formParam("posted_since");
    if (auto iso = domain::parseDateInput(posting.fromDate)) posting.fromDate = *iso;
    posting.reference = r.formParam("reference");
    store::OrgStore org(ctx.services.db);
    const auto station = posting.stationId ? org.findWithin(ctx.actor().scopePath, posting.stationId) : std::nullopt;
    if (!station || station->kind != domain::OrgKind::Station) {
        errors["station_id"] = "Choose the station, within your scope.";
    }
    if (unitId) {
        const auto unit = org.findWithin(ctx.actor().scopePath, unitId);
        if (!unit || unit->kind != domain::OrgKind::Unit || !station ||
            !domain::isWithin(unit->path, station->path)) {
            errors["unit_id"] = "Choose a unit of the chosen station, or none.";
        } else {
            posting.unitId = unitId;
        }
    }
    if (!domain::isIsoDate(posting.fromDate) || posting.fromDate > today ||
        (domain::isIsoDate(in.enlistmentDate) && posting.fromDate < in.enlistmentDate)) {
        errors["posted_since"] = "Enter the posting date: after enlistment, not in the future.";
    }
    if (posting.reference.size() > 100) errors["reference"] = "Shorten the posting order reference to at most 100 characters.";
    View extra;
    for (const char* k : {"station_id", "unit_id", "posted_since", "reference"}) extra.set(k, r.formParam(k));
    if (!errors.empty()) return officerForm(ctx, in, extra, true, errors, 400);
    in.phone = *domain::normalizePhone(in.phone);
    std::int64_t id = 0;
    try {
        id = ctx.write(ctx.auditEvent("officer.create", "officer", "", "success",
                                      "service number " + in.serviceNumber + ", station " + station->code),
                       [&](store::Tx& tx, domain::AuditEvent& e) {
                           const auto newId = officers.create(tx, ctx.actor().scopePath, in, posting, ctx.actor().userId);
                           e.recordId = std::to_string(newId);
                           return newId;
                       });
    } catch (const domain::ValidationError& e) {
        return officerForm(ctx, in, extra, true, e.fieldErrors(), 400);
    }
    ctx.flash("success", "Officer " + in.serviceNumber + " added to the nominal roll.");
    return Response::redirect("/officers/" + std::to_string(id));
}

View editExtra(const store::OfficerRecord& o, const std::string& version) {
    View extra;
    extra.set("id", std::to_string(o.id));
    extra.set("version", version);
    extra.set("heading", o.fields.surname + ", " + o.fields.otherNames);
    return extra;
}

Response editOfficer(RequestContext& ctx) {
    const auto o = requireOfficer(ctx);
    return officerForm(ctx, o.fields, editExtra(o, std::to_string(o.version)), false, {}, 200);
}

Response updateOfficer(RequestContext& ctx) {
    const auto o = requireOfficer(ctx);
    const auto& r = ctx.request;
    const std::string versionRaw = std::to_string(formVersion(r));
    auto in = inputFrom(r, o.fields.serviceNumber);  // the service number is the key: not editable
    store::OfficerStore officers(ctx.services.db);
    auto errors = domain::officerFieldErrors(in, store::RankStore(ctx.services.db).ranks(), ctx.today());
    if (!errors.empty()) return officerForm(ctx, in, editExtra(o, versionRaw), false, errors, 400);
    in.phone = *domain::normalizePhone(in.phone);
    try {
        ctx.write(ctx.auditEvent("officer.update", "officer", std::to_string(o.id), "success"),
                  [&](store::Tx& tx, domain::AuditEvent&) {
                      officers.update(tx, ctx.actor().scopePath, o.id, std::stoi(versionRaw), in);
                  });
    } catch (const domain::ValidationError& e) {
        return officerForm(ctx, in, editExtra(o, versionRaw), false, e.fieldErrors(), 400);
    } catch (const domain::Conflict&) {
        // Stale edit: the saved record next to what the user typed; nothing is overwritten.
        const auto current = requireOfficer(ctx);
        std::string rankName, savedRank = current.rankName;
        for (const auto& rk : store::RankStore(ctx.services.db).ranks()) {
            if (rk.id == in.rankId) rankName = rk.name;
        }
        const auto& c = current.fields;
        // Each field as people read it: the rank by name, the status by label, the ID masked
        // as this actor sees it.
        auto shown = [&](const domain::OfficerField& f, const domain::OfficerInput& x, const std::string& rank) {
            const std::string name = f.name;
            if (!f.text) return rank;
            if (name == "status") return domain::officerStatusLabel(x.status);
            if (name == "national_id") return nationalIdFor(ctx, x.nationalId);
            return x.*f.text;
        };
        View rows = View::type::list;
        http::listItems(rows).reserve(domain::officerFields().size());
        for (const auto& f : domain::officerFields()) {
            if (std::string(f.name) == "service_number") continue;  // the key: never edited
            View& row = http::addObject(rows);
            std::string saved = shown(f, c, savedRank), mine = shown(f, in, rankName);
            http::put(row, "label", f.label);
            http::put(row, "differs", saved != mine);
            http::put(row, "saved", std::move(saved));
            http::put(row, "mine", std::move(mine));
        }
        View v;
        http::put(v, "id", std::to_string(o.id));
        http::put(v, "service_number", c.serviceNumber);
        http::put(v, "rows", std::move(rows));
        ctx.audit("officer.update", "officer", std::to_string(o.id), "conflict", "stale version " + versionRaw);
        return ctx.page("officers/conflict", "Edit conflict", v, 409);
    }
    ctx.flash("success", "Saved.");
    return Response::redirect("/officers/" + std::to_string(o.id));
}

}  // namespace

void addOfficerFormRoutes(http::Router& router) {
    router.add("GET", "/officers/new", Permission::ManageOfficers, newOfficer);
    router.add("POST", "/officers/new", Permission::ManageOfficers, createOfficer);
    router.add("POST", "/officers", Permission::ManageOfficers, createOfficer);
    router.add("GET", "/officers/{id}/edit", Permission::ManageOfficers, editOfficer);
    router.add("POST", "/officers/{id}/edit", Permission::ManageOfficers, updateOfficer);
    router.add("POST", "/officers/{id}", Permission::ManageOfficers, updateOfficer);
}

}  // namespace kituo::handlers
