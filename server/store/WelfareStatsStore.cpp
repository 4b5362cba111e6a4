// Counselling session counts; see WelfareStatsStore.h.
#include "store/WelfareStatsStore.h"

#include "store/Connection.h"

#include <memory>

namespace kituo::store {

std::vector<SessionCount> WelfareStatsStore::counts(const std::string& placePath, const std::string& fromDate,
                                                    const std::string& toDate) {
    return _db.run([&](Connection& c) {
        // held_at is UTC; a session's month is its month in Nairobi (UTC+3).
        auto& st = c.prepare(
            "SELECT c.station_id, DATE_FORMAT(s.held_at + INTERVAL 3 HOUR, '%Y-%m') AS m, s.session_type, s.concerns, "
            "COUNT(*) FROM welfare_sessions s JOIN welfare_cases c ON c.welfare_case_id = s.welfare_case_id "
            "JOIN org_units st ON st.org_unit_id = c.station_id AND st.path LIKE CONCAT(?, '%') "
            "WHERE s.held_at >= CAST(? AS DATETIME) - INTERVAL 3 HOUR "
            "AND s.held_at < CAST(? AS DATETIME) + INTERVAL 1 DAY - INTERVAL 3 HOUR "
            "GROUP BY c.station_id, m, s.session_type, s.concerns");
        st.setString(1, scopePattern(placePath));
        st.setString(2, fromDate);
        st.setString(3, toDate);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<SessionCount> out;
        while (rs->next()) {
            out.push_back({rs->getInt64(1), rs->getString(2), rs->getString(3), rs->getString(4),
                           static_cast<long>(rs->getInt64(5))});
        }
        return out;
    });
}

}  // namespace kituo::store
