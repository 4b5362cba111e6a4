// Recording training results (HR): a whole class at once — one module, one date, the officers
// of a station who attended, with the evidence (a partner's letter, the class register). One
// transaction and one audit event for the class; a pass updates compliance at once.
#include "handlers/Handlers.h"

#include "domain/Errors.h"
#include "domain/Time.h"
#include "domain/TrainingActions.h"
#include "domain/Words.h"
#include "handlers/TrainingViews.h"
#include "handlers/ViewHelpers.h"
#include "http/RequestContext.h"
#include "http/ViewBuild.h"
#include "store/TrainingStore.h"

#include <algorithm>
#include <set>

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

const std::vector<std::string> kFields = {"module_id", "completed_on", "passed", "score", "evidence_reference",
                                          "officer_id"};

domain::OrgUnit requireStation(RequestContext& ctx) {
    auto station = trainingStation(ctx);
    if (!station) throw domain::ValidationError("station", "Choose a station from the compliance page first.");
    return *station;
}

Response entryForm(RequestContext& ctx, const domain::OrgUnit& station, const domain::CompletionEntry& in,
                   const std::string& rawDate, const domain::FieldErrors& errors, int status) {
    store::TrainingStore training(ctx.services.db);
    View v;
    v.set("station", station.name);
    v.set("station_id", std::to_string(station.id));
    v.set("modules", selectOptions(training.modules(), [](const auto& m) { return std::to_string(m.id); },
                                   [](const auto& m) { return m.fields.code + " " + m.fields.title; },
                                   in.moduleId ? std::to_string(in.moduleId) : std::string()));
    v.set("completed_on", rawDate);
    v.set("passed_yes", in.passed);
    v.set("passed_no", !in.passed);
    v.set("score", in.score);
    v.set("evidence_reference", in.evidence);
    const std::set<std::int64_t> chosen(in.officerIds.begin(), in.officerIds.end());
    View officers = View::type::list;
    for (const auto& o : training.officersAt(ctx.actor(), station.id)) {
        View x;
        x.set("value", std::to_string(o.facts.officerId));
        x.set("label", o.surname + ", " + o.otherNames);
        x.set("detail", o.serviceNumber + " · " + o.rankName + (o.unitName.empty() ? "" : " · " + o.unitName));
        x.set("checked", chosen.count(o.facts.officerId) > 0);
        officers.push_back(x);
    }
    v.set("officers", officers);
    v.set("csrf_token", ctx.user->csrfToken);
    http::addFormErrors(v, errors, kFields);
    return ctx.page("training/record", "Record a class's results", v, status);
}

Response newEntry(RequestContext& ctx) {
    const auto station = requireStation(ctx);
    domain::CompletionEntry in;
    return entryForm(ctx, station, in, ctx.today(), {}, 200);
}

Response postEntry(RequestContext& ctx) {
    const auto station = requireStation(ctx);
    const auto& r = ctx.request;
    domain::CompletionEntry in;
    in.moduleId = positiveNumber(r.formParam("module_id"));
    const std::string rawDate = r.formParam("completed_on");
    in.completedOn = domain::parseDateInput(rawDate).value_or(rawDate);
    in.passed = r.formParam("passed") != "no";
    in.score = r.formParam("score");
    in.evidence = r.formParam("evidence_reference");
    std::set<std::int64_t> ids;
    auto [from, to] = r.form.equal_range("officer_id");
    for (auto it = from; it != to; ++it) {
        if (auto id = positiveNumber(it->second)) ids.insert(id);
    }
    in.officerIds.assign(ids.begin(), ids.end());
    store::TrainingStore training(ctx.services.db);
    const auto module = in.moduleId ? training.findModule(in.moduleId) : std::nullopt;
    const auto passMark = module ? std::optional<int>(std::stoi(module->fields.passMark)) : std::nullopt;
    auto errors = domain::completionEntryErrors(in, passMark, ctx.today());
    if (errors.empty()) {
        try {
            const std::string what = domain::countOf(static_cast<long long>(in.officerIds.size()), "officer", "officers") +
                                     (in.passed ? " passed " : " did not pass ") + module->fields.code + " on " +
                                     in.completedOn + ", evidence " + in.evidence;
            ctx.write(ctx.auditEvent("training.completions_record", "training_module", std::to_string(module->id),
                                     "success", station.code + ": " + what),
                      [&](store::Tx& tx, domain::AuditEvent&) {
                          training.recordCompletions(tx, ctx.actor().scopePath, in, "external", ctx.actor().userId);
                      });
            ctx.flash("success", "Recorded: " + what + ".");
            return Response::redirect("/training/compliance?station=" + std::to_string(station.id));
        } catch (const domain::ValidationError& e) {
            errors = e.fieldErrors();
        }
    }
    return entryForm(ctx, station, in, rawDate, errors, 400);
}

}  // namespace

void addTrainingRecordRoutes(http::Router& router) {
    router.add("GET", "/training/completions/new", Permission::ManageOfficers, newEntry);
    router.add("POST", "/training/completions/new", Permission::ManageOfficers, postEntry);
}

}  // namespace kituo::handlers
