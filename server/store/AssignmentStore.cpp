// Reservists' duties SQL; see AssignmentStore.h.
#include "store/AssignmentStore.h"

#include "domain/Time.h"
#include "store/Connection.h"
#include "store/ReserveSql.h"

namespace kituo::store {

using reserve_sql::bindReach;
using reserve_sql::kReach;

namespace {

const std::string kSelect =
    "SELECT a.reservist_assignment_id, a.reservist_id, r.reservist_number, CONCAT(r.surname, ', ', r.other_names), "
    "a.commander_user_id, u.display_name, a.station_id, ast.name, a.area_county, a.area_sub_county, a.area_ward, "
    "a.area_location, a.duty_role, a.duty_note, CAST(a.starts_at AS CHAR), CAST(a.ends_at AS CHAR), a.status "
    "FROM reservist_assignments a JOIN reservists r ON r.reservist_id = a.reservist_id "
    "JOIN org_units st ON st.org_unit_id = r.station_id JOIN org_units ast ON ast.org_unit_id = a.station_id "
    "JOIN users u ON u.user_id = a.commander_user_id ";

AssignmentRecord read(sql::ResultSet& rs) {
    AssignmentRecord a;
    a.id = rs.getInt64(1);
    a.reservistId = rs.getInt64(2);
    a.reservistNumber = rs.getString(3);
    a.reservistName = rs.getString(4);
    a.commanderId = rs.getInt64(5);
    a.commanderName = rs.getString(6);
    a.stationId = rs.getInt64(7);
    a.stationName = rs.getString(8);
    a.areaCounty = rs.getString(9);
    a.areaSubCounty = rs.getString(10);
    a.areaWard = rs.getString(11);
    a.areaLocation = rs.getString(12);
    a.role = rs.getString(13);
    a.note = rs.getString(14);
    a.when.start = domain::parseUtc(rs.getString(15)).value_or(0);
    if (!rs.isNull(16)) a.when.end = domain::parseUtc(rs.getString(16));
    a.status = rs.getString(17);
    return a;
}

template <class Bind>
std::vector<AssignmentRecord> query(Db& db, const domain::Actor& actor, const std::string& tail, Bind bind) {
    return db.run([&](Connection& c) {
        auto& st = c.prepare(kSelect + kReach + tail);
        bind(st, bindReach(st, 1, actor));
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<AssignmentRecord> out;
        while (rs->next()) out.push_back(read(*rs));
        return out;
    });
}

std::string describe(const domain::DutyInterval& when) {
    return domain::formatEatText(when.start) + (when.end ? " to " + domain::formatEatText(*when.end) : " with no end");
}

// The duty (not cancelled, within reach) locked for a change: its start and end.
domain::DutyInterval lockDuty(Connection& c, const domain::Actor& actor, std::int64_t id) {
    auto& st = c.prepare("SELECT CAST(a.starts_at AS CHAR), CAST(a.ends_at AS CHAR) FROM reservist_assignments a "
                         "JOIN reservists r ON r.reservist_id = a.reservist_id "
                         "JOIN org_units st ON st.org_unit_id = r.station_id " +
                         kReach + "AND a.reservist_assignment_id = ? AND a.status = 'active' FOR UPDATE");
    st.setInt64(bindReach(st, 1, actor), id);
    std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
    if (!rs->next()) throw domain::NotFound("assignment");
    domain::DutyInterval when{domain::parseUtc(rs->getString(1)).value_or(0), std::nullopt};
    if (!rs->isNull(2)) when.end = domain::parseUtc(rs->getString(2));
    return when;
}

}  // namespace

std::vector<AssignmentRecord> AssignmentStore::forReservist(const domain::Actor& actor, std::int64_t reservistId) {
    return query(_db, actor, "AND a.reservist_id = ? ORDER BY a.starts_at DESC, a.reservist_assignment_id DESC",
                 [&](sql::PreparedStatement& st, int i) { st.setInt64(i, reservistId); });
}

std::optional<AssignmentRecord> AssignmentStore::findVisibleTo(const domain::Actor& actor, std::int64_t id) {
    auto rows = query(_db, actor, "AND a.reservist_assignment_id = ?",
                      [&](sql::PreparedStatement& st, int i) { st.setInt64(i, id); });
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

AssignResult AssignmentStore::assign(Connection& c, const domain::Actor& actor, std::int64_t reservistId,
                                     const NewAssignment& a) {
    // The reservist's row first: the lock that serializes every change to their duties. The
    // duties are then read with a locking read too, which sees the latest committed rows
    // whatever this transaction's read view (a plain SELECT could read an older snapshot).
    auto& lock = c.prepare("SELECT r.status FROM reservists r JOIN org_units st ON st.org_unit_id = r.station_id " +
                           kReach + "AND r.reservist_id = ? FOR UPDATE");
    lock.setInt64(bindReach(lock, 1, actor), reservistId);
    std::unique_ptr<sql::ResultSet> rrs(lock.executeQuery());
    if (!rrs->next()) throw domain::NotFound("reservist");
    if (rrs->getString(1) != "active") {
        throw domain::ValidationError("status", "Only an active reservist can be assigned a duty.");
    }
    auto& station = c.prepare("SELECT 1 FROM org_units st WHERE st.org_unit_id = ? AND st.kind = 'station' "
                              "AND st.path LIKE CONCAT(?, '%')");
    station.setInt64(1, a.stationId);
    station.setString(2, scopePattern(actor.scopePath));
    std::unique_ptr<sql::ResultSet> srs(station.executeQuery());
    if (!srs->next()) throw domain::NotFound("station");
    if (!reserve_sql::isCommanderOf(c, actor, a.stationId, a.commanderId)) throw domain::NotFound("account");

    auto& duties = c.prepare("SELECT reservist_assignment_id, CAST(starts_at AS CHAR), CAST(ends_at AS CHAR) "
                             "FROM reservist_assignments WHERE reservist_id = ? AND status = 'active' FOR UPDATE");
    duties.setInt64(1, reservistId);
    std::unique_ptr<sql::ResultSet> drs(duties.executeQuery());
    std::vector<domain::ExistingDuty> existing;
    while (drs->next()) {
        domain::ExistingDuty d{drs->getInt64(1), {domain::parseUtc(drs->getString(2)).value_or(0), std::nullopt}};
        if (!drs->isNull(3)) d.when.end = domain::parseUtc(drs->getString(3));
        existing.push_back(d);
    }
    const auto plan = domain::planAssignment(existing, a.when, a.replaceCurrent);
    if (!plan.ok()) {
        for (const auto& d : existing) {
            if (d.id == plan.conflicts.front()) {
                throw domain::Conflict("The reservist already has a duty from " + describe(d.when) +
                                       ", which overlaps this one. Change the times, or end that duty first.");
            }
        }
    }
    if (plan.endDutyId) {
        auto& end = c.prepare("UPDATE reservist_assignments SET ends_at = ? WHERE reservist_assignment_id = ?");
        end.setString(1, domain::formatUtc(a.when.start));
        end.setInt64(2, *plan.endDutyId);
        end.executeUpdate();
    }
    auto& st = c.prepare(
        "INSERT INTO reservist_assignments (reservist_id, commander_user_id, station_id, area_county, area_sub_county, "
        "area_ward, area_location, duty_role, duty_note, starts_at, ends_at, created_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.setInt64(1, reservistId);
    st.setInt64(2, a.commanderId);
    st.setInt64(3, a.stationId);
    st.setString(4, a.input.areaCounty);
    st.setString(5, a.input.areaSubCounty);
    st.setString(6, a.input.areaWard);
    st.setString(7, a.input.areaLocation);
    st.setString(8, a.input.role);
    st.setString(9, a.input.note);
    st.setString(10, domain::formatUtc(a.when.start));
    if (a.when.end) st.setString(11, domain::formatUtc(*a.when.end));
    else st.setNull(11, sql::DataType::VARCHAR);
    st.setInt64(12, actor.userId);
    st.executeUpdate();
    return {c.lastInsertId(), plan.endDutyId};
}

void AssignmentStore::end(Connection& c, const domain::Actor& actor, std::int64_t id, std::int64_t at) {
    const auto when = lockDuty(c, actor, id);
    if (at <= when.start) throw domain::ValidationError("ends_at", "A duty ends after it starts.");
    if (when.end && at > *when.end) throw domain::ValidationError("ends_at", "Ending a duty can only bring its end forward.");
    auto& st = c.prepare("UPDATE reservist_assignments SET ends_at = ? WHERE reservist_assignment_id = ?");
    st.setString(1, domain::formatUtc(at));
    st.setInt64(2, id);
    st.executeUpdate();
}

void AssignmentStore::cancel(Connection& c, const domain::Actor& actor, std::int64_t id) {
    lockDuty(c, actor, id);
    auto& st = c.prepare("UPDATE reservist_assignments SET status = 'cancelled' WHERE reservist_assignment_id = ?");
    st.setInt64(1, id);
    st.executeUpdate();
}

std::vector<AssignmentRecord> AssignmentStore::overlapping(const domain::Actor& actor, std::int64_t stationId,
                                                           std::int64_t from, std::int64_t to) {
    return query(_db, actor,
                 "AND r.station_id = ? AND a.status = 'active' AND a.starts_at < ? AND (a.ends_at IS NULL OR a.ends_at > ?) "
                 "ORDER BY a.area_ward, a.area_location, a.starts_at, r.surname",
                 [&](sql::PreparedStatement& st, int i) {
                     st.setInt64(i, stationId);
                     st.setString(i + 1, domain::formatUtc(to));
                     st.setString(i + 2, domain::formatUtc(from));
                 });
}

std::vector<AssignmentRecord> AssignmentStore::ending(const domain::Actor& actor, std::int64_t stationId,
                                                      std::int64_t from, std::int64_t to) {
    return query(_db, actor,
                 "AND r.station_id = ? AND a.status = 'active' AND a.ends_at >= ? AND a.ends_at < ? "
                 "ORDER BY a.ends_at, r.surname",
                 [&](sql::PreparedStatement& st, int i) {
                     st.setInt64(i, stationId);
                     st.setString(i + 1, domain::formatUtc(from));
                     st.setString(i + 2, domain::formatUtc(to));
                 });
}

std::vector<AssignmentStore::Idle> AssignmentStore::unassigned(const domain::Actor& actor, std::int64_t stationId,
                                                               std::int64_t now) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare(
            "SELECT r.reservist_id, r.reservist_number, CONCAT(r.surname, ', ', r.other_names), st.name "
            "FROM reservists r JOIN org_units st ON st.org_unit_id = r.station_id " + kReach +
            "AND r.station_id = ? AND r.status = 'active' AND NOT EXISTS (SELECT 1 FROM reservist_assignments a WHERE "
            "a.reservist_id = r.reservist_id AND a.status = 'active' AND a.starts_at <= ? "
            "AND (a.ends_at IS NULL OR a.ends_at > ?)) ORDER BY st.name, r.surname, r.other_names");
        const int i = bindReach(st, 1, actor);
        st.setInt64(i, stationId);
        st.setString(i + 1, domain::formatUtc(now));
        st.setString(i + 2, domain::formatUtc(now));
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<Idle> out;
        while (rs->next()) out.push_back({rs->getInt64(1), rs->getString(2), rs->getString(3), rs->getString(4)});
        return out;
    });
}

std::vector<std::pair<std::string, int>> AssignmentStore::onDutyByWard(const domain::Actor& actor,
                                                                       std::int64_t stationId, std::int64_t now) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare(
            "SELECT a.area_ward, COUNT(DISTINCT a.reservist_id) FROM reservist_assignments a "
            "JOIN reservists r ON r.reservist_id = a.reservist_id JOIN org_units st ON st.org_unit_id = r.station_id " +
            kReach + "AND a.station_id = ? AND a.status = 'active' AND a.starts_at <= ? "
            "AND (a.ends_at IS NULL OR a.ends_at > ?) GROUP BY a.area_ward");
        int i = bindReach(st, 1, actor);
        st.setInt64(i++, stationId);
        st.setString(i++, domain::formatUtc(now));
        st.setString(i, domain::formatUtc(now));
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<std::pair<std::string, int>> out;
        while (rs->next()) out.emplace_back(rs->getString(1), rs->getInt(2));
        return out;
    });
}

std::vector<StationDeployment> AssignmentStore::rollUp(const domain::Actor& actor, std::int64_t now,
                                                       const std::string& today) {
    return _db.run([&](Connection& c) {
        const std::string at = domain::formatUtc(now);
        auto& st = c.prepare(
            "SELECT st.org_unit_id, st.name, "
            "SUM(r.status = 'active'), "
            "SUM(r.status = 'active' AND EXISTS (SELECT 1 FROM reservist_assignments a WHERE a.reservist_id = "
            "r.reservist_id AND a.status = 'active' AND a.starts_at <= ? AND (a.ends_at IS NULL OR a.ends_at > ?))), "
            "SUM(r.status = 'active' AND EXISTS (SELECT 1 FROM reservist_assignments a WHERE a.reservist_id = "
            "r.reservist_id AND a.status = 'active' AND a.ends_at >= ? AND a.ends_at < DATE_ADD(?, INTERVAL 14 DAY))), "
            "SUM(r.status <> 'discharged' AND r.revetting_due <= DATE_ADD(?, INTERVAL 30 DAY)), "
            "(SELECT COUNT(*) FROM firearm_issues f WHERE f.station_id = st.org_unit_id AND f.returned_at IS NULL), "
            "(SELECT COUNT(*) FROM firearm_issues f WHERE f.station_id = st.org_unit_id AND f.returned_at IS NULL "
            "AND f.expected_return_at < ?) "
            "FROM reservists r JOIN org_units st ON st.org_unit_id = r.station_id " + kReach +
            "GROUP BY st.org_unit_id, st.name ORDER BY st.name");
        st.setString(1, at);
        st.setString(2, at);
        st.setString(3, at);
        st.setString(4, at);
        st.setString(5, today);
        st.setString(6, at);
        bindReach(st, 7, actor);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<StationDeployment> out;
        while (rs->next()) {
            StationDeployment d;
            d.stationId = rs->getInt64(1);
            d.stationName = rs->getString(2);
            d.reservists = rs->getInt(3);
            d.onDuty = rs->getInt(4);
            d.unassigned = d.reservists - d.onDuty;
            d.endingSoon = rs->getInt(5);
            d.revettingDue = rs->getInt(6);
            d.firearmsOut = rs->getInt(7);
            d.firearmsOverdue = rs->getInt(8);
            out.push_back(d);
        }
        return out;
    });
}

}  // namespace kituo::store
