// Nominal roll SQL; see OfficerStore.h.
#include "store/OfficerStore.h"
#include "store/Connection.h"

#include "store/DataVersions.h"
#include "store/SqlLists.h"
#include "store/VersionedCache.h"

#include <chrono>
#include <map>
#include <mutex>
#include <sstream>

namespace kituo::store {
namespace {

const std::string kSelect =
    "SELECT o.officer_id, o.service_number, o.surname, o.other_names, o.national_id, o.gender, "
    "o.date_of_birth, o.enlistment_date, o.service_code, o.rank_id, r.name AS rank_name, "
    "r.ordinal AS rank_ordinal, o.rank_since, o.status, o.status_since, o.phone, o.station_id, "
    "st.name AS station_name, st.code AS station_code, o.unit_id, un.name AS unit_name, "
    "un.code AS unit_code, p.from_date AS posted_since, o.version "
    "FROM officers o JOIN ranks r ON r.rank_id = o.rank_id "
    "JOIN org_units st ON st.org_unit_id = o.station_id "
    "LEFT JOIN org_units un ON un.org_unit_id = o.unit_id "
    "LEFT JOIN postings p ON p.officer_id = o.officer_id AND p.open_marker = 1 ";

// Filters after the scope; 12 parameters, bound by bindFilter after the scope's one.
const std::string kFilters =
    "AND (? = '' OR o.service_number LIKE CONCAT(?, '%') OR o.surname LIKE CONCAT('%', ?, '%') "
    "     OR o.other_names LIKE CONCAT('%', ?, '%')) "
    "AND (? = 0 OR o.station_id = ?) AND (? = 0 OR o.unit_id = ?) AND (? = 0 OR o.rank_id = ?) "
    "AND (? = '' OR o.status = ?) ";

// Every officer query is limited to the stations within the actor's scope (1 parameter).
const std::string kScope =
    "WHERE o.station_id IN (SELECT org_unit_id FROM org_units WHERE path LIKE CONCAT(?, '%') "
    "AND kind = 'station') ";

std::string escapeLike(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

// Binds kFilters' 12 parameters from position i; returns the next position.
int bindFilterAt(sql::PreparedStatement& st, int i, const OfficerFilter& f) {
    const std::string like = escapeLike(f.q);
    st.setString(i++, f.q);
    st.setString(i++, like);
    st.setString(i++, like);
    st.setString(i++, like);
    for (std::int64_t v : {f.stationId, f.unitId, f.rankId}) {
        st.setInt64(i++, v);
        st.setInt64(i++, v);
    }
    st.setString(i++, f.status);
    st.setString(i++, f.status);
    return i;
}

// Binds kScope's parameter and kFilters'; returns the next position.
int bindFilter(sql::PreparedStatement& st, const domain::Actor& actor, const OfficerFilter& f) {
    st.setString(1, actor.scopePath);
    return bindFilterAt(st, 2, f);
}

// The stations within the actor's scope (read from the tree, never from a cache).
std::vector<std::int64_t> stationsInScope(Connection& c, const domain::Actor& actor) {
    auto& st = c.prepare("SELECT org_unit_id FROM org_units WHERE path LIKE CONCAT(?, '%') AND kind = 'station'");
    st.setString(1, actor.scopePath);
    std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
    std::vector<std::int64_t> ids;
    while (rs->next()) ids.push_back(rs->getInt64(1));
    return ids;
}

std::string orderBy(const OfficerFilter& f) {
    static const std::map<std::string, std::string> columns = {
        {"service_number", "o.service_number"},
        {"name", "o.surname %, o.other_names %"},
        {"rank", "r.ordinal %, o.rank_since"},
        {"station", "st.name %, un.name %, o.surname"},
        {"enlisted", "o.enlistment_date %"}};
    auto it = columns.find(f.sort);
    std::string expr = it == columns.end() ? columns.at("name") : it->second;
    const std::string dir = f.descending ? "DESC" : "ASC";
    if (expr.find('%') == std::string::npos) expr += " %";
    std::string out;
    for (char c : expr) {
        if (c == '%') out += dir;
        else out += c;
    }
    // Rank sorts highest first by default: a nominal roll lists seniors at the top.
    if (f.sort == "rank") {
        out = "r.ordinal " + std::string(f.descending ? "ASC" : "DESC") + ", o.rank_since ASC";
    }
    return "ORDER BY " + out + ", o.officer_id ";
}

std::string str(sql::ResultSet& rs, const char* col) { return rs.isNull(col) ? std::string() : std::string(rs.getString(col)); }

// Columns by position, in kSelect's order (by-name lookups cost more than the query).
OfficerRecord readOfficer(sql::ResultSet& rs) {
    auto text = [&](int i) { return rs.isNull(i) ? std::string() : std::string(rs.getString(i)); };
    OfficerRecord o;
    o.id = rs.getInt64(1);
    auto& f = o.fields;
    f.serviceNumber = text(2);
    f.surname = text(3);
    f.otherNames = text(4);
    f.nationalId = text(5);
    f.gender = text(6);
    f.dateOfBirth = text(7);
    f.enlistmentDate = text(8);
    f.service = text(9);
    f.rankId = rs.getInt64(10);
    o.rankName = text(11);
    o.rankOrdinal = rs.getInt(12);
    f.rankSince = text(13);
    f.status = text(14);
    f.statusSince = text(15);
    f.phone = text(16);
    o.stationId = rs.getInt64(17);
    o.stationName = text(18);
    o.stationCode = text(19);
    if (!rs.isNull(20)) o.unitId = rs.getInt64(20);
    o.unitName = text(21);
    o.unitCode = text(22);
    o.postedSince = text(23);
    o.version = rs.getInt(24);
    return o;
}

void bindOfficerFields(sql::PreparedStatement& st, int first, const domain::OfficerInput& in) {
    int i = first;
    st.setString(i++, in.surname);
    st.setString(i++, in.otherNames);
    st.setString(i++, in.nationalId);
    st.setString(i++, in.gender);
    st.setString(i++, in.dateOfBirth);
    st.setString(i++, in.enlistmentDate);
    st.setString(i++, in.service);
    st.setInt64(i++, in.rankId);
    st.setString(i++, in.rankSince);
    st.setString(i++, in.status);
    st.setString(i++, in.statusSince);
    st.setString(i++, in.phone);
}

[[noreturn]] void rethrowDuplicate(const sql::SQLException& e) {
    const std::string what = e.what();
    if (e.getErrorCode() == 1062 && what.find("national_id") != std::string::npos) {
        throw domain::ValidationError("national_id", "Another officer already has this national ID number.");
    }
    if (e.getErrorCode() == 1062) {
        throw domain::ValidationError("service_number", "Another officer already has this service number.");
    }
    throw e;
}

std::int64_t lastInsertId(Connection& c) {
    std::unique_ptr<sql::ResultSet> rs(c.prepare("SELECT LAST_INSERT_ID()").executeQuery());
    rs->next();
    return rs->getInt64(1);
}


}  // namespace

std::vector<domain::Rank> OfficerStore::ranks() { return ranks(currentVersion(_db, "roll")); }

std::vector<domain::Rank> OfficerStore::ranks(std::uint64_t rollVersion) {
    // The ladder changes only with a migration or a scheme-of-service edit (both bump "roll"),
    // and every page with a rank filter needs it.
    static VersionedCache<std::vector<domain::Rank>> cache("roll");
    return cache.get(_db, "ranks", rollVersion, [&] {
        return _db.run([](Connection& c) {
            std::unique_ptr<sql::ResultSet> rs(c.prepare(
                "SELECT r.rank_id, r.code, r.name, r.ordinal, GROUP_CONCAT(sr.service_code ORDER BY "
                "sr.service_code) AS services FROM ranks r LEFT JOIN service_ranks sr ON sr.rank_id = r.rank_id "
                "GROUP BY r.rank_id, r.code, r.name, r.ordinal ORDER BY r.ordinal").executeQuery());
            std::vector<domain::Rank> out;
            while (rs->next()) {
                domain::Rank r;
                r.id = rs->getInt64("rank_id");
                r.code = rs->getString("code");
                r.name = rs->getString("name");
                r.ordinal = rs->getInt("ordinal");
                std::stringstream ss(rs->isNull("services") ? std::string() : std::string(rs->getString("services")));
                std::string code;
                while (std::getline(ss, code, ',')) r.services.push_back(code);
                out.push_back(r);
            }
            return out;
        });
    });
}

namespace {

// The joins an ORDER BY needs beyond officers itself.
std::string sortJoins(const OfficerFilter& f) {
    if (f.sort == "rank") return "JOIN ranks r ON r.rank_id = o.rank_id ";
    if (f.sort == "station") {
        return "JOIN org_units st ON st.org_unit_id = o.station_id "
               "LEFT JOIN org_units un ON un.org_unit_id = o.unit_id ";
    }
    return "";
}

}  // namespace

OfficerPage OfficerStore::list(const domain::Actor& actor, const OfficerFilter& f) {
    return _db.run([&](Connection& c) {
        OfficerPage page;
        // Measured: naming the scope's stations explicitly lets ix_officers_station_name serve
        // both the filter and the order (no temporary table), which costs far less than a
        // subquery or window functions; the details of the page's ids come last.
        const auto stations = stationsInScope(c, actor);
        if (stations.empty()) return page;
        const std::string where = "WHERE o.station_id IN (" + placeholders(bucketed(stations.size())) + ") " + kFilters;
        auto bind = [&](sql::PreparedStatement& st) { return bindFilterAt(st, bindList(st, 1, stations), f); };
        auto& count = c.prepare("SELECT COUNT(*) FROM officers o " + where);
        bind(count);
        std::unique_ptr<sql::ResultSet> crs(count.executeQuery());
        crs->next();
        page.total = crs->getInt(1);
        if (page.total == 0) return page;
        auto& ids = c.prepare("SELECT o.officer_id FROM officers o " + sortJoins(f) + where + orderBy(f) +
                              "LIMIT ? OFFSET ?");
        const int next = bind(ids);
        ids.setInt(next, f.pageSize);
        ids.setInt(next + 1, (std::max(f.page, 1) - 1) * f.pageSize);
        std::unique_ptr<sql::ResultSet> irs(ids.executeQuery());
        std::vector<std::int64_t> order;
        while (irs->next()) order.push_back(irs->getInt64(1));
        if (order.empty()) return page;
        auto& details = c.prepare(
            "SELECT o.officer_id, o.service_number, o.surname, o.other_names, r.name, o.status, "
            "o.enlistment_date, st.name, un.name FROM officers o JOIN ranks r ON r.rank_id = o.rank_id "
            "JOIN org_units st ON st.org_unit_id = o.station_id "
            "LEFT JOIN org_units un ON un.org_unit_id = o.unit_id WHERE o.officer_id IN (" +
            placeholders(bucketed(order.size())) + ")");
        bindList(details, 1, order);
        std::unique_ptr<sql::ResultSet> rs(details.executeQuery());
        std::map<std::int64_t, OfficerRecord> byId;
        page.officers.reserve(order.size());
        while (rs->next()) {
            OfficerRecord o;
            o.id = rs->getInt64(1);
            o.fields.serviceNumber = rs->getString(2);
            o.fields.surname = rs->getString(3);
            o.fields.otherNames = rs->getString(4);
            o.rankName = rs->getString(5);
            o.fields.status = rs->getString(6);
            o.fields.enlistmentDate = rs->getString(7);
            o.stationName = rs->getString(8);
            o.unitName = rs->isNull(9) ? std::string() : std::string(rs->getString(9));
            byId.emplace(o.id, std::move(o));
        }
        for (auto id : order) {
            auto it = byId.find(id);
            if (it != byId.end()) page.officers.push_back(std::move(it->second));
        }
        return page;
    });
}

void OfficerStore::forEach(const domain::Actor& actor, const OfficerFilter& f,
                           const std::function<void(const OfficerRecord&)>& fn) {
    _db.run([&](Connection& c) {
        auto& st = c.prepare(kSelect + kScope + kFilters + orderBy(f));
        bindFilter(st, actor, f);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        while (rs->next()) fn(readOfficer(*rs));
    });
}

std::optional<OfficerRecord> OfficerStore::findVisibleTo(const domain::Actor& actor, std::int64_t id) {
    return _db.run([&](Connection& c) -> std::optional<OfficerRecord> {
        auto& st = c.prepare(kSelect + "WHERE o.officer_id = ? AND st.path LIKE CONCAT(?, '%')");
        st.setInt64(1, id);
        st.setString(2, actor.scopePath);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (!rs->next()) return std::nullopt;
        return readOfficer(*rs);
    });
}

std::vector<PostingRecord> OfficerStore::postings(const domain::Actor& actor, std::int64_t officerId) {
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
        while (rs->next()) {
            PostingRecord p;
            p.id = rs->getInt64("posting_id");
            p.stationId = rs->getInt64("station_id");
            p.stationName = str(*rs, "station_name");
            p.unitName = str(*rs, "unit_name");
            p.fromDate = str(*rs, "from_date");
            p.toDate = str(*rs, "to_date");
            p.reference = str(*rs, "reference");
            out.push_back(p);
        }
        return out;
    });
}

namespace {

// Inserts the officer's new open posting (the caller has closed any previous one).
void openPosting(Connection& c, std::int64_t officerId, const NewPosting& posting, std::int64_t createdBy) {
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
void requirePostingWithin(Connection& c, const std::string& scopePath, const NewPosting& posting) {
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

}  // namespace

std::int64_t OfficerStore::create(Connection& c, const std::string& scopePath, const domain::OfficerInput& in,
                                  const NewPosting& posting, std::int64_t createdBy) {
    requirePostingWithin(c, scopePath, posting);
    auto& st = c.prepare(
        "INSERT INTO officers (service_number, surname, other_names, national_id, gender, date_of_birth, "
        "enlistment_date, service_code, rank_id, rank_since, status, status_since, phone, station_id, unit_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.setString(1, in.serviceNumber);
    bindOfficerFields(st, 2, in);
    st.setInt64(14, posting.stationId);
    if (posting.unitId) st.setInt64(15, *posting.unitId);
    else st.setNull(15, sql::DataType::BIGINT);
    try {
        st.executeUpdate();
    } catch (const sql::SQLException& e) {
        rethrowDuplicate(e);
    }
    const std::int64_t id = lastInsertId(c);
    openPosting(c, id, posting, createdBy);
    bumpVersion(c, "roll");
    return id;
}

void OfficerStore::update(Connection& c, const std::string& scopePath, std::int64_t id, int version,
                          const domain::OfficerInput& in) {
    auto& st = c.prepare(
        "UPDATE officers SET surname = ?, other_names = ?, national_id = ?, gender = ?, date_of_birth = ?, "
        "enlistment_date = ?, service_code = ?, rank_id = ?, rank_since = ?, status = ?, status_since = ?, "
        "phone = ?, version = version + 1 WHERE officer_id = ? AND version = ? AND station_id IN "
        "(SELECT org_unit_id FROM org_units WHERE path LIKE CONCAT(?, '%'))");
    bindOfficerFields(st, 1, in);
    st.setInt64(13, id);
    st.setInt(14, version);
    st.setString(15, scopePath);
    int changed = 0;
    try {
        changed = st.executeUpdate();
    } catch (const sql::SQLException& e) {
        rethrowDuplicate(e);
    }
    if (changed == 0) {
        throw domain::Conflict("This officer's record was changed by someone else while you were editing it.");
    }
    bumpVersion(c, "roll");
}

void OfficerStore::transfer(Connection& c, const std::string& scopePath, std::int64_t officerId, int version,
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
    requirePostingWithin(c, scopePath, posting);
    auto& close = c.prepare("UPDATE postings SET to_date = ? WHERE officer_id = ? AND to_date IS NULL");
    close.setString(1, posting.fromDate);
    close.setInt64(2, officerId);
    close.executeUpdate();
    openPosting(c, officerId, posting, createdBy);
    auto& move = c.prepare("UPDATE officers SET station_id = ?, unit_id = ?, version = version + 1 WHERE officer_id = ?");
    move.setInt64(1, posting.stationId);
    if (posting.unitId) move.setInt64(2, *posting.unitId);
    else move.setNull(2, sql::DataType::BIGINT);
    move.setInt64(3, officerId);
    move.executeUpdate();
    bumpVersion(c, "roll");
}

domain::ImportContext OfficerStore::importContext(const domain::Actor& actor,
                                                  const std::vector<std::string>& serviceNumbers,
                                                  const std::vector<std::string>& nationalIds,
                                                  const std::string& today) {
    domain::ImportContext ctx;
    ctx.today = today;
    ctx.ranks = ranks();
    _db.run([&](Connection& c) {
        struct Node { std::int64_t id, parent; std::string code, kind, path; };
        std::map<std::int64_t, Node> nodes;
        std::unique_ptr<sql::ResultSet> rs(c.prepare(
            "SELECT org_unit_id, COALESCE(parent_id, 0) AS parent_id, code, kind, path FROM org_units").executeQuery());
        while (rs->next()) {
            Node n{rs->getInt64("org_unit_id"), rs->getInt64("parent_id"), rs->getString("code"),
                   rs->getString("kind"), rs->getString("path")};
            nodes[n.id] = n;
        }
        for (const auto& [id, n] : nodes) {
            domain::ImportOrgUnit u;
            u.id = id;
            u.code = n.code;
            u.isStation = n.kind == "station";
            u.inScope = n.path.compare(0, actor.scopePath.size(), actor.scopePath) == 0;
            if (n.kind == "unit") {
                std::int64_t up = n.parent;
                for (int depth = 0; depth < 16 && up && nodes.count(up); ++depth) {
                    if (nodes[up].kind == "station") {
                        u.stationId = up;
                        break;
                    }
                    up = nodes[up].parent;
                }
            }
            ctx.orgByCode[n.code] = u;
        }
        auto fetch = [&](const std::string& column, const std::vector<std::string>& keys) {
            for (std::size_t start = 0; start < keys.size(); start += 512) {
                const std::size_t n = std::min<std::size_t>(512, keys.size() - start);
                const std::vector<std::string> chunk(keys.begin() + static_cast<long>(start),
                                                     keys.begin() + static_cast<long>(start + n));
                auto& st = c.prepare(kSelect + "WHERE o." + column + " IN (" + placeholders(bucketed(n)) + ")");
                bindList(st, 1, chunk);
                std::unique_ptr<sql::ResultSet> rows(st.executeQuery());
                while (rows->next()) {
                    const auto o = readOfficer(*rows);
                    domain::ExistingOfficer ex;
                    ex.id = o.id;
                    ex.fields = o.fields;
                    ex.stationId = o.stationId;
                    ex.unitId = o.unitId;
                    ex.version = o.version;
                    auto st2 = nodes.find(o.stationId);
                    ex.inScope = st2 != nodes.end() &&
                                 st2->second.path.compare(0, actor.scopePath.size(), actor.scopePath) == 0;
                    ctx.ownerByNationalId[o.fields.nationalId] = {o.fields.serviceNumber, ex.inScope};
                    ctx.existingByNumber[o.fields.serviceNumber] = ex;
                }
            }
        };
        fetch("service_number", serviceNumbers);
        fetch("national_id", nationalIds);
    });
    return ctx;
}

void OfficerStore::applyImport(Connection& c, const std::string& scopePath, const domain::ImportPlan& plan,
                               std::int64_t createdBy) {
    using Action = domain::ImportRowPlan::Action;
    bumpVersion(c, "roll");  // written at commit, after every officer row is locked
    std::vector<const domain::ImportRowPlan*> creates;
    for (const auto& row : plan.rows) {
        if (row.action == Action::Create) creates.push_back(&row);
        if (row.action == Action::Update) update(c, scopePath, row.existingId, row.existingVersion, row.input);
    }
    for (std::size_t start = 0, n = 0; start < creates.size(); start += n) {
        n = batchSize(std::min<std::size_t>(256, creates.size() - start));
        auto& ins = c.prepare(
            "INSERT INTO officers (service_number, surname, other_names, national_id, gender, date_of_birth, "
            "enlistment_date, service_code, rank_id, rank_since, status, status_since, phone, station_id, unit_id) "
            "VALUES " + placeholders(n, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        for (std::size_t k = 0; k < n; ++k) {
            const auto& row = *creates[start + k];
            const int base = static_cast<int>(k * 15);
            ins.setString(base + 1, row.input.serviceNumber);
            bindOfficerFields(ins, base + 2, row.input);
            ins.setInt64(base + 14, row.stationId);
            if (row.unitId) ins.setInt64(base + 15, *row.unitId);
            else ins.setNull(base + 15, sql::DataType::BIGINT);
        }
        try {
            ins.executeUpdate();
        } catch (const sql::SQLException& e) {
            rethrowDuplicate(e);
        }
        auto& ids = c.prepare("SELECT officer_id, service_number FROM officers WHERE service_number IN (" +
                              placeholders(n) + ")");
        for (std::size_t k = 0; k < n; ++k) ids.setString(static_cast<int>(k + 1), creates[start + k]->input.serviceNumber);
        std::map<std::string, std::int64_t> idByNumber;
        std::unique_ptr<sql::ResultSet> rs(ids.executeQuery());
        while (rs->next()) idByNumber[rs->getString(2)] = rs->getInt64(1);
        auto& posts = c.prepare(
            "INSERT INTO postings (officer_id, station_id, unit_id, from_date, reference, created_by) VALUES " +
            placeholders(n, "(?, ?, ?, ?, ?, ?)"));
        for (std::size_t k = 0; k < n; ++k) {
            const auto& row = *creates[start + k];
            const int base = static_cast<int>(k * 6);
            posts.setInt64(base + 1, idByNumber.at(row.input.serviceNumber));
            posts.setInt64(base + 2, row.stationId);
            if (row.unitId) posts.setInt64(base + 3, *row.unitId);
            else posts.setNull(base + 3, sql::DataType::BIGINT);
            posts.setString(base + 4, row.postedSince);
            posts.setString(base + 5, "nominal roll import");
            posts.setInt64(base + 6, createdBy);
        }
        posts.executeUpdate();
    }
}

}  // namespace kituo::store
