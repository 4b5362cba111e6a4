// Firearm issue and return SQL; see FirearmStore.h.
#include "store/FirearmStore.h"

#include "domain/Time.h"
#include "store/Connection.h"
#include "store/ReserveSql.h"

namespace kituo::store {

using reserve_sql::bindReach;
using reserve_sql::kReach;

namespace {

const std::string kSelect =
    "SELECT f.firearm_issue_id, f.reservist_id, r.reservist_number, CONCAT(r.surname, ', ', r.other_names), "
    "f.station_id, fst.name, f.serial, f.firearm_type, f.magazines_issued, f.rounds_issued, "
    "CAST(f.issued_at AS CHAR), CAST(f.expected_return_at AS CHAR), iu.display_name, f.acknowledged_by, f.extensions, "
    "CAST(f.returned_at AS CHAR), COALESCE(f.magazines_returned, 0), COALESCE(f.rounds_returned, 0), "
    "COALESCE(ru.display_name, ''), f.discrepancy, f.version "
    "FROM firearm_issues f JOIN reservists r ON r.reservist_id = f.reservist_id "
    "JOIN org_units st ON st.org_unit_id = r.station_id JOIN org_units fst ON fst.org_unit_id = f.station_id "
    "JOIN users iu ON iu.user_id = f.issued_by LEFT JOIN users ru ON ru.user_id = f.returned_to ";

FirearmIssueRecord read(sql::ResultSet& rs) {
    FirearmIssueRecord f;
    f.id = rs.getInt64(1);
    f.reservistId = rs.getInt64(2);
    f.reservistNumber = rs.getString(3);
    f.reservistName = rs.getString(4);
    f.stationId = rs.getInt64(5);
    f.stationName = rs.getString(6);
    f.serial = rs.getString(7);
    f.firearmType = rs.getString(8);
    f.magazinesIssued = rs.getInt(9);
    f.roundsIssued = rs.getInt(10);
    f.issuedAt = domain::parseUtc(rs.getString(11)).value_or(0);
    f.expectedReturnAt = domain::parseUtc(rs.getString(12)).value_or(0);
    f.issuedByName = rs.getString(13);
    f.acknowledgedBy = rs.getString(14);
    f.extensions = rs.getInt(15);
    if (!rs.isNull(16)) f.returnedAt = domain::parseUtc(rs.getString(16));
    f.magazinesReturned = rs.getInt(17);
    f.roundsReturned = rs.getInt(18);
    f.returnedToName = rs.getString(19);
    f.discrepancy = rs.getString(20);
    f.version = rs.getInt(21);
    return f;
}

// The out kit (within reach) locked for a change; Conflict when returned or stale.
void lockOut(Connection& c, const domain::Actor& actor, std::int64_t id, int version) {
    auto& st = c.prepare("SELECT f.returned_at IS NULL, f.version FROM firearm_issues f "
                         "JOIN reservists r ON r.reservist_id = f.reservist_id "
                         "JOIN org_units st ON st.org_unit_id = r.station_id " +
                         kReach + "AND f.firearm_issue_id = ? FOR UPDATE");
    st.setInt64(bindReach(st, 1, actor), id);
    std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
    if (!rs->next()) throw domain::NotFound("firearm issue");
    if (!rs->getBoolean(1)) throw domain::Conflict("This kit has already been returned.");
    if (rs->getInt(2) != version) throw domain::Conflict("This kit was changed by someone else since you opened the form.");
}

}  // namespace

std::string FirearmStore::lockForIssue(Connection& c, const domain::Actor& actor, std::int64_t reservistId) {
    auto& st = c.prepare("SELECT r.status, r.handover_pin_hash FROM reservists r "
                         "JOIN org_units st ON st.org_unit_id = r.station_id " +
                         kReach + "AND r.reservist_id = ? FOR UPDATE");
    st.setInt64(bindReach(st, 1, actor), reservistId);
    std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
    if (!rs->next()) throw domain::NotFound("reservist");
    if (rs->getString(1) != "active") {
        throw domain::ValidationError("reservist_id", "Only an active reservist can be issued a firearm.");
    }
    if (rs->isNull(2)) {
        throw domain::ValidationError("pin", "This reservist has no handover PIN yet: set one with them on their page first.");
    }
    return rs->getString(2);
}

std::int64_t FirearmStore::issue(Connection& c, const domain::Actor& actor, std::int64_t reservistId,
                                 const domain::FirearmIssue& kit, std::int64_t now) {
    auto& st = c.prepare(
        "INSERT INTO firearm_issues (reservist_id, station_id, serial, firearm_type, magazines_issued, rounds_issued, "
        "issued_at, expected_return_at, issued_by, acknowledged_at, acknowledged_by) "
        "SELECT r.reservist_id, r.station_id, ?, ?, ?, ?, ?, ?, ?, ?, 'pin' FROM reservists r "
        "JOIN org_units st ON st.org_unit_id = r.station_id " + kReach + "AND r.reservist_id = ?");
    const std::string at = domain::formatUtc(now);
    st.setString(1, kit.serial);
    st.setString(2, kit.firearmType);
    st.setInt(3, kit.magazines);
    st.setInt(4, kit.rounds);
    st.setString(5, at);
    st.setString(6, domain::formatUtc(kit.expectedReturnAt));
    st.setInt64(7, actor.userId);
    st.setString(8, at);
    st.setInt64(bindReach(st, 9, actor), reservistId);
    try {
        if (st.executeUpdate() == 0) throw domain::NotFound("reservist");
    } catch (const sql::SQLException& e) {
        if (e.getErrorCode() == 1062) {
            throw domain::Conflict("Firearm " + kit.serial + " is already out and has not been returned. "
                                   "Record its return before issuing it again.");
        }
        throw;
    }
    return c.lastInsertId();
}

void FirearmStore::giveBack(Connection& c, const domain::Actor& actor, std::int64_t id, int version,
                            const domain::FirearmReturn& back, const std::string& discrepancy, std::int64_t now) {
    lockOut(c, actor, id, version);
    auto& st = c.prepare("UPDATE firearm_issues SET returned_at = ?, magazines_returned = ?, rounds_returned = ?, "
                         "returned_to = ?, discrepancy = ?, version = version + 1 WHERE firearm_issue_id = ?");
    st.setString(1, domain::formatUtc(now));
    st.setInt(2, back.magazines);
    st.setInt(3, back.rounds);
    st.setInt64(4, actor.userId);
    st.setString(5, discrepancy);
    st.setInt64(6, id);
    st.executeUpdate();
}

void FirearmStore::extend(Connection& c, const domain::Actor& actor, std::int64_t id, int version, std::int64_t until) {
    lockOut(c, actor, id, version);
    auto& st = c.prepare("UPDATE firearm_issues SET expected_return_at = ?, extensions = extensions + 1, "
                         "version = version + 1 WHERE firearm_issue_id = ?");
    st.setString(1, domain::formatUtc(until));
    st.setInt64(2, id);
    st.executeUpdate();
}

std::optional<FirearmIssueRecord> FirearmStore::findVisibleTo(const domain::Actor& actor, std::int64_t id) {
    return _db.run([&](Connection& c) -> std::optional<FirearmIssueRecord> {
        auto& st = c.prepare(kSelect + kReach + "AND f.firearm_issue_id = ?");
        st.setInt64(bindReach(st, 1, actor), id);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (!rs->next()) return std::nullopt;
        return read(*rs);
    });
}

std::vector<FirearmIssueRecord> FirearmStore::list(const domain::Actor& actor, const std::string& state,
                                                   std::int64_t now, std::int64_t stationId, std::int64_t reservistId) {
    return _db.run([&](Connection& c) {
        std::string tail = "AND (? = 0 OR f.station_id = ?) AND (? = 0 OR f.reservist_id = ?) ";
        if (state == "out") tail += "AND f.returned_at IS NULL ORDER BY f.expected_return_at, f.firearm_issue_id";
        else if (state == "overdue") tail += "AND f.returned_at IS NULL AND f.expected_return_at < ? ORDER BY f.expected_return_at";
        else tail += "ORDER BY f.issued_at DESC, f.firearm_issue_id DESC LIMIT 200";
        auto& st = c.prepare(kSelect + kReach + tail);
        int i = bindReach(st, 1, actor);
        st.setInt64(i++, stationId);
        st.setInt64(i++, stationId);
        st.setInt64(i++, reservistId);
        st.setInt64(i++, reservistId);
        if (state == "overdue") st.setString(i, domain::formatUtc(now));
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<FirearmIssueRecord> out;
        while (rs->next()) out.push_back(read(*rs));
        return out;
    });
}

}  // namespace kituo::store
