// Counselling statistics for commanders and HR (/welfare/stats): how many sessions, by month,
// session type and concern, for a station or a county in scope, over whole months that have
// ended. Never a name, a case or an officer-level row. Every figure goes through
// domain/Suppression.h: the county's stations form one table per month with the county as its
// totals row (so a county minus its stations reveals no station), each month is suppressed on
// its own (so overlapping ranges cannot be subtracted), and a station is shown as its row of
// that table. Counts of 1 to k-1 read "<k"; protective cells "—".
#include "handlers/Handlers.h"

#include "domain/Errors.h"
#include "domain/Suppression.h"
#include "domain/Time.h"
#include "domain/Welfare.h"
#include "handlers/ViewHelpers.h"
#include "http/RequestContext.h"
#include "http/ViewBuild.h"
#include "store/OrgStore.h"
#include "store/WelfareStatsStore.h"

#include <map>
#include <sstream>

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

// The county at or above `unit` (none above a region or the nation).
std::optional<domain::OrgUnit> countyOf(store::OrgStore& org, const domain::OrgUnit& unit) {
    if (unit.kind == domain::OrgKind::County) return unit;
    std::vector<std::int64_t> ids;
    std::stringstream path(unit.path);
    for (std::string part; std::getline(path, part, '/');) {
        if (!part.empty()) ids.push_back(std::stoll(part));
    }
    for (auto id : ids) {
        auto node = org.findWithin("/", id);
        if (node && node->kind == domain::OrgKind::County) return node;
    }
    return std::nullopt;
}

// "2026-10" as "Oct 2026".
std::string monthText(const std::string& month) {
    return domain::formatDateText(month + "-01").substr(2);
}

struct Dimension {
    std::string title;
    std::vector<domain::Choice> choices;
    bool concerns;  // a session counts once per concern it names
};

// One table per month: the county's stations x the dimension's columns, the county the totals
// row; then the range as one table (shown only where every month is).
struct Tables {
    std::vector<domain::SuppressedTable> months;
    domain::SuppressedTable range;
};

Tables buildTables(const std::vector<store::SessionCount>& counts, const std::vector<domain::OrgUnit>& stations,
                   const domain::MonthRange& period, const Dimension& dim, int k) {
    std::map<std::int64_t, std::size_t> rowOf;
    for (std::size_t i = 0; i < stations.size(); ++i) rowOf[stations[i].id] = i;
    std::map<std::string, std::size_t> columnOf;
    for (std::size_t j = 0; j < dim.choices.size(); ++j) columnOf[dim.choices[j].first] = j;
    Tables t;
    for (const auto& month : period.months) {
        domain::CountTable table;
        for (const auto& s : stations) table.rowLabels.push_back(s.name);
        for (const auto& c : dim.choices) table.columnLabels.push_back(c.second);
        table.cells.assign(stations.size(), std::vector<long>(dim.choices.size(), 0));
        for (const auto& c : counts) {
            if (c.month != month || !rowOf.count(c.stationId)) continue;
            auto& row = table.cells[rowOf[c.stationId]];
            if (!dim.concerns) {
                if (columnOf.count(c.sessionType)) row[columnOf[c.sessionType]] += c.count;
                continue;
            }
            std::stringstream list(c.concerns);
            for (std::string code; std::getline(list, code, ',');) {
                if (columnOf.count(code)) row[columnOf[code]] += c.count;
            }
        }
        std::vector<long> county(dim.choices.size(), 0);
        for (const auto& row : table.cells) {
            for (std::size_t j = 0; j < row.size(); ++j) county[j] += row[j];
        }
        t.months.push_back(domain::suppressWithinParent(table, county, "Elsewhere in the county", k));
    }
    t.range = domain::combineMonths(t.months);
    return t;
}

View figureRow(const std::string& label, const std::vector<domain::Figure>& cells, const domain::Figure& total) {
    View row;
    row.set("label", label);
    View list = View::type::list;
    for (const auto& f : cells) {
        View x;
        x.set("text", f.text);
        x.set("hidden", f.hidden());
        list.push_back(x);
    }
    row.set("cells", list);
    row.set("total", total.text);
    row.set("total_hidden", total.hidden());
    return row;
}

// The rows a reader of `place` sees: a station's row of each month's county table and of the
// range; or, for the county, each station's range row and the county's totals by month.
View tableView(const Dimension& dim, const Tables& t, const domain::MonthRange& period,
               std::optional<std::size_t> stationRow) {
    View v;
    v.set("title", dim.title);
    View headers = View::type::list;
    for (const auto& c : dim.choices) {
        View h;
        h.set("label", c.second);
        headers.push_back(h);
    }
    v.set("headers", headers);
    View rows = View::type::list;
    if (stationRow) {
        for (std::size_t m = 0; m < period.months.size(); ++m) {
            const auto& table = t.months[m];
            rows.push_back(figureRow(monthText(period.months[m]), table.cells[*stationRow], table.rowTotals[*stationRow]));
        }
        v.set("total", figureRow("All months", t.range.cells[*stationRow], t.range.rowTotals[*stationRow]));
    } else {
        for (std::size_t m = 0; m < period.months.size(); ++m) {
            rows.push_back(figureRow(monthText(period.months[m]), t.months[m].columnTotals, t.months[m].grandTotal));
        }
        v.set("total", figureRow("All months", t.range.columnTotals, t.range.grandTotal));
        View stations = View::type::list;
        for (std::size_t r = 0; r < t.range.rowLabels.size(); ++r) {
            stations.push_back(figureRow(t.range.rowLabels[r], t.range.cells[r], t.range.rowTotals[r]));
        }
        v.set("stations", stations);
        v.set("has_stations", true);
    }
    v.set("rows", rows);
    return v;
}

Response choosePlace(RequestContext& ctx, store::OrgStore& org) {
    View v;
    std::vector<domain::OrgUnit> places;
    for (const auto& u : org.subtree(ctx.actor().scopePath, ctx.dataVersion("roll"))) {
        if (u.kind == domain::OrgKind::County || u.kind == domain::OrgKind::Station) places.push_back(u);
    }
    View counties = View::type::list, stations = View::type::list;
    for (const auto& u : places) {
        View x;
        x.set("value", std::to_string(u.id));
        x.set("label", u.name);
        (u.kind == domain::OrgKind::County ? counties : stations).push_back(x);
    }
    v.set("has_counties", !counties.list_value().empty());
    v.set("counties", counties);
    v.set("stations", stations);
    v.set("choose", true);
    return ctx.page("welfare/stats", "Counselling statistics", v);
}

Response showStats(RequestContext& ctx) {
    store::OrgStore org(ctx.services.db);
    auto placeParam = [&](const char* name, domain::OrgKind kind) -> std::optional<domain::OrgUnit> {
        const std::string raw = ctx.request.queryParam(name);
        if (raw.empty()) return std::nullopt;
        const auto id = positiveNumber(raw);
        auto unit = id ? org.findWithin(ctx.actor().scopePath, id) : std::nullopt;
        if (!unit || unit->kind != kind) ctx.notFound(name, raw.substr(0, 20));
        return unit;
    };
    auto place = placeParam("station", domain::OrgKind::Station);
    if (!place) place = placeParam("county", domain::OrgKind::County);
    if (!place) {
        auto own = org.findWithin(ctx.actor().scopePath, ctx.actor().orgUnitId);
        if (own && (own->kind == domain::OrgKind::Station || own->kind == domain::OrgKind::County)) place = own;
    }
    if (!place) return choosePlace(ctx, org);
    const auto county = countyOf(org, *place);
    if (!county) return choosePlace(ctx, org);

    const std::string today = ctx.today();
    const std::string defaultFrom = domain::addMonthsRollingForward(today.substr(0, 8) + "01", -6);
    auto readDate = [&](const char* name, const std::string& fallback) {
        const std::string raw = ctx.request.queryParam(name);
        return raw.empty() ? fallback : domain::parseDateInput(raw).value_or(raw);
    };
    const std::string from = readDate("from", defaultFrom), to = readDate("to", today);
    const auto period = domain::alignedPeriod(from, to, today);
    View v;
    v.set("place", place->name);
    v.set("place_param", place->kind == domain::OrgKind::Station ? "station" : "county");
    v.set("place_id", std::to_string(place->id));
    v.set("from", ctx.request.queryParam("from").empty() ? domain::formatDateText(defaultFrom) : ctx.request.queryParam("from"));
    v.set("to", ctx.request.queryParam("to").empty() ? domain::formatDateText(today) : ctx.request.queryParam("to"));
    const int k = ctx.services.config.welfareSmallCount;
    v.set("small", "<" + std::to_string(k));
    v.set("small_max", std::to_string(k - 1));
    if (!period) {
        v.set("period_error", "Choose dates covering at least one whole month that has ended, for example 01/01/2026 to 31/03/2026.");
        return ctx.page("welfare/stats", "Counselling statistics", v, 400);
    }
    v.set("period_text", monthText(period->months.front()) +
                             (period->months.size() > 1 ? " to " + monthText(period->months.back()) : std::string()));
    std::vector<domain::OrgUnit> stations;
    for (const auto& u : org.subtree(county->path, ctx.dataVersion("roll"))) {
        if (u.kind == domain::OrgKind::Station) stations.push_back(u);
    }
    std::optional<std::size_t> stationRow;
    if (place->kind == domain::OrgKind::Station) {
        for (std::size_t i = 0; i < stations.size(); ++i) {
            if (stations[i].id == place->id) stationRow = i;
        }
    }
    // Whole months that have ended: a read replica a few seconds behind gives the same counts.
    const auto counts = store::WelfareStatsStore(ctx.readDb()).counts(county->path, period->from, period->to);
    const Dimension types{"Sessions by type", domain::sessionTypes(), false};
    const Dimension concerns{"Concerns named in sessions", domain::concernCategories(), true};
    View tables = View::type::list;
    for (const auto* dim : {&types, &concerns}) {
        tables.push_back(tableView(*dim, buildTables(counts, stations, *period, *dim, k), *period, stationRow));
    }
    v.set("tables", tables);
    v.set("has_tables", true);
    ctx.audit("welfare.stats_read", place->kind == domain::OrgKind::Station ? "station" : "county",
              std::to_string(place->id), "success", period->from + " to " + period->to);
    return ctx.page("welfare/stats", "Counselling statistics", v);
}

}  // namespace

void addWelfareStatsRoutes(http::Router& router) {
    router.add("GET", "/welfare/stats", Permission::ReadWelfareStats, showStats);
}

}  // namespace kituo::handlers
