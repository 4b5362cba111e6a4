// The reserve's reach, shared by its stores (store-internal): the WHERE clause every query on
// reservists and what hangs off them (assignments, firearm issues) starts with. The query
// names the reservist `r` and joins the reservist's station as `st`. See ReservistStore.h.
#pragma once

#include "domain/User.h"
#include "store/Connection.h"

#include <string>

namespace kituo::store::reserve_sql {

// Three parameters (bindReach): the scope pattern, then the actor's user id twice.
inline const std::string kReach =
    "WHERE st.path LIKE CONCAT(?, '%') "
    "AND (NOT EXISTS (SELECT 1 FROM npr_sections l WHERE l.leader_user_id = ?) "
    "OR r.npr_section_id IN (SELECT l.npr_section_id FROM npr_sections l WHERE l.leader_user_id = ?)) ";

// A reservist due for re-vetting on `?` (today) or within 30 days; discharged ones are not.
inline const std::string kRevettingDue =
    "r.status <> 'discharged' AND r.revetting_due <= DATE_ADD(?, INTERVAL 30 DAY)";

// Binds kReach's parameters from position i; returns the next position.
inline int bindReach(sql::PreparedStatement& st, int i, const domain::Actor& actor) {
    st.setString(i++, scopePattern(actor.scopePath));
    st.setInt64(i++, actor.userId);
    st.setInt64(i++, actor.userId);
    return i;
}

inline bool leadsSection(Connection& c, std::int64_t userId) {
    auto& st = c.prepare("SELECT 1 FROM npr_sections WHERE leader_user_id = ? LIMIT 1");
    st.setInt64(1, userId);
    std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
    return rs->next();
}

// Whether `userId` is an enabled station commander or reservist commander account of the
// station, which lies within the actor's scope.
inline bool isCommanderOf(Connection& c, const domain::Actor& actor, std::int64_t stationId, std::int64_t userId) {
    auto& st = c.prepare(
        "SELECT 1 FROM users u JOIN org_units st ON st.org_unit_id = u.org_unit_id "
        "WHERE u.user_id = ? AND u.org_unit_id = ? AND st.path LIKE CONCAT(?, '%') AND u.disabled_at IS NULL "
        "AND u.role IN ('station_commander', 'reservist_commander')");
    st.setInt64(1, userId);
    st.setInt64(2, stationId);
    st.setString(3, scopePattern(actor.scopePath));
    std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
    return rs->next();
}

}  // namespace kituo::store::reserve_sql
