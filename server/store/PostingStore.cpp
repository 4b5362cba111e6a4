// Posting SQL; see PostingStore.h.
#include "store/PostingStore.h"

#include "store/Connection.h"
#include "store/DataVersions.h"
#include "store/VersionedCache.h"

namespace kituo::store {

std::vector<PostingRecord> PostingStore::postings(const domain::Actor& actor, std::int64_t officerId) {
    return _db.run([&](Connection& c) {
        // The whole history of an officer whose current station is within the actor's scope.
        auto& st = c.prepare(
            "SELECT p.posting_id, p.station_id, st.name AS station_name, un.name AS unit_name, p.from_date, "
            "p.to_date, p.reference FROM postings p JOIN officers o ON o.officer_id = p.officer_id "
            "JOIN org_units cur ON cur.org_unit_id = o.station_id AND cur.path LIKE CONCAT(?, '%') "
            "JOIN org_units st ON st.org_unit_id = p.station_id "
            "LEFT JOIN org_units un ON un.org_unit_id = p.unit_id WHERE p.officer_id = ? "
            "ORDER BY p.from_date DESC, p.posting_id DESC");
        st.setString(1, actor.scopePath.empty() ? std::string("\x01") : actor.scopePath);
        st.setInt64(2, officerId);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<PostingRecord> out;
        auto text = [&](const char* col) { return getStringOr(*rs, col, ""); };
        while (rs->next()) {
            PostingRecord p;
            p.id = rs->getInt64("posting_id");
            p.stationId = rs->getInt64("station_id");
            p.stationName = text("station_name");
            p.unitName = text("unit_name");
            p.fromDate = text("from_date");
            p.toDate = text("to_date");
            p.reference = text("reference");
            out.push_back(p);
        }
        return out;
    });
}

// Inserts the officer's new open posting (the caller has closed any previous one).
std::vector<domain::StationHistory> PostingStore::histories(const domain::Actor& actor) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare(
            "SELECT o.officer_id, o.status, p.station_id, p.from_date, p.to_date FROM officers o "
            "JOIN org_units cur ON cur.org_unit_id = o.station_id AND cur.path LIKE CONCAT(?, '%') "
            "JOIN postings p ON p.officer_id = o.officer_id ORDER BY o.officer_id, p.from_date DESC");
        st.setString(1, actor.scopePath.empty() ? std::string("\x01") : actor.scopePath);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<domain::StationHistory> out;
        while (rs->next()) {
            const std::int64_t id = rs->getInt64(1);
            if (out.empty() || out.back().officerId != id) out.push_back({id, rs->getString(2), {}});
            out.back().postings.push_back({rs->getInt64(3), rs->getString(4), getStringOr(*rs, "to_date", "")});
        }
        return out;
    });
}

std::vector<domain::DueForTransfer> PostingStore::dueForTransfer(const domain::Actor& actor, const std::string& today) {
    static VersionedCache<std::vector<domain::DueForTransfer>> cache("roll");
    return cache.get(_db, actor.scopePath + "|" + today,
                     [&] { return domain::dueForTransfer(histories(actor), today); });
}

void PostingStore::open(Connection& c, std::int64_t officerId, const NewPosting& posting, std::int64_t createdBy) {
    auto& st = c.prepare("INSERT INTO postings (officer_id, station_id, unit_id, from_date, reference, created_by) "
                         "VALUES (?, ?, ?, ?, ?, ?)");
    st.setInt64(1, officerId);
    st.setInt64(2, posting.stationId);
    if (posting.unitId) st.setInt64(3, *posting.unitId);
    else st.setNull(3, sql::DataType::BIGINT);
    st.setString(4, posting.fromDate);
    st.setString(5, posting.reference);
    st.setInt64(6, createdBy);
    st.executeUpdate();
}

// Refuses a posting whose station is not a station at or below scopePath, or whose unit is
// not a unit of that station: the scope is part of the query, whatever the handler checked.
void PostingStore::requireWithin(Connection& c, const std::string& scopePath, const NewPosting& posting) {
    auto& st = c.prepare(
        "SELECT (u.org_unit_id IS NOT NULL AND u.kind = 'unit' AND u.path LIKE CONCAT(s.path, '%')) "
        "FROM org_units s LEFT JOIN org_units u ON u.org_unit_id = ? "
        "WHERE s.org_unit_id = ? AND s.kind = 'station' AND s.path LIKE CONCAT(?, '%')");
    st.setInt64(1, posting.unitId.value_or(0));
    st.setInt64(2, posting.stationId);
    st.setString(3, scopePath);
    std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
    if (!rs->next()) throw domain::ValidationError("station_id", "Choose a station within your scope.");
    if (posting.unitId && !rs->getBoolean(1)) {
        throw domain::ValidationError("unit_id", "Choose a unit of the chosen station, or none.");
    }
}

void PostingStore::transfer(Connection& c, const std::string& scopePath, std::int64_t officerId, int version,
                            const NewPosting& posting, std::int64_t createdBy) {
    auto& lock = c.prepare("SELECT version FROM officers WHERE officer_id = ? AND station_id IN "
                           "(SELECT org_unit_id FROM org_units WHERE path LIKE CONCAT(?, '%')) FOR UPDATE");
    lock.setInt64(1, officerId);
    lock.setString(2, scopePath);
    std::unique_ptr<sql::ResultSet> rs(lock.executeQuery());
    if (!rs->next()) throw domain::NotFound("officer not found");
    if (rs->getInt(1) != version) {
        throw domain::Conflict("This officer's record was changed by someone else; reload and try again.");
    }
    requireWithin(c, scopePath, posting);
    auto& close = c.prepare("UPDATE postings SET to_date = ? WHERE officer_id = ? AND to_date IS NULL");
    close.setString(1, posting.fromDate);
    close.setInt64(2, officerId);
    close.executeUpdate();
    open(c, officerId, posting, createdBy);
    auto& move = c.prepare("UPDATE officers SET station_id = ?, unit_id = ?, version = version + 1 WHERE officer_id = ?");
    move.setInt64(1, posting.stationId);
    if (posting.unitId) move.setInt64(2, *posting.unitId);
    else move.setNull(2, sql::DataType::BIGINT);
    move.setInt64(3, officerId);
    move.executeUpdate();
    bumpVersion(c, "roll");
}

}  // namespace kituo::store
