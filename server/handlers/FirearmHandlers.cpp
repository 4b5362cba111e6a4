// Firearms issued to reservists (/reservists/firearms): what is out and overdue, the issue
// form at the armoury counter (the reservist types their handover PIN in the same form, so
// the kit is never recorded as out without their acknowledgement), the kit's page with its
// return (rounds and magazines counted back, shortfalls explained) and extensions. Every
// issue, return, extension and refused PIN is audited.
#include "handlers/Handlers.h"

#include "auth/Policy.h"
#include "domain/Errors.h"
#include "domain/Time.h"
#include "domain/Words.h"
#include "handlers/ReserveViews.h"
#include "handlers/ViewHelpers.h"
#include "http/RequestContext.h"
#include "http/ViewBuild.h"
#include "store/FirearmStore.h"
#include "store/ReservistStore.h"

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

const std::vector<std::string> kIssueFields = {"reservist_id", "serial", "firearm_type", "magazines",
                                               "rounds", "expected_return_at", "pin"};

void addKitRow(View& rows, const store::FirearmIssueRecord& k, std::int64_t now) {
    View& row = http::addObject(rows);
    const bool overdue = domain::firearmOverdue(k.expectedReturnAt, k.returnedAt.has_value(), now);
    http::put(row, "id", std::to_string(k.id));
    http::put(row, "serial", k.serial);
    http::put(row, "type", domain::reservistChoiceLabel(domain::firearmTypes(), k.firearmType));
    http::put(row, "reservist", k.reservistNumber + " " + k.reservistName);
    http::put(row, "reservist_id", std::to_string(k.reservistId));
    http::put(row, "station", k.stationName);
    http::put(row, "kit", std::to_string(k.magazinesIssued) + " mag., " + std::to_string(k.roundsIssued) + " rounds");
    http::put(row, "issued", eatText(k.issuedAt));
    http::put(row, "due", eatText(k.expectedReturnAt));
    http::put(row, "overdue", overdue);
    http::put(row, "state", k.returnedAt ? "Returned " + eatText(*k.returnedAt) : overdue ? std::string("Overdue") : std::string("Out"));
    http::put(row, "discrepancy", k.discrepancy);
    http::put(row, "has_discrepancy", !k.discrepancy.empty());
}

Response firearmsPage(RequestContext& ctx, const std::map<std::string, std::string>& values,
                      const std::map<std::string, std::string>& errors, int status) {
    const auto now = ctx.now();
    store::FirearmStore kits(ctx.services.db);
    View v;
    const std::string show = ctx.request.queryParam("show") == "all" ? "all" : "out";
    for (const auto& [key, state] : {std::pair{"out", "out"}, {"recent", ""}}) {
        if (std::string(key) == "recent" && show != "all") continue;
        const auto rows = kits.list(ctx.actor(), state, now);
        View& list = http::putList(v, key, rows.size());
        for (const auto& k : rows) addKitRow(list, k, now);
        http::put(v, std::string("has_") + key, !rows.empty());
        if (std::string(key) == "out") {
            int overdue = 0;
            for (const auto& k : rows) overdue += domain::firearmOverdue(k.expectedReturnAt, false, now);
            http::put(v, "out_text", domain::countOf(static_cast<long long>(rows.size()), "kit out", "kits out"));
            http::put(v, "overdue_text", domain::countOf(overdue, "overdue", "overdue"));
            http::put(v, "has_overdue", overdue > 0);
        }
    }
    http::put(v, "show_all", show == "all");
    if (auth::allows(ctx.actor().role, Permission::ManageReservists)) {
        auto value = [&](const std::string& k, const std::string& fallback = "") {
            auto it = values.find(k);
            return it == values.end() ? fallback : it->second;
        };
        store::ReservistFilter active;
        active.status = "active";
        active.pageSize = 1000;
        const auto people = store::ReservistStore(ctx.services.db).list(ctx.actor(), active).reservists;
        Choices options;
        for (const auto& r : people) {
            options.emplace_back(std::to_string(r.id), r.fields.reservistNumber + " " + r.fields.surname + ", " +
                                                            r.fields.otherNames + (r.hasPin ? "" : " (no PIN yet)"));
        }
        View& fields = http::putList(v, "issue_fields", kIssueFields.size());
        auto add = [&](FieldSpec spec, const std::string& fallback = "") {
            const std::string shown = spec.name == "pin" ? std::string() : value(spec.name, fallback);  // never echo a PIN
            http::listItems(fields).push_back(fieldView(spec, shown, errors));
        };
        add({"reservist_id", "Reservist", "select", "active reservists of your command", options, "Choose…"},
            ctx.request.queryParam("reservist"));
        add({"serial", "Firearm serial number"});
        add({"firearm_type", "Type", "select", "", domain::firearmTypes(), "Choose…"});
        add({"magazines", "Magazines", "number"}, "2");
        add({"rounds", "Rounds counted out", "number"});
        add({"expected_return_at", "Due back", "datetime-local", "East Africa Time"},
            domain::formatEatInput(now - now % 3600 + 13 * 3600));
        add({"pin", "Reservist's handover PIN", "password", "typed by the reservist at the counter: their acknowledgement"});
        http::put(v, "can_issue", true);
        http::put(v, "csrf_token", ctx.user->csrfToken);
    }
    http::addFormErrors(v, errors, kIssueFields);
    return ctx.page("reservists/firearms", "Firearms", v, status);
}

Response issue(RequestContext& ctx) {
    const auto& r = ctx.request;
    std::map<std::string, std::string> values;
    for (const auto& k : kIssueFields) values[k] = r.formParam(k);
    const auto reservistId = positiveNumber(values["reservist_id"]);
    if (!reservistId) return firearmsPage(ctx, values, {{"reservist_id", "Choose the reservist taking the kit."}}, 400);
    // A reservist out of reach does not exist, whatever the form says.
    if (!store::ReservistStore(ctx.services.db).findVisibleTo(ctx.actor(), reservistId)) {
        ctx.notFound("reservist", std::to_string(reservistId));
    }
    domain::FirearmIssueInput in{values["serial"], values["firearm_type"], values["magazines"],
                                 values["rounds"], values["expected_return_at"], values["pin"]};
    domain::FirearmIssue kit;
    const auto now = ctx.now();
    auto errors = domain::firearmIssueErrors(in, now, kit);
    if (!errors.empty()) return firearmsPage(ctx, values, errors, 400);
    std::int64_t id = 0;
    try {
        id = ctx.write(ctx.auditEvent("firearm.issue", "reservist", std::to_string(reservistId), "success"),
                       [&](store::Tx& tx, domain::AuditEvent& e) {
                           store::FirearmStore kits(ctx.services.db);
                           const std::string pinHash = kits.lockForIssue(tx, ctx.actor(), reservistId);
                           if (!ctx.services.passwords.verify(pinHash, in.pin)) {
                               throw domain::ValidationError("pin", "The PIN does not match: the reservist types their own handover PIN. Nothing was issued.");
                           }
                           const auto newId = kits.issue(tx, ctx.actor(), reservistId, kit, now);
                           e.detail = "issue " + std::to_string(newId) + ": " + kit.firearmType + " " + kit.serial + ", " +
                                      std::to_string(kit.magazines) + " magazines, " + std::to_string(kit.rounds) +
                                      " rounds, due " + domain::formatUtc(kit.expectedReturnAt) + ", acknowledged by PIN";
                           return newId;
                       });
    } catch (const domain::ValidationError& e) {
        if (e.fieldErrors().count("pin")) {
            ctx.audit("firearm.issue", "reservist", std::to_string(reservistId), "failure",
                      "refused at the counter: " + e.fieldErrors().at("pin"));
        }
        return firearmsPage(ctx, values, e.fieldErrors(), 400);
    } catch (const domain::Conflict& e) {
        ctx.audit("firearm.issue", "reservist", std::to_string(reservistId), "conflict", "serial " + kit.serial + " is out");
        return firearmsPage(ctx, values, {{"serial", e.what()}}, 409);
    }
    ctx.flash("success", "Firearm " + kit.serial + " issued, acknowledged by the reservist's PIN.");
    return Response::redirect("/reservists/firearms/" + std::to_string(id));
}

store::FirearmIssueRecord requireKit(RequestContext& ctx) {
    return requireVisible(ctx, "firearm_issue", [&](std::int64_t id) {
        return store::FirearmStore(ctx.services.db).findVisibleTo(ctx.actor(), id);
    });
}

Response kitPage(RequestContext& ctx, const store::FirearmIssueRecord& k, const std::map<std::string, std::string>& values,
                 const std::map<std::string, std::string>& errors, int status) {
    const auto now = ctx.now();
    View list(View::type::list);
    addKitRow(list, k, now);
    View v(std::move(http::listItems(list).front()));
    http::put(v, "issued_by", k.issuedByName);
    http::put(v, "acknowledged", k.acknowledgedBy == "pin" ? std::string("by the reservist's PIN at the counter")
                                                            : std::string("by signature at the counter"));
    http::put(v, "extensions", std::to_string(k.extensions));
    http::put(v, "returned", k.returnedAt.has_value());
    if (k.returnedAt) {
        http::put(v, "returned_text", eatText(*k.returnedAt) + " to " + k.returnedToName + ": " +
                                          std::to_string(k.magazinesReturned) + " magazines, " +
                                          std::to_string(k.roundsReturned) + " rounds");
    }
    const bool manage = auth::allows(ctx.actor().role, Permission::ManageReservists) && !k.returnedAt;
    http::put(v, "can_return", manage);
    if (manage) {
        auto value = [&](const std::string& key, const std::string& fallback) {
            auto it = values.find(key);
            return it == values.end() ? fallback : it->second;
        };
        View& back = http::putList(v, "return_fields", 3);
        http::listItems(back).push_back(fieldView({"magazines_returned", "Magazines handed back", "number"},
                                                  value("magazines_returned", std::to_string(k.magazinesIssued)), errors));
        http::listItems(back).push_back(fieldView({"rounds_returned", "Rounds counted back", "number",
                                                   std::to_string(k.roundsIssued) + " went out"},
                                                  value("rounds_returned", ""), errors));
        http::listItems(back).push_back(fieldView({"note", "What happened to any shortfall", "textarea",
                                                   "required when fewer come back: fired on duty (OB number), lost, ..."},
                                                  value("note", ""), errors));
        View& extend = http::putList(v, "extend_fields", 2);
        http::listItems(extend).push_back(fieldView({"expected_return_at", "New due time", "datetime-local", "East Africa Time"},
                                                    value("expected_return_at", domain::formatEatInput(k.expectedReturnAt + 6 * 3600)),
                                                    errors));
        http::listItems(extend).push_back(fieldView({"reason", "Reason"}, value("reason", ""), errors));
        http::put(v, "version", std::to_string(k.version));
        http::put(v, "csrf_token", ctx.user->csrfToken);
    }
    http::addFormErrors(v, errors, {"magazines_returned", "rounds_returned", "note", "expected_return_at", "reason"});
    return ctx.page("reservists/firearm", "Firearm " + k.serial, v, status);
}

Response giveBack(RequestContext& ctx) {
    const auto k = requireKit(ctx);
    const auto& r = ctx.request;
    const int version = formVersion(r);
    std::map<std::string, std::string> values;
    for (const char* f : {"magazines_returned", "rounds_returned", "note"}) values[f] = r.formParam(f);
    domain::FirearmReturn back;
    auto errors = domain::firearmReturnErrors(values["magazines_returned"], values["rounds_returned"], values["note"],
                                              k.magazinesIssued, k.roundsIssued, back);
    if (!errors.empty()) return kitPage(ctx, k, values, errors, 400);
    const std::string discrepancy = domain::returnDiscrepancy(k.magazinesIssued, k.roundsIssued, back);
    try {
        ctx.write(ctx.auditEvent("firearm.return", "reservist", std::to_string(k.reservistId), "success",
                                 "issue " + std::to_string(k.id) + ": " + k.serial + ", " + std::to_string(back.magazines) +
                                     " magazines, " + std::to_string(back.rounds) + " rounds back" +
                                     (discrepancy.empty() ? "" : "; DISCREPANCY " + discrepancy)),
                  [&](store::Tx& tx, domain::AuditEvent&) {
                      store::FirearmStore(ctx.services.db).giveBack(tx, ctx.actor(), k.id, version, back, discrepancy, ctx.now());
                  });
    } catch (const domain::Conflict& e) {
        return kitPage(ctx, requireKit(ctx), values, {{"rounds_returned", e.what()}}, 409);
    }
    ctx.flash(discrepancy.empty() ? "success" : "error",
              discrepancy.empty() ? "Return recorded: everything came back." : "Return recorded with a discrepancy: " + discrepancy);
    return Response::redirect("/reservists/firearms/" + std::to_string(k.id));
}

Response extend(RequestContext& ctx) {
    const auto k = requireKit(ctx);
    const auto& r = ctx.request;
    const int version = formVersion(r);
    std::map<std::string, std::string> values{{"expected_return_at", r.formParam("expected_return_at")},
                                              {"reason", r.formParam("reason")}};
    std::int64_t until = 0;
    auto errors = domain::extensionErrors(values["expected_return_at"], values["reason"], k.expectedReturnAt, ctx.now(), until);
    if (!errors.empty()) return kitPage(ctx, k, values, errors, 400);
    try {
        ctx.write(ctx.auditEvent("firearm.extend", "reservist", std::to_string(k.reservistId), "success",
                                 "issue " + std::to_string(k.id) + ": " + k.serial + " due " + domain::formatUtc(until) +
                                     " (" + values["reason"] + ")"),
                  [&](store::Tx& tx, domain::AuditEvent&) {
                      store::FirearmStore(ctx.services.db).extend(tx, ctx.actor(), k.id, version, until);
                  });
    } catch (const domain::Conflict& e) {
        return kitPage(ctx, requireKit(ctx), values, {{"expected_return_at", e.what()}}, 409);
    }
    ctx.flash("success", "Kit " + k.serial + " now due back " + eatText(until) + ".");
    return Response::redirect("/reservists/firearms/" + std::to_string(k.id));
}

}  // namespace

void addFirearmRoutes(http::Router& router) {
    router.add("GET", "/reservists/firearms", Permission::ReadReservists,
               [](RequestContext& ctx) { return firearmsPage(ctx, {}, {}, 200); });
    router.add("POST", "/reservists/firearms", Permission::ManageReservists, issue);
    router.add("GET", "/reservists/firearms/{id}", Permission::ReadReservists,
               [](RequestContext& ctx) { return kitPage(ctx, requireKit(ctx), {}, {}, 200); });
    router.add("POST", "/reservists/firearms/{id}/return", Permission::ManageReservists, giveBack);
    router.add("POST", "/reservists/firearms/{id}/extend", Permission::ManageReservists, extend);
}

}  // namespace kituo::handlers
