// The nominal roll: the filtered list and its CSV export, profiles with posting history, and
// transfers (the create and edit forms: OfficerFormHandlers.cpp). HR officers manage; station
// commanders read. Every lookup is scoped to the actor's stations (out of scope is 404).
#include "handlers/Handlers.h"

#include "auth/Policy.h"
#include "domain/Csv.h"
#include "domain/Errors.h"
#include "domain/OfficerImport.h"
#include "domain/Time.h"
#include "domain/Utf8.h"
#include "domain/Words.h"
#include "handlers/OfficerViews.h"
#include "handlers/TrainingViews.h"
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

// The list's filter from the query; a national ID is searched only by those who may see one.
store::OfficerFilter filterFrom(const RequestContext& ctx) {
    const http::Request& r = ctx.request;
    store::OfficerFilter f;
    f.q = domain::truncateUtf8(r.queryParam("q"), 100);
    f.search = domain::parseRollSearch(f.q, auth::seesNationalIds(ctx.actor().role));
    f.stationId = positiveNumber(r.queryParam("station"));
    f.unitId = positiveNumber(r.queryParam("unit"));
    f.rankId = positiveNumber(r.queryParam("rank"));
    const std::string status = r.queryParam("status");
    for (const auto& s : domain::officerStatuses()) {
        if (s == status) f.status = status;
    }
    const std::string sort = r.queryParam("sort");
    if (sort == "service_number" || sort == "name" || sort == "rank" || sort == "station" || sort == "status" ||
        sort == "enlisted") {
        f.sort = sort;
    }
    f.descending = r.queryParam("dir") == "desc";
    f.page = pageParam(r);
    return f;
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
    const auto version = ctx.dataVersion("roll");
    const std::string key = listCacheKey(ctx);
    if (auto body = ctx.services.fragments.get(key, version)) return ctx.pageWithBody(std::move(*body), "Officers");
    const auto f = filterFrom(ctx);
    // The rows from the read replica when there is one, named at the replica's own version of
    // the roll; a replica that has not reached the session's version yet gives a page that is
    // not cached. The menus from the primary (cached by version).
    store::Db& readDb = ctx.readDb();
    const std::uint64_t readVersion = &readDb == &ctx.services.db ? version : store::currentVersion(readDb, "roll");
    store::OfficerStore officers(readDb);
    const auto ranks = store::RankStore(ctx.services.db).ranks(version);
    const auto page = officers.list(ctx.actor(), f, readVersion);
    const bool cacheable = readVersion == version;
    View v;
    auto rows = officerRows(page.officers.size());
    for (const auto& o : page.officers) addOfficerRow(*rows, o);
    http::put(v, "officers", http::listOf(std::move(rows)));
    http::put(v, "empty", page.officers.empty());
    http::put(v, "count_text", page.total == 0 ? std::string("No officers match")
                                               : domain::countOf(page.total, "officer", "officers"));
    http::put(v, "q", f.q);
    addFilterOptions(ctx, v, f, ranks, version);
    View& sorts = v["sort"];
    sorts = View(View::type::object);
    for (const char* key : {"service_number", "name", "rank", "station", "status", "enlisted"}) {
        const bool current = f.sort == key;
        const std::string dir = current && !f.descending ? "desc" : "";
        http::put(sorts, std::string(key) + "_href",
                  "/officers" + queryString(ctx.request, {{"sort", key}, {"dir", dir}, {"page", ""}}));
        // Rank lists the most senior first unless reversed: say so rather than show an arrow
        // that reads the other way.
        const bool rank = std::string(key) == "rank";
        http::put(sorts, std::string(key) + "_mark",
                  !current ? "" : rank ? (f.descending ? " (junior first)" : " (senior first)")
                                       : (f.descending ? " ▼" : " ▲"));
        http::put(sorts, std::string(key) + "_sorted",
                  !current ? "" : (f.descending != rank ? "descending" : "ascending"));
    }
    http::put(v, "csv_href", "/officers.csv" + queryString(ctx.request, {{"page", ""}}));
    http::put(v, "print_href", "/officers/print" + queryString(ctx.request, {{"page", ""}}));
    http::put(v, "pagination", pagination(ctx.request, page.page, f.pageSize, page.total));
    http::put(v, "can_manage", auth::allows(ctx.actor().role, Permission::ManageOfficers));
    std::string body = ctx.services.templates.render("officers/index", v);
    if (cacheable) ctx.services.fragments.put(key, version, body);
    return ctx.pageWithBody(std::move(body), "Officers");
}

// What a filter selects, in words, for a printed page's header.
std::string describeFilter(RequestContext& ctx, const store::OfficerFilter& f) {
    std::vector<std::string> parts;
    if (!f.search.text.empty()) parts.push_back("search \u201c" + f.search.text + "\u201d");
    for (const auto& u : store::OrgStore(ctx.services.db).subtree(ctx.actor().scopePath)) {
        if (u.id == f.stationId || u.id == f.unitId) parts.push_back(u.name);
    }
    for (const auto& r : store::RankStore(ctx.services.db).ranks()) {
        if (r.id == f.rankId) parts.push_back(r.name);
    }
    if (!f.status.empty()) parts.push_back(domain::officerStatusLabel(f.status));
    if (parts.empty()) return "All officers";
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
}

// Every officer of the filter on one page for printing (print.css lays it out on A4).
Response printOfficers(RequestContext& ctx) {
    const auto f = filterFrom(ctx);
    View v;
    auto rows = officerRows(256);
    std::size_t count = 0;
    store::OfficerStore(ctx.services.db).forEach(ctx.actor(), f, [&](const store::OfficerRecord& o) {
        addOfficerRow(*rows, o);
        rows->set("enlistment_date", domain::formatDateText(o.fields.enlistmentDate));
        ++count;
    });
    http::put(v, "officers", http::listOf(std::move(rows)));
    http::put(v, "empty", count == 0);
    http::put(v, "count_text", domain::countOf(static_cast<long long>(count), "officer", "officers"));
    http::put(v, "scope_name", ctx.actor().orgUnitName);
    http::put(v, "filter_text", describeFilter(ctx, f));
    http::put(v, "printed_at", domain::formatEatText(ctx.now()));
    http::put(v, "printed_by", ctx.actor().displayName + " (" + ctx.actor().username + ")");
    http::put(v, "back_href", "/officers" + queryString(ctx.request));
    ctx.audit("officer.print", "officer", "", "success", std::to_string(count) + " rows" +
              (ctx.request.query.empty() ? std::string() : ", filter " + queryString(ctx.request)));
    return ctx.page("officers/print", "Nominal roll", v);
}

Response exportCsv(RequestContext& ctx) {
    auto f = filterFrom(ctx);
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
              (ctx.request.query.empty() ? std::string() : ", filter " + queryString(ctx.request, {})));
    Response r;
    r.contentType = "text/csv; charset=utf-8";
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"nominal-roll-" + ctx.today() + ".csv\"");
    r.body = std::move(out);
    return r;
}

Response showOfficer(RequestContext& ctx) {
    const auto o = requireOfficer(ctx);
    if (ctx.services.config.auditOfficerReads) ctx.audit("officer.read", "officer", std::to_string(o.id), "success");
    View v = officerView(ctx, o);
    const auto periods = addPostingHistory(ctx, v, o);
    const std::string today = ctx.today();
    if (auto since = domain::atCurrentStationSince(periods)) {
        v.set("station_since", domain::formatDateText(*since));
        v.set("station_time", domain::describeDuration(*since, today));
        v.set("over_limit", domain::overStationLimit(*since, today));
    }
    v.set("can_manage", auth::allows(ctx.actor().role, Permission::ManageOfficers));
    v.set("csrf_token", ctx.user->csrfToken);
    View transfer;
    transfer.set("from_date", today);
    v.set("transfer", transferForm(ctx, transfer));
    addTrainingPanel(ctx, v, o.id);
    v.set("printed_at", domain::formatEatText(ctx.now()));
    v.set("printed_by", ctx.actor().displayName + " (" + ctx.actor().username + ")");
    return ctx.page("officers/show", o.fields.surname + ", " + o.fields.otherNames, v);
}

// The transfer worklist: who has served more than three years at their station, within the
// actor's scope, longest first (domain::dueForTransfer decides, as on the profile).
std::vector<std::pair<store::OfficerRecord, std::string>> dueForTransfer(RequestContext& ctx) {
    const auto due = store::PostingStore(ctx.readDb()).dueForTransfer(ctx.actor(), ctx.today());
    std::vector<std::int64_t> ids;
    std::map<std::int64_t, std::string> since;
    for (const auto& d : due) {
        ids.push_back(d.officerId);
        since[d.officerId] = d.since;
    }
    std::vector<std::pair<store::OfficerRecord, std::string>> out;
    for (auto& o : store::OfficerStore(ctx.readDb()).summaries(ctx.actor(), ids)) {
        const std::string s = since[o.id];
        out.emplace_back(std::move(o), s);
    }
    return out;
}

Response listDueForTransfer(RequestContext& ctx) {
    const auto due = dueForTransfer(ctx);
    const std::string today = ctx.today();
    View v;
    auto rows = officerRows(due.size(), {"since_text", "duration"});
    for (const auto& [o, since] : due) {
        addOfficerRow(*rows, o);
        rows->set("since_text", domain::formatDateText(since));
        rows->set("duration", domain::describeDuration(since, today));
    }
    http::put(v, "rows", http::listOf(std::move(rows)));
    http::put(v, "has_rows", !due.empty());
    http::put(v, "count_text", domain::countOf(static_cast<long long>(due.size()), "officer", "officers"));
    http::put(v, "scope_name", ctx.actor().orgUnitName);
    http::put(v, "today_text", domain::formatDateText(today));
    return ctx.page("officers/due_for_transfer", "Due for transfer", v);
}

Response exportDueForTransfer(RequestContext& ctx) {
    const auto due = dueForTransfer(ctx);
    std::string out = "\xEF\xBB\xBF" + domain::csvLine({"service_number", "surname", "other_names", "rank", "station",
                                                          "unit", "at_station_since", "time_there"});
    const std::string today = ctx.today();
    for (const auto& [o, since] : due) {
        out += domain::csvLine({o.fields.serviceNumber, o.fields.surname, o.fields.otherNames, o.rankName,
                                o.stationName, o.unitName, since, domain::describeDuration(since, today)});
    }
    ctx.audit("officer.export", "officer", "", "success", std::to_string(due.size()) + " rows, due for transfer");
    Response r;
    r.contentType = "text/csv; charset=utf-8";
    r.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"due-for-transfer-" + today + ".csv\"");
    r.body = std::move(out);
    return r;
}

}  // namespace

// The number on the role's home; see OfficerViews.h.
std::size_t countDueForTransfer(http::RequestContext& ctx) {
    return store::PostingStore(ctx.services.db).dueForTransfer(ctx.actor(), ctx.today()).size();
}

void addOfficerRoutes(http::Router& router) {
    router.add("GET", "/officers/due-for-transfer", Permission::ReadOfficers, listDueForTransfer);
    router.add("GET", "/officers/due-for-transfer.csv", Permission::ReadOfficers, exportDueForTransfer);
    router.add("GET", "/officers", Permission::ReadOfficers, listOfficers);
    router.add("GET", "/officers.csv", Permission::ReadOfficers, exportCsv);
    router.add("GET", "/officers/print", Permission::ReadOfficers, printOfficers);
    router.add("GET", "/officers/{id}", Permission::ReadOfficers, showOfficer);
    addPostingRoutes(router);
    addOfficerFormRoutes(router);
}

}  // namespace kituo::handlers
