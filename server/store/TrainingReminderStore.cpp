// Retraining reminders; see TrainingReminderStore.h.
#include "store/TrainingReminderStore.h"

#include "domain/TrainingActions.h"
#include "store/Connection.h"
#include "store/DataVersions.h"
#include "store/VersionedCache.h"
#include "store/TrainingStore.h"
#include "store/TrainingSummaryStore.h"

#include <map>
#include <set>

namespace kituo::store {

ReminderRun TrainingReminderStore::createDue(const std::string& today) {
    ReminderRun run;
    domain::Actor national;
    national.scopePath = "/";
    const auto stations = _db.run([&](Connection& c) {
        std::unique_ptr<sql::ResultSet> rs(
            c.prepare("SELECT org_unit_id FROM org_units WHERE kind = 'station' ORDER BY org_unit_id").executeQuery());
        std::vector<std::int64_t> out;
        while (rs->next()) out.push_back(rs->getInt64(1));
        return out;
    });
    for (auto station : stations) {
        const auto m = stationCompliance(_db, national, station, today, std::nullopt);
        if (m.officers.empty()) continue;
        ++run.stations;
        run.officers += static_cast<int>(m.officers.size());
        std::vector<domain::ComplianceCell> cells;
        for (std::size_t i = 0; i < m.officers.size(); ++i) {
            for (const auto& c : m.cells[i]) {
                if (c.state != domain::ComplianceState::NotRequired) cells.push_back({m.officers[i].facts.officerId, c});
            }
        }
        const auto sent = _db.run([&](Connection& c) {
            auto& st = c.prepare("SELECT r.officer_id, r.training_module_id, r.threshold_days, r.deadline "
                                 "FROM training_reminders r JOIN officers o ON o.officer_id = r.officer_id "
                                 "WHERE o.station_id = ?");
            st.setInt64(1, station);
            std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
            std::set<domain::ReminderKey> out;
            while (rs->next()) out.insert({rs->getInt64(1), rs->getInt64(2), rs->getInt(3), rs->getString(4)});
            return out;
        });
        const auto due = domain::remindersDue(cells, sent, today);
        if (due.empty()) continue;
        _db.transaction([&](Connection& c) {
            for (const auto& k : due) {
                auto& st = c.prepare("INSERT IGNORE INTO training_reminders (officer_id, training_module_id, "
                                     "threshold_days, deadline, created_on) VALUES (?, ?, ?, ?, ?)");
                st.setInt64(1, k.officerId);
                st.setInt64(2, k.moduleId);
                st.setInt(3, k.threshold);
                st.setString(4, k.deadline);
                st.setString(5, today);
                run.created += st.executeUpdate();
            }
            bumpVersion(c, "reminders");
        });
    }
    return run;
}

std::vector<ReminderRecord> TrainingReminderStore::recent(const domain::Actor& actor, const std::string& since, int limit) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare(
            "SELECT r.officer_id, o.service_number, o.surname, o.other_names, st.name, m.code, m.title, "
            "r.threshold_days, r.deadline, r.created_on FROM training_reminders r "
            "JOIN officers o ON o.officer_id = r.officer_id "
            "JOIN org_units st ON st.org_unit_id = o.station_id AND st.path LIKE CONCAT(?, '%') "
            "JOIN training_modules m ON m.training_module_id = r.training_module_id "
            "WHERE r.created_on >= ? ORDER BY r.created_on DESC, r.threshold_days, o.surname, r.training_reminder_id "
            "LIMIT ?");
        st.setString(1, scopePattern(actor.scopePath));
        st.setString(2, since);
        st.setInt(3, limit);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<ReminderRecord> out;
        while (rs->next()) {
            out.push_back({rs->getInt64(1), rs->getString(2), rs->getString(3), rs->getString(4), rs->getString(5),
                           rs->getString(6), rs->getString(7), rs->getInt(8), rs->getString(9), rs->getString(10)});
        }
        return out;
    });
}

int TrainingReminderStore::countRecent(const domain::Actor& actor, const std::string& since,
                                       std::uint64_t remindersVersion) {
    static VersionedCache<int> cache("reminders");
    return cache.get(_db, actor.scopePath + "|" + since, remindersVersion, [&] { return _db.run([&](Connection& c) {
        auto& st = c.prepare("SELECT COUNT(*) FROM training_reminders r JOIN officers o ON o.officer_id = r.officer_id "
                             "JOIN org_units st ON st.org_unit_id = o.station_id AND st.path LIKE CONCAT(?, '%') "
                             "WHERE r.created_on >= ?");
        st.setString(1, scopePattern(actor.scopePath));
        st.setString(2, since);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        rs->next();
        return rs->getInt(1);
    }); });
}

}  // namespace kituo::store
