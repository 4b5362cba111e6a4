// Reservists' duties and command: the reservist's page with their duties and the assignment
// form, ending or cancelling a duty, the commander's dashboard (/reservists/deployments), the
// command tree (/reservists/command) and authorised against actual strength
// (/reservists/strength). Every lookup is within the actor's reach (store/ReserveSql.h).
#include "handlers/Handlers.h"

#include "auth/Policy.h"
#include "domain/Errors.h"
#include "domain/Time.h"
#include "domain/Words.h"
#include "handlers/ReserveViews.h"
#include "handlers/ViewHelpers.h"
#include "http/RequestContext.h"
#include "http/ViewBuild.h"
#include "store/AssignmentStore.h"
#include "store/FirearmStore.h"
#include "store/OrgStore.h"
#include "store/ReservistStore.h"

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

bool canManage(const RequestContext& ctx) { return auth::allows(ctx.actor().role, Permission::ManageReservists); }

const std::vector<std::string> kAssignFields = {"commander_id", "station_id", "area_county", "area_sub_county",
                                                "area_ward", "area_location", "role", "note", "starts_at", "ends_at"};

void addDutyRow(View& rows, const store::AssignmentRecord& a, std::int64_t now, bool manage) {
    View& row = http::addObject(rows);
    const std::string phase = domain::dutyPhase(a.when, a.status, now);
    http::put(row, "id", std::to_string(a.id));
    http::put(row, "reservist_id", std::to_string(a.reservistId));
    http::put(row, "reservist", a.reservistNumber + " " + a.reservistName);
    http::put(row, "role", domain::reservistChoiceLabel(domain::dutyRoles(), a.role));
    http::put(row, "area", a.areaLocation + ", " + a.areaWard + " ward, " + a.areaSubCounty);
    http::put(row, "ward", a.areaWard);
    http::put(row, "station", a.stationName);
    http::put(row, "commander", a.commanderName);
    http::put(row, "starts", eatText(a.when.start));
    http::put(row, "ends", a.when.end ? eatText(*a.when.end) : std::string("open-ended"));
    http::put(row, "note", a.note);
    http::put(row, "has_note", !a.note.empty());
    http::put(row, "phase", phase);
    http::put(row, "phase_label", phase == "on_duty" ? std::string("On duty") : phase == "scheduled" ? std::string("Scheduled")
                                  : phase == "ended" ? std::string("Ended") : std::string("Cancelled"));
    http::put(row, "can_end", manage && (phase == "on_duty" || phase == "scheduled"));
}

}  // namespace

Response reservistPage(RequestContext& ctx, const store::ReservistRecord& r, const std::map<std::string, std::string>& values,
                       const std::map<std::string, std::string>& errors, int status) {
    const auto now = ctx.now();
    const bool manage = canManage(ctx);
    View v;
    const auto& x = r.fields;
    http::put(v, "id", std::to_string(r.id));
    http::put(v, "number", x.reservistNumber);
    http::put(v, "name", x.surname + ", " + x.otherNames);
    http::put(v, "national_id", reservistNationalIdFor(ctx, x.nationalId));
    http::put(v, "gender", x.gender == "F" ? std::string("Female") : std::string("Male"));
    http::put(v, "date_of_birth", domain::formatDateText(x.dateOfBirth));
    http::put(v, "phone", x.phone);
    http::put(v, "home", x.homeLocation + ", " + x.homeWard + " ward, " + x.homeSubCounty + ", " + x.homeCounty + " County");
    http::put(v, "enlisted", domain::formatDateText(x.enlistmentDate));
    http::put(v, "vetting", domain::reservistChoiceLabel(domain::vettingResults(), x.vettingResult) + " on " +
                                domain::formatDateText(x.vettingDate));
    http::put(v, "revetting", domain::formatDateText(x.revettingDue));
    http::put(v, "revetting_due", x.status != "discharged" && x.revettingDue <= domain::addDays(ctx.today(), 30));
    http::put(v, "status", domain::reservistChoiceLabel(domain::reservistStatuses(), x.status) + " since " +
                               domain::formatDateText(x.statusSince) + (x.statusReason.empty() ? "" : ": " + x.statusReason));
    http::put(v, "active", x.status == "active");
    http::put(v, "kin", x.nextOfKinName + " (" + x.nextOfKinRelation + "), " + x.nextOfKinPhone);
    http::put(v, "station", r.stationName);
    http::put(v, "section", r.sectionName.empty() ? std::string("Directly under the OCS") : r.sectionName);
    http::put(v, "has_pin", r.hasPin);
    http::put(v, "can_manage", manage);
    http::put(v, "can_edit", manage && !store::ReservistStore(ctx.services.db).leadsSection(ctx.actor()));
    http::put(v, "csrf_token", ctx.user->csrfToken);

    const auto duties = store::AssignmentStore(ctx.services.db).forReservist(ctx.actor(), r.id);
    View& rows = http::putList(v, "duties", duties.size());
    for (const auto& a : duties) addDutyRow(rows, a, now, manage);
    http::put(v, "has_duties", !duties.empty());

    const auto kits = store::FirearmStore(ctx.services.db).list(ctx.actor(), "", now, 0, r.id);
    View& kitRows = http::putList(v, "firearms", kits.size());
    for (const auto& k : kits) {
        View& row = http::addObject(kitRows);
        http::put(row, "id", std::to_string(k.id));
        http::put(row, "serial", k.serial);
        http::put(row, "type", domain::reservistChoiceLabel(domain::firearmTypes(), k.firearmType));
        http::put(row, "issued", eatText(k.issuedAt));
        http::put(row, "state", k.returnedAt ? "Returned " + eatText(*k.returnedAt)
                                : domain::firearmOverdue(k.expectedReturnAt, false, now) ? "Overdue since " + eatText(k.expectedReturnAt)
                                : "Out, due " + eatText(k.expectedReturnAt));
        http::put(row, "overdue", !k.returnedAt && domain::firearmOverdue(k.expectedReturnAt, false, now));
        http::put(row, "discrepancy", k.discrepancy);
        http::put(row, "has_discrepancy", !k.discrepancy.empty());
    }
    http::put(v, "has_firearms", !kits.empty());

    if (manage && x.status == "active") {
        auto value = [&](const std::string& k, const std::string& fallback = "") {
            auto it = values.find(k);
            return it == values.end() ? fallback : it->second;
        };
        store::ReservistStore reservists(ctx.services.db);
        const auto stationId = positiveNumber(value("station_id", std::to_string(r.stationId)));
        const auto commanders = reservists.commanders(ctx.actor(), stationId ? stationId : r.stationId);
        Choices options;
        for (const auto& c : commanders) {
            options.emplace_back(std::to_string(c.userId),
                                 c.displayName + (c.role == "station_commander" ? " (OCS)" : " (reservist commander)"));
        }
        const std::string defaultCommander = commanders.empty() ? "" : std::to_string(ctx.actor().userId);
        View& fields = http::putList(v, "assign_fields", kAssignFields.size());
        auto add = [&](FieldSpec spec, const std::string& fallback = "") {
            http::listItems(fields).push_back(fieldView(spec, value(spec.name, fallback), errors));
        };
        add({"commander_id", "Commander", "select", "the OCS or a reservist commander of the station", options, "Choose…"},
            defaultCommander);
        add({"station_id", "Station", "select", "", stationChoices(ctx), ""}, std::to_string(r.stationId));
        add({"area_county", "Deployment county"}, x.homeCounty);
        add({"area_sub_county", "Sub-county"}, x.homeSubCounty);
        add({"area_ward", "Ward"});
        add({"area_location", "Location", "text", "village, estate or site"});
        add({"role", "Role", "select", "", domain::dutyRoles(), "Choose…"});
        add({"note", "Duty note", "text", "optional: escort of what, which post"});
        add({"starts_at", "Starts", "datetime-local", "East Africa Time"}, domain::formatEatInput(now - now % 3600 + 3600));
        add({"ends_at", "Ends", "datetime-local", "empty: until reassigned; a night duty ends the next day"});
        http::put(v, "replace_current", value("replace_current") == "1");
        http::put(v, "show_assign", true);
    }
    addReservistTrainingPanel(ctx, v, r, values, errors);
    std::vector<std::string> order = kAssignFields;
    order.push_back("status");
    for (const char* k : {"training_module_id", "completed_on", "passed", "score", "evidence_reference"}) order.push_back(k);
    http::addFormErrors(v, errors, order);
    return ctx.page("reservists/show", x.surname + ", " + x.otherNames, v, status);
}

namespace {

// The station a page is about: ?station= within scope (404 otherwise), else the actor's own
// unit when it is a station, else none (0: the roll-up of the scope).
std::int64_t stationParam(RequestContext& ctx) {
    const std::string raw = ctx.request.queryParam("station");
    store::OrgStore org(ctx.services.db);
    if (!raw.empty()) {
        const auto id = positiveNumber(raw);
        const auto unit = id ? org.findWithin(ctx.actor().scopePath, id) : std::nullopt;
        if (!unit || unit->kind != domain::OrgKind::Station) ctx.notFound("station", raw.substr(0, 20));
        return id;
    }
    const auto own = org.findWithin(ctx.actor().scopePath, ctx.actor().orgUnitId);
    return own && own->kind == domain::OrgKind::Station ? own->id : 0;
}

Response assign(RequestContext& ctx) {
    const auto r = requireReservist(ctx);
    const auto& req = ctx.request;
    std::map<std::string, std::string> values;
    for (const auto& k : kAssignFields) values[k] = req.formParam(k);
    values["replace_current"] = req.formParam("replace_current") == "1" ? "1" : "";
    // As the form pre-fills them: the reservist's own station, commanded by whoever assigns.
    if (values["station_id"].empty()) values["station_id"] = std::to_string(r.stationId);
    if (values["commander_id"].empty()) values["commander_id"] = std::to_string(ctx.actor().userId);
    domain::AssignmentInput in{values["commander_id"], values["area_county"], values["area_sub_county"],
                               values["area_ward"],    values["area_location"], values["role"],
                               values["note"],         values["starts_at"],   values["ends_at"]};
    store::NewAssignment a;
    auto errors = domain::assignmentFieldErrors(in, ctx.now(), a.when);
    a.stationId = positiveNumber(values["station_id"]);
    if (!a.stationId) errors["station_id"] = "Choose the station.";
    if (!errors.empty()) return reservistPage(ctx, r, values, errors, 400);
    a.commanderId = positiveNumber(in.commanderId);
    a.input = in;
    a.replaceCurrent = values["replace_current"] == "1";
    try {
        const auto done = ctx.write(
            ctx.auditEvent("reservist.assign", "reservist", std::to_string(r.id), "success"),
            [&](store::Tx& tx, domain::AuditEvent& e) {
                auto result = store::AssignmentStore(ctx.services.db).assign(tx, ctx.actor(), r.id, a);
                e.detail = "assignment " + std::to_string(result.id) + ", " + in.role + " in " + in.areaWard + " ward from " +
                           domain::formatUtc(a.when.start) + (a.when.end ? " to " + domain::formatUtc(*a.when.end) : "") +
                           (result.endedId ? ", ended assignment " + std::to_string(*result.endedId) : "");
                return result;
            });
        ctx.flash("success", done.endedId ? "Duty recorded; the previous duty ends when it starts."
                                          : "Duty recorded.");
    } catch (const domain::ValidationError& e) {
        return reservistPage(ctx, r, values, e.fieldErrors(), 400);
    } catch (const domain::NotFound& e) {
        ctx.notFound(e.what(), "");  // a station, section or account out of reach, named in the form
    } catch (const domain::Conflict& e) {
        ctx.audit("reservist.assign", "reservist", std::to_string(r.id), "conflict", "overlapping duty");
        return reservistPage(ctx, r, values, {{"starts_at", e.what()}}, 409);
    }
    return Response::redirect("/reservists/" + std::to_string(r.id) + "#duties");
}

// POST /reservists/assignments/{id}/end (ends_at, or now when empty) and .../cancel.
Response changeDuty(RequestContext& ctx, bool cancel) {
    const auto a = requireVisible(ctx, "assignment", [&](std::int64_t id) {
        return store::AssignmentStore(ctx.services.db).findVisibleTo(ctx.actor(), id);
    });
    const std::string back = "/reservists/" + std::to_string(a.reservistId) + "#duties";
    std::int64_t at = ctx.now();
    if (!cancel && !ctx.request.formParam("ends_at").empty()) {
        const auto parsed = domain::parseEatInput(ctx.request.formParam("ends_at"));
        if (!parsed) {
            ctx.flash("error", "Enter when the duty ended, like 24/11/2026 18:00. Nothing was changed.");
            return Response::redirect(back);
        }
        at = *parsed;
    }
    try {
        ctx.write(ctx.auditEvent(cancel ? "reservist.assignment_cancel" : "reservist.assignment_end", "reservist",
                                 std::to_string(a.reservistId), "success", "assignment " + std::to_string(a.id)),
                  [&](store::Tx& tx, domain::AuditEvent&) {
                      store::AssignmentStore duties(ctx.services.db);
                      if (cancel) duties.cancel(tx, ctx.actor(), a.id);
                      else duties.end(tx, ctx.actor(), a.id, at);
                  });
    } catch (const domain::ValidationError& e) {
        ctx.flash("error", e.fieldErrors().begin()->second + " Nothing was changed.");
        return Response::redirect(back);
    }
    ctx.flash("success", cancel ? "Duty cancelled." : "Duty ended at " + eatText(at) + ".");
    return Response::redirect(back);
}

// The dashboard of one station (?station=, or the user's own): today's duties by ward and the
// worklists; above a station, the roll-up of the scope, a row per station linking to its own.
Response deployments(RequestContext& ctx) {
    const auto now = ctx.now();
    const std::string today = ctx.today();
    const auto stationId = stationParam(ctx);
    store::AssignmentStore duties(ctx.services.db);
    View v;
    http::put(v, "scope_name", ctx.actor().orgUnitName);
    http::put(v, "today_text", domain::formatDateText(today));
    http::put(v, "has_station", stationId != 0);
    http::put(v, "stations_options", stationOptions(ctx, stationId));
    const auto out = store::FirearmStore(ctx.services.db).list(ctx.actor(), "overdue", now, stationId);
    http::put(v, "overdue_count", !out.empty());
    http::put(v, "overdue_text", domain::countOf(static_cast<long long>(out.size()), "firearm overdue", "firearms overdue"));
    if (!stationId) {
        const auto stations = duties.rollUp(ctx.actor(), now, today);
        View& rollRows = http::putList(v, "stations", stations.size());
        for (const auto& s : stations) {
            View& row = http::addObject(rollRows);
            http::put(row, "name", s.stationName);
            http::put(row, "href", "/reservists/deployments?station=" + std::to_string(s.stationId));
            for (const auto& [k, n] : {std::pair{"reservists", s.reservists}, {"on_duty", s.onDuty}, {"unassigned", s.unassigned},
                                       {"ending", s.endingSoon}, {"revetting", s.revettingDue}, {"out", s.firearmsOut},
                                       {"overdue", s.firearmsOverdue}}) {
                http::put(row, k, domain::groupThousands(n));
            }
            http::put(row, "has_overdue", s.firearmsOverdue > 0);
        }
        http::put(v, "has_stations", !stations.empty());
        return ctx.page("reservists/deployments", "Deployments", v);
    }
    http::put(v, "station", store::OrgStore(ctx.services.db).findWithin(ctx.actor().scopePath, stationId)->name);
    http::put(v, "station_id", std::to_string(stationId));
    // Today in Kenya: midnight to midnight EAT.
    const std::int64_t dayStart = *domain::parseUtc(today) - 3 * 3600, dayEnd = dayStart + 86400;
    const auto todays = duties.overlapping(ctx.actor(), stationId, dayStart, dayEnd);
    View& areas = http::putList(v, "areas", 8);
    std::string currentWard;
    View* area = nullptr;
    for (const auto& a : todays) {
        if (!area || a.areaWard != currentWard) {
            currentWard = a.areaWard;
            area = &http::addObject(areas);
            http::put(*area, "ward", a.areaWard);
            http::putList(*area, "duties", 8);
        }
        addDutyRow((*area)["duties"], a, now, false);
    }
    for (auto& a : http::listItems(areas)) {
        http::put(a, "count_text", domain::countOf(static_cast<long long>(a["duties"].list_value().size()), "duty", "duties"));
    }
    http::put(v, "has_today", !todays.empty());

    const auto idle = duties.unassigned(ctx.actor(), stationId, now);
    View& idleRows = http::putList(v, "unassigned", idle.size());
    for (const auto& i : idle) {
        View& row = http::addObject(idleRows);
        http::put(row, "id", std::to_string(i.id));
        http::put(row, "number", i.number);
        http::put(row, "name", i.name);
    }
    http::put(v, "unassigned_count", domain::countOf(static_cast<long long>(idle.size()), "reservist", "reservists"));

    const auto ending = duties.ending(ctx.actor(), stationId, now, now + 14 * 86400);
    View& endRows = http::putList(v, "ending", ending.size());
    for (const auto& a : ending) addDutyRow(endRows, a, now, false);

    store::ReservistFilter due;
    due.vetting = "due";
    due.today = today;
    due.sort = "revetting";
    due.stationId = stationId;
    View& dueRows = http::putList(v, "revetting", 16);
    store::ReservistStore(ctx.services.db).forEach(ctx.actor(), due, [&](const store::ReservistRecord& r) {
        View& row = http::addObject(dueRows);
        http::put(row, "id", std::to_string(r.id));
        http::put(row, "number", r.fields.reservistNumber);
        http::put(row, "name", r.fields.surname + ", " + r.fields.otherNames);
        http::put(row, "due", domain::formatDateText(r.fields.revettingDue));
        http::put(row, "overdue", r.fields.revettingDue < today);
    });

    const auto kits = store::FirearmStore(ctx.services.db).list(ctx.actor(), "out", now, stationId);
    View& outRows = http::putList(v, "firearms", kits.size());
    for (const auto& k : kits) {
        View& row = http::addObject(outRows);
        http::put(row, "id", std::to_string(k.id));
        http::put(row, "serial", k.serial);
        http::put(row, "reservist", k.reservistNumber + " " + k.reservistName);
        http::put(row, "due", eatText(k.expectedReturnAt));
        http::put(row, "overdue", domain::firearmOverdue(k.expectedReturnAt, false, now));
    }
    return ctx.page("reservists/deployments", "Deployments", v);
}

Response command(RequestContext& ctx) {
    const auto stationId = stationParam(ctx);
    store::ReservistStore reservists(ctx.services.db);
    View v;
    const auto sections = reservists.sections(ctx.actor(), stationId);
    const auto now = ctx.now();
    const auto onDuty = stationId ? store::AssignmentStore(ctx.services.db).onDutyByWard(ctx.actor(), stationId, now)
                                  : std::vector<std::pair<std::string, int>>{};
    View& rows = http::putList(v, "sections", sections.size());
    int total = 0;
    for (const auto& s : sections) {
        View& row = http::addObject(rows);
        http::put(row, "name", s.name);
        http::put(row, "station", s.stationName);
        http::put(row, "leader", s.leaderName + (s.leaderKind == "officer" ? " (officer)" : " (reservist)"));
        http::put(row, "count_text", domain::countOf(s.reservists, "reservist", "reservists") + ", " +
                                         std::to_string(s.active) + " active");
        http::put(row, "href", "/reservists?section=" + std::to_string(s.id));
        total += s.reservists;
    }
    const bool leads = reservists.leadsSection(ctx.actor());
    http::put(v, "leads_section", leads);
    http::put(v, "has_sections", !sections.empty());
    if (stationId) {
        const auto station = store::OrgStore(ctx.services.db).findWithin(ctx.actor().scopePath, stationId);
        http::put(v, "station", station->name);
        http::put(v, "station_id", std::to_string(stationId));
        std::string ocs;
        for (const auto& c : reservists.commanders(ctx.actor(), stationId)) {
            if (c.role == "station_commander") ocs += (ocs.empty() ? "" : ", ") + c.displayName;
        }
        http::put(v, "ocs", ocs.empty() ? std::string("no OCS account") : ocs);
        const int direct = leads ? 0 : reservists.unsectioned(ctx.actor(), stationId);
        http::put(v, "direct_text", domain::countOf(direct, "reservist", "reservists"));
        http::put(v, "direct_href", "/reservists?station=" + std::to_string(stationId) + "&section=none");
        http::put(v, "total_text", domain::countOf(total + direct, "reservist", "reservists"));
        int deployed = 0;
        for (const auto& [ward, n] : onDuty) deployed += n;
        http::put(v, "on_duty_text", domain::countOf(deployed, "reservist on duty now", "reservists on duty now"));
        if (canManage(ctx) && !leads) {
            http::put(v, "can_add_section", true);
            http::put(v, "csrf_token", ctx.user->csrfToken);
            const auto commanders = reservists.commanders(ctx.actor(), stationId);
            http::put(v, "leader_accounts", selectOptions(
                commanders, [](const store::CommanderOption& c) { return std::to_string(c.userId); },
                [](const store::CommanderOption& c) { return c.displayName; }, ""));
        }
    }
    http::put(v, "has_station", stationId != 0);
    http::put(v, "stations", stationOptions(ctx, stationId));
    return ctx.page("reservists/command", "Command", v);
}

Response addSection(RequestContext& ctx) {
    const auto& r = ctx.request;
    const auto stationId = positiveNumber(r.formParam("station_id"));
    const std::string name = r.formParam("name"), leader = r.formParam("leader_name"), kind = r.formParam("leader_kind");
    const auto account = positiveNumber(r.formParam("leader_user_id"));
    const std::string back = "/reservists/command?station=" + std::to_string(stationId);
    std::string problem;
    if (auto m = domain::lineTextError(name, "section's name", 100, true)) problem = *m;
    else if (auto m2 = domain::lineTextError(leader, "section commander's name", 160, true)) problem = *m2;
    else if (kind != "reservist" && kind != "officer") problem = "Say whether the section commander is a reservist or an officer.";
    if (!problem.empty()) {
        ctx.flash("error", problem + " No section was added.");
        return Response::redirect(back);
    }
    try {
        ctx.write(ctx.auditEvent("reservist.section_create", "npr_section", "", "success", name),
                  [&](store::Tx& tx, domain::AuditEvent& e) {
                      e.recordId = std::to_string(store::ReservistStore(ctx.services.db).createSection(
                          tx, ctx.actor(), stationId, name, leader, kind,
                          account ? std::optional<std::int64_t>(account) : std::nullopt));
                  });
    } catch (const domain::NotFound& e) {
        ctx.notFound(e.what(), "");  // a station, section or account out of reach, named in the form
    } catch (const domain::ValidationError& e) {
        ctx.flash("error", e.fieldErrors().begin()->second);
        return Response::redirect(back);
    }
    ctx.flash("success", "Section " + name + " added under the OCS.");
    return Response::redirect(back);
}

Response strength(RequestContext& ctx) {
    const auto stationId = stationParam(ctx);
    View v;
    http::put(v, "stations", stationOptions(ctx, stationId));
    http::put(v, "has_station", stationId != 0);
    if (stationId) {
        store::ReservistStore reservists(ctx.services.db);
        const auto rows = domain::strengthByArea(
            reservists.authorisedStrength(ctx.actor(), stationId),
            store::AssignmentStore(ctx.services.db).onDutyByWard(ctx.actor(), stationId, ctx.now()));
        View& list = http::putList(v, "rows", rows.size());
        int authorised = 0, actual = 0;
        for (const auto& row : rows) {
            View& x = http::addObject(list);
            http::put(x, "ward", row.ward);
            http::put(x, "authorised", std::to_string(row.authorised));
            http::put(x, "actual", std::to_string(row.actual));
            http::put(x, "gap", (row.gap() > 0 ? "+" : "") + std::to_string(row.gap()));
            http::put(x, "short", row.gap() < 0);
            authorised += row.authorised;
            actual += row.actual;
        }
        http::put(v, "total_authorised", std::to_string(authorised));
        http::put(v, "total_actual", std::to_string(actual));
        http::put(v, "has_rows", !rows.empty());
        http::put(v, "station_id", std::to_string(stationId));
        http::put(v, "station", store::OrgStore(ctx.services.db).findWithin(ctx.actor().scopePath, stationId)->name);
        http::put(v, "can_manage", canManage(ctx) && !reservists.leadsSection(ctx.actor()));
        http::put(v, "csrf_token", ctx.user->csrfToken);
    }
    return ctx.page("reservists/strength", "Strength", v);
}

Response setStrength(RequestContext& ctx) {
    const auto& r = ctx.request;
    const auto stationId = positiveNumber(r.formParam("station_id"));
    const std::string ward = r.formParam("area_ward"), raw = r.formParam("authorised");
    const std::string back = "/reservists/strength?station=" + std::to_string(stationId);
    const bool number = !raw.empty() && raw.size() <= 4 && raw.find_first_not_of("0123456789") == std::string::npos;
    const auto wardError = domain::lineTextError(ward, "ward", 60, true);
    if (wardError || !number) {
        ctx.flash("error", (wardError ? *wardError : std::string("Enter the authorised number: 0 to 9999.")) + " Nothing was changed.");
        return Response::redirect(back);
    }
    withinReach(ctx, [&] {
        ctx.write(ctx.auditEvent("reservist.strength", "org_unit", std::to_string(stationId), "success", ward + ": " + raw),
                  [&](store::Tx& tx, domain::AuditEvent&) {
                      store::ReservistStore(ctx.services.db).setAuthorisedStrength(tx, ctx.actor(), stationId, ward,
                                                                                   std::stoi(raw));
                  });
    });
    ctx.flash("success", "Authorised strength for " + ward + " ward set to " + raw + ".");
    return Response::redirect(back);
}

}  // namespace

void addReserveDutyRoutes(http::Router& router) {
    router.add("GET", "/reservists/deployments", Permission::ReadReservists, deployments);
    router.add("GET", "/reservists/command", Permission::ReadReservists, command);
    router.add("POST", "/reservists/command/sections", Permission::ManageReservists, addSection);
    router.add("GET", "/reservists/strength", Permission::ReadReservists, strength);
    router.add("POST", "/reservists/strength", Permission::ManageReservists, setStrength);
    router.add("POST", "/reservists/{id}/assignments", Permission::ManageReservists, assign);
    router.add("POST", "/reservists/assignments/{id}/end", Permission::ManageReservists,
               [](RequestContext& ctx) { return changeDuty(ctx, false); });
    router.add("POST", "/reservists/assignments/{id}/cancel", Permission::ManageReservists,
               [](RequestContext& ctx) { return changeDuty(ctx, true); });
}

}  // namespace kituo::handlers
