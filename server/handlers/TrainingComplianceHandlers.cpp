// Retraining compliance: the station matrix (officers x required modules, the state of each in
// words and colour, filter by state, CSV), per-module compliance with an inline SVG chart, and
// the training panel of a profile. States come from domain::moduleCompliance on today's date.
// A station outside the actor's scope does not exist for them (404).
#include "handlers/Handlers.h"

#include "auth/Policy.h"
#include "domain/Csv.h"
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
#include "store/TrainingSummaryStore.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

struct Matrix {
    domain::OrgUnit station;
    std::vector<store::TrainingOfficer> officers;
    std::vector<store::TrainingModuleRecord> modules;            // required of someone at the station
    std::vector<std::vector<domain::ModuleCompliance>> cells;    // [officer][module]
};

std::vector<domain::Requirement> rulesOf(const std::vector<store::RequirementRecord>& records) {
    std::vector<domain::Requirement> out;
    for (const auto& r : records) out.push_back(r.rule);
    return out;
}

Matrix buildMatrix(RequestContext& ctx, const domain::OrgUnit& station) {
    auto m = store::stationCompliance(ctx.services.db, ctx.actor(), station.id, ctx.today(), ctx.dataVersion("training"));
    return {station, std::move(m.officers), std::move(m.modules), std::move(m.cells)};
}

// "Enrol these 7 in FA-BASIC at Kilimani hall (from 2 Dec 2026, 12 places left)": the bulk
// enrolment form of one open offering for the `listed` officers due, `toEnrol` of them not yet
// enrolled in it, `lacking` of those without a prerequisite (`prerequisites`: their codes); or
// why there is no form (everyone listed is enrolled; a prerequisite or too few places: the
// offering's own page chooses whom).
View offeringChoice(const store::OfferingRecord& o, const domain::OrgUnit& station, std::size_t listed,
                    std::size_t toEnrol, std::size_t lacking, const std::string& prerequisites, bool canEnrol) {
    const int places = o.capacity - o.enrolled;
    std::string where = o.moduleCode + " at " + o.venue;
    if (o.hostId != station.id) where += ", run by " + o.hostName;
    const std::string when = "from " + domain::formatDateText(o.startsOn) + ", " +
                             domain::countOf(places, "place left", "places left");
    View x;
    x.set("id", std::to_string(o.id));
    x.set("label", where + " (" + when + ")");
    const bool fits = toEnrol > 0 && lacking == 0 && static_cast<int>(toEnrol) <= places;
    x.set("form", canEnrol && fits);
    if (canEnrol && fits) {
        const std::string whom = toEnrol == listed ? (listed == 1 ? std::string("this officer") : "these " + std::to_string(listed))
                                                   : "the " + std::to_string(toEnrol) + " not yet enrolled";
        x.set("button", "Enrol " + whom + " in " + where + " (" + when + ")");
    } else if (toEnrol == 0) {
        x.set("note", std::string(listed == 1 ? "Already enrolled." : "All of them are enrolled."));
    } else if (canEnrol && lacking > 0) {
        x.set("note", std::string(lacking == 1 ? "1 of them has" : std::to_string(lacking) + " of them have") +
                          " not passed " + prerequisites + " yet: open the offering to choose whom to enrol.");
    } else if (canEnrol) {
        x.set("note", "Fewer places are left than the " + std::to_string(toEnrol) +
                          " officers to enrol: open the offering to choose whom to enrol.");
    }
    return x;
}

// Per required module, the officers of the matrix who are overdue, expired or due within 60
// days (domain::bulkEnrolmentCandidates: the same rule the bulk enrolment applies), most urgent
// first, with the open offerings of the module (hosted at the station or above it, within the
// actor's scope) and, for accounts that enrol, each one's bulk enrolment form. Officers who
// have not passed a prerequisite of the module (domain::missingPrerequisites, which the
// enrolment checks too) are marked, and keep the form from being offered.
View dueWorklists(RequestContext& ctx, const Matrix& m, bool canEnrol) {
    store::TrainingOfferingStore offerings(ctx.services.db);
    store::TrainingStore training(ctx.services.db);
    const auto open = offerings.openTo(ctx.actor(), m.station.path, ctx.today());
    std::map<std::int64_t, std::size_t> row;
    for (std::size_t i = 0; i < m.officers.size(); ++i) row[m.officers[i].facts.officerId] = i;
    std::map<std::int64_t, std::string> codes;
    std::map<std::int64_t, std::vector<domain::Completion>> done;  // read when a module has prerequisites
    bool doneRead = false;
    View lists = View::type::list;
    for (std::size_t j = 0; j < m.modules.size(); ++j) {
        const auto& mod = m.modules[j];
        std::vector<domain::ComplianceCell> cells;
        for (std::size_t i = 0; i < m.officers.size(); ++i) cells.push_back({m.officers[i].facts.officerId, m.cells[i][j]});
        const auto due = domain::bulkEnrolmentCandidates(cells, {}, ctx.today());
        if (due.empty()) continue;
        std::map<std::int64_t, std::string> missing;  // officer -> the prerequisites they lack
        if (!mod.prerequisites.empty()) {
            if (!doneRead) {
                for (const auto& c : training.completionsAt(ctx.actor(), m.station.id)) done[c.officerId].push_back(c.completion);
                for (const auto& x : training.modules(ctx.dataVersion("training"))) codes[x.id] = x.fields.code;
                doneRead = true;
            }
            for (auto id : due) {
                for (auto p : domain::missingPrerequisites(mod.prerequisites, done[id])) {
                    missing[id] += (missing[id].empty() ? "" : ", ") + codes[p];
                }
            }
        }
        View list;
        list.set("code", mod.fields.code);
        list.set("title", mod.fields.title);
        list.set("module_id", std::to_string(mod.id));
        list.set("count_text", domain::countOf(static_cast<long long>(due.size()), "officer", "officers"));
        std::map<domain::ComplianceState, int> byState;
        View officers = View::type::list;
        for (auto id : due) {
            const auto& o = m.officers[row[id]];
            const auto& c = m.cells[row[id]][j];
            ++byState[c.state];
            View x;
            x.set("id", std::to_string(id));
            x.set("name", o.surname + ", " + o.otherNames);
            x.set("service_number", o.serviceNumber);
            x.set("key", domain::complianceKey(c.state));
            x.set("label", domain::complianceLabel(c.state));
            x.set("date", complianceDateText(c, ctx.today()));
            if (missing.count(id)) x.set("lacks", "has not passed " + missing[id]);
            else x.set("lacks", false);
            officers.push_back(x);
        }
        std::string states;
        for (auto st : {domain::ComplianceState::Overdue, domain::ComplianceState::Expired, domain::ComplianceState::DueSoon}) {
            if (!byState[st]) continue;
            std::string label = domain::complianceLabel(st);
            std::transform(label.begin(), label.end(), label.begin(), [](unsigned char ch) { return std::tolower(ch); });
            states += (states.empty() ? "" : ", ") + std::to_string(byState[st]) + " " + label;
        }
        list.set("states_text", states);
        list.set("officers", officers);
        std::string prerequisites;
        for (auto p : mod.prerequisites) prerequisites += (prerequisites.empty() ? "" : " or ") + codes[p];
        View choices = View::type::list;
        for (const auto& o : open) {
            if (o.moduleId != mod.id) continue;
            const auto toEnrol = domain::bulkEnrolmentCandidates(cells, offerings.enrolled(o.id), ctx.today());
            const auto lacking = std::count_if(toEnrol.begin(), toEnrol.end(), [&](auto id) { return missing.count(id) > 0; });
            choices.push_back(offeringChoice(o, m.station, due.size(), toEnrol.size(), static_cast<std::size_t>(lacking),
                                             prerequisites, canEnrol));
        }
        list.set("has_offerings", !choices.list_value().empty());
        list.set("offerings", choices);
        lists.push_back(list);
    }
    return lists;
}

// An inline SVG bar chart of percentages (UI.md "Charts"): geometry computed here, drawn by
// partials/bar_chart; the same numbers go in a table beside it.
View barChart(const std::string& title, const std::vector<std::pair<std::string, int>>& bars, int kLabel = 90) {
    constexpr int kWidth = 300, kRow = 24;
    View v;
    v.set("title", title);
    v.set("height", std::to_string(static_cast<int>(bars.size()) * kRow + 8));
    v.set("width", std::to_string(kLabel + kWidth + 50));
    View list = View::type::list;
    int y = 4;
    for (const auto& [label, percent] : bars) {
        View b;
        b.set("label", label);
        b.set("value", std::to_string(percent) + "%");
        b.set("y", std::to_string(y));
        b.set("text_y", std::to_string(y + 15));
        b.set("bar_x", std::to_string(kLabel));
        b.set("bar_width", std::to_string(kWidth * percent / 100));
        b.set("value_x", std::to_string(kLabel + kWidth * percent / 100 + 6));
        list.push_back(b);
        y += kRow;
    }
    v.set("bars", list);
    return v;
}

View tallyRow(const std::string& name, const std::string& href, const domain::ComplianceTally& t) {
    View x;
    x.set("name", name);
    x.set("href", href);
    x.set("officers", domain::groupThousands(t.officers));
    x.set("required", domain::groupThousands(t.required));
    x.set("percent", std::to_string(t.percent()) + "%");
    x.set("overdue", domain::groupThousands(t.overdue));
    x.set("expired", domain::groupThousands(t.expired));
    return x;
}

// A county or national account. Within one county: every station with the share of required
// qualifications held, overdue and expired counts, as a table and a chart; each station opens
// its matrix. With several counties in scope: the same by county, each county opening its
// stations (?county=, a county outside the scope is a 404). Each station's numbers come from
// its stored summary while its data, the catalogue and the day are unchanged
// (store::TrainingSummaryStore).
Response rollUp(RequestContext& ctx) {
    store::OrgStore org(ctx.services.db);
    std::string within = ctx.actor().scopePath, withinName = ctx.actor().orgUnitName;
    if (const std::string raw = ctx.request.queryParam("county"); !raw.empty()) {
        const auto id = positiveNumber(raw);
        const auto county = id ? org.findWithin(ctx.actor().scopePath, id) : std::nullopt;
        if (!county || county->kind != domain::OrgKind::County) ctx.notFound("county", raw.substr(0, 20));
        within = county->path;
        withinName = county->name;
    }
    const auto units = org.subtree(within, ctx.dataVersion("roll"));
    const auto tallies = store::TrainingSummaryStore(ctx.services.db)
                             .tallies(ctx.actor(), within, ctx.today(), ctx.dataVersion("training"));
    std::map<std::int64_t, const domain::OrgUnit*> byId;
    for (const auto& u : units) byId[u.id] = &u;
    View stations = View::type::list;
    std::vector<std::pair<std::string, int>> stationBars;
    std::map<std::int64_t, domain::ComplianceTally> counties;
    domain::ComplianceTally all;
    for (const auto& u : units) {
        if (u.kind != domain::OrgKind::Station) continue;
        const auto found = tallies.find(u.id);
        const domain::ComplianceTally t = found == tallies.end() ? domain::ComplianceTally{} : found->second;
        stations.push_back(tallyRow(u.name, "/training/compliance?station=" + std::to_string(u.id), t));
        stationBars.emplace_back(u.code, t.percent());
        all.add(t);
        // The county above the station (the path lists ids from the root down).
        for (const auto* p = &u; p && p->parentId;) {
            auto it = byId.find(*p->parentId);
            p = it == byId.end() ? nullptr : it->second;
            if (p && p->kind == domain::OrgKind::County) {
                counties[p->id].add(t);
                break;
            }
        }
    }
    View v;
    v.set("scope_name", withinName);
    v.set("today_text", domain::formatDateText(ctx.today()));
    v.set("total", tallyRow("All stations", "", all));
    if (counties.size() > 1) {
        View list = View::type::list;
        std::vector<std::pair<std::string, int>> bars;
        for (const auto& [id, ct] : counties) {
            list.push_back(tallyRow(byId[id]->name, "/training/compliance?county=" + std::to_string(id), ct));
            // Counties by name (a county code means little to a reader), without the suffix.
            std::string name = byId[id]->name;
            if (name.size() > 7 && name.compare(name.size() - 7, 7, " County") == 0) name.resize(name.size() - 7);
            bars.emplace_back(name, ct.percent());
        }
        v.set("counties", list);
        v.set("has_counties", true);
        v.set("chart", barChart("Required qualifications held, by county", bars, 130));
    } else {
        v.set("stations", stations);
        v.set("chart", barChart("Required qualifications held, by station", stationBars));
    }
    return ctx.page("training/compliance_rollup", "Retraining compliance", v);
}

Response showCompliance(RequestContext& ctx) {
    View v;
    const auto station = trainingStation(ctx);
    if (!station) return rollUp(ctx);
    const auto m = buildMatrix(ctx, *station);
    const std::string stateFilter = ctx.request.queryParam("state");
    std::vector<domain::ComplianceCell> cells;
    View header = View::type::list;
    for (const auto& mod : m.modules) {
        View h;
        h.set("code", mod.fields.code);
        h.set("title", mod.fields.title);
        h.set("href", "/training/modules/" + std::to_string(mod.id));
        header.push_back(h);
    }
    View rows = View::type::list;
    for (std::size_t i = 0; i < m.officers.size(); ++i) {
        const auto& o = m.officers[i];
        bool match = stateFilter.empty();
        View row;
        row.set("id", std::to_string(o.facts.officerId));
        row.set("service_number", o.serviceNumber);
        row.set("name", o.surname + ", " + o.otherNames);
        row.set("rank", o.rankName);
        row.set("unit", o.unitName);
        row.set("has_unit", !o.unitName.empty());
        View line = View::type::list;
        for (std::size_t j = 0; j < m.modules.size(); ++j) {
            const auto& c = m.cells[i][j];
            cells.push_back({o.facts.officerId, c});
            match = match || domain::complianceKey(c.state) == stateFilter;
            View cell;
            cell.set("key", domain::complianceKey(c.state));
            cell.set("label", domain::complianceLabel(c.state));
            cell.set("date", complianceDateText(c, ctx.today()));
            cell.set("module", m.modules[j].fields.code);
            line.push_back(cell);
        }
        row.set("cells", line);
        if (match) rows.push_back(row);
    }
    std::vector<std::pair<std::string, int>> bars;
    View summary = View::type::list;
    for (const auto& mod : m.modules) {
        const auto s = domain::summarize(mod.id, cells);
        bars.emplace_back(mod.fields.code, s.percentCompliant);
        View x;
        x.set("code", mod.fields.code);
        x.set("title", mod.fields.title);
        x.set("required", std::to_string(s.required));
        x.set("percent", std::to_string(s.percentCompliant) + "%");
        auto count = [&](domain::ComplianceState st) {
            auto it = s.byState.find(st);
            return std::to_string(it == s.byState.end() ? 0 : it->second);
        };
        x.set("compliant", count(domain::ComplianceState::Compliant));
        x.set("due_soon", count(domain::ComplianceState::DueSoon));
        x.set("expired", count(domain::ComplianceState::Expired));
        x.set("overdue", count(domain::ComplianceState::Overdue));
        summary.push_back(x);
    }
    const std::size_t shown = rows.list_value().size();
    v.set("station", station->name);
    v.set("station_id", std::to_string(station->id));
    v.set("today_text", domain::formatDateText(ctx.today()));
    v.set("modules", header);
    v.set("rows", rows);
    v.set("has_rows", shown > 0);
    v.set("has_modules", !m.modules.empty());
    v.set("summary", summary);
    v.set("chart", barChart("Officers holding a valid qualification, by module", bars));
    View states = View::type::list;
    std::string filterText;
    for (auto st : {domain::ComplianceState::Overdue, domain::ComplianceState::Expired, domain::ComplianceState::DueSoon,
                    domain::ComplianceState::Compliant}) {
        View s;
        s.set("value", domain::complianceKey(st));
        s.set("label", domain::complianceLabel(st));
        s.set("selected", domain::complianceKey(st) == stateFilter);
        if (domain::complianceKey(st) == stateFilter) filterText = " with a module " + domain::complianceLabel(st);
        states.push_back(s);
    }
    v.set("count_text", domain::countOf(static_cast<long long>(shown), "officer", "officers") + filterText);
    v.set("states", states);
    v.set("csv_href", "/training/compliance.csv" + queryString(ctx.request));
    const bool canEnrol = auth::allows(ctx.actor().role, Permission::ManageOfficers);
    v.set("can_record", canEnrol);
    v.set("can_enrol", canEnrol);
    v.set("worklists", dueWorklists(ctx, m, canEnrol));
    v.set("csrf_token", ctx.user->csrfToken);
    return ctx.page("training/compliance", "Retraining compliance", v);
}

Response exportCompliance(RequestContext& ctx) {
    const auto station = trainingStation(ctx);
    if (!station) throw domain::ValidationError("station", "Choose a station.");
    const auto m = buildMatrix(ctx, *station);
    std::string out = "\xEF\xBB\xBF" + domain::csvLine({"service_number", "surname", "other_names", "rank", "unit",
                                                          "module", "state", "last_completed", "valid_until", "due_by"});
    for (std::size_t i = 0; i < m.officers.size(); ++i) {
        const auto& o = m.officers[i];
        for (std::size_t j = 0; j < m.modules.size(); ++j) {
            const auto& c = m.cells[i][j];
            out += domain::csvLine({o.serviceNumber, o.surname, o.otherNames, o.rankName, o.unitName,
                                    m.modules[j].fields.code, domain::complianceKey(c.state),
                                    c.lastCompleted.value_or(""), c.validUntil.value_or(""), c.dueBy.value_or("")});
        }
    }
    ctx.audit("training.compliance_export", "station", std::to_string(station->id), "success",
              domain::countOf(static_cast<long long>(m.officers.size()), "officer", "officers"));
    Response r;
    r.contentType = "text/csv; charset=utf-8";
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"compliance-" + station->code + "-" +
                                                      ctx.today() + ".csv\"");
    r.body = std::move(out);
    return r;
}

}  // namespace

// The station the request names (within scope, else 404), or the actor's own when they are
// at a station and name none; nothing when they must choose.
std::optional<domain::OrgUnit> trainingStation(RequestContext& ctx) {
    store::OrgStore org(ctx.services.db);
    const std::string raw = ctx.request.queryParam("station");
    if (raw.empty()) {
        auto own = org.findWithin(ctx.actor().scopePath, ctx.actor().orgUnitId);
        if (own && own->kind == domain::OrgKind::Station) return own;
        return std::nullopt;
    }
    return requireTrainingStation(ctx, raw);
}

domain::OrgUnit requireTrainingStation(RequestContext& ctx, const std::string& raw) {
    const auto id = positiveNumber(raw);
    auto station = id ? store::OrgStore(ctx.services.db).findWithin(ctx.actor().scopePath, id) : std::nullopt;
    if (!station || station->kind != domain::OrgKind::Station) ctx.notFound("station", raw.substr(0, 20));
    return *station;
}

std::vector<domain::Requirement> requirementRules(RequestContext& ctx) {
    return rulesOf(store::TrainingStore(ctx.services.db).requirements(0, ctx.dataVersion("training")));
}

std::string complianceDateText(const domain::ModuleCompliance& c, const std::string& today) {
    if (c.validUntil) return (today > *c.validUntil ? "expired " : "to ") + domain::formatDateText(*c.validUntil);
    if (c.dueBy) return (c.state == domain::ComplianceState::Overdue ? "was due " : "due ") + domain::formatDateText(*c.dueBy);
    return c.lastCompleted ? std::string("never expires") : std::string();
}

void addTrainingPanel(RequestContext& ctx, View& v, std::int64_t officerId) {
    if (!auth::allows(ctx.actor().role, Permission::ReadTraining)) return;
    store::TrainingStore training(ctx.services.db);
    const auto officer = training.officer(ctx.actor(), officerId);
    if (!officer) return;
    const auto catalogue = ctx.dataVersion("training");
    const auto rules = rulesOf(training.requirements(0, catalogue));
    std::vector<domain::Completion> done;
    std::map<std::int64_t, std::int64_t> newestPass;  // module -> completion (completionsOf: newest first)
    for (const auto& c : training.completionsOf(ctx.actor(), officerId)) {
        done.push_back(c.completion);
        if (c.completion.passed) newestPass.emplace(c.completion.moduleId, c.id);
    }
    View list = View::type::list;
    for (const auto& mod : training.modules(catalogue)) {
        const auto c = domain::moduleCompliance(mod.rules(), rules, officer->facts, done, ctx.today());
        if (c.state == domain::ComplianceState::NotRequired && !c.lastCompleted) continue;
        View x;
        x.set("href", "/training/modules/" + std::to_string(mod.id));
        x.set("code", mod.fields.code);
        x.set("title", mod.fields.title);
        x.set("key", domain::complianceKey(c.state));
        x.set("label", domain::complianceLabel(c.state));
        x.set("last", c.lastCompleted ? domain::formatDateText(*c.lastCompleted) : std::string("never"));
        x.set("date", complianceDateText(c, ctx.today()));
        if (auto it = newestPass.find(mod.id); it != newestPass.end()) {
            x.set("certificate_href", "/training/certificates/" + std::to_string(it->second));
        }
        list.push_back(x);
    }
    v.set("has_training", !list.list_value().empty());
    v.set("training", list);
    v.set("shows_training", true);
}

void addTrainingComplianceRoutes(http::Router& router) {
    router.add("GET", "/training/compliance", Permission::ReadOfficers, showCompliance);
    router.add("GET", "/training/compliance.csv", Permission::ReadOfficers, exportCompliance);
}

}  // namespace kituo::handlers
