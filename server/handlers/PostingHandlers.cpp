// Postings: an officer's posting history page with the transfer form, recording a transfer,
// and correcting or cancelling the current posting when it was recorded by mistake (HR only,
// with a reason, audited; the history shows the correction). Scoped like the roll: an officer
// outside the actor's stations is 404.
#include "handlers/Handlers.h"

#include "auth/Policy.h"
#include "domain/Errors.h"
#include "domain/OfficerImport.h"
#include "domain/PostingCorrection.h"
#include "domain/Time.h"
#include "handlers/OfficerViews.h"
#include "handlers/ViewHelpers.h"
#include "http/RequestContext.h"
#include "http/ViewBuild.h"
#include "store/OfficerStore.h"
#include "store/OrgStore.h"
#include "store/PostingStore.h"

#include <algorithm>

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

const std::vector<std::string> kPostingFields = {"station_id", "unit_id", "from_date", "reference"};

// A posting's station and unit as the form posted them, checked against the actor's scope:
// the unit must belong to the station. Errors go to `errors` under the form's field names.
store::NewPosting postingFrom(RequestContext& ctx, domain::FieldErrors& errors,
                              std::optional<domain::OrgUnit>& station) {
    const auto& r = ctx.request;
    store::NewPosting posting;
    posting.stationId = positiveNumber(r.formParam("station_id"));
    posting.fromDate = r.formParam("from_date");
    if (auto iso = domain::parseDateInput(posting.fromDate)) posting.fromDate = *iso;  // 02/06/2026 too
    posting.reference = r.formParam("reference");
    store::OrgStore org(ctx.services.db);
    if (posting.stationId) {
        station = org.findWithin(ctx.actor().scopePath, posting.stationId);
        if (!station || station->kind != domain::OrgKind::Station) errors["station_id"] = "Choose a station within your scope.";
    }
    if (const auto unitId = positiveNumber(r.formParam("unit_id"))) {
        const auto unit = org.findWithin(ctx.actor().scopePath, unitId);
        if (!unit || unit->kind != domain::OrgKind::Unit || !station || !domain::isWithin(unit->path, station->path)) {
            errors["unit_id"] = "Choose a unit of the chosen station, or none.";
        } else {
            posting.unitId = unitId;
        }
    }
    return posting;
}

// The postings page: history, corrections and (for HR) the transfer form with `values` and
// `errors`. A failed transfer re-renders here, at /officers/{id}/postings, a page of its own.
Response postingsPage(RequestContext& ctx, const store::OfficerRecord& o, const View& values,
                      const domain::FieldErrors& errors, int status) {
    View v = officerView(ctx, o);
    addPostingHistory(ctx, v, o);
    v.set("can_manage", auth::allows(ctx.actor().role, Permission::ManageOfficers));
    v.set("csrf_token", ctx.user->csrfToken);
    v.set("transfer", transferForm(ctx, values));
    http::addFormErrors(v, errors, kPostingFields);
    return ctx.page("officers/postings", "Postings of " + o.fields.surname + ", " + o.fields.otherNames, v, status);
}

Response showPostings(RequestContext& ctx) {
    const auto o = requireOfficer(ctx);
    if (ctx.services.config.auditOfficerReads) ctx.audit("officer.read", "officer", std::to_string(o.id), "success", "postings");
    View values;
    values.set("from_date", ctx.today());
    return postingsPage(ctx, o, values, {}, 200);
}

Response transferOfficer(RequestContext& ctx) {
    const auto o = requireOfficer(ctx);
    const auto& r = ctx.request;
    View values;
    for (const auto& k : kPostingFields) values.set(k, r.formParam(k));
    domain::FieldErrors errors;
    std::optional<domain::OrgUnit> station;
    const auto posting = postingFrom(ctx, errors, station);
    for (auto& [k, m] : domain::transferFieldErrors(o.postedSince, posting.stationId, posting.fromDate,
                                                     posting.reference, ctx.today())) {
        errors.emplace(k, m);
    }
    if (errors.empty() && station && station->id == o.stationId && posting.unitId == o.unitId) {
        errors["station_id"] = "The officer is already posted there.";
    }
    if (!errors.empty()) return postingsPage(ctx, o, values, errors, 400);
    const int version = formVersion(r);
    ctx.write(ctx.auditEvent("officer.transfer", "officer", std::to_string(o.id), "success",
                             o.stationCode + " -> " + station->code + " from " + posting.fromDate + ", ref " +
                                 posting.reference),
              [&](store::Tx& tx, domain::AuditEvent&) {
                  store::PostingStore(ctx.services.db)
                      .transfer(tx, ctx.actor().scopePath, o.id, version, posting, ctx.actor().userId);
              });
    // A move between units of the same station is a unit change, not a transfer: say which.
    if (station->id == o.stationId) {
        std::string unitName = "no unit";
        for (const auto& u : store::OrgStore(ctx.services.db).subtree(station->path)) {
            if (posting.unitId && u.id == *posting.unitId) unitName = u.name;
        }
        ctx.flash("success", "Unit changed to " + unitName + " within " + station->name + ".");
    } else {
        ctx.flash("success", "Transfer to " + station->name + " recorded.");
    }
    return Response::redirect("/officers/" + std::to_string(o.id));
}

// The officer's open posting named by {posting} and the one before it (none for a first
// posting); 404 when {posting} is not the open posting of this officer.
std::pair<store::PostingRecord, std::optional<store::PostingRecord>> currentPosting(RequestContext& ctx,
                                                                                   const store::OfficerRecord& o) {
    const auto history = store::PostingStore(ctx.services.db).postings(ctx.actor(), o.id);
    const std::string raw = ctx.request.pathParam("posting");
    if (history.empty() || !history[0].toDate.empty() || std::to_string(history[0].id) != raw) {
        ctx.notFound("posting", raw.substr(0, 20));
    }
    std::optional<store::PostingRecord> previous;
    if (history.size() > 1) previous = history[1];
    return {history[0], previous};
}

const std::vector<std::string> kCorrectionFields = {"action", "station_id", "unit_id", "from_date", "reference", "reason"};

Response correctionForm(RequestContext& ctx, const store::OfficerRecord& o, const store::PostingRecord& current,
                        const std::optional<store::PostingRecord>& previous, View values, const std::string& version,
                        const domain::FieldErrors& errors, int status) {
    View v = officerView(ctx, o);
    v.set("posting_id", std::to_string(current.id));
    v.set("current_station", current.stationName);
    v.set("current_unit", current.unitName);
    v.set("current_from", domain::formatDateText(current.fromDate));
    v.set("current_reference", current.reference);
    if (previous) {
        View p;
        p.set("station", previous->stationName);
        p.set("unit", previous->unitName);
        p.set("has_unit", !previous->unitName.empty());
        p.set("from", domain::formatDateText(previous->fromDate));
        v.set("previous", p);
    }
    const std::string action = values.get("action") ? values.get("action")->string_value() : "";
    values.set("correct_checked", action == "correct");
    values.set("cancel_checked", action == "cancel");
    values.set("station_label", std::string("Station"));
    v.set("form", transferForm(ctx, values));
    v.set("version", version);
    v.set("csrf_token", ctx.user->csrfToken);
    http::addFormErrors(v, errors, kCorrectionFields);
    return ctx.page("officers/correct_posting", "Correct or cancel a posting", v, status);
}

Response showCorrection(RequestContext& ctx) {
    const auto o = requireOfficer(ctx);
    const auto [current, previous] = currentPosting(ctx, o);
    View values;
    values.set("station_id", std::to_string(current.stationId));
    values.set("unit_id", current.unitId ? std::to_string(*current.unitId) : "");
    values.set("from_date", current.fromDate);
    values.set("reference", current.reference);
    return correctionForm(ctx, o, current, previous, values, std::to_string(o.version), {}, 200);
}

Response postCorrection(RequestContext& ctx) {
    const auto o = requireOfficer(ctx);
    const auto [current, previous] = currentPosting(ctx, o);
    const auto& r = ctx.request;
    View values;
    for (const auto& k : kCorrectionFields) values.set(k, r.formParam(k));
    const std::string version = std::to_string(formVersion(r));
    domain::PostingCorrection fix;
    fix.fix = domain::parsePostingFix(r.formParam("action"));
    fix.reason = r.formParam("reason");
    domain::FieldErrors errors;
    std::optional<domain::OrgUnit> station;
    if (fix.fix == domain::PostingFix::Correct) {
        const auto p = postingFrom(ctx, errors, station);
        fix.corrected = {p.stationId, p.unitId, p.fromDate, p.reference};
    }
    const domain::PostingValues was{current.stationId, current.unitId, current.fromDate, current.reference};
    const auto previousFrom = previous ? std::optional<std::string>(previous->fromDate) : std::nullopt;
    for (auto& [k, m] : domain::postingCorrectionErrors(fix, was, previousFrom, ctx.today())) errors.emplace(k, m);
    if (!errors.empty()) return correctionForm(ctx, o, current, previous, values, version, errors, 400);
    const bool cancel = fix.fix == domain::PostingFix::Cancel;
    std::string detail = (cancel ? "cancelled posting " : "corrected posting ") + std::to_string(current.id) + " (" +
                         current.stationName + " from " + current.fromDate + ", ref " + current.reference + ")";
    if (!cancel) detail += " to " + station->code + " from " + fix.corrected.fromDate + ", ref " + fix.corrected.reference;
    detail += "; reason: " + fix.reason;
    try {
        ctx.write(ctx.auditEvent(cancel ? "posting.cancel" : "posting.correct", "officer", std::to_string(o.id),
                                 "success", detail),
                  [&](store::Tx& tx, domain::AuditEvent&) {
                      store::PostingStore(ctx.services.db)
                          .correct(tx, ctx.actor().scopePath, o.id, current.id, std::stoi(version), fix,
                                   ctx.actor().userId);
                  });
    } catch (const domain::ValidationError& e) {
        return correctionForm(ctx, o, current, previous, values, version, e.fieldErrors(), 400);
    }
    auto where = [](const store::PostingRecord& p) {
        return p.unitName.empty() ? p.stationName : p.unitName + ", " + p.stationName;
    };
    ctx.flash("success", cancel ? "Posting to " + where(current) + " cancelled; the officer is back at " +
                                      where(*previous) + "."
                                : std::string("Posting corrected."));
    return Response::redirect("/officers/" + std::to_string(o.id));
}

}  // namespace

View transferForm(RequestContext& ctx, const View& values) {
    View v = values;
    std::int64_t station = 0, unit = 0;
    if (auto* s = values.get("station_id")) station = positiveNumber(s->string_value());
    if (auto* u = values.get("unit_id")) unit = positiveNumber(u->string_value());
    store::OfficerFilter f;
    f.stationId = station;
    f.unitId = unit;
    addFilterOptions(ctx, v, f, {});
    if (!v.get("station_label")) v.set("station_label", std::string("To station"));
    return v;
}

std::vector<domain::PostingPeriod> addPostingHistory(RequestContext& ctx, View& v, const store::OfficerRecord& o) {
    store::PostingStore store(ctx.services.db);
    const auto corrections = store.corrections(ctx.actor(), o.id);
    std::vector<domain::PostingPeriod> periods;
    View history = View::type::list;
    for (const auto& p : store.postings(ctx.actor(), o.id)) {
        periods.push_back({p.stationId, p.fromDate, p.toDate});
        View h;
        h.set("station", p.stationName);
        h.set("unit", p.unitName);
        h.set("has_unit", !p.unitName.empty());
        h.set("from", domain::formatDateText(p.fromDate));
        h.set("to", p.toDate.empty() ? std::string("current") : domain::formatDateText(p.toDate));
        h.set("reference", p.reference);
        h.set("corrected", std::any_of(corrections.begin(), corrections.end(), [&](const auto& c) {
                  return c.postingId == p.id;
              }));
        if (p.toDate.empty()) v.set("current_posting_id", std::to_string(p.id));
        history.push_back(h);
    }
    v.set("postings", history);
    View list = View::type::list;
    for (const auto& c : corrections) {
        View x;
        const bool cancel = c.fix == domain::PostingFix::Cancel;
        x.set("what", cancel ? std::string("Cancelled") : std::string("Corrected"));
        x.set("posting", c.stationName + (c.unitName.empty() ? std::string() : ", " + c.unitName) + " from " +
                             domain::formatDateText(c.fromDate) + " (" + c.reference + ")");
        x.set("reason", c.reason);
        x.set("by", c.byName);
        const auto at = domain::parseUtc(c.at);
        x.set("at", at ? domain::formatEatText(*at) : c.at);
        list.push_back(x);
    }
    v.set("corrections", list);
    v.set("has_corrections", !corrections.empty());
    return periods;
}

void addPostingRoutes(http::Router& router) {
    router.add("GET", "/officers/{id}/postings", Permission::ReadOfficers, showPostings);
    router.add("POST", "/officers/{id}/postings", Permission::ManageOfficers, transferOfficer);
    router.add("GET", "/officers/{id}/postings/{posting}/correct", Permission::ManageOfficers, showCorrection);
    router.add("POST", "/officers/{id}/postings/{posting}/correct", Permission::ManageOfficers, postCorrection);
}

}  // namespace kituo::handlers
