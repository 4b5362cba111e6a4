// The dashboard: the first page after sign-in, showing the signed-in user's role, scope and
// the areas their role may open.
#include "handlers/Handlers.h"

#include "auth/Policy.h"
#include "domain/Words.h"
#include "handlers/OfficerViews.h"
#include "handlers/TrainingViews.h"
#include "http/RequestContext.h"
#include "store/ReservistStore.h"

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

std::string describe(const std::string& href) {
    if (href == "/admin/users") return "Create accounts, reset passwords, change roles and scope.";
    if (href == "/admin/org") return "Regions, counties, sub-counties, stations and units.";
    if (href == "/audit") return "Who did what, when and from where; verify the chain.";
    if (href == "/officers") return "The nominal roll: search, profiles, postings, CSV and print.";
    if (href == "/account/sessions") return "Your password and where you are signed in.";
    if (href == "/reservists") return "The reserve roster: vetting, sections, duties and firearms of each reservist.";
    if (href == "/reservists/deployments") return "Who is deployed where today, who has no duty, firearms out and overdue.";
    return "";
}

Response dashboard(RequestContext& ctx) {
    const auto& actor = ctx.actor();
    View areas = View::type::list;
    for (const auto& item : auth::navigationFor(actor.role)) {
        if (item.href == "/") continue;
        View a;
        a.set("href", item.href);
        a.set("label", item.label);
        a.set("text", describe(item.href));
        areas.push_back(a);
    }
    View v;
    v.set("display_name", actor.displayName);
    v.set("role_label", domain::roleLabel(actor.role));
    v.set("scope_name", actor.orgUnitName);
    v.set("areas", areas);
    // Worklists with their counts, for the roles that work them.
    View worklists = View::type::list;
    if (auth::allows(actor.role, Permission::ReadOfficers)) {
        const auto due = countDueForTransfer(ctx);
        View w;
        w.set("href", "/officers/due-for-transfer");
        w.set("label", "Due for transfer");
        w.set("count", std::to_string(due));
        w.set("text", domain::countOf(static_cast<long long>(due), "officer has", "officers have") +
                          " served more than three years at their station.");
        worklists.push_back(w);
        const int reminders = countRecentReminders(ctx);
        View t;
        t.set("href", "/training/reminders");
        t.set("label", "Retraining reminders");
        t.set("count", std::to_string(reminders));
        t.set("text", (reminders == 1 ? std::string("1 module expires soon or is overdue")
                                      : std::to_string(reminders) + " modules expire soon or are overdue") +
                          " (reminders of the last 7 days).");
        worklists.push_back(t);
    }
    if (auth::allows(actor.role, Permission::ManageReservists)) {
        // The reserve's command (OCS, reservist commanders) sees overdue firearms escalated
        // here, on its first page; HR reads the roster but does not hold the armoury.
        const auto counts = store::ReservistStore(ctx.services.db).worklistCounts(actor, ctx.today(), ctx.now());
        const int overdue = counts.firearmsOverdue;
        View f;
        f.set("href", "/reservists/firearms");
        f.set("label", "Firearms overdue");
        f.set("count", std::to_string(overdue));
        f.set("text", domain::countOf(overdue, "firearm issued to a reservist is",
                                      "firearms issued to reservists are") + " past due back.");
        worklists.push_back(f);
        const int revetting = counts.revettingDue;
        View r;
        r.set("href", "/reservists?vetting=due&sort=revetting");
        r.set("label", "Re-vetting due");
        r.set("count", std::to_string(revetting));
        r.set("text", domain::countOf(revetting, "reservist falls", "reservists fall") + " due for re-vetting within 30 days.");
        worklists.push_back(r);
    }
    v.set("worklists", worklists);
    v.set("has_worklists", !worklists.list_value().empty());
    return ctx.page("home/dashboard", "Home", v);
}

}  // namespace

void addDashboardRoutes(http::Router& router) {
    router.add("GET", "/", Permission::SignedIn, dashboard);
}

}  // namespace kituo::handlers
