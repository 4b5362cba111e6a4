// Reservists' retraining: the station matrix of reservists x the modules the catalogue
// requires of every reservist (/reservists/training), the panel on a reservist's page with
// the form that records a completion (POST /reservists/{id}/training), and the reservists on
// a module's roster. States come from domain::moduleCompliance, as officers' do.
#include "handlers/Handlers.h"

#include "auth/Policy.h"
#include "domain/Errors.h"
#include "domain/Time.h"
#include "domain/Words.h"
#include "handlers/ReserveViews.h"
#include "handlers/ViewHelpers.h"
#include "http/RequestContext.h"
#include "http/ViewBuild.h"
#include "store/OrgStore.h"
#include "store/ReservistTrainingStore.h"
#include "store/TrainingStore.h"

#include <map>

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

struct ReserveCatalogue {
    std::vector<store::TrainingModuleRecord> modules;  // those with a rule of every reservist
    std::vector<domain::Requirement> rules;
};

ReserveCatalogue reserveCatalogue(RequestContext& ctx) {
    const auto version = ctx.dataVersion("training");
    store::TrainingStore training(ctx.services.db);
    ReserveCatalogue c;
    std::map<std::int64_t, bool> required;
    for (const auto& r : training.requirements(0, version)) {
        c.rules.push_back(r.rule);
        if (r.rule.kind == domain::RequirementKind::Reservists) required[r.rule.moduleId] = true;
    }
    for (auto& m : training.modules(version)) {
        if (required.count(m.id)) c.modules.push_back(std::move(m));
    }
    return c;
}

domain::ModuleCompliance stateOf(const ReserveCatalogue& cat, const store::TrainingModuleRecord& m,
                                 std::int64_t reservistId, const std::string& enlisted,
                                 const std::vector<domain::Completion>& done, const std::string& today) {
    domain::OfficerTrainingFacts facts;
    facts.officerId = reservistId;
    facts.reservist = true;
    facts.enlistmentDate = enlisted;
    return domain::moduleCompliance(m.rules(), cat.rules, facts, done, today);
}

std::string stateDate(const domain::ModuleCompliance& s) {
    if (s.validUntil) return "until " + domain::formatDateText(*s.validUntil);
    if (s.dueBy) return "due " + domain::formatDateText(*s.dueBy);
    return "";
}

void putState(View& cell, const domain::ModuleCompliance& s) {
    const std::string date = stateDate(s);
    http::put(cell, "key", domain::complianceKey(s.state));
    http::put(cell, "label", domain::complianceLabel(s.state));
    http::put(cell, "date", date);
    http::put(cell, "has_date", !date.empty());
}

std::int64_t stationOf(RequestContext& ctx) {
    const std::string raw = ctx.request.queryParam("station");
    store::OrgStore org(ctx.services.db);
    const auto id = raw.empty() ? ctx.actor().orgUnitId : positiveNumber(raw);
    const auto unit = id ? org.findWithin(ctx.actor().scopePath, id) : std::nullopt;
    if (unit && unit->kind == domain::OrgKind::Station) return id;
    if (!raw.empty()) ctx.notFound("station", raw.substr(0, 20));
    return 0;
}

Response matrix(RequestContext& ctx) {
    const auto stationId = stationOf(ctx);
    const std::string today = ctx.today();
    View v;
    http::put(v, "stations", stationOptions(ctx, stationId));
    http::put(v, "has_station", stationId != 0);
    const auto cat = reserveCatalogue(ctx);
    View& heads = http::putList(v, "modules", cat.modules.size());
    for (const auto& m : cat.modules) {
        View& h = http::addObject(heads);
        http::put(h, "code", m.fields.code);
        http::put(h, "title", m.fields.title);
        http::put(h, "href", "/training/modules/" + std::to_string(m.id));
    }
    http::put(v, "has_modules", !cat.modules.empty());
    if (stationId) {
        store::ReservistTrainingStore store(ctx.services.db);
        std::map<std::int64_t, std::vector<domain::Completion>> done;
        for (const auto& c : store.completionsAt(ctx.actor(), stationId)) {
            done[c.reservistId].push_back({c.moduleId, c.completedOn, c.passed});
        }
        const auto people = store.activeAt(ctx.actor(), stationId);
        std::map<std::string, int> tally;
        View& rows = http::putList(v, "rows", people.size());
        for (const auto& p : people) {
            View& row = http::addObject(rows);
            http::put(row, "id", std::to_string(p.id));
            http::put(row, "name", p.name);
            http::put(row, "number", p.number);
            View& cells = http::putList(row, "cells", cat.modules.size());
            for (const auto& m : cat.modules) {
                const auto s = stateOf(cat, m, p.id, p.enlistmentDate, done[p.id], today);
                ++tally[domain::complianceLabel(s.state)];
                putState(http::addObject(cells), s);
            }
        }
        std::string summary;
        for (const auto& [label, n] : tally) summary += (summary.empty() ? "" : ", ") + std::to_string(n) + " " + label;
        http::put(v, "count_text", domain::countOf(static_cast<long long>(people.size()), "active reservist", "active reservists") +
                                       (summary.empty() ? "" : ": " + summary));
        http::put(v, "has_rows", !people.empty());
        http::put(v, "station", store::OrgStore(ctx.services.db).findWithin(ctx.actor().scopePath, stationId)->name);
    }
    return ctx.page("reservists/training", "Reservists' retraining", v);
}

Response record(RequestContext& ctx) {
    const auto r = requireReservist(ctx);
    const auto& req = ctx.request;
    std::map<std::string, std::string> values;
    for (const char* k : {"training_module_id", "completed_on", "passed", "score", "evidence_reference"}) values[k] = req.formParam(k);
    std::map<std::string, std::string> errors;
    store::ReservistCompletion entry;
    entry.moduleId = positiveNumber(values["training_module_id"]);
    if (!entry.moduleId) errors["training_module_id"] = "Choose the module.";
    const auto on = domain::parseDateInput(values["completed_on"]);
    if (!on || *on > ctx.today()) errors["completed_on"] = "Enter the date the module was completed, like 17/04/2026, not in the future.";
    else if (*on < r.fields.enlistmentDate) errors["completed_on"] = "The reservist enlisted on " + domain::formatDateText(r.fields.enlistmentDate) + ": record training from then on.";
    else entry.completedOn = *on;
    if (values["passed"] != "1" && values["passed"] != "0") errors["passed"] = "Say whether the reservist passed.";
    entry.passed = values["passed"] == "1";
    if (!values["score"].empty()) {
        const bool digits = values["score"].size() <= 3 && values["score"].find_first_not_of("0123456789") == std::string::npos;
        if (!digits || std::stoi(values["score"]) > 100) errors["score"] = "Enter the score as 0 to 100, or leave it empty.";
        else entry.score = std::stoi(values["score"]);
    }
    if (auto m = domain::lineTextError(values["evidence_reference"], "evidence reference", 100, true)) {
        errors["evidence_reference"] = *m + " (the attendance register or certificate number)";
    }
    entry.evidence = values["evidence_reference"];
    if (errors.empty()) {
        try {
            ctx.write(ctx.auditEvent("reservist.training", "reservist", std::to_string(r.id), "success",
                                     "module " + values["training_module_id"] + " on " + entry.completedOn +
                                         (entry.passed ? ", passed" : ", failed")),
                      [&](store::Tx& tx, domain::AuditEvent&) {
                          store::ReservistTrainingStore(ctx.services.db).record(tx, ctx.actor(), r.id, entry);
                      });
            ctx.flash("success", "Training recorded.");
            return Response::redirect("/reservists/" + std::to_string(r.id) + "#training");
        } catch (const domain::ValidationError& e) {
            errors = e.fieldErrors();
        } catch (const domain::NotFound& e) {
            ctx.notFound(e.what(), std::to_string(r.id));
        }
    }
    std::map<std::string, std::string> kept;
    for (const auto& [k, val] : values) kept["training." + k] = val;
    return reservistPage(ctx, r, kept, errors, 400);
}

}  // namespace

void addReservistTrainingPanel(RequestContext& ctx, View& v, const store::ReservistRecord& r,
                               const std::map<std::string, std::string>& values,
                               const std::map<std::string, std::string>& errors) {
    const auto cat = reserveCatalogue(ctx);
    const auto history = store::ReservistTrainingStore(ctx.services.db).forReservist(ctx.actor(), r.id);
    std::vector<domain::Completion> done;
    for (const auto& c : history) done.push_back({c.moduleId, c.completedOn, c.passed});
    View& states = http::putList(v, "training", cat.modules.size());
    for (const auto& m : cat.modules) {
        View& row = http::addObject(states);
        http::put(row, "code", m.fields.code);
        http::put(row, "title", m.fields.title);
        http::put(row, "href", "/training/modules/" + std::to_string(m.id));
        putState(row, stateOf(cat, m, r.id, r.fields.enlistmentDate, done, ctx.today()));
    }
    http::put(v, "has_training", !cat.modules.empty());
    std::map<std::int64_t, std::string> codes;
    Choices options;
    for (const auto& m : store::TrainingStore(ctx.services.db).modules(ctx.dataVersion("training"))) {
        codes[m.id] = m.fields.code;
        options.emplace_back(std::to_string(m.id), m.fields.code + " " + m.fields.title);
    }
    View& rows = http::putList(v, "training_history", history.size());
    for (const auto& c : history) {
        View& row = http::addObject(rows);
        http::put(row, "code", codes[c.moduleId]);
        http::put(row, "on", domain::formatDateText(c.completedOn));
        http::put(row, "result", (c.passed ? std::string("Passed") : std::string("Not passed")) +
                                     (c.score ? " (" + std::to_string(*c.score) + ")" : std::string()));
        http::put(row, "evidence", c.evidence);
    }
    http::put(v, "has_training_history", !history.empty());
    if (!auth::allows(ctx.actor().role, Permission::ManageReservists)) return;
    auto value = [&](const std::string& k, const std::string& fallback = "") {
        auto it = values.find("training." + k);
        return it == values.end() ? fallback : it->second;
    };
    View& fields = http::putList(v, "training_fields", 5);
    auto add = [&](FieldSpec spec, const std::string& fallback = "") {
        const std::string name = spec.name;
        http::listItems(fields).push_back(fieldView(spec, value(name, fallback), errors));
    };
    add({"training_module_id", "Module", "select", "", options, "Choose…"});
    add({"completed_on", "Completed on", "date", "for example 17/04/2026"}, ctx.today());
    add({"passed", "Result", "select", "", {{"1", "Passed"}, {"0", "Not passed"}}, "Choose…"});
    add({"score", "Score", "number", "0 to 100, optional"});
    add({"evidence_reference", "Evidence", "text", "attendance register or certificate number"});
    http::put(v, "can_record_training", true);
}

void addReservistModuleRoster(RequestContext& ctx, View& v, const store::TrainingModuleRecord& m, std::int64_t stationId) {
    if (!auth::allows(ctx.actor().role, Permission::ReadReservists)) return;
    const auto cat = reserveCatalogue(ctx);
    store::ReservistTrainingStore store(ctx.services.db);
    std::map<std::int64_t, std::vector<domain::Completion>> done;
    for (const auto& c : store.completionsAt(ctx.actor(), stationId)) done[c.reservistId].push_back({c.moduleId, c.completedOn, c.passed});
    View& rows = http::putList(v, "reservist_roster", 16);
    for (const auto& p : store.activeAt(ctx.actor(), stationId)) {
        const auto s = stateOf(cat, m, p.id, p.enlistmentDate, done[p.id], ctx.today());
        if (s.state == domain::ComplianceState::NotRequired && !s.lastCompleted) continue;
        View& row = http::addObject(rows);
        http::put(row, "id", std::to_string(p.id));
        http::put(row, "name", p.name);
        http::put(row, "number", p.number);
        putState(row, s);
        http::put(row, "last", s.lastCompleted ? domain::formatDateText(*s.lastCompleted) : std::string("never"));
    }
    const auto count = static_cast<long long>(rows.list_value().size());
    http::put(v, "has_reservist_roster", count > 0);
    http::put(v, "reservist_roster_count", domain::countOf(count, "reservist", "reservists"));
}

void addReservistTrainingRoutes(http::Router& router) {
    router.add("GET", "/reservists/training", Permission::ReadReservists, matrix);
    router.add("POST", "/reservists/{id}/training", Permission::ManageReservists, record);
}

}  // namespace kituo::handlers
