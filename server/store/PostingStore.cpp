// Posting SQL; see PostingStore.h.
#include "store/PostingStore.h"

#include "store/Connection.h"
#include "store/DataVersions.h"
#include "store/VersionedCache.h"

namespace kituo::store {

std::vector<PostingRecord> PostingStore::postings(const domain::Actor& actor, std::int64_t officerId) {
    // The whole history of an officer whose current station is within the actor's scope.
    return scopedRows(
        _db, actor.scopePath, officerId,
        "SELECT p.posting_id, p.station_id, st.name AS station_name, p.unit_id, un.name AS unit_name, "
        "p.from_date, p.to_date, p.reference FROM postings p JOIN officers o ON o.officer_id = p.officer_id "
        "JOIN org_units cur ON cur.org_unit_id = o.station_id AND cur.path LIKE CONCAT(?, '%') "
        "JOIN org_units st ON st.org_unit_id = p.station_id "
        "LEFT JOIN org_units un ON un.org_unit_id = p.unit_id WHERE p.officer_id = ? "
        "ORDER BY p.from_date DESC, p.posting_id DESC",
        [](sql::ResultSet& rs) {
            PostingRecord p;
            p.id = rs.getInt64("posting_id");
            p.stationId = rs.getInt64("station_id");
            p.stationName = getStringOr(rs, "station_name", "");
            if (!rs.isNull("unit_id")) p.unitId = rs.getInt64("unit_id");
            p.unitName = getStringOr(rs, "unit_name", "");
            p.fromDate = getStringOr(rs, "from_date", "");
            p.toDate = getStringOr(rs, "to_date", "");
            p.reference = getStringOr(rs, "reference", "");
            return p;
        });
}

std::vector<domain::StationHistory> PostingStore::histories(const domain::Actor& actor) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare(
            "SELECT o.officer_id, o.status, p.station_id, p.from_date, p.to_date FROM officers o "
            "JOIN org_units cur ON cur.org_unit_id = o.station_id AND cur.path LIKE CONCAT(?, '%') "
            "JOIN postings p ON p.officer_id = o.officer_id ORDER BY o.officer_id, p.from_date DESC");
        st.setString(1, scopePattern(actor.scopePath));
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

namespace {

// Locks the officer's row when they are posted within scopePath and `version` is current: the
// first lock of every posting change.
void lockOfficer(Connection& c, const std::string& scopePath, std::int64_t officerId, int version) {
    auto& lock = c.prepare("SELECT version FROM officers WHERE officer_id = ? AND station_id IN "
                           "(SELECT org_unit_id FROM org_units WHERE path LIKE CONCAT(?, '%')) FOR UPDATE");
    lock.setInt64(1, officerId);
    lock.setString(2, scopePath);
    std::unique_ptr<sql::ResultSet> rs(lock.executeQuery());
    if (!rs->next()) throw domain::NotFound("officer not found");
    if (rs->getInt(1) != version) {
        throw domain::Conflict("This officer's record was changed by someone else; reload and try again.");
    }
}

// Points the officer's row at their (new) open posting and bumps the roll's data version.
void moveOfficer(Connection& c, std::int64_t officerId, std::int64_t stationId, std::optional<std::int64_t> unitId) {
    auto& move = c.prepare("UPDATE officers SET station_id = ?, unit_id = ?, version = version + 1 WHERE officer_id = ?");
    move.setInt64(1, stationId);
    if (unitId) move.setInt64(2, *unitId);
    else move.setNull(2, sql::DataType::BIGINT);
    move.setInt64(3, officerId);
    move.executeUpdate();
    bumpVersion(c, "roll");
}

}  // namespace

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
    lockOfficer(c, scopePath, officerId, version);
    requireWithin(c, scopePath, posting);
    auto& close = c.prepare("UPDATE postings SET to_date = ? WHERE officer_id = ? AND to_date IS NULL");
    close.setString(1, posting.fromDate);
    close.setInt64(2, officerId);
    close.executeUpdate();
    open(c, officerId, posting, createdBy);
    moveOfficer(c, officerId, posting.stationId, posting.unitId);
}

void PostingStore::correct(Connection& c, const std::string& scopePath, std::int64_t officerId, std::int64_t postingId,
                           int version, const domain::PostingCorrection& fix, std::int64_t by) {
    lockOfficer(c, scopePath, officerId, version);
    auto& read = c.prepare("SELECT posting_id, station_id, unit_id, from_date, reference, to_date FROM postings "
                           "WHERE officer_id = ? ORDER BY from_date DESC, posting_id DESC LIMIT 2 FOR UPDATE");
    read.setInt64(1, officerId);
    std::unique_ptr<sql::ResultSet> rs(read.executeQuery());
    struct Row {
        std::int64_t id;
        NewPosting p;
        bool open;
    };
    std::vector<Row> rows;
    while (rs->next()) {
        Row r{rs->getInt64(1), {rs->getInt64(2), std::nullopt, rs->getString(4), rs->getString(5)}, rs->isNull(6)};
        if (!rs->isNull(3)) r.p.unitId = rs->getInt64(3);
        rows.push_back(r);
    }
    if (rows.empty() || rows[0].id != postingId || !rows[0].open) throw domain::NotFound("posting is not current");
    const NewPosting& old = rows[0].p;
    const Row* previous = rows.size() > 1 ? &rows[1] : nullptr;

    auto& keep = c.prepare("INSERT INTO posting_corrections (officer_id, posting_id, action, old_station_id, "
                           "old_unit_id, old_from_date, old_reference, reason, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    keep.setInt64(1, officerId);
    keep.setInt64(2, postingId);
    keep.setString(3, fix.fix == domain::PostingFix::Cancel ? "cancel" : "correct");
    keep.setInt64(4, old.stationId);
    if (old.unitId) keep.setInt64(5, *old.unitId);
    else keep.setNull(5, sql::DataType::BIGINT);
    keep.setString(6, old.fromDate);
    keep.setString(7, old.reference);
    keep.setString(8, fix.reason);
    keep.setInt64(9, by);

    if (fix.fix == domain::PostingFix::Cancel) {
        if (!previous) throw domain::ValidationError("action", "This is the officer's first posting: correct it rather than cancel it.");
        auto& within = c.prepare("SELECT 1 FROM org_units WHERE org_unit_id = ? AND path LIKE CONCAT(?, '%')");
        within.setInt64(1, previous->p.stationId);
        within.setString(2, scopePath);
        std::unique_ptr<sql::ResultSet> in(within.executeQuery());
        if (!in->next()) {
            throw domain::ValidationError("action", "Cancelling would return the officer to a station outside your "
                                                    "scope: ask the HR officer who covers both stations.");
        }
        keep.executeUpdate();
        auto& drop = c.prepare("DELETE FROM postings WHERE posting_id = ?");
        drop.setInt64(1, postingId);
        drop.executeUpdate();
        auto& reopen = c.prepare("UPDATE postings SET to_date = NULL WHERE posting_id = ?");
        reopen.setInt64(1, previous->id);
        reopen.executeUpdate();
        moveOfficer(c, officerId, previous->p.stationId, previous->p.unitId);
        return;
    }
    const NewPosting corrected{fix.corrected.stationId, fix.corrected.unitId, fix.corrected.fromDate,
                               fix.corrected.reference};
    requireWithin(c, scopePath, corrected);
    keep.executeUpdate();
    auto& update = c.prepare("UPDATE postings SET station_id = ?, unit_id = ?, from_date = ?, reference = ? "
                             "WHERE posting_id = ?");
    update.setInt64(1, corrected.stationId);
    if (corrected.unitId) update.setInt64(2, *corrected.unitId);
    else update.setNull(2, sql::DataType::BIGINT);
    update.setString(3, corrected.fromDate);
    update.setString(4, corrected.reference);
    update.setInt64(5, postingId);
    update.executeUpdate();
    if (previous) {
        auto& close = c.prepare("UPDATE postings SET to_date = ? WHERE posting_id = ?");
        close.setString(1, corrected.fromDate);
        close.setInt64(2, previous->id);
        close.executeUpdate();
    }
    moveOfficer(c, officerId, corrected.stationId, corrected.unitId);
}

std::vector<PostingCorrectionRecord> PostingStore::corrections(const domain::Actor& actor, std::int64_t officerId) {
    return scopedRows(
        _db, actor.scopePath, officerId,
        "SELECT pc.posting_id, pc.action, st.name AS station_name, un.name AS unit_name, pc.old_from_date, "
        "pc.old_reference, pc.reason, u.display_name, u.username, pc.created_at FROM posting_corrections pc "
        "JOIN officers o ON o.officer_id = pc.officer_id "
        "JOIN org_units cur ON cur.org_unit_id = o.station_id AND cur.path LIKE CONCAT(?, '%') "
        "JOIN org_units st ON st.org_unit_id = pc.old_station_id "
        "LEFT JOIN org_units un ON un.org_unit_id = pc.old_unit_id JOIN users u ON u.user_id = pc.created_by "
        "WHERE pc.officer_id = ? ORDER BY pc.created_at DESC, pc.posting_correction_id DESC",
        [](sql::ResultSet& rs) {
            PostingCorrectionRecord r;
            r.postingId = rs.getInt64(1);
            r.fix = rs.getString(2) == "cancel" ? domain::PostingFix::Cancel : domain::PostingFix::Correct;
            r.stationName = rs.getString(3);
            r.unitName = getStringOr(rs, "unit_name", "");
            r.fromDate = rs.getString(5);
            r.reference = rs.getString(6);
            r.reason = rs.getString(7);
            r.byName = std::string(rs.getString(8)) + " (" + std::string(rs.getString(9)) + ")";
            r.at = rs.getString(10);
            return r;
        });
}

}  // namespace kituo::store
