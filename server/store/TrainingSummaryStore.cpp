// Station compliance and its cached summaries; see TrainingSummaryStore.h.
#include "store/TrainingSummaryStore.h"

#include "store/Connection.h"
#include "store/Explain.h"

#include <memory>

namespace kituo::store {

StationCompliance stationCompliance(Db& db, const domain::Actor& actor, std::int64_t stationId,
                                    const std::string& today, std::optional<std::uint64_t> catalogueVersion) {
    TrainingStore training(db);
    StationCompliance m{training.officersAt(actor, stationId), {}, {}};
    if (m.officers.empty()) return m;
    std::vector<domain::Requirement> rules;
    for (const auto& r : training.requirements(0, catalogueVersion)) rules.push_back(r.rule);
    std::map<std::int64_t, std::vector<domain::Completion>> done;
    for (const auto& c : training.completionsAt(actor, stationId)) {
        if (c.completion.passed) done[c.officerId].push_back(c.completion);  // only passes decide a state
    }
    std::vector<std::vector<domain::ModuleCompliance>> byModule;
    for (const auto& mod : training.modules(catalogueVersion)) {
        const auto rulesOfModule = mod.rules();
        std::vector<domain::ModuleCompliance> column;
        column.reserve(m.officers.size());
        bool required = false;
        for (const auto& o : m.officers) {
            column.push_back(domain::moduleCompliance(rulesOfModule, rules, o.facts, done[o.facts.officerId], today));
            required = required || column.back().state != domain::ComplianceState::NotRequired;
        }
        if (!required) continue;
        m.modules.push_back(mod);
        byModule.push_back(std::move(column));
    }
    m.cells.assign(m.officers.size(), {});
    for (std::size_t i = 0; i < m.officers.size(); ++i) {
        m.cells[i].reserve(byModule.size());
        for (auto& column : byModule) m.cells[i].push_back(std::move(column[i]));
    }
    return m;
}

namespace {

struct StoredSummary {
    std::int64_t stationId = 0;
    std::uint64_t stationVersion = 0;
    bool current = false;
    domain::ComplianceTally tally;
};

// Every station under the place (first pattern) and within the actor's scope (second: both
// are required), with its counter and whether its stored summary is current.
const std::string kTalliesSql =
    "SELECT st.org_unit_id, COALESCE(v.version, 0), "
    "s.station_id IS NOT NULL AND s.computed_for = ? AND s.catalogue_version = ? "
    "AND s.station_version = COALESCE(v.version, 0), "
    "s.officers, s.required, s.valid, s.overdue, s.expired "
    "FROM org_units st LEFT JOIN station_versions v ON v.station_id = st.org_unit_id "
    "LEFT JOIN training_station_summaries s ON s.station_id = st.org_unit_id "
    "WHERE st.kind = 'station' AND st.path LIKE CONCAT(?, '%') AND st.path LIKE CONCAT(?, '%')";

void bindTallies(sql::PreparedStatement& st, const domain::Actor& actor, const std::string& withinPath,
                 const std::string& today, std::uint64_t catalogueVersion) {
    st.setString(1, today);
    st.setUInt64(2, catalogueVersion);
    st.setString(3, scopePattern(withinPath));
    st.setString(4, scopePattern(actor.scopePath));
}

}  // namespace

std::vector<PlanRow> TrainingSummaryStore::explainTallies(const domain::Actor& actor, const std::string& withinPath,
                                                          const std::string& today, std::uint64_t catalogueVersion) {
    return explain(_db, "roll-up: station summaries", kTalliesSql, [&](sql::PreparedStatement& st) {
        bindTallies(st, actor, withinPath, today, catalogueVersion);
    });
}

std::map<std::int64_t, domain::ComplianceTally> TrainingSummaryStore::tallies(const domain::Actor& actor,
                                                                               const std::string& withinPath,
                                                                               const std::string& today,
                                                                               std::uint64_t catalogueVersion,
                                                                               int* recomputed) {
    // The station counters are read here, before any stale station's data: a write that lands
    // while it is recomputed leaves a counter newer than the one stored, so the next reader
    // recomputes again rather than keeping a summary older than the data.
    const auto stored = _db.run([&](Connection& c) {
        auto& st = c.prepare(kTalliesSql);
        bindTallies(st, actor, withinPath, today, catalogueVersion);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<StoredSummary> out;
        while (rs->next()) {
            StoredSummary s;
            s.stationId = rs->getInt64(1);
            s.stationVersion = rs->getUInt64(2);
            s.current = rs->getBoolean(3);
            if (s.current) s.tally = {rs->getInt(4), rs->getInt(5), rs->getInt(6), rs->getInt(7), rs->getInt(8)};
            out.push_back(s);
        }
        return out;
    });
    std::map<std::int64_t, domain::ComplianceTally> out;
    int computed = 0;
    for (const auto& s : stored) {
        if (s.current) {
            out[s.stationId] = s.tally;
            continue;
        }
        const auto t = domain::tallyCompliance(stationCompliance(_db, actor, s.stationId, today, catalogueVersion).cells);
        _db.run([&](Connection& c) {
            auto& st = c.prepare(
                "INSERT INTO training_station_summaries (station_id, computed_for, station_version, catalogue_version, "
                "officers, required, valid, overdue, expired) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON DUPLICATE KEY UPDATE computed_for = VALUES(computed_for), station_version = VALUES(station_version), "
                "catalogue_version = VALUES(catalogue_version), officers = VALUES(officers), required = VALUES(required), "
                "valid = VALUES(valid), overdue = VALUES(overdue), expired = VALUES(expired)");
            st.setInt64(1, s.stationId);
            st.setString(2, today);
            st.setUInt64(3, s.stationVersion);
            st.setUInt64(4, catalogueVersion);
            st.setInt(5, t.officers);
            st.setInt(6, t.required);
            st.setInt(7, t.valid);
            st.setInt(8, t.overdue);
            st.setInt(9, t.expired);
            st.executeUpdate();
            return 0;
        });
        out[s.stationId] = t;
        ++computed;
    }
    if (recomputed) *recomputed = computed;
    return out;
}

}  // namespace kituo::store
