// Offerings: a module run on dates at a venue, with a trainer and a number of places, hosted by
// a station or county; enrolment of officers one by one or in bulk ("every officer of the
// station who is overdue or due within 60 days"): one action, one transaction, one audit event.
// Places hold under concurrent enrolment (TrainingOfferingStore::enrol); prerequisites are
// checked for every officer.
#include "handlers/Handlers.h"

#include "auth/Policy.h"
#include "domain/Errors.h"
#include "domain/Officer.h"
#include "domain/Time.h"
#include "domain/TrainingActions.h"
#include "domain/Words.h"
#include "handlers/TrainingViews.h"
#include "handlers/ViewHelpers.h"
#include "http/RequestContext.h"
#include "http/ViewBuild.h"
#include "store/OrgStore.h"
#include "store/TrainingOfferingStore.h"
#include "store/TrainingStore.h"

#include <map>
#include <set>

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

const std::vector<std::string> kFields = {"module_id", "host_id", "starts_on", "ends_on", "venue", "trainer", "capacity"};

View offeringRow(const store::OfferingRecord& o) {
    View x;
    x.set("id", std::to_string(o.id));
    x.set("module", o.moduleCode + " " + o.moduleTitle);
    x.set("host", o.hostName);
    x.set("dates", domain::formatDateText(o.startsOn) + (o.endsOn == o.startsOn ? "" : " to " + domain::formatDateText(o.endsOn)));
    x.set("venue", o.venue);
    x.set("trainer", o.trainer);
    x.set("places", std::to_string(o.enrolled) + " of " + std::to_string(o.capacity) + " taken");
    x.set("full", o.enrolled >= o.capacity);
    return x;
}

Response listOfferings(RequestContext& ctx) {
    const auto offerings = store::TrainingOfferingStore(ctx.services.db).list(ctx.actor());
    View rows = View::type::list;
    for (const auto& o : offerings) rows.push_back(offeringRow(o));
    View v;
    v.set("offerings", rows);
    v.set("has_offerings", !offerings.empty());
    v.set("count_text", domain::countOf(static_cast<long long>(offerings.size()), "offering", "offerings"));
    v.set("can_manage", auth::allows(ctx.actor().role, Permission::ManageOfficers));
    return ctx.page("training/offerings", "Training offerings", v);
}

Response offeringForm(RequestContext& ctx, const domain::OfferingInput& in, const domain::FieldErrors& errors, int status) {
    View v;
    v.set("modules", selectOptions(store::TrainingStore(ctx.services.db).modules(),
                                   [](const auto& m) { return std::to_string(m.id); },
                                   [](const auto& m) { return m.fields.code + " " + m.fields.title; },
                                   in.moduleId ? std::to_string(in.moduleId) : std::string()));
    std::vector<domain::OrgUnit> hosts;
    for (const auto& u : store::OrgStore(ctx.services.db).subtree(ctx.actor().scopePath)) {
        if (u.kind == domain::OrgKind::Station || u.kind == domain::OrgKind::County) hosts.push_back(u);
    }
    v.set("hosts", selectOptions(hosts, [](const auto& u) { return std::to_string(u.id); }, [](const auto& u) { return u.name; },
                                 in.hostId ? std::to_string(in.hostId) : std::string()));
    v.set("starts_on", in.startsOn);
    v.set("ends_on", in.endsOn);
    v.set("venue", in.venue);
    v.set("trainer", in.trainer);
    v.set("capacity", in.capacity);
    v.set("csrf_token", ctx.user->csrfToken);
    http::addFormErrors(v, errors, kFields);
    return ctx.page("training/offering_new", "New offering", v, status);
}

// ?module= chooses the module (the compliance page links here when none is open).
Response newOffering(RequestContext& ctx) {
    domain::OfferingInput in;
    in.moduleId = positiveNumber(ctx.request.queryParam("module"));
    in.capacity = "20";
    in.hostId = ctx.actor().orgUnitId;
    return offeringForm(ctx, in, {}, 200);
}

Response createOffering(RequestContext& ctx) {
    const auto& r = ctx.request;
    domain::OfferingInput in;
    in.moduleId = positiveNumber(r.formParam("module_id"));
    in.hostId = positiveNumber(r.formParam("host_id"));
    in.startsOn = domain::parseDateInput(r.formParam("starts_on")).value_or(r.formParam("starts_on"));
    in.endsOn = domain::parseDateInput(r.formParam("ends_on")).value_or(r.formParam("ends_on"));
    in.venue = r.formParam("venue");
    in.trainer = r.formParam("trainer");
    in.capacity = r.formParam("capacity");
    const auto module = in.moduleId ? store::TrainingStore(ctx.services.db).findModule(in.moduleId) : std::nullopt;
    const auto host = in.hostId ? store::OrgStore(ctx.services.db).findWithin(ctx.actor().scopePath, in.hostId) : std::nullopt;
    const bool hostOk = host && (host->kind == domain::OrgKind::Station || host->kind == domain::OrgKind::County);
    const auto errors = domain::offeringFieldErrors(in, module.has_value(), hostOk);
    if (!errors.empty()) return offeringForm(ctx, in, errors, 400);
    const auto id = ctx.write(ctx.auditEvent("training.offering_create", "training_offering", "", "success",
                                             module->fields.code + " at " + host->code + " from " + in.startsOn + ", " +
                                                 in.capacity + " places"),
                              [&](store::Tx& tx, domain::AuditEvent& e) {
                                  const auto newId = store::TrainingOfferingStore(ctx.services.db).create(tx, in, ctx.actor().userId);
                                  e.recordId = std::to_string(newId);
                                  return newId;
                              });
    ctx.flash("success", module->fields.code + " offering added.");
    return Response::redirect("/training/offerings/" + std::to_string(id));
}

store::OfferingRecord requireOffering(RequestContext& ctx) {
    return requireVisible(ctx, "training_offering", [&](std::int64_t id) {
        return store::TrainingOfferingStore(ctx.services.db).find(ctx.actor(), id);
    });
}

// The station whose officers the enrolment form lists: the host when it is a station, else
// the actor's own station (county offerings enrol from the station in hand).
std::optional<domain::OrgUnit> enrolmentStation(RequestContext& ctx, const store::OfferingRecord& o) {
    store::OrgStore org(ctx.services.db);
    auto host = org.findWithin(ctx.actor().scopePath, o.hostId);
    if (host && host->kind == domain::OrgKind::Station) return host;
    auto own = org.findWithin(ctx.actor().scopePath, ctx.actor().orgUnitId);
    if (own && own->kind == domain::OrgKind::Station) return own;
    return std::nullopt;
}

Response offeringPage(RequestContext& ctx, const store::OfferingRecord& o, const std::set<std::int64_t>& chosen,
                      const domain::FieldErrors& errors, int status,
                      const std::map<std::int64_t, store::EnrolmentResult>& results = {}) {
    store::TrainingOfferingStore offerings(ctx.services.db);
    View v = offeringRow(o);
    v.set("offering_id", std::to_string(o.id));
    View list = View::type::list;
    bool hasOpen = false;
    const auto enrolments = offerings.enrolments(o.id);
    std::set<std::int64_t> enrolled;
    for (const auto& e : enrolments) {
        if (e.status == "enrolled") enrolled.insert(e.officerId);
        View x;
        x.set("officer_href", "/officers/" + std::to_string(e.officerId));
        x.set("name", e.surname + ", " + e.otherNames);
        x.set("service_number", e.serviceNumber);
        x.set("station", e.stationName);
        x.set("id", std::to_string(e.id));
        std::string status = e.status == "withdrawn" ? "Withdrawn"
                             : e.attendance == "absent" ? "Absent"
                             : e.result == "passed"     ? "Passed" + (e.score.empty() ? "" : " (" + e.score + ")")
                             : e.result == "failed"     ? "Did not pass" + (e.score.empty() ? "" : " (" + e.score + ")")
                                                        : "Enrolled";
        x.set("status", status);
        const bool open = e.status == "enrolled" && e.attendance.empty();
        x.set("open", open);
        if (open) {
            const auto typed = results.find(e.id);
            x.set("outcome_pass", typed != results.end() && typed->second.outcome == "pass");
            x.set("outcome_fail", typed != results.end() && typed->second.outcome == "fail");
            x.set("outcome_absent", typed != results.end() && typed->second.outcome == "absent");
            x.set("score", typed != results.end() ? typed->second.score : std::string());
            hasOpen = true;
        }
        list.push_back(x);
    }
    v.set("enrolments", list);
    v.set("has_enrolments", !enrolments.empty());
    v.set("has_open", hasOpen);
    v.set("ends_on_text", domain::formatDateText(o.endsOn));
    v.set("enrolled_text", domain::countOf(static_cast<long long>(enrolled.size()), "officer enrolled", "officers enrolled"));
    const bool manage = auth::allows(ctx.actor().role, Permission::ManageOfficers);
    v.set("can_manage", manage);
    if (manage) {
        if (auto station = enrolmentStation(ctx, o)) {
            View candidates = View::type::list;
            for (const auto& off : store::TrainingStore(ctx.services.db).officersAt(ctx.actor(), station->id)) {
                if (enrolled.count(off.facts.officerId)) continue;
                View x;
                x.set("value", std::to_string(off.facts.officerId));
                x.set("label", off.surname + ", " + off.otherNames);
                x.set("detail", off.serviceNumber + " · " + off.rankName);
                x.set("checked", chosen.count(off.facts.officerId) > 0);
                candidates.push_back(x);
            }
            v.set("candidates", candidates);
            v.set("station", station->name);
            v.set("station_id", std::to_string(station->id));
        }
        v.set("csrf_token", ctx.user->csrfToken);
    }
    http::addFormErrors(v, errors, {"officer_id", "result"});
    return ctx.page("training/offering", o.moduleCode + " offering", v, status);
}

Response showOffering(RequestContext& ctx) { return offeringPage(ctx, requireOffering(ctx), {}, {}, 200); }

// Officers of `ids` lacking a prerequisite of the module, as "Surname (CODE, CODE)".
std::string missingPrerequisites(RequestContext& ctx, const store::OfferingRecord& o, const std::vector<std::int64_t>& ids) {
    store::TrainingStore training(ctx.services.db);
    const auto module = training.findModule(o.moduleId);
    if (!module || module->prerequisites.empty()) return "";
    std::map<std::int64_t, std::string> codes;
    for (const auto& m : training.modules()) codes[m.id] = m.fields.code;
    std::string out;
    for (auto id : ids) {
        std::vector<domain::Completion> done;
        for (const auto& c : training.completionsOf(ctx.actor(), id)) done.push_back(c.completion);
        const auto missing = domain::missingPrerequisites(module->prerequisites, done);
        if (missing.empty()) continue;
        const auto who = training.officer(ctx.actor(), id);
        std::string list;
        for (auto m : missing) list += (list.empty() ? "" : ", ") + codes[m];
        out += std::string(out.empty() ? "" : "; ") + (who ? who->surname + ", " + who->otherNames : std::to_string(id)) +
               " has not passed " + list;
    }
    return out;
}

Response enrol(RequestContext& ctx) {
    const auto o = requireOffering(ctx);
    const auto& r = ctx.request;
    store::TrainingOfferingStore offerings(ctx.services.db);
    std::vector<std::int64_t> ids;
    std::string how;
    if (r.formParam("bulk") == "due") {
        // Every officer of the station who is overdue, expired or due within 60 days: the
        // station the form names (the compliance page's), else the offering's own.
        const std::string named = r.formParam("station");
        const auto station = named.empty() ? enrolmentStation(ctx, o) : requireTrainingStation(ctx, named);
        if (!station) throw domain::ValidationError("officer_id", "Open the offering from a station to enrol its officers.");
        store::TrainingStore training(ctx.services.db);
        const auto module = training.findModule(o.moduleId);
        std::vector<domain::Requirement> rules;
        for (const auto& rr : training.requirements()) rules.push_back(rr.rule);
        std::map<std::int64_t, std::vector<domain::Completion>> done;
        for (const auto& c : training.completionsAt(ctx.actor(), station->id)) done[c.officerId].push_back(c.completion);
        std::vector<domain::ComplianceCell> cells;
        for (const auto& off : training.officersAt(ctx.actor(), station->id)) {
            cells.push_back({off.facts.officerId, domain::moduleCompliance(module->rules(), rules, off.facts,
                                                                           done[off.facts.officerId], ctx.today())});
        }
        ids = domain::bulkEnrolmentCandidates(cells, offerings.enrolled(o.id), ctx.today());
        if (ids.empty()) {
            ctx.flash("success", "Nobody at " + station->name + " is overdue or due within 60 days for " + o.moduleCode + ".");
            return Response::redirect("/training/offerings/" + std::to_string(o.id));
        }
        how = "bulk: overdue or due within 60 days at " + station->code;
    } else {
        std::set<std::int64_t> chosen;
        auto [from, to] = r.form.equal_range("officer_id");
        for (auto it = from; it != to; ++it) {
            if (auto id = positiveNumber(it->second)) chosen.insert(id);
        }
        ids.assign(chosen.begin(), chosen.end());
        how = "chosen";
    }
    std::set<std::int64_t> chosenSet(ids.begin(), ids.end());
    if (const auto missing = missingPrerequisites(ctx, o, ids); !missing.empty()) {
        return offeringPage(ctx, o, chosenSet, {{"officer_id", "Prerequisites first: " + missing + "."}}, 400);
    }
    try {
        const auto n = ctx.write(ctx.auditEvent("training.enrol", "training_offering", std::to_string(o.id), "success",
                                                domain::countOf(static_cast<long long>(ids.size()), "officer", "officers") +
                                                    " enrolled in " + o.moduleCode + " (" + how + ")"),
                                 [&](store::Tx& tx, domain::AuditEvent&) {
                                     return offerings.enrol(tx, ctx.actor().scopePath, o.id, ids, ctx.actor().userId);
                                 });
        ctx.flash("success", domain::countOf(n, "officer", "officers") + " enrolled in " + o.moduleCode + ".");
    } catch (const domain::ValidationError& e) {
        return offeringPage(ctx, o, chosenSet, e.fieldErrors(), 400);
    }
    return Response::redirect("/training/offerings/" + std::to_string(o.id));
}

Response withdraw(RequestContext& ctx) {
    const auto o = requireOffering(ctx);
    const std::string raw = ctx.request.pathParam("enrolment");
    const auto id = positiveNumber(raw);
    bool open = false;
    for (const auto& e : store::TrainingOfferingStore(ctx.services.db).enrolments(o.id)) {
        open = open || (e.id == id && e.status == "enrolled" && e.attendance.empty());
    }
    if (!open) ctx.notFound("training_enrolment", raw.substr(0, 20));
    ctx.write(ctx.auditEvent("training.withdraw", "training_offering", std::to_string(o.id), "success",
                             "enrolment " + std::to_string(id) + " withdrawn from " + o.moduleCode),
              [&](store::Tx& tx, domain::AuditEvent&) {
                  store::TrainingOfferingStore(ctx.services.db).withdraw(tx, ctx.actor().scopePath, o.id, id);
              });
    ctx.flash("success", "Withdrawn; the place is free.");
    return Response::redirect("/training/offerings/" + std::to_string(o.id));
}

// Results for every enrolled officer without one: result_<enrolment> = pass, fail or absent,
// score_<enrolment> optional. Dated the offering's last day; one transaction, one audit event.
Response recordResults(RequestContext& ctx) {
    const auto o = requireOffering(ctx);
    const auto& r = ctx.request;
    const auto module = store::TrainingStore(ctx.services.db).findModule(o.moduleId);
    const int passMark = std::stoi(module->fields.passMark);
    std::map<std::int64_t, store::EnrolmentResult> typed;
    std::vector<store::EnrolmentResult> results;
    std::string problem;
    for (const auto& e : store::TrainingOfferingStore(ctx.services.db).enrolments(o.id)) {
        if (e.status != "enrolled" || !e.attendance.empty()) continue;
        store::EnrolmentResult res{e.id, r.formParam("result_" + std::to_string(e.id)), r.formParam("score_" + std::to_string(e.id))};
        typed[e.id] = res;
        if (res.outcome.empty() && res.score.empty()) continue;  // not entered yet
        if (auto p = domain::resultProblem(res.outcome, res.score, passMark)) {
            problem += (problem.empty() ? "" : " ") + e.surname + ", " + e.otherNames + ": " + *p;
        }
        results.push_back(res);
    }
    if (results.empty() && problem.empty()) problem = "Enter a result for at least one officer.";
    if (!problem.empty()) return offeringPage(ctx, o, {}, {{"result", problem}}, 400, typed);
    if (ctx.today() < o.endsOn) {
        return offeringPage(ctx, o, {}, {{"result", "Enter results once the offering has ended (" +
                                                        domain::formatDateText(o.endsOn) + ")."}}, 400, typed);
    }
    int passes = 0;
    for (const auto& res : results) passes += res.outcome == "pass";
    ctx.write(ctx.auditEvent("training.results", "training_offering", std::to_string(o.id), "success",
                             o.moduleCode + ": " + domain::countOf(static_cast<long long>(results.size()), "result", "results") +
                                 ", " + std::to_string(passes) + " passed"),
              [&](store::Tx& tx, domain::AuditEvent&) {
                  store::TrainingOfferingStore(ctx.services.db)
                      .recordResults(tx, ctx.actor().scopePath, o.id, o.moduleId, o.endsOn, results, ctx.actor().userId);
              });
    ctx.flash("success", domain::countOf(static_cast<long long>(results.size()), "result", "results") + " recorded, " +
                             std::to_string(passes) + " passed.");
    return Response::redirect("/training/offerings/" + std::to_string(o.id));
}

}  // namespace

void addTrainingOfferingRoutes(http::Router& router) {
    router.add("POST", "/training/offerings/{id}/enrolments/{enrolment}/withdraw", Permission::ManageOfficers, withdraw);
    router.add("POST", "/training/offerings/{id}/results", Permission::ManageOfficers, recordResults);
    router.add("GET", "/training/offerings", Permission::ReadOfficers, listOfferings);
    router.add("GET", "/training/offerings/new", Permission::ManageOfficers, newOffering);
    router.add("POST", "/training/offerings/new", Permission::ManageOfficers, createOffering);
    router.add("GET", "/training/offerings/{id}", Permission::ReadOfficers, showOffering);
    router.add("POST", "/training/offerings/{id}/enrolments", Permission::ManageOfficers, enrol);
}

}  // namespace kituo::handlers
