// National Police Reserve roster SQL; see ReservistStore.h.
#include "store/ReservistStore.h"

#include "domain/Time.h"

#include "store/Connection.h"
#include "store/ReserveSql.h"
#include "store/SqlLists.h"
#include "store/SqlWhere.h"

#include <map>

namespace kituo::store {

using reserve_sql::bindReach;
using reserve_sql::kReach;
using reserve_sql::kRevettingDue;

namespace {

// The record's columns, in reservistFields() order, then the rest.
std::string fieldColumns() {
    std::string out;
    for (const auto& f : domain::reservistFields()) {
        out += out.empty() ? "" : ", ";
        out += f.date ? "CAST(r." + std::string(f.column) + " AS CHAR)" : "r." + std::string(f.column);
    }
    return out;
}

const std::string& selectRecord() {
    static const std::string s = "SELECT " + fieldColumns() +
                                 ", r.reservist_id, r.station_id, st.name, st.code, r.npr_section_id, "
                                 "COALESCE(sec.name, ''), r.handover_pin_hash IS NOT NULL, r.version "
                                 "FROM reservists r JOIN org_units st ON st.org_unit_id = r.station_id "
                                 "LEFT JOIN npr_sections sec ON sec.npr_section_id = r.npr_section_id ";
    return s;
}

ReservistRecord readRecord(sql::ResultSet& rs) {
    ReservistRecord r;
    int i = 1;
    for (const auto& f : domain::reservistFields()) r.fields.*f.text = rs.getString(i++);
    r.id = rs.getInt64(i++);
    r.stationId = rs.getInt64(i++);
    r.stationName = rs.getString(i++);
    r.stationCode = rs.getString(i++);
    if (!rs.isNull(i)) r.sectionId = rs.getInt64(i);
    ++i;
    r.sectionName = rs.getString(i++);
    r.hasPin = rs.getBoolean(i++);
    r.version = rs.getInt(i++);
    return r;
}

Where filterWhere(const ReservistFilter& f) {
    Where w;
    const auto& q = f.search;
    if (!q.text.empty()) {
        std::string any = "r.reservist_number LIKE CONCAT(?, '%')";
        std::vector<Where::Param> params{escapeLike(f.numberPrefix)};
        if (!q.nationalId.empty()) {
            any += " OR r.national_id = ?";
            params.push_back(q.nationalId);
        }
        if (!q.phone.empty()) {
            any += " OR r.phone = ?";
            params.push_back(q.phone);
        }
        if (!q.words.empty()) {
            std::string all;
            for (const auto& word : q.words) {
                all += std::string(all.empty() ? "" : " AND ") +
                       "(r.surname LIKE CONCAT('%', ?, '%') OR r.other_names LIKE CONCAT('%', ?, '%'))";
                params.push_back(escapeLike(word));
                params.push_back(escapeLike(word));
            }
            any += " OR (" + all + ")";
        }
        w.add("(" + any + ")", std::move(params));
    }
    if (f.stationId) w.add("r.station_id = ?", {f.stationId});
    if (f.sectionId) w.add("r.npr_section_id = ?", {f.sectionId});
    if (f.noSection) w.add("r.npr_section_id IS NULL", {});
    if (!f.status.empty()) w.add("r.status = ?", {f.status});
    if (f.vetting == "due") w.add(kRevettingDue, {f.today});
    return w;
}

std::string orderBy(const ReservistFilter& f) {
    static const std::map<std::string, std::string> columns = {{"number", "r.reservist_number %"},
                                                               {"name", "r.surname %, r.other_names %"},
                                                               {"station", "st.name %, r.surname"},
                                                               {"status", "r.status %, r.surname"},
                                                               {"revetting", "r.revetting_due %"}};
    auto it = columns.find(f.sort);
    const std::string expr = it == columns.end() ? columns.at("name") : it->second;
    std::string out;
    for (char c : expr) {
        if (c == '%') out += f.descending ? "DESC" : "ASC";
        else out += c;
    }
    return " ORDER BY " + out + ", r.reservist_id";
}

// Binds the record's fields from position i (the insert's and the update's order).
int bindFields(sql::PreparedStatement& st, int i, const domain::ReservistInput& in) {
    for (const auto& f : domain::reservistFields()) st.setString(i++, in.*f.text);
    return i;
}

[[noreturn]] void rethrowDuplicate(const sql::SQLException& e) {
    const std::string what = e.what();
    if (e.getErrorCode() == 1062 && what.find("national_id") != std::string::npos) {
        throw domain::ValidationError("national_id", "Another reservist already has this national ID number.");
    }
    if (e.getErrorCode() == 1062) {
        throw domain::ValidationError("reservist_number", "Another reservist already has this reservist number.");
    }
    throw e;
}

// The station (kind 'station', within reach) or NotFound; a section within reach must belong to it.
void requireStationAndSection(Connection& c, const domain::Actor& actor, std::int64_t stationId,
                              std::optional<std::int64_t> sectionId) {
    auto& st = c.prepare("SELECT 1 FROM org_units st WHERE st.org_unit_id = ? AND st.kind = 'station' "
                         "AND st.path LIKE CONCAT(?, '%')");
    st.setInt64(1, stationId);
    st.setString(2, scopePattern(actor.scopePath));
    std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
    if (!rs->next()) throw domain::NotFound("station");
    const bool leads = reserve_sql::leadsSection(c, actor.userId);
    if (!sectionId) {
        if (leads) throw domain::ValidationError("npr_section_id", "Choose your section.");
        return;
    }
    auto& sec = c.prepare("SELECT 1 FROM npr_sections WHERE npr_section_id = ? AND station_id = ? "
                          "AND (? = 0 OR leader_user_id = ?)");
    sec.setInt64(1, *sectionId);
    sec.setInt64(2, stationId);
    sec.setInt(3, leads ? 1 : 0);
    sec.setInt64(4, actor.userId);
    std::unique_ptr<sql::ResultSet> srs(sec.executeQuery());
    if (!srs->next()) throw domain::NotFound("section");
}

}  // namespace

ReservistPage ReservistStore::list(const domain::Actor& actor, const ReservistFilter& f) {
    return _db.run([&](Connection& c) {
        ReservistPage page;
        const Where w = filterWhere(f);
        auto& count = c.prepare("SELECT COUNT(*) FROM reservists r JOIN org_units st ON st.org_unit_id = r.station_id " +
                                kReach + w.sql());
        w.bindAt(count, bindReach(count, 1, actor));
        std::unique_ptr<sql::ResultSet> crs(count.executeQuery());
        crs->next();
        page.total = crs->getInt(1);
        const int pages = std::max(1, (page.total + f.pageSize - 1) / f.pageSize);
        page.page = std::min(std::max(1, f.page), pages);
        auto& st = c.prepare(selectRecord() + kReach + w.sql() + orderBy(f) + " LIMIT ? OFFSET ?");
        int i = w.bindAt(st, bindReach(st, 1, actor));
        st.setInt(i++, f.pageSize);
        st.setInt(i, (page.page - 1) * f.pageSize);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        while (rs->next()) page.reservists.push_back(readRecord(*rs));
        return page;
    });
}

void ReservistStore::forEach(const domain::Actor& actor, const ReservistFilter& f,
                             const std::function<void(const ReservistRecord&)>& fn) {
    _db.run([&](Connection& c) {
        const Where w = filterWhere(f);
        auto& st = c.prepare(selectRecord() + kReach + w.sql() + orderBy(f));
        w.bindAt(st, bindReach(st, 1, actor));
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        while (rs->next()) fn(readRecord(*rs));
    });
}

std::optional<ReservistRecord> ReservistStore::findVisibleTo(const domain::Actor& actor, std::int64_t id) {
    return _db.run([&](Connection& c) -> std::optional<ReservistRecord> {
        auto& st = c.prepare(selectRecord() + kReach + "AND r.reservist_id = ?");
        st.setInt64(bindReach(st, 1, actor), id);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (!rs->next()) return std::nullopt;
        return readRecord(*rs);
    });
}

std::int64_t ReservistStore::create(Connection& c, const domain::Actor& actor, const domain::ReservistInput& in,
                                    std::int64_t stationId, std::optional<std::int64_t> sectionId) {
    requireStationAndSection(c, actor, stationId, sectionId);
    std::string columns;
    for (const auto& f : domain::reservistFields()) columns += std::string(f.column) + ", ";
    auto& st = c.prepare("INSERT INTO reservists (" + columns + "station_id, npr_section_id) VALUES (" +
                         placeholders(domain::reservistFields().size() + 2) + ")");
    const int i = bindFields(st, 1, in);
    st.setInt64(i, stationId);
    if (sectionId) st.setInt64(i + 1, *sectionId);
    else st.setNull(i + 1, sql::DataType::BIGINT);
    try {
        st.executeUpdate();
    } catch (const sql::SQLException& e) {
        rethrowDuplicate(e);
    }
    return c.lastInsertId();
}

void ReservistStore::update(Connection& c, const domain::Actor& actor, std::int64_t id, int version,
                            const domain::ReservistInput& in, std::optional<std::int64_t> sectionId) {
    auto& find = c.prepare("SELECT r.station_id FROM reservists r JOIN org_units st ON st.org_unit_id = r.station_id " +
                           kReach + "AND r.reservist_id = ? FOR UPDATE");
    find.setInt64(bindReach(find, 1, actor), id);
    std::unique_ptr<sql::ResultSet> rs(find.executeQuery());
    if (!rs->next()) throw domain::NotFound("reservist");
    requireStationAndSection(c, actor, rs->getInt64(1), sectionId);
    std::string sets;
    for (const auto& f : domain::reservistFields()) sets += std::string(f.column) + " = ?, ";
    auto& st = c.prepare("UPDATE reservists SET " + sets +
                         "npr_section_id = ?, version = version + 1 WHERE reservist_id = ? AND version = ?");
    int i = bindFields(st, 1, in);
    if (sectionId) st.setInt64(i++, *sectionId);
    else st.setNull(i++, sql::DataType::BIGINT);
    st.setInt64(i++, id);
    st.setInt(i, version);
    int changed = 0;
    try {
        changed = st.executeUpdate();
    } catch (const sql::SQLException& e) {
        rethrowDuplicate(e);
    }
    if (changed == 0) throw domain::Conflict("The reservist was changed by someone else since you opened the form.");
}

void ReservistStore::setHandoverPin(Connection& c, const domain::Actor& actor, std::int64_t id, const std::string& pinHash) {
    auto& st = c.prepare("UPDATE reservists r JOIN org_units st ON st.org_unit_id = r.station_id "
                         "SET r.handover_pin_hash = ?, r.version = r.version + 1 " + kReach + "AND r.reservist_id = ?");
    st.setString(1, pinHash);
    st.setInt64(bindReach(st, 2, actor), id);
    if (st.executeUpdate() == 0) throw domain::NotFound("reservist");
}

bool ReservistStore::leadsSection(const domain::Actor& actor) {
    return _db.run([&](Connection& c) { return reserve_sql::leadsSection(c, actor.userId); });
}

std::vector<SectionRecord> ReservistStore::sections(const domain::Actor& actor, std::int64_t stationId) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare(
            "SELECT sec.npr_section_id, sec.station_id, st.name, sec.name, sec.leader_name, sec.leader_kind, "
            "sec.leader_user_id, (SELECT COUNT(*) FROM reservists x WHERE x.npr_section_id = sec.npr_section_id), "
            "(SELECT COUNT(*) FROM reservists x WHERE x.npr_section_id = sec.npr_section_id AND x.status = 'active') "
            "FROM npr_sections sec JOIN org_units st ON st.org_unit_id = sec.station_id "
            "WHERE st.path LIKE CONCAT(?, '%') AND (? = 0 OR sec.station_id = ?) "
            "AND (NOT EXISTS (SELECT 1 FROM npr_sections l WHERE l.leader_user_id = ?) OR sec.leader_user_id = ?) "
            "ORDER BY st.name, sec.name");
        st.setString(1, scopePattern(actor.scopePath));
        st.setInt64(2, stationId);
        st.setInt64(3, stationId);
        st.setInt64(4, actor.userId);
        st.setInt64(5, actor.userId);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<SectionRecord> out;
        while (rs->next()) {
            SectionRecord s;
            s.id = rs->getInt64(1);
            s.stationId = rs->getInt64(2);
            s.stationName = rs->getString(3);
            s.name = rs->getString(4);
            s.leaderName = rs->getString(5);
            s.leaderKind = rs->getString(6);
            if (!rs->isNull(7)) s.leaderUserId = rs->getInt64(7);
            s.reservists = rs->getInt(8);
            s.active = rs->getInt(9);
            out.push_back(std::move(s));
        }
        return out;
    });
}

std::int64_t ReservistStore::createSection(Connection& c, const domain::Actor& actor, std::int64_t stationId,
                                           const std::string& name, const std::string& leaderName,
                                           const std::string& leaderKind, std::optional<std::int64_t> leaderUserId) {
    if (reserve_sql::leadsSection(c, actor.userId)) throw domain::Forbidden("Only the station's command creates sections.");
    requireStationAndSection(c, actor, stationId, std::nullopt);
    if (leaderUserId && !reserve_sql::isCommanderOf(c, actor, stationId, *leaderUserId)) {
        throw domain::NotFound("account");
    }
    auto& st = c.prepare("INSERT INTO npr_sections (station_id, name, leader_name, leader_kind, leader_user_id) "
                         "VALUES (?, ?, ?, ?, ?)");
    st.setInt64(1, stationId);
    st.setString(2, name);
    st.setString(3, leaderName);
    st.setString(4, leaderKind);
    if (leaderUserId) st.setInt64(5, *leaderUserId);
    else st.setNull(5, sql::DataType::BIGINT);
    try {
        st.executeUpdate();
    } catch (const sql::SQLException& e) {
        if (e.getErrorCode() == 1062) throw domain::ValidationError("name", "The station already has a section of this name.");
        throw;
    }
    return c.lastInsertId();
}

int ReservistStore::unsectioned(const domain::Actor& actor, std::int64_t stationId) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare("SELECT COUNT(*) FROM reservists r JOIN org_units st ON st.org_unit_id = r.station_id " +
                             kReach + "AND r.station_id = ? AND r.npr_section_id IS NULL");
        st.setInt64(bindReach(st, 1, actor), stationId);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        rs->next();
        return rs->getInt(1);
    });
}

ReserveWorklistCounts ReservistStore::worklistCounts(const domain::Actor& actor, const std::string& today,
                                                     std::int64_t now) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare(
            "SELECT (SELECT COUNT(*) FROM firearm_issues f JOIN reservists r ON r.reservist_id = f.reservist_id "
            "JOIN org_units st ON st.org_unit_id = r.station_id " + kReach +
            "AND f.returned_at IS NULL AND f.expected_return_at < ?), "
            "(SELECT COUNT(*) FROM reservists r JOIN org_units st ON st.org_unit_id = r.station_id " + kReach +
            "AND " + kRevettingDue + ")");
        int i = bindReach(st, 1, actor);
        st.setString(i++, domain::formatUtc(now));
        st.setString(bindReach(st, i, actor), today);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        rs->next();
        return ReserveWorklistCounts{rs->getInt(1), rs->getInt(2)};
    });
}

std::vector<CommanderOption> ReservistStore::commanders(const domain::Actor& actor, std::int64_t stationId) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare(
            "SELECT u.user_id, u.display_name, u.role FROM users u JOIN org_units st ON st.org_unit_id = u.org_unit_id "
            "WHERE u.org_unit_id = ? AND st.path LIKE CONCAT(?, '%') AND u.disabled_at IS NULL "
            "AND u.role IN ('station_commander', 'reservist_commander') ORDER BY u.role DESC, u.display_name");
        st.setInt64(1, stationId);
        st.setString(2, scopePattern(actor.scopePath));
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<CommanderOption> out;
        while (rs->next()) out.push_back({rs->getInt64(1), rs->getString(2), rs->getString(3)});
        return out;
    });
}

std::vector<std::pair<std::string, int>> ReservistStore::authorisedStrength(const domain::Actor& actor,
                                                                           std::int64_t stationId) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare("SELECT a.area_ward, a.authorised FROM npr_authorised_strength a "
                             "JOIN org_units st ON st.org_unit_id = a.station_id "
                             "WHERE a.station_id = ? AND st.path LIKE CONCAT(?, '%') ORDER BY a.area_ward");
        st.setInt64(1, stationId);
        st.setString(2, scopePattern(actor.scopePath));
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<std::pair<std::string, int>> out;
        while (rs->next()) out.emplace_back(rs->getString(1), rs->getInt(2));
        return out;
    });
}

void ReservistStore::setAuthorisedStrength(Connection& c, const domain::Actor& actor, std::int64_t stationId,
                                           const std::string& ward, int authorised) {
    if (reserve_sql::leadsSection(c, actor.userId)) throw domain::Forbidden("Only the station's command sets its strength.");
    requireStationAndSection(c, actor, stationId, std::nullopt);
    if (authorised == 0) {
        auto& del = c.prepare("DELETE FROM npr_authorised_strength WHERE station_id = ? AND area_ward = ?");
        del.setInt64(1, stationId);
        del.setString(2, ward);
        del.executeUpdate();
        return;
    }
    auto& st = c.prepare("INSERT INTO npr_authorised_strength (station_id, area_ward, authorised) VALUES (?, ?, ?) "
                         "ON DUPLICATE KEY UPDATE authorised = VALUES(authorised)");
    st.setInt64(1, stationId);
    st.setString(2, ward);
    st.setInt(3, authorised);
    st.executeUpdate();
}

}  // namespace kituo::store
