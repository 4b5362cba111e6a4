// Recording training results (HR): a whole class at once — one module, one date, the officers
// of a station who attended, with the evidence (a partner's letter, the class register). One
// transaction and one audit event for the class; a pass updates compliance at once. And the
// certificates of passes: printable, and verifiable by anyone with the code.
#include "handlers/Handlers.h"

#include "domain/Errors.h"
#include "domain/Officer.h"
#include "domain/Time.h"
#include "domain/TrainingActions.h"
#include "domain/Words.h"
#include "handlers/TrainingViews.h"
#include "handlers/ViewHelpers.h"
#include "http/RefusalCounter.h"
#include "http/RequestContext.h"
#include "http/ViewBuild.h"
#include "store/TrainingReminderStore.h"
#include "store/TrainingStore.h"

#include <algorithm>
#include <cctype>
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

// A certificate's view: who, what, when, until when, and the code to verify it. `valid` and
// the until date come from the module's rules over the officer's passes up to this one, so a
// certificate always shows its own completion's dates (a newer pass has its own certificate).
View certificateView(RequestContext& ctx, const store::CertificateRecord& c, const store::TrainingModuleRecord& m) {
    View v;
    v.set("name", c.surname + ", " + c.otherNames);
    v.set("service_number", c.serviceNumber);
    v.set("rank", c.rankName);
    v.set("station", c.stationName);
    v.set("module_code", m.fields.code);
    v.set("module_title", m.fields.title);
    v.set("hours", m.fields.hours);
    v.set("completed", domain::formatDateText(c.completedOn));
    const auto until = domain::validUntil(m.rules(), c.passesUpTo);
    v.set("valid_until", until ? domain::formatDateText(*until) : std::string("does not expire"));
    const bool valid = !until || ctx.today() <= *until;
    v.set("valid", valid);
    v.set("status_text", valid ? std::string("Valid") : "Expired on " + domain::formatDateText(*until));
    v.set("code", c.code);
    return v;
}

Response showCertificate(RequestContext& ctx) {
    store::TrainingStore training(ctx.services.db);
    const auto c = requireVisible(ctx, "training_completion", [&](std::int64_t id) { return training.certificate(ctx.actor(), id); });
    const auto m = training.findModule(c.moduleId);
    View v = certificateView(ctx, c, *m);
    v.set("verify_url", "/training/certificates/verify?code=" + c.code);
    v.set("officer_href", "/officers/" + std::to_string(c.officerId));
    v.set("printed_at", domain::formatEatText(ctx.now()));
    v.set("printed_by", ctx.actor().displayName + " (" + ctx.actor().username + ")");
    ctx.audit("training.certificate_print", "training_completion", std::to_string(c.completionId), "success",
              m->fields.code + " for " + c.serviceNumber);
    return ctx.page("training/certificate", "Certificate " + m->fields.code + " " + c.serviceNumber, v);
}

// Public: anyone holding a printed certificate checks it. Rate-limited per address; every
// check is audited (the code, found or not).
Response verifyCertificate(RequestContext& ctx) {
    const std::string raw = ctx.request.queryParam("code");
    std::string code;
    for (char ch : raw) {
        if (ch != ' ' && ch != '-') code += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
    View v;
    v.set("code", raw.substr(0, 40));
    if (code.empty()) return ctx.page("training/verify", "Verify a certificate", v);
    if (!ctx.services.certificateChecks.count(ctx.request.clientAddress, "certificate.verify")) {
        v.set("throttled", true);
        Response r = ctx.page("training/verify", "Verify a certificate", v, 429);
        r.headers.emplace_back("Retry-After", std::to_string(ctx.services.config.anonymousSummarySec));
        return r;
    }
    store::TrainingStore training(ctx.services.db);
    const auto c = code.size() <= 20 ? training.certificateByCode(code) : std::nullopt;
    if (!c) {
        ctx.audit("training.certificate_verify", "training_completion", "", "unknown", "code " + code.substr(0, 20));
        v.set("unknown", true);
        return ctx.page("training/verify", "Verify a certificate", v, 404);
    }
    const auto m = training.findModule(c->moduleId);
    View found = certificateView(ctx, *c, *m);
    ctx.audit("training.certificate_verify", "training_completion", std::to_string(c->completionId), "success",
              "code " + code + ": " + found.get("status_text")->string_value());
    v.set("certificate", found);
    return ctx.page("training/verify", "Verify a certificate", v);
}

// The reminders of the last 30 days within the actor's scope, newest first.
Response listReminders(RequestContext& ctx) {
    const auto since = domain::addDays(ctx.today(), -30);
    const auto reminders = store::TrainingReminderStore(ctx.services.db).recent(ctx.actor(), since);
    View rows = View::type::list;
    for (const auto& r : reminders) {
        View x;
        x.set("officer_href", "/officers/" + std::to_string(r.officerId));
        x.set("name", r.surname + ", " + r.otherNames);
        x.set("service_number", r.serviceNumber);
        x.set("station", r.stationName);
        x.set("module", r.moduleCode + " " + r.moduleTitle);
        x.set("what", r.threshold == 0 ? "Overdue since " + domain::formatDateText(r.deadline)
                                       : "Expires in " + domain::countOf(r.threshold, "day", "days") + " or less (" +
                                             domain::formatDateText(r.deadline) + ")");
        x.set("overdue", r.threshold == 0);
        x.set("created", domain::formatDateText(r.createdOn));
        rows.push_back(x);
    }
    View v;
    v.set("reminders", rows);
    v.set("has_reminders", !reminders.empty());
    v.set("count_text", domain::countOf(static_cast<long long>(reminders.size()), "reminder", "reminders"));
    v.set("scope_name", ctx.actor().orgUnitName);
    return ctx.page("training/reminders", "Retraining reminders", v);
}

}  // namespace

int countRecentReminders(RequestContext& ctx) {
    return store::TrainingReminderStore(ctx.services.db)
        .countRecent(ctx.actor(), domain::addDays(ctx.today(), -7), ctx.dataVersion("reminders"));
}

void addTrainingRecordRoutes(http::Router& router) {
    router.add("GET", "/training/reminders", Permission::ReadOfficers, listReminders);
    router.add("GET", "/training/certificates/verify", Permission::Public, verifyCertificate);
    router.add("GET", "/training/certificates/{id}", Permission::ReadOfficers, showCertificate);
    router.add("GET", "/training/completions/new", Permission::ManageOfficers, newEntry);
    router.add("POST", "/training/completions/new", Permission::ManageOfficers, postEntry);
}

}  // namespace kituo::handlers
