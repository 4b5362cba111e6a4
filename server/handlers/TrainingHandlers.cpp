// The retraining catalogue: modules with their prerequisites and requirement rules. Everyone
// who reads training sees the national catalogue; admins and national HR edit it (the role
// check is in the route table, national scope for HR here). Compliance: TrainingCompliance*.
#include "handlers/Handlers.h"
#include "handlers/ReserveViews.h"

#include "auth/Policy.h"
#include "domain/Errors.h"
#include "domain/Time.h"
#include "domain/TrainingCatalogue.h"
#include "domain/Words.h"
#include "handlers/TrainingViews.h"
#include "handlers/ViewHelpers.h"
#include "http/RequestContext.h"
#include "http/ViewBuild.h"
#include "store/OrgStore.h"
#include "store/RankStore.h"
#include "store/TrainingStore.h"

#include <Poco/String.h>

#include <algorithm>
#include <map>
#include <set>

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

// Admins, and HR officers whose place is the national level, edit the catalogue.
bool editsCatalogue(RequestContext& ctx) {
    const auto& a = ctx.actor();
    if (a.role == domain::Role::Admin) return true;
    if (a.role != domain::Role::HrOfficer) return false;
    const auto own = store::OrgStore(ctx.services.db).findWithin(a.scopePath, a.orgUnitId);
    return own && own->kind == domain::OrgKind::National;
}

void requireCatalogueEditor(RequestContext& ctx) {
    if (!editsCatalogue(ctx)) throw domain::Forbidden("the catalogue is edited by admins and national HR");
}

View choices(const std::vector<domain::Choice>& options, const std::string& selected) {
    return selectOptions(options, [](const auto& c) { return c.first; }, [](const auto& c) { return c.second; }, selected);
}

const std::vector<domain::Choice>& months() {
    static const std::vector<domain::Choice> m = {
        {"1", "January"}, {"2", "February"}, {"3", "March"},     {"4", "April"},   {"5", "May"},      {"6", "June"},
        {"7", "July"},    {"8", "August"},   {"9", "September"}, {"10", "October"}, {"11", "November"}, {"12", "December"}};
    return m;
}

View monthOptions(const std::string& selected) { return choices(months(), selected); }

domain::ModuleInput moduleFrom(const http::Request& r) {
    domain::ModuleInput in;
    for (const auto& f : domain::moduleFields()) in.*f.text = r.formParam(f.name);
    in.code = Poco::toUpper(in.code);
    return in;
}

std::vector<std::int64_t> prerequisitesFrom(const http::Request& r) {
    std::set<std::int64_t> ids;
    auto [from, to] = r.form.equal_range("prerequisite_id");
    for (auto it = from; it != to; ++it) {
        if (auto id = positiveNumber(it->second)) ids.insert(id);
    }
    return {ids.begin(), ids.end()};
}

// The module form's view: values, choices, prerequisites to tick and errors.
View moduleForm(RequestContext& ctx, const domain::ModuleInput& in, std::int64_t id,
                const std::vector<std::int64_t>& prerequisites, const domain::FieldErrors& errors) {
    View v;
    for (const auto& f : domain::moduleFields()) v.set(f.name, in.*f.text);
    v.set("categories", choices(domain::moduleCategories(), in.category));
    v.set("deliveries", choices(domain::deliveryModes(), in.delivery));
    v.set("bases", choices(domain::recertBases(), in.basis));
    v.set("months", monthOptions(in.windowMonth));
    View pre = View::type::list;
    for (const auto& m : store::TrainingStore(ctx.services.db).modules()) {
        if (m.id == id) continue;
        View o;
        o.set("value", std::to_string(m.id));
        o.set("label", m.fields.code + " " + m.fields.title);
        o.set("checked", std::find(prerequisites.begin(), prerequisites.end(), m.id) != prerequisites.end());
        pre.push_back(o);
    }
    v.set("prerequisite_options", pre);
    v.set("csrf_token", ctx.user->csrfToken);
    std::vector<std::string> order;
    for (const auto& f : domain::moduleFields()) order.push_back(f.name);
    order.push_back("prerequisite_id");
    http::addFormErrors(v, errors, order);
    return v;
}

Response listModules(RequestContext& ctx) {
    const auto modules = store::TrainingStore(ctx.services.db).modules();
    View rows = View::type::list;
    for (const auto& m : modules) {
        const auto& f = m.fields;
        View row;
        row.set("id", std::to_string(m.id));
        row.set("code", f.code);
        row.set("title", f.title);
        row.set("category", domain::choiceLabel(domain::moduleCategories(), f.category));
        row.set("delivery", domain::choiceLabel(domain::deliveryModes(), f.delivery));
        row.set("hours", f.hours);
        row.set("validity", f.validityMonths == "0" ? std::string("Never expires")
                                                    : domain::countOf(std::stoll(f.validityMonths), "month", "months"));
        rows.push_back(row);
    }
    View v;
    v.set("modules", rows);
    v.set("count_text", domain::countOf(static_cast<long long>(modules.size()), "module", "modules"));
    v.set("can_edit", editsCatalogue(ctx));
    return ctx.page("training/modules", "Training modules", v);
}

store::TrainingModuleRecord requireModule(RequestContext& ctx) {
    return requireVisible(ctx, "training_module",
                          [&](std::int64_t id) { return store::TrainingStore(ctx.services.db).findModule(id); });
}

// The module's roster at a station, for accounts that read officers: every serving officer of
// the station it is required of or who holds it, with the state (computed as in the station's
// matrix), last pass, valid-until or due date and the certificate of the newest pass. Station
// accounts see their own station; accounts above a station choose one (?station=, 404 when out
// of scope).
void addRoster(RequestContext& ctx, View& v, const store::TrainingModuleRecord& m) {
    const auto station = trainingStation(ctx);
    v.set("shows_roster", true);
    std::vector<domain::OrgUnit> stations;
    for (auto& u : store::OrgStore(ctx.services.db).subtree(ctx.actor().scopePath)) {
        if (u.kind == domain::OrgKind::Station) stations.push_back(std::move(u));
    }
    if (stations.size() > 1) {
        v.set("station_options", selectOptions(stations, [](const auto& u) { return std::to_string(u.id); },
                                               [](const auto& u) { return u.name; },
                                               station ? std::to_string(station->id) : std::string()));
        v.set("chooses_station", true);
    }
    if (!station) return;
    store::TrainingStore training(ctx.services.db);
    const auto rules = requirementRules(ctx);
    std::map<std::int64_t, std::vector<domain::Completion>> done;
    std::map<std::int64_t, std::pair<std::string, std::int64_t>> newestPass;  // officer -> (date, completion)
    for (const auto& c : training.completionsAt(ctx.actor(), station->id)) {
        done[c.officerId].push_back(c.completion);
        if (c.completion.moduleId != m.id || !c.completion.passed) continue;
        auto& best = newestPass[c.officerId];
        best = std::max(best, std::make_pair(c.completion.completedOn, c.id));
    }
    View rows = View::type::list;
    for (const auto& o : training.officersAt(ctx.actor(), station->id)) {
        const auto id = o.facts.officerId;
        const auto c = domain::moduleCompliance(m.rules(), rules, o.facts, done[id], ctx.today());
        if (c.state == domain::ComplianceState::NotRequired && !c.lastCompleted) continue;
        View x;
        x.set("officer_id", std::to_string(id));
        x.set("name", o.surname + ", " + o.otherNames);
        x.set("service_number", o.serviceNumber);
        x.set("rank", o.rankName);
        x.set("key", domain::complianceKey(c.state));
        x.set("label", domain::complianceLabel(c.state));
        x.set("last", c.lastCompleted ? domain::formatDateText(*c.lastCompleted) : std::string("never"));
        x.set("date", complianceDateText(c, ctx.today()));
        const auto pass = newestPass.find(id);
        x.set("has_certificate", pass != newestPass.end());
        if (pass != newestPass.end()) x.set("certificate_href", "/training/certificates/" + std::to_string(pass->second.second));
        rows.push_back(x);
    }
    const auto count = static_cast<long long>(rows.list_value().size());
    v.set("roster_station", station->name);
    v.set("roster_station_id", std::to_string(station->id));
    v.set("roster_count", domain::countOf(count, "officer", "officers"));
    v.set("has_roster", count > 0);
    v.set("roster", rows);
    addReservistModuleRoster(ctx, v, m, station->id);
}

Response modulePage(RequestContext& ctx, const store::TrainingModuleRecord& m, View form, View rule,
                    const domain::FieldErrors& errors, int status) {
    store::TrainingStore training(ctx.services.db);
    const auto ranks = store::RankStore(ctx.services.db).ranks();
    const auto modules = training.modules();
    View v;
    const auto& f = m.fields;
    v.set("id", std::to_string(m.id));
    v.set("module_id", std::to_string(m.id));
    v.set("code", f.code);
    v.set("title", f.title);
    v.set("category", domain::choiceLabel(domain::moduleCategories(), f.category));
    v.set("description", f.description);
    v.set("hours", f.hours);
    v.set("delivery", domain::choiceLabel(domain::deliveryModes(), f.delivery));
    v.set("pass_mark", f.passMark);
    v.set("validity", f.validityMonths == "0" ? std::string("Never expires")
                                              : domain::countOf(std::stoll(f.validityMonths), "month", "months"));
    std::string basis = domain::choiceLabel(domain::recertBases(), f.basis);
    if (f.basis == "calendar") basis += ": " + domain::choiceLabel(months(), f.windowMonth);
    v.set("basis", basis);
    v.set("renewal_window", domain::countOf(std::stoll(f.renewalWindowDays), "day", "days"));
    View pre = View::type::list;
    for (auto id : m.prerequisites) {
        for (const auto& p : modules) {
            if (p.id != id) continue;
            View x;
            x.set("id", std::to_string(p.id));
            x.set("label", p.fields.code + " " + p.fields.title);
            pre.push_back(x);
        }
    }
    v.set("prerequisites", pre);
    v.set("has_prerequisites", !m.prerequisites.empty());
    View rules = View::type::list;
    const auto requirements = training.requirements(m.id);
    for (const auto& r : requirements) {
        View x;
        x.set("id", std::to_string(r.id));
        x.set("who", domain::describeRequirement(r.rule, ranks));
        x.set("from", domain::formatDateText(r.rule.effectiveFrom));
        x.set("due", domain::countOf(r.rule.dueDays, "day", "days"));
        rules.push_back(x);
    }
    v.set("requirements", rules);
    v.set("has_requirements", !requirements.empty());
    const bool edit = editsCatalogue(ctx);
    v.set("can_edit", edit);
    if (edit) {
        form.set("version", std::to_string(m.version));
        form.set("action", "/training/modules/" + std::to_string(m.id));
        v.set("form", form);
        rule.set("kinds", choices(domain::requirementKinds(), rule.get("kind") ? rule.get("kind")->string_value() : ""));
        auto rankChoices = [&](const std::string& key) {
            const std::string sel = rule.get(key) ? rule.get(key)->string_value() : "";
            return selectOptions(ranks, [](const auto& r) { return std::to_string(r.ordinal); },
                                 [](const auto& r) { return r.name; }, sel);
        };
        rule.set("min_ranks", rankChoices("min_rank"));
        rule.set("max_ranks", rankChoices("max_rank"));
        rule.set("unit_types", choices(domain::unitTypes(), rule.get("unit_type") ? rule.get("unit_type")->string_value() : ""));
        rule.set("services", selectOptions(domain::services(), [](const auto& s) { return s; },
                                           [](const auto& s) { return domain::serviceLabel(s); },
                                           rule.get("service") ? rule.get("service")->string_value() : ""));
        v.set("rule", rule);
        v.set("csrf_token", ctx.user->csrfToken);
    }
    std::vector<std::string> order;
    for (const auto& fld : domain::moduleFields()) order.push_back(fld.name);
    for (const char* k : {"prerequisite_id", "kind", "min_rank", "max_rank", "unit_type", "service", "effective_from", "due_days"}) {
        order.push_back(k);
    }
    http::addFormErrors(v, errors, order);
    if (auth::allows(ctx.actor().role, Permission::ReadOfficers)) addRoster(ctx, v, m);
    return ctx.page("training/module", f.code + " " + f.title, v, status);
}

View emptyRule(RequestContext& ctx) {
    View rule;
    rule.set("effective_from", ctx.today());
    rule.set("due_days", std::string("90"));
    return rule;
}

Response showModule(RequestContext& ctx) {
    const auto m = requireModule(ctx);
    return modulePage(ctx, m, moduleForm(ctx, m.fields, m.id, m.prerequisites, {}), emptyRule(ctx), {}, 200);
}

Response newModule(RequestContext& ctx) {
    requireCatalogueEditor(ctx);
    domain::ModuleInput in;
    in.hours = "8";
    in.passMark = "50";
    in.validityMonths = "24";
    in.basis = "completion";
    in.renewalWindowDays = "60";
    in.delivery = "classroom";
    return ctx.page("training/module_new", "New training module", moduleForm(ctx, in, 0, {}, {}));
}

// The checks shared by create and update; errors for the form.
domain::FieldErrors moduleErrors(RequestContext& ctx, const domain::ModuleInput& in, std::int64_t id,
                                 const std::vector<std::int64_t>& prerequisites) {
    auto errors = domain::moduleFieldErrors(in);
    std::map<std::int64_t, std::vector<std::int64_t>> graph;
    std::set<std::int64_t> known;
    for (const auto& m : store::TrainingStore(ctx.services.db).modules()) {
        graph[m.id] = m.prerequisites;
        known.insert(m.id);
    }
    for (auto p : prerequisites) {
        if (!known.count(p)) errors["prerequisite_id"] = "Choose prerequisites from the catalogue.";
    }
    if (id && domain::prerequisiteCycle(id, prerequisites, graph)) {
        errors["prerequisite_id"] = "A module cannot require itself, directly or through its prerequisites.";
    }
    return errors;
}

Response createModule(RequestContext& ctx) {
    requireCatalogueEditor(ctx);
    const auto in = moduleFrom(ctx.request);
    const auto prerequisites = prerequisitesFrom(ctx.request);
    auto errors = moduleErrors(ctx, in, 0, prerequisites);
    if (!errors.empty()) return ctx.page("training/module_new", "New training module", moduleForm(ctx, in, 0, prerequisites, errors), 400);
    std::int64_t id = 0;
    try {
        id = ctx.write(ctx.auditEvent("training.module_create", "training_module", "", "success", in.code),
                       [&](store::Tx& tx, domain::AuditEvent& e) {
                           store::TrainingStore training(ctx.services.db);
                           const auto newId = training.createModule(tx, in);
                           training.setPrerequisites(tx, newId, prerequisites);
                           e.recordId = std::to_string(newId);
                           return newId;
                       });
    } catch (const domain::ValidationError& e) {
        return ctx.page("training/module_new", "New training module",
                        moduleForm(ctx, in, 0, prerequisites, e.fieldErrors()), 400);
    }
    ctx.flash("success", "Module " + in.code + " added to the catalogue.");
    return Response::redirect("/training/modules/" + std::to_string(id));
}

Response updateModule(RequestContext& ctx) {
    requireCatalogueEditor(ctx);
    const auto m = requireModule(ctx);
    const auto in = moduleFrom(ctx.request);
    const auto prerequisites = prerequisitesFrom(ctx.request);
    const int version = formVersion(ctx.request);
    auto errors = moduleErrors(ctx, in, m.id, prerequisites);
    if (errors.empty()) {
        try {
            ctx.write(ctx.auditEvent("training.module_update", "training_module", std::to_string(m.id), "success", in.code),
                      [&](store::Tx& tx, domain::AuditEvent&) {
                          store::TrainingStore training(ctx.services.db);
                          training.updateModule(tx, m.id, version, in);
                          training.setPrerequisites(tx, m.id, prerequisites);
                      });
            ctx.flash("success", "Module " + in.code + " saved.");
            return Response::redirect("/training/modules/" + std::to_string(m.id));
        } catch (const domain::ValidationError& e) {
            errors = e.fieldErrors();
        }
    }
    return modulePage(ctx, m, moduleForm(ctx, in, m.id, prerequisites, errors), emptyRule(ctx), errors, 400);
}

Response addRequirement(RequestContext& ctx) {
    requireCatalogueEditor(ctx);
    const auto m = requireModule(ctx);
    const auto& r = ctx.request;
    domain::RequirementInput in{r.formParam("kind"),    r.formParam("min_rank"),       r.formParam("max_rank"),
                                r.formParam("unit_type"), r.formParam("service"), r.formParam("effective_from"),
                                r.formParam("due_days")};
    if (auto iso = domain::parseDateInput(in.effectiveFrom)) in.effectiveFrom = *iso;
    const auto ranks = store::RankStore(ctx.services.db).ranks();
    int highest = 0;
    for (const auto& k : ranks) highest = std::max(highest, k.ordinal);
    const auto errors = domain::requirementFieldErrors(in, highest);
    if (!errors.empty()) {
        View rule;
        for (const char* k : {"kind", "min_rank", "max_rank", "unit_type", "service", "effective_from", "due_days"}) {
            rule.set(k, r.formParam(k));
        }
        return modulePage(ctx, m, moduleForm(ctx, m.fields, m.id, m.prerequisites, {}), rule, errors, 400);
    }
    const auto rule = domain::requirementRule(m.id, in);
    const std::string who = domain::describeRequirement(rule, ranks);
    ctx.write(ctx.auditEvent("training.requirement_add", "training_module", std::to_string(m.id), "success",
                             m.fields.code + ": " + who + " from " + in.effectiveFrom + ", due in " + in.dueDays + " days"),
              [&](store::Tx& tx, domain::AuditEvent&) { store::TrainingStore(ctx.services.db).addRequirement(tx, rule); });
    ctx.flash("success", m.fields.code + " is now required of: " + who + ".");
    return Response::redirect("/training/modules/" + std::to_string(m.id));
}

Response removeRequirement(RequestContext& ctx) {
    requireCatalogueEditor(ctx);
    const auto m = requireModule(ctx);
    const std::string raw = ctx.request.pathParam("requirement");
    const auto id = positiveNumber(raw);
    const auto rules = store::TrainingStore(ctx.services.db).requirements(m.id);
    if (std::none_of(rules.begin(), rules.end(), [&](const auto& r) { return r.id == id; })) {
        ctx.notFound("training_requirement", raw.substr(0, 20));  // not a rule of this module
    }
    ctx.write(ctx.auditEvent("training.requirement_remove", "training_module", std::to_string(m.id), "success",
                             m.fields.code + ": rule " + std::to_string(id)),
              [&](store::Tx& tx, domain::AuditEvent&) {
                  store::TrainingStore(ctx.services.db).removeRequirement(tx, m.id, id);
              });
    ctx.flash("success", "Rule removed from " + m.fields.code + ".");
    return Response::redirect("/training/modules/" + std::to_string(m.id));
}

}  // namespace

void addTrainingRoutes(http::Router& router) {
    router.add("GET", "/training/modules", Permission::ReadTraining, listModules);
    router.add("GET", "/training/modules/new", Permission::ManageCatalogue, newModule);
    router.add("POST", "/training/modules/new", Permission::ManageCatalogue, createModule);
    router.add("GET", "/training/modules/{id}", Permission::ReadTraining, showModule);
    router.add("POST", "/training/modules/{id}", Permission::ManageCatalogue, updateModule);
    router.add("POST", "/training/modules/{id}/requirements", Permission::ManageCatalogue, addRequirement);
    router.add("POST", "/training/modules/{id}/requirements/{requirement}/remove", Permission::ManageCatalogue,
               removeRequirement);
    addTrainingComplianceRoutes(router);
    addTrainingRecordRoutes(router);
    addTrainingOfferingRoutes(router);
}

}  // namespace kituo::handlers
