// Confidential psychosocial support (counsellors and clinical supervisors only): the
// counsellor's desk of cases, opening a case with the officer's consent, session records with
// their sealed process notes, closing a case, and break-glass with its review. A case the
// viewer may not reach does not exist for them (404, audited as a denied lookup); every read
// of a case, a session or a note is audited without its content. Pages are never cached
// (Response's Cache-Control: no-store) and never fragment-cached.
#include "handlers/Handlers.h"

#include "domain/Errors.h"
#include "domain/Time.h"
#include "domain/Welfare.h"
#include "domain/Words.h"
#include "handlers/ViewHelpers.h"
#include "http/RequestContext.h"
#include "http/ViewBuild.h"
#include "store/WelfareStore.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <map>
#include <set>

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

const std::vector<std::string> kCaseFields = {"service_number", "consent", "consent_reference"};
const std::vector<std::string> kSessionFields = {"counsellor_id", "held_on",       "held_time",  "duration_minutes", "session_type",
                                                 "referral_source", "concerns", "risk_level",       "follow_up_on",
                                                 "referral_out_to", "referral_out_reason", "note"};

store::WelfareStore welfare(RequestContext& ctx) { return store::WelfareStore(ctx.services.db, ctx.services.keys); }

std::string nowUtc(RequestContext& ctx) { return domain::formatUtc(ctx.now()); }

// "2026-11-24 09:30:00" (UTC) as East Africa Time text: "24 Nov 2026, 12:30".
std::string eatText(const std::string& utc) {
    const auto t = domain::parseUtc(utc);
    return t ? domain::formatEatText(*t, false) : utc;
}

std::vector<std::string> allValues(const http::Params& params, const std::string& key) {
    std::vector<std::string> out;
    auto [a, b] = params.equal_range(key);
    for (auto it = a; it != b; ++it) out.push_back(it->second);
    return out;
}

View choiceOptions(const std::vector<domain::Choice>& choices, const std::vector<std::string>& selected) {
    View list = View::type::list;
    for (const auto& [value, label] : choices) {
        View o;
        o.set("value", value);
        o.set("label", label);
        o.set("selected", std::find(selected.begin(), selected.end(), value) != selected.end());
        list.push_back(o);
    }
    return list;
}

std::string accessText(domain::CaseAccess a) {
    switch (a) {
        case domain::CaseAccess::Assigned: return "Your case";
        case domain::CaseAccess::Supervising: return "Supervised";
        case domain::CaseAccess::BreakGlass: return "Emergency access";
        case domain::CaseAccess::None: break;
    }
    return "";
}

View caseRow(const store::CaseRecord& c, const std::string& today) {
    View x;
    x.set("id", std::to_string(c.id));
    x.set("officer", c.officer.name);
    x.set("service_number", c.officer.serviceNumber);
    x.set("station", c.officer.stationName);
    x.set("opened", domain::formatDateText(c.openedOn));
    x.set("status", c.status == "open" ? "Open" : "Closed " + domain::formatDateText(c.closedOn));
    x.set("sessions", domain::countOf(c.sessions, "session", "sessions"));
    x.set("last", c.lastSession.empty() ? std::string("none yet") : eatText(c.lastSession));
    x.set("follow_up", c.nextFollowUp.empty() ? std::string() : domain::formatDateText(c.nextFollowUp));
    x.set("follow_up_overdue", !c.nextFollowUp.empty() && c.nextFollowUp < today && c.status == "open");
    x.set("risk", c.highestRisk.empty() ? std::string() : domain::choiceLabel(domain::riskLevels(), c.highestRisk));
    x.set("high_risk", c.highestRisk == "high" || c.highestRisk == "imminent");
    x.set("access", accessText(c.access));
    return x;
}

// The desk: every case the viewer reaches, with what needs doing first — follow-ups due this
// week or overdue, and high or imminent risk without a follow-up date.
Response listCases(RequestContext& ctx) {
    const auto cases = welfare(ctx).cases(ctx.actor(), nowUtc(ctx));
    const std::string today = ctx.today(), weekEnd = domain::addDays(today, 7);
    View rows = View::type::list, dueWeek = View::type::list, overdue = View::type::list, noFollowUp = View::type::list;
    for (const auto& c : cases) {
        View x = caseRow(c, today);
        rows.push_back(x);
        if (c.status != "open") continue;
        if (!c.nextFollowUp.empty() && c.nextFollowUp < today) overdue.push_back(x);
        else if (!c.nextFollowUp.empty() && c.nextFollowUp <= weekEnd) dueWeek.push_back(x);
        if (c.nextFollowUp.empty() && (c.highestRisk == "high" || c.highestRisk == "imminent")) noFollowUp.push_back(x);
    }
    View v;
    if (ctx.actor().role == domain::Role::ClinicalSupervisor) {
        // The caseload of each counsellor the supervisor reaches a case of: open cases, follow-ups
        // overdue, and open cases whose latest risk is high or imminent.
        struct Load {
            int open = 0, overdue = 0, highRisk = 0;
        };
        std::map<std::string, Load> load;
        for (const auto& c : cases) {
            if (c.status != "open" || c.access != domain::CaseAccess::Supervising) continue;
            for (const auto& name : c.counsellors) {
                auto& l = load[name];
                ++l.open;
                if (!c.nextFollowUp.empty() && c.nextFollowUp < today) ++l.overdue;
                if (c.highestRisk == "high" || c.highestRisk == "imminent") ++l.highRisk;
            }
        }
        View caseload = View::type::list;
        for (const auto& [name, l] : load) {
            View x;
            x.set("counsellor", name);
            x.set("open", std::to_string(l.open));
            x.set("overdue", std::to_string(l.overdue));
            x.set("high_risk", std::to_string(l.highRisk));
            caseload.push_back(x);
        }
        v.set("caseload", caseload);
        v.set("has_caseload", !load.empty());
    }
    v.set("cases", rows);
    v.set("has_cases", !cases.empty());
    v.set("count_text", domain::countOf(static_cast<long long>(cases.size()), "case", "cases"));
    v.set("overdue", overdue);
    v.set("has_overdue", !overdue.list_value().empty());
    v.set("due_week", dueWeek);
    v.set("has_due_week", !dueWeek.list_value().empty());
    v.set("no_follow_up", noFollowUp);
    v.set("has_no_follow_up", !noFollowUp.list_value().empty());
    v.set("can_open", ctx.actor().role == domain::Role::Counsellor);
    v.set("is_supervisor", ctx.actor().role == domain::Role::ClinicalSupervisor);
    ctx.audit("welfare.cases_list", "welfare_case", "", "success", domain::countOf(static_cast<long long>(cases.size()), "case", "cases"));
    return ctx.page("welfare/cases", "Counselling cases", v);
}

Response caseForm(RequestContext& ctx, const domain::CaseInput& in, const domain::FieldErrors& errors, int status) {
    View v;
    v.set("service_number", in.serviceNumber);
    v.set("consent", in.consent);
    v.set("consent_reference", in.consentReference);
    v.set("csrf_token", ctx.user->csrfToken);
    http::addFormErrors(v, errors, kCaseFields);
    return ctx.page("welfare/case_new", "Open a case", v, status);
}

Response newCase(RequestContext& ctx) {
    if (ctx.actor().role != domain::Role::Counsellor) throw domain::Forbidden("counsellors open cases");
    return caseForm(ctx, {}, {}, 200);
}

Response createCase(RequestContext& ctx) {
    if (ctx.actor().role != domain::Role::Counsellor) throw domain::Forbidden("counsellors open cases");
    const auto& r = ctx.request;
    domain::CaseInput in{r.formParam("service_number"), r.formParam("consent") == "yes", r.formParam("consent_reference")};
    auto errors = domain::caseFieldErrors(in);
    std::optional<store::WelfareOfficer> officer;
    if (!errors.count("service_number")) {
        officer = welfare(ctx).officerByServiceNumber(ctx.actor(), in.serviceNumber);
        if (!officer) errors["service_number"] = "No officer with this service number serves within your area.";
    }
    if (!errors.empty()) return caseForm(ctx, in, errors, 400);
    const auto id = ctx.write(ctx.auditEvent("welfare.case_open", "welfare_case", "", "success", "case opened with consent"),
                              [&](store::Tx& tx, domain::AuditEvent& e) {
                                  const auto newId = welfare(ctx).openCase(tx, ctx.actor(), *officer,
                                                                           in.consentReference, ctx.today());
                                  e.recordId = std::to_string(newId);
                                  return newId;
                              });
    ctx.flash("success", "Case opened. Record the first session below.");
    return Response::redirect("/welfare/cases/" + std::to_string(id));
}

store::CaseRecord requireCase(RequestContext& ctx) {
    return requireVisible(ctx, "welfare_case", [&](std::int64_t id) { return welfare(ctx).findCase(ctx.actor(), id, nowUtc(ctx)); });
}

View sessionRow(const store::WelfareSessionRecord& s) {
    View x;
    x.set("id", std::to_string(s.id));
    x.set("held", eatText(s.heldAt));
    x.set("duration", std::to_string(s.durationMinutes) + " min");
    x.set("type", domain::choiceLabel(domain::sessionTypes(), s.sessionType));
    x.set("referral", domain::choiceLabel(domain::referralSources(), s.referralSource));
    std::string concerns;
    for (const auto& c : s.concerns) concerns += (concerns.empty() ? "" : ", ") + domain::choiceLabel(domain::concernCategories(), c);
    x.set("concerns", concerns);
    x.set("risk", domain::choiceLabel(domain::riskLevels(), s.riskLevel));
    x.set("high_risk", s.riskLevel == "high" || s.riskLevel == "imminent");
    x.set("follow_up", s.followUpOn.empty() ? std::string("none") : domain::formatDateText(s.followUpOn));
    x.set("referral_out_to", s.referralOutTo);
    x.set("referral_out_reason", s.referralOutReason);
    x.set("recorded_by", s.recordedBy);
    x.set("has_note", s.hasNote);
    return x;
}

// The case page, with the session form (errors and input kept when `errors` is not empty).
Response casePage(RequestContext& ctx, const store::CaseRecord& c, const domain::SessionInput& in,
                  const domain::FieldErrors& errors, int status) {
    auto store = welfare(ctx);
    const std::string now = nowUtc(ctx);
    View v;
    v.set("id", std::to_string(c.id));
    v.set("officer", c.officer.name);
    v.set("service_number", c.officer.serviceNumber);
    v.set("station", c.officer.stationName);
    v.set("opened", domain::formatDateText(c.openedOn));
    v.set("consent_reference", c.consentReference);
    v.set("open", c.status == "open");
    v.set("purged", c.purged);
    v.set("closed_text", c.status == "open" ? std::string()
                                            : "Closed " + domain::formatDateText(c.closedOn) + ": " +
                                                  domain::choiceLabel(domain::caseOutcomes(), c.outcome));
    std::string counsellors;
    for (const auto& name : c.counsellors) counsellors += (counsellors.empty() ? "" : ", ") + name;
    v.set("counsellors", counsellors);
    v.set("access", accessText(c.access));
    v.set("break_glass_access", c.access == domain::CaseAccess::BreakGlass);
    v.set("assigned", c.access == domain::CaseAccess::Assigned);
    View sessions = View::type::list;
    for (const auto& s : store.sessions(ctx.actor(), c.id, now)) sessions.push_back(sessionRow(s));
    v.set("has_sessions", !sessions.list_value().empty());
    v.set("sessions", sessions);
    View grants = View::type::list;
    for (const auto& g : store.breakGlassOf(ctx.actor(), c.id, now)) {
        View x;
        x.set("who", g.who);
        x.set("when", eatText(g.grantedAt));
        x.set("until", eatText(g.expiresAt));
        x.set("reason", g.reason);
        x.set("reviewed", g.reviewedBy.empty() ? std::string("waiting for review")
                                                : "reviewed by " + g.reviewedBy + " on " + eatText(g.reviewedAt));
        grants.push_back(x);
    }
    v.set("has_grants", !grants.list_value().empty());
    v.set("grants", grants);
    // The session form.
    v.set("held_on", in.heldOn.empty() ? ctx.today() : in.heldOn);
    v.set("held_time", in.heldTime);
    v.set("duration_minutes", in.durationMinutes);
    v.set("session_types", choiceOptions(domain::sessionTypes(), {in.sessionType}));
    v.set("referral_sources", choiceOptions(domain::referralSources(), {in.referralSource}));
    v.set("concern_options", choiceOptions(domain::concernCategories(), in.concerns));
    v.set("risk_levels", choiceOptions(domain::riskLevels(), {in.riskLevel}));
    v.set("follow_up_on", in.followUpOn);
    v.set("referral_out_to", in.referralOutTo);
    v.set("referral_out_reason", in.referralOutReason);
    v.set("note", in.note);
    v.set("outcomes", choiceOptions(domain::caseOutcomes(), {}));
    if (c.access == domain::CaseAccess::Supervising && c.status == "open") {
        View counsellors = View::type::list;
        for (const auto& [id, name] : store.supervisedCounsellors(ctx.actor())) {
            View o;
            o.set("value", std::to_string(id));
            o.set("label", name);
            counsellors.push_back(o);
        }
        v.set("supervised_counsellors", counsellors);
        v.set("can_assign", !counsellors.list_value().empty());
    }
    v.set("csrf_token", ctx.user->csrfToken);
    http::addFormErrors(v, errors, kSessionFields);
    return ctx.page("welfare/case", "Case " + std::to_string(c.id), v, status);
}

Response showCase(RequestContext& ctx) {
    const auto c = requireCase(ctx);
    ctx.audit("welfare.case_read", "welfare_case", std::to_string(c.id), "success", accessText(c.access));
    return casePage(ctx, c, {}, {}, 200);
}

Response addSession(RequestContext& ctx) {
    const auto c = requireCase(ctx);
    const auto& r = ctx.request;
    domain::SessionInput in;
    in.heldOn = r.formParam("held_on");
    in.heldTime = r.formParam("held_time");
    in.durationMinutes = r.formParam("duration_minutes");
    in.sessionType = r.formParam("session_type");
    in.referralSource = r.formParam("referral_source");
    in.concerns = allValues(r.form, "concerns");
    in.riskLevel = r.formParam("risk_level");
    in.followUpOn = r.formParam("follow_up_on");
    in.referralOutTo = r.formParam("referral_out_to");
    in.referralOutReason = r.formParam("referral_out_reason");
    in.note = r.formParam("note");
    auto errors = domain::sessionFieldErrors(in, ctx.today());
    if (c.status != "open") errors["held_on"] = "This case is closed; open a new case for a new episode of care.";
    if (!errors.empty()) return casePage(ctx, c, in, errors, 400);
    // The time is typed in East Africa Time (UTC+3) and kept in UTC.
    const std::string heldOn = *domain::parseDateInput(in.heldOn);
    const std::string heldAt = domain::formatUtc(*domain::parseUtc(heldOn + " " + in.heldTime + ":00") - 3 * 3600);
    const std::string follow = in.followUpOn.empty() ? std::string() : *domain::parseDateInput(in.followUpOn);
    const auto id = ctx.write(ctx.auditEvent("welfare.session_record", "welfare_session", "", "success",
                                             "case " + std::to_string(c.id) + (in.note.empty() ? "" : ", with a note")),
                              [&](store::Tx& tx, domain::AuditEvent& e) {
                                  const auto newId = welfare(ctx).addSession(tx, ctx.actor(), c.id, in, heldAt, follow,
                                                                             nowUtc(ctx));
                                  e.recordId = std::to_string(newId);
                                  return newId;
                              });
    (void)id;
    ctx.flash("success", "Session recorded.");
    return Response::redirect("/welfare/cases/" + std::to_string(c.id));
}

Response showSession(RequestContext& ctx) {
    const std::string raw = ctx.request.pathParam("id");
    const std::int64_t id = positiveNumber(raw);
    if (id <= 0) ctx.notFound("welfare_session", raw.substr(0, 20));
    std::optional<store::WelfareSessionRecord> s;
    try {
        s = welfare(ctx).session(ctx.actor(), id, nowUtc(ctx));
    } catch (const store::NoteUnreadable& e) {
        Poco::Logger::get("kituo.welfare").error("request %s: the note of session %s cannot be opened: %s",
                                                 ctx.request.requestId, std::to_string(id), std::string(e.what()));
        ctx.audit("welfare.note_read", "welfare_session", std::to_string(id), "failure", "the note could not be opened");
        View v;
        v.set("id", std::to_string(id));
        v.set("request_id", ctx.request.requestId);
        return ctx.page("welfare/note_unreadable", "The note cannot be opened", v, 500);
    }
    if (!s) ctx.notFound("welfare_session", std::to_string(id));
    ctx.audit("welfare.note_read", "welfare_session", std::to_string(id), "success", "case " + std::to_string(s->caseId));
    View v = sessionRow(*s);
    v.set("case_id", std::to_string(s->caseId));
    v.set("note", s->note.value_or(""));
    v.set("has_note", s->note.has_value());
    return ctx.page("welfare/session", "Session", v);
}

Response closeCase(RequestContext& ctx) {
    const auto c = requireCase(ctx);
    const std::string outcome = ctx.request.formParam("outcome");
    if (const auto errors = domain::closeFieldErrors(outcome); !errors.empty()) throw domain::ValidationError(errors);
    if (c.access != domain::CaseAccess::Assigned) ctx.notFound("welfare_case", std::to_string(c.id));
    ctx.write(ctx.auditEvent("welfare.case_close", "welfare_case", std::to_string(c.id), "success", outcome),
              [&](store::Tx& tx, domain::AuditEvent&) {
                  welfare(ctx).closeCase(tx, ctx.actor(), c.id, outcome, ctx.today(), nowUtc(ctx));
              });
    ctx.flash("success", "Case closed.");
    return Response::redirect("/welfare/cases/" + std::to_string(c.id));
}

// A supervisor assigns one of their counsellors to a case they supervise: with `replace` the
// case is transferred to that counsellor alone.
Response assign(RequestContext& ctx, bool replace) {
    const auto c = requireCase(ctx);
    if (c.access != domain::CaseAccess::Supervising) ctx.notFound("welfare_case", std::to_string(c.id));
    const std::int64_t counsellor = positiveNumber(ctx.request.formParam("counsellor_id"));
    if (counsellor <= 0) {
        return casePage(ctx, c, {}, {{"counsellor_id", "Choose one of the counsellors you supervise."}}, 400);
    }
    try {
        ctx.write(ctx.auditEvent(replace ? "welfare.case_transfer" : "welfare.case_assign", "welfare_case",
                                 std::to_string(c.id), "success", "to user " + std::to_string(counsellor)),
                  [&](store::Tx& tx, domain::AuditEvent&) {
                      welfare(ctx).assignCounsellor(tx, ctx.actor(), c.id, counsellor, replace, ctx.today());
                  });
    } catch (const domain::ValidationError& e) {
        return casePage(ctx, c, {}, e.fieldErrors(), 400);
    }
    ctx.flash("success", replace ? "Case transferred." : "Counsellor added to the case.");
    return Response::redirect("/welfare/cases/" + std::to_string(c.id));
}

Response transferCase(RequestContext& ctx) { return assign(ctx, true); }
Response addCounsellor(RequestContext& ctx) { return assign(ctx, false); }

Response breakGlassForm(RequestContext& ctx, const std::string& caseNumber, const std::string& reason,
                        const domain::FieldErrors& errors, int status) {
    View v;
    v.set("case_number", caseNumber);
    v.set("reason", reason);
    v.set("minutes", std::to_string(domain::kBreakGlassMinutes));
    v.set("csrf_token", ctx.user->csrfToken);
    http::addFormErrors(v, errors, {"case_number", "reason"});
    return ctx.page("welfare/break_glass", "Emergency access", v, status);
}

Response requireSupervisor(RequestContext& ctx) {
    (void)ctx;
    throw domain::Forbidden("clinical supervisors only");
}

Response newBreakGlass(RequestContext& ctx) {
    if (ctx.actor().role != domain::Role::ClinicalSupervisor) return requireSupervisor(ctx);
    return breakGlassForm(ctx, ctx.request.queryParam("case"), "", {}, 200);
}

Response grantBreakGlass(RequestContext& ctx) {
    if (ctx.actor().role != domain::Role::ClinicalSupervisor) return requireSupervisor(ctx);
    const std::string raw = ctx.request.pathParam("id");
    const std::int64_t caseId = positiveNumber(raw);
    const std::string reason = ctx.request.formParam("reason");
    if (const auto problem = domain::breakGlassReasonProblem(reason)) {
        return breakGlassForm(ctx, raw, reason, {{"reason", *problem}}, 400);
    }
    if (caseId <= 0) ctx.notFound("welfare_case", raw.substr(0, 20));
    const std::string now = nowUtc(ctx);
    const std::string until = domain::formatUtc(ctx.now() + domain::kBreakGlassMinutes * 60);
    try {
        ctx.write(ctx.auditEvent("welfare.break_glass", "welfare_case", std::to_string(caseId), "success",
                                 "emergency access for " + std::to_string(domain::kBreakGlassMinutes) + " minutes"),
                  [&](store::Tx& tx, domain::AuditEvent&) {
                      return welfare(ctx).grantBreakGlass(tx, ctx.actor(), caseId, reason, now, until);
                  });
    } catch (const domain::NotFound&) {
        ctx.notFound("welfare_case", std::to_string(caseId));
    }
    ctx.flash("success", "Emergency access to this case until " + eatText(until) +
                             ". Its counsellors see who opened it and why; another supervisor will review it.");
    return Response::redirect("/welfare/cases/" + std::to_string(caseId));
}

// The break-glass form posts to the case's own address; this takes the case number typed.
Response postBreakGlassForm(RequestContext& ctx) {
    if (ctx.actor().role != domain::Role::ClinicalSupervisor) return requireSupervisor(ctx);
    const std::string number = ctx.request.formParam("case_number");
    const std::string reason = ctx.request.formParam("reason");
    domain::FieldErrors errors;
    if (positiveNumber(number) <= 0) errors["case_number"] = "Enter the case number.";
    if (const auto problem = domain::breakGlassReasonProblem(reason)) errors["reason"] = *problem;
    if (!errors.empty()) return breakGlassForm(ctx, number, reason, errors, 400);
    ctx.request.pathParams["id"] = std::to_string(positiveNumber(number));
    return grantBreakGlass(ctx);
}

Response listReviews(RequestContext& ctx) {
    if (ctx.actor().role != domain::Role::ClinicalSupervisor) return requireSupervisor(ctx);
    View rows = View::type::list;
    const auto pending = welfare(ctx).pendingReviews(ctx.actor());
    for (const auto& g : pending) {
        View x;
        x.set("id", std::to_string(g.id));
        x.set("case_id", std::to_string(g.caseId));
        x.set("who", g.who);
        x.set("when", eatText(g.grantedAt));
        x.set("until", eatText(g.expiresAt));
        x.set("reason", g.reason);
        rows.push_back(x);
    }
    View v;
    v.set("grants", rows);
    v.set("has_grants", !pending.empty());
    v.set("count_text", domain::countOf(static_cast<long long>(pending.size()), "grant waits", "grants wait"));
    v.set("csrf_token", ctx.user->csrfToken);
    return ctx.page("welfare/reviews", "Emergency access to review", v);
}

Response postReview(RequestContext& ctx) {
    if (ctx.actor().role != domain::Role::ClinicalSupervisor) return requireSupervisor(ctx);
    const std::string raw = ctx.request.pathParam("id");
    const std::int64_t id = positiveNumber(raw);
    if (id <= 0) ctx.notFound("welfare_break_glass", raw.substr(0, 20));
    const std::string note = ctx.request.formParam("review_note");
    if (note.size() > 1000) throw domain::ValidationError("review_note", "Keep the note to 1,000 characters.");
    try {
        ctx.write(ctx.auditEvent("welfare.break_glass_review", "welfare_break_glass", std::to_string(id), "success"),
                  [&](store::Tx& tx, domain::AuditEvent&) { welfare(ctx).review(tx, ctx.actor(), id, note, nowUtc(ctx)); });
    } catch (const domain::NotFound&) {
        ctx.notFound("welfare_break_glass", std::to_string(id));
    }
    ctx.flash("success", "Review recorded.");
    return Response::redirect("/welfare/break-glass/reviews");
}

}  // namespace

void addWelfareRoutes(http::Router& router) {
    // A session's note may be up to domain::kMaxNoteBytes.
    http::BodyLimits session;
    session.maxFieldBytes = domain::kMaxNoteBytes + 4096;
    router.add("GET", "/welfare/cases", Permission::Counselling, listCases);
    router.add("GET", "/welfare/cases/new", Permission::Counselling, newCase);
    router.add("POST", "/welfare/cases/new", Permission::Counselling, createCase);
    router.add("GET", "/welfare/cases/{id}", Permission::Counselling, showCase);
    router.add("POST", "/welfare/cases/{id}/sessions", Permission::Counselling, addSession, session);
    router.add("POST", "/welfare/cases/{id}/close", Permission::Counselling, closeCase);
    router.add("POST", "/welfare/cases/{id}/break-glass", Permission::Counselling, grantBreakGlass);
    router.add("POST", "/welfare/cases/{id}/transfer", Permission::Counselling, transferCase);
    router.add("POST", "/welfare/cases/{id}/counsellors", Permission::Counselling, addCounsellor);
    router.add("GET", "/welfare/sessions/{id}", Permission::Counselling, showSession);
    router.add("GET", "/welfare/break-glass", Permission::Counselling, newBreakGlass);
    router.add("POST", "/welfare/break-glass", Permission::Counselling, postBreakGlassForm);
    router.add("GET", "/welfare/break-glass/reviews", Permission::Counselling, listReviews);
    router.add("POST", "/welfare/break-glass/{id}/review", Permission::Counselling, postReview);
    addWelfareStatsRoutes(router);
}

}  // namespace kituo::handlers
