// The nominal roll: the filtered list and its CSV export, profiles with posting history,
// create and edit (optimistic locking), and transfers. HR officers manage; station commanders
// read. Every lookup is scoped to the actor's stations (out of scope is 404).
#include "handlers/Handlers.h"

#include "http/FragmentCache.h"
#include "http/ViewBuild.h"

#include "auth/Policy.h"
#include "domain/Csv.h"
#include "domain/Errors.h"
#include "domain/OfficerImport.h"
#include "domain/Time.h"
#include "handlers/ViewHelpers.h"
#include "http/RequestContext.h"
#include "store/AuditStore.h"
#include "store/DataVersions.h"
#include "store/OfficerStore.h"
#include "store/OrgStore.h"

#include <Poco/URI.h>

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

store::OfficerFilter filterFrom(const http::Request& r) {
    store::OfficerFilter f;
    f.q = r.queryParam("q").substr(0, 100);
    f.stationId = positiveNumber(r.queryParam("station"));
    f.unitId = positiveNumber(r.queryParam("unit"));
    f.rankId = positiveNumber(r.queryParam("rank"));
    const std::string status = r.queryParam("status");
    for (const auto& s : domain::officerStatuses()) {
        if (s == status) f.status = status;
    }
    const std::string sort = r.queryParam("sort");
    if (sort == "service_number" || sort == "name" || sort == "rank" || sort == "station" || sort == "enlisted") {
        f.sort = sort;
    }
    f.descending = r.queryParam("dir") == "desc";
    f.page = pageParam(r);
    return f;
}

std::string nationalIdFor(const RequestContext& ctx, const std::string& id) {
    return auth::seesNationalIds(ctx.actor().role) ? id : domain::maskNationalId(id);
}

View officerView(const RequestContext& ctx, const store::OfficerRecord& o) {
    const auto& f = o.fields;
    View v;
    v.set("id", std::to_string(o.id));
    v.set("service_number", f.serviceNumber);
    v.set("surname", f.surname);
    v.set("other_names", f.otherNames);
    v.set("national_id", nationalIdFor(ctx, f.nationalId));
    v.set("gender", f.gender == "F" ? std::string("Female") : std::string("Male"));
    v.set("date_of_birth", f.dateOfBirth);
    v.set("enlistment_date", f.enlistmentDate);
    v.set("service", f.service);
    v.set("service_label", domain::serviceLabel(f.service));
    v.set("rank", o.rankName);
    v.set("rank_since", f.rankSince);
    v.set("status", domain::officerStatusLabel(f.status));
    v.set("status_active", f.status == "active");
    v.set("status_since", f.statusSince);
    v.set("phone", f.phone);
    v.set("station", o.stationName);
    v.set("unit", o.unitName);
    v.set("posted_since", o.postedSince);
    v.set("version", std::to_string(o.version));
    return v;
}

// Select options for stations and units within scope, ranks and statuses.
void addFilterOptions(RequestContext& ctx, View& v, const store::OfficerFilter& f,
                      const std::vector<domain::Rank>& ranks, std::optional<std::uint64_t> rollVersion = {}) {
    store::OrgStore org(ctx.services.db);
    const auto subtree = rollVersion ? org.subtree(ctx.actor().scopePath, *rollVersion) : org.subtree(ctx.actor().scopePath);
    View& stations = http::putList(v, "stations", subtree.size());
    View& units = http::putList(v, "units", subtree.size());
    for (const auto& u : subtree) {
        if (u.kind != domain::OrgKind::Station && u.kind != domain::OrgKind::Unit) continue;
        View& o = http::addObject(u.kind == domain::OrgKind::Station ? stations : units);
        http::put(o, "id", std::to_string(u.id));
        http::put(o, "label", u.name);
        http::put(o, "selected", u.id == (u.kind == domain::OrgKind::Station ? f.stationId : f.unitId));
    }
    View& rankList = http::putList(v, "ranks", ranks.size());
    for (const auto& r : ranks) {
        View& o = http::addObject(rankList);
        http::put(o, "id", std::to_string(r.id));
        http::put(o, "label", r.name);
        http::put(o, "selected", r.id == f.rankId);
    }
    View& statuses = http::putList(v, "statuses", domain::officerStatuses().size());
    for (const auto& st : domain::officerStatuses()) {
        View& o = http::addObject(statuses);
        http::put(o, "value", st);
        http::put(o, "label", domain::officerStatusLabel(st));
        http::put(o, "selected", st == f.status);
    }
}

// The current query string with `changes` applied (empty value: removed).
std::string queryWith(const http::Request& r, const std::map<std::string, std::string>& changes) {
    std::map<std::string, std::string> q;
    for (const auto& [k, v] : r.query) q.emplace(k, v);
    for (const auto& [k, v] : changes) {
        if (v.empty()) q.erase(k);
        else q[k] = v;
    }
    std::string out;
    for (const auto& [k, v] : q) {
        std::string ek, ev;
        Poco::URI::encode(k, "&=+#%?/", ek);
        Poco::URI::encode(v, "&=+#%?/", ev);
        out += (out.empty() ? "?" : "&") + ek + "=" + ev;
    }
    return out;
}

// The list's body depends on the roll (data version "roll"), the viewer's scope, whether
// their role manages officers, and the query: that is its cache key.
// Everything else on it (menus' subtree, the rank ladder) is read at the same "roll" version.
// Names and values are percent-encoded, so no query can pose as another.
std::string listCacheKey(const RequestContext& ctx) {
    std::string key = ctx.request.path + "|" + ctx.actor().scopePath + "|" +
                      (auth::allows(ctx.actor().role, Permission::ManageOfficers) ? "manage" : "read") + "|";
    for (const auto& [k, v] : ctx.request.query) {  // multimap: sorted by key
        std::string ek, ev;
        Poco::URI::encode(k, "&=+#%?/|", ek);
        Poco::URI::encode(v, "&=+#%?/|", ev);
        key += ek + "=" + ev + "&";
    }
    return key;
}

Response listOfficers(RequestContext& ctx) {
    const auto version = store::currentVersion(ctx.services.db, "roll");
    const std::string key = listCacheKey(ctx);
    if (auto body = ctx.services.fragments.get(key, version)) return ctx.pageWithBody(std::move(*body), "Officers");
    const auto f = filterFrom(ctx.request);
    store::OfficerStore officers(ctx.services.db);
    const auto ranks = officers.ranks(version);
    const auto page = officers.list(ctx.actor(), f);
    View v;
    View& rows = http::putList(v, "officers", page.officers.size());
    for (const auto& o : page.officers) {
        View& row = http::addObject(rows);
        http::put(row, "id", std::to_string(o.id));
        http::put(row, "service_number", o.fields.serviceNumber);
        http::put(row, "surname", o.fields.surname);
        http::put(row, "other_names", o.fields.otherNames);
        http::put(row, "rank", o.rankName);
        http::put(row, "station", o.stationName);
        http::put(row, "unit", o.unitName);
        http::put(row, "status", domain::officerStatusLabel(o.fields.status));
        http::put(row, "enlistment_date", o.fields.enlistmentDate);
    }
    http::put(v, "empty", page.officers.empty());
    http::put(v, "q", f.q);
    addFilterOptions(ctx, v, f, ranks, version);
    View& sorts = v["sort"];
    sorts = View(View::type::object);
    for (const char* key : {"service_number", "name", "rank", "station", "enlisted"}) {
        const bool current = f.sort == key;
        const std::string dir = current && !f.descending ? "desc" : "";
        http::put(sorts, std::string(key) + "_href",
                  "/officers" + queryWith(ctx.request, {{"sort", key}, {"dir", dir}, {"page", ""}}));
        http::put(sorts, std::string(key) + "_mark", current ? (f.descending ? " ▼" : " ▲") : "");
    }
    http::put(v, "csv_href", "/officers.csv" + queryWith(ctx.request, {{"page", ""}}));
    http::put(v, "pagination", pagination(ctx.request, f.page, f.pageSize, page.total));
    http::put(v, "can_manage", auth::allows(ctx.actor().role, Permission::ManageOfficers));
    std::string body = ctx.services.templates.render("officers/index", v);
    ctx.services.fragments.put(key, version, body);
    return ctx.pageWithBody(std::move(body), "Officers");
}

Response exportCsv(RequestContext& ctx) {
    auto f = filterFrom(ctx.request);
    std::string out = "\xEF\xBB\xBF" + domain::csvLine(domain::officerCsvColumns());
    int count = 0;
    store::OfficerStore(ctx.services.db).forEach(ctx.actor(), f, [&](const store::OfficerRecord& o) {
        const auto& x = o.fields;
        out += domain::csvLine({x.serviceNumber, x.surname, x.otherNames, nationalIdFor(ctx, x.nationalId), x.gender,
                                x.dateOfBirth, x.enlistmentDate, x.service, o.rankName, x.rankSince, x.status,
                                x.statusSince, x.phone, o.stationCode, o.unitCode, o.postedSince});
        ++count;
    });
    ctx.audit("officer.export", "officer", "", "success", std::to_string(count) + " rows" +
              (ctx.request.query.empty() ? std::string() : ", filter " + queryWith(ctx.request, {})));
    Response r;
    r.contentType = "text/csv; charset=utf-8";
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"nominal-roll-" + ctx.today() + ".csv\"");
    r.body = std::move(out);
    return r;
}

store::OfficerRecord requireOfficer(RequestContext& ctx) {
    auto id = idParam(ctx.request);
    if (!id) ctx.notFound("officer", ctx.request.pathParam("id"));
    auto o = store::OfficerStore(ctx.services.db).findVisibleTo(ctx.actor(), *id);
    if (!o) ctx.notFound("officer", std::to_string(*id));
    return *o;
}

View transferForm(RequestContext& ctx, const View& values) {
    View v = values;
    std::int64_t station = 0, unit = 0;
    if (auto* s = values.get("station_id")) station = positiveNumber(s->string_value());
    if (auto* u = values.get("unit_id")) unit = positiveNumber(u->string_value());
    store::OfficerFilter f;
    f.stationId = station;
    f.unitId = unit;
    addFilterOptions(ctx, v, f, {});
    return v;
}

Response profile(RequestContext& ctx, const store::OfficerRecord& o, View transfer,
                 const std::map<std::string, std::string>& errors, int status) {
    View v = officerView(ctx, o);
    store::OfficerStore officers(ctx.services.db);
    std::vector<domain::PostingPeriod> periods;
    View history = View::type::list;
    for (const auto& p : officers.postings(ctx.actor(), o.id)) {
        periods.push_back({p.stationId, p.fromDate, p.toDate});
        View h;
        h.set("station", p.stationName);
        h.set("unit", p.unitName);
        h.set("from", p.fromDate);
        h.set("to", p.toDate.empty() ? std::string("current") : p.toDate);
        h.set("reference", p.reference);
        history.push_back(h);
    }
    v.set("postings", history);
    const std::string today = ctx.today();
    if (auto since = domain::atCurrentStationSince(periods)) {
        const int years = domain::yearsBetween(*since, today);
        const long days = domain::daysBetween(*since, today);
        const int months = static_cast<int>((days % 365) / 30);
        v.set("station_since", *since);
        v.set("station_time", std::to_string(years) + (years == 1 ? " year" : " years") + ", " +
                                  std::to_string(months) + (months == 1 ? " month" : " months"));
        v.set("over_limit", domain::overStationLimit(*since, today));
    }
    v.set("can_manage", auth::allows(ctx.actor().role, Permission::ManageOfficers));
    v.set("csrf_token", ctx.user->csrfToken);
    v.set("transfer", transferForm(ctx, transfer));
    http::addFormErrors(v, errors);
    return ctx.page("officers/show", o.fields.surname + ", " + o.fields.otherNames, v, status);
}

Response showOfficer(RequestContext& ctx) {
    const auto o = requireOfficer(ctx);
    if (ctx.services.config.auditOfficerReads) ctx.audit("officer.read", "officer", std::to_string(o.id), "success");
    View transfer;
    transfer.set("from_date", ctx.today());
    return profile(ctx, o, transfer, {}, 200);
}

// The form's fields as an OfficerInput (rank resolved by id).
domain::OfficerInput inputFrom(const http::Request& r, const std::string& serviceNumber) {
    domain::OfficerInput in;
    in.serviceNumber = serviceNumber;
    in.surname = r.formParam("surname");
    in.otherNames = r.formParam("other_names");
    in.nationalId = r.formParam("national_id");
    in.gender = r.formParam("gender");
    in.dateOfBirth = r.formParam("date_of_birth");
    in.enlistmentDate = r.formParam("enlistment_date");
    in.service = r.formParam("service");
    in.rankId = positiveNumber(r.formParam("rank_id"));
    in.rankSince = r.formParam("rank_since");
    in.status = r.formParam("status");
    in.statusSince = r.formParam("status_since");
    in.phone = r.formParam("phone");
    return in;
}

View formValues(const domain::OfficerInput& in) {
    View v;
    v.set("service_number", in.serviceNumber);
    v.set("surname", in.surname);
    v.set("other_names", in.otherNames);
    v.set("national_id", in.nationalId);
    v.set("gender_f", in.gender == "F");
    v.set("gender_m", in.gender == "M");
    v.set("date_of_birth", in.dateOfBirth);
    v.set("enlistment_date", in.enlistmentDate);
    v.set("rank_since", in.rankSince);
    v.set("status_since", in.statusSince);
    v.set("phone", in.phone);
    return v;
}

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
    addFilterOptions(ctx, v, f, officers.ranks());
    for (const char* k : {"id", "version", "posted_since", "reference"}) {
        if (auto* x = extra.get(k)) v.set(k, x->string_value());
    }
    v.set("is_new", isNew);
    // The heading names the record as saved, not as (mis)typed in a form being corrected.
    if (auto* h = extra.get("heading")) v.set("heading", h->string_value());
    v.set("action", isNew ? std::string("/officers") : "/officers/" + (extra.get("id") ? extra.get("id")->string_value() : ""));
    v.set("csrf_token", ctx.user->csrfToken);
    http::addFormErrors(v, errors);
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
    auto errors = domain::officerFieldErrors(in, officers.ranks(), today);
    store::NewPosting posting;
    posting.stationId = positiveNumber(r.formParam("station_id"));
    const std::int64_t unitId = positiveNumber(r.formParam("unit_id"));
    posting.fromDate = r.formParam("posted_since");
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
    if (posting.reference.size() > 100) errors["reference"] = "Use at most 100 characters.";
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
    auto errors = domain::officerFieldErrors(in, officers.ranks(), ctx.today());
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
        for (const auto& rk : officers.ranks()) {
            if (rk.id == in.rankId) rankName = rk.name;
        }
        const auto& c = current.fields;
        const std::tuple<const char*, std::string, std::string> pairs[] = {
            {"Surname", c.surname, in.surname},
            {"Other names", c.otherNames, in.otherNames},
            {"National ID", nationalIdFor(ctx, c.nationalId), nationalIdFor(ctx, in.nationalId)},
            {"Gender", c.gender, in.gender},
            {"Date of birth", c.dateOfBirth, in.dateOfBirth},
            {"Enlisted", c.enlistmentDate, in.enlistmentDate},
            {"Service", c.service, in.service},
            {"Rank", savedRank, rankName},
            {"Rank since", c.rankSince, in.rankSince},
            {"Status", domain::officerStatusLabel(c.status), domain::officerStatusLabel(in.status)},
            {"Status since", c.statusSince, in.statusSince},
            {"Phone", c.phone, in.phone}};
        View rows = View::type::list;
        for (const auto& [label, saved, mine] : pairs) {
            View row;
            row.set("label", label);
            row.set("saved", saved);
            row.set("mine", mine);
            row.set("differs", saved != mine);
            rows.push_back(row);
        }
        View v;
        v.set("id", std::to_string(o.id));
        v.set("service_number", c.serviceNumber);
        v.set("rows", rows);
        ctx.audit("officer.update", "officer", std::to_string(o.id), "conflict", "stale version " + versionRaw);
        return ctx.page("officers/conflict", "Edit conflict", v, 409);
    }
    ctx.flash("success", "Saved.");
    return Response::redirect("/officers/" + std::to_string(o.id));
}

Response transferOfficer(RequestContext& ctx) {
    const auto o = requireOfficer(ctx);
    const auto& r = ctx.request;
    View values;
    for (const char* k : {"station_id", "unit_id", "from_date", "reference"}) values.set(k, r.formParam(k));
    store::NewPosting posting;
    posting.stationId = positiveNumber(r.formParam("station_id"));
    posting.fromDate = r.formParam("from_date");
    posting.reference = r.formParam("reference");
    auto errors = domain::transferFieldErrors(o.postedSince, posting.stationId, posting.fromDate, posting.reference,
                                              ctx.today());
    store::OrgStore org(ctx.services.db);
    std::optional<domain::OrgUnit> station;
    if (posting.stationId) {
        station = org.findWithin(ctx.actor().scopePath, posting.stationId);
        if (!station || station->kind != domain::OrgKind::Station) errors["station_id"] = "Choose a station within your scope.";
    }
    if (const auto unitId = positiveNumber(r.formParam("unit_id"))) {
        const auto unit = org.findWithin(ctx.actor().scopePath, unitId);
        if (!unit || unit->kind != domain::OrgKind::Unit || !station || !domain::isWithin(unit->path, station->path)) {
            errors["unit_id"] = "Choose a unit of the new station, or none.";
        } else {
            posting.unitId = unitId;
        }
    }
    if (errors.empty() && station && station->id == o.stationId && posting.unitId == o.unitId) {
        errors["station_id"] = "The officer is already posted there.";
    }
    if (!errors.empty()) return profile(ctx, o, values, errors, 400);
    const int version = formVersion(r);
    ctx.write(ctx.auditEvent("officer.transfer", "officer", std::to_string(o.id), "success",
                             o.stationCode + " -> " + station->code + " from " + posting.fromDate + ", ref " +
                                 posting.reference),
              [&](store::Tx& tx, domain::AuditEvent&) {
                  store::OfficerStore(ctx.services.db)
                      .transfer(tx, ctx.actor().scopePath, o.id, version, posting, ctx.actor().userId);
              });
    ctx.flash("success", "Transfer to " + station->name + " recorded.");
    return Response::redirect("/officers/" + std::to_string(o.id));
}

}  // namespace

void addOfficerRoutes(http::Router& router) {
    router.add("GET", "/officers", Permission::ReadOfficers, listOfficers);
    router.add("GET", "/officers.csv", Permission::ReadOfficers, exportCsv);
    router.add("GET", "/officers/new", Permission::ManageOfficers, newOfficer);
    router.add("POST", "/officers", Permission::ManageOfficers, createOfficer);
    router.add("GET", "/officers/{id}", Permission::ReadOfficers, showOfficer);
    router.add("GET", "/officers/{id}/edit", Permission::ManageOfficers, editOfficer);
    router.add("POST", "/officers/{id}", Permission::ManageOfficers, updateOfficer);
    router.add("POST", "/officers/{id}/postings", Permission::ManageOfficers, transferOfficer);
}

}  // namespace kituo::handlers
