// Nominal roll SQL: the filtered list, one officer, create and edit; see OfficerStore.h.
#include "store/OfficerStore.h"

#include "store/DataVersions.h"
#include "store/OrgStore.h"
#include "store/RankStore.h"
#include "store/OfficerSql.h"
#include "store/PostingStore.h"
#include "store/SqlLists.h"
#include "store/SqlWhere.h"

#include <map>
#include <unordered_map>
#include <variant>

namespace kituo::store {
namespace {

// The filter's conditions after the scope. The search is domain::RollSearch: a service number
// prefix, a national ID, a phone, or up to kMaxSearchWords name words each found in the
// surname or the other names (in any order); a search that reads as none of them finds no one.
Where filterWhere(const OfficerFilter& f) {
    Where w;
    const auto& q = f.search;
    if (!q.text.empty()) {
        std::string any;
        std::vector<Where::Param> params;
        auto alternative = [&](const std::string& condition) { any += (any.empty() ? "" : " OR ") + condition; };
        if (!q.serviceNumberPrefix.empty()) {
            alternative("o.service_number LIKE CONCAT(?, '%')");
            params.push_back(escapeLike(q.serviceNumberPrefix));
        }
        if (!q.nationalId.empty()) {
            alternative("o.national_id = ?");
            params.push_back(q.nationalId);
        }
        if (!q.phone.empty()) {
            alternative("o.phone = ?");
            params.push_back(q.phone);
        }
        if (!q.words.empty()) {
            std::string all;
            for (const auto& word : q.words) {
                all += std::string(all.empty() ? "" : " AND ") +
                       "(o.surname LIKE CONCAT('%', ?, '%') OR o.other_names LIKE CONCAT('%', ?, '%'))";
                params.push_back(escapeLike(word));
                params.push_back(escapeLike(word));
            }
            alternative("(" + all + ")");
        }
        w.add("(" + (any.empty() ? std::string("FALSE") : any) + ")", std::move(params));
    }
    if (f.stationId) w.add("o.station_id = ?", {f.stationId});
    if (f.unitId) w.add("o.unit_id = ?", {f.unitId});
    if (f.rankId) w.add("o.rank_id = ?", {f.rankId});
    if (!f.status.empty()) w.add("o.status = ?", {f.status});
    return w;
}

// Every officer query is limited to the stations within the actor's scope (1 parameter).
const std::string kScope =
    "WHERE o.station_id IN (SELECT org_unit_id FROM org_units WHERE path LIKE CONCAT(?, '%') "
    "AND kind = 'station') ";

std::string orderBy(const OfficerFilter& f) {
    static const std::map<std::string, std::string> columns = {
        {"service_number", "o.service_number"},
        {"name", "o.surname %, o.other_names %"},
        {"rank", "r.ordinal %, o.rank_since"},
        {"station", "st.name %, un.name %, o.surname"},
        {"status", "o.status %, o.surname"},
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

// What every officer list reads: the officer's own columns first, in this order, then its rank,
// station and unit (names in summaries(), ids in a page of list()). The date comes as text:
// Connector/C++ formats a DATE column with snprintf, which cost more than reading the rest of
// the row. STRAIGHT_JOIN keeps officers first, so rows are read in the order of their index and
// each then joins what it names by key: left free, MariaDB sometimes started from the 14 ranks
// and sorted the whole scope in a temporary table (384 rows examined for a page of 50, not 150).
const std::string kListColumns =
    "SELECT STRAIGHT_JOIN o.officer_id, o.service_number, o.surname, o.other_names, o.status, "
    "CAST(o.enlistment_date AS CHAR), ";
enum ListColumn { kId = 1, kServiceNumber, kSurname, kOtherNames, kStatus, kEnlisted, kRank, kStation, kUnit };

OfficerRecord readListColumns(sql::ResultSet& rs) {
    OfficerRecord o;
    o.id = rs.getInt64(kId);
    o.fields.serviceNumber = rs.getString(kServiceNumber);
    o.fields.surname = rs.getString(kSurname);
    o.fields.otherNames = rs.getString(kOtherNames);
    o.fields.status = rs.getString(kStatus);
    o.fields.enlistmentDate = rs.getString(kEnlisted);
    return o;
}

// summaries(): rank, station and unit by name.
const std::string kSummarySelect =
    kListColumns + "r.name, st.name, un.name FROM officers o JOIN ranks r ON r.rank_id = o.rank_id "
                   "JOIN org_units st ON st.org_unit_id = o.station_id "
                   "LEFT JOIN org_units un ON un.org_unit_id = o.unit_id ";

OfficerRecord readSummary(sql::ResultSet& rs) {
    OfficerRecord o = readListColumns(rs);
    o.rankName = rs.getString(kRank);
    o.stationName = rs.getString(kStation);
    if (!rs.isNull(kUnit)) o.unitName = rs.getString(kUnit);
    return o;
}

// A page of list(): rank, station and unit by id (list() names them).
const std::string kPageSelect = kListColumns + "o.rank_id, o.station_id, o.unit_id FROM officers o ";

OfficerRecord readPageRow(sql::ResultSet& rs) {
    OfficerRecord o = readListColumns(rs);
    o.fields.rankId = rs.getInt64(kRank);
    o.stationId = rs.getInt64(kStation);
    if (!rs.isNull(kUnit)) o.unitId = rs.getInt64(kUnit);
    return o;
}

// The joins an ORDER BY needs beyond officers itself.
std::string sortJoins(const OfficerFilter& f) {
    if (f.sort == "rank") return "JOIN ranks r ON r.rank_id = o.rank_id ";
    if (f.sort == "station") {
        return "JOIN org_units st ON st.org_unit_id = o.station_id "
               "LEFT JOIN org_units un ON un.org_unit_id = o.unit_id ";
    }
    return "";
}

// The list's columns for these officers, in the order given, those within scopePath only.
std::vector<OfficerRecord> summariesIn(Connection& c, const std::string& scopePath,
                                       const std::vector<std::int64_t>& ids) {
    std::vector<OfficerRecord> out;
    out.reserve(ids.size());
    for (std::size_t start = 0; start < ids.size(); start += 512) {
        const std::vector<std::int64_t> chunk(ids.begin() + static_cast<long>(start),
                                              ids.begin() + static_cast<long>(std::min(ids.size(), start + 512)));
        auto& details = c.prepare(kSummarySelect + "WHERE o.officer_id IN (" + placeholders(bucketed(chunk.size())) +
                                  ") AND st.path LIKE CONCAT(?, '%')");
        const int next = bindList(details, 1, chunk);
        details.setString(next, scopePattern(scopePath));
        std::unique_ptr<sql::ResultSet> rs(details.executeQuery());
        std::map<std::int64_t, OfficerRecord> byId;
        while (rs->next()) {
            OfficerRecord o = readSummary(*rs);
            byId.emplace(o.id, std::move(o));
        }
        for (auto id : chunk) {
            auto it = byId.find(id);
            if (it != byId.end()) out.push_back(std::move(it->second));
        }
    }
    return out;
}

}  // namespace

std::vector<OfficerRecord> OfficerStore::summaries(const domain::Actor& actor, const std::vector<std::int64_t>& ids) {
    if (ids.empty()) return {};
    return _db.run([&](Connection& c) { return summariesIn(c, actor.scopePath, ids); });
}

OfficerPage OfficerStore::list(const domain::Actor& actor, const OfficerFilter& f, std::uint64_t rollVersion) {
    // Rank, station and unit names from the reference data the page's menus read anyway (the
    // rank ladder and the scope's tree, cached at this "roll" version): measured, joining them
    // for every row cost MariaDB more than the rest of the page (about 70 us of its CPU for 50
    // rows). Display only; the scope is still decided in SQL. Read before borrowing a
    // connection: a cache miss reads on a connection of its own.
    std::unordered_map<std::int64_t, std::string> rankNames, unitNames;  // units: stations too
    for (auto& r : RankStore(_db).ranks(rollVersion)) rankNames.emplace(r.id, std::move(r.name));
    // The scope's stations come from the same tree: it is read at the "roll" version the
    // request started with, and every change to the tree bumps that version in its own
    // transaction, so the list is the scope as it was when the request began (as a request a
    // moment earlier would have seen it), never an older one. Measured: one statement fewer
    // per page than asking MariaDB for the stations each time.
    std::vector<std::int64_t> stations;
    for (auto& u : OrgStore(_db).subtree(actor.scopePath, rollVersion)) {
        if (u.kind == domain::OrgKind::Station) stations.push_back(u.id);
        unitNames.emplace(u.id, std::move(u.name));
    }
    return _db.run([&](Connection& c) {
        OfficerPage page;
        // Measured: naming the scope's stations explicitly lets ix_officers_station_name serve
        // the filter, the count (from the index alone) and the order (no temporary table),
        // which costs far less than a subquery or window functions.
        if (stations.empty()) return page;
        const Where filter = filterWhere(f);
        const std::string where =
            "WHERE o.station_id IN (" + placeholders(bucketed(stations.size())) + ") " + filter.sql();
        auto bind = [&](sql::PreparedStatement& st) { return filter.bindAt(st, bindList(st, 1, stations)); };
        auto& count = c.prepare("SELECT COUNT(*) FROM officers o " + where);
        bind(count);
        std::unique_ptr<sql::ResultSet> crs(count.executeQuery());
        crs->next();
        page.total = crs->getInt(1);
        if (page.total == 0) return page;
        const int pages = (page.total + f.pageSize - 1) / f.pageSize;
        page.page = std::min(std::max(f.page, 1), pages);
        // The page in one statement, in the order of the index (or a bounded sort for the other
        // columns).
        auto& rows = c.prepare(kPageSelect + sortJoins(f) + where + orderBy(f) + "LIMIT ? OFFSET ?");
        const int next = bind(rows);
        rows.setInt(next, f.pageSize);
        rows.setInt(next + 1, (page.page - 1) * f.pageSize);
        std::unique_ptr<sql::ResultSet> rs(rows.executeQuery());
        page.officers.reserve(static_cast<std::size_t>(f.pageSize));
        std::vector<std::int64_t> unnamed;
        while (rs->next()) {
            OfficerRecord o = readPageRow(*rs);
            auto name = [](const auto& names, std::int64_t id, std::string& out) {
                auto it = names.find(id);
                if (it != names.end()) out = it->second;
                return it != names.end();
            };
            bool named = name(rankNames, o.fields.rankId, o.rankName);
            named = name(unitNames, o.stationId, o.stationName) && named;
            if (o.unitId) named = name(unitNames, *o.unitId, o.unitName) && named;
            if (!named) unnamed.push_back(o.id);
            page.officers.push_back(std::move(o));
        }
        // A rank or unit newer than the cached reference data (the roll changed after the
        // version was read): those rows are named by SQL.
        if (!unnamed.empty()) {
            std::unordered_map<std::int64_t, OfficerRecord> exact;
            for (auto& o : summariesIn(c, actor.scopePath, unnamed)) exact.emplace(o.id, std::move(o));
            for (auto& o : page.officers) {
                auto it = exact.find(o.id);
                if (it == exact.end()) continue;
                o.rankName = it->second.rankName;
                o.stationName = it->second.stationName;
                o.unitName = it->second.unitName;
            }
        }
        return page;
    });
}

void OfficerStore::forEach(const domain::Actor& actor, const OfficerFilter& f,
                           const std::function<void(const OfficerRecord&)>& fn) {
    _db.run([&](Connection& c) {
        const Where filter = filterWhere(f);
        auto& st = c.prepare(officer_sql::select() + kScope + filter.sql() + orderBy(f));
        st.setString(1, actor.scopePath);
        filter.bindAt(st, 2);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        while (rs->next()) fn(officer_sql::read(*rs));
    });
}

std::optional<OfficerRecord> OfficerStore::findVisibleTo(const domain::Actor& actor, std::int64_t id) {
    return _db.run([&](Connection& c) -> std::optional<OfficerRecord> {
        auto& st = c.prepare(officer_sql::select() + "WHERE o.officer_id = ? AND st.path LIKE CONCAT(?, '%')");
        st.setInt64(1, id);
        st.setString(2, actor.scopePath);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (!rs->next()) return std::nullopt;
        return officer_sql::read(*rs);
    });
}

std::int64_t OfficerStore::create(Connection& c, const std::string& scopePath, const domain::OfficerInput& in,
                                  const NewPosting& posting, std::int64_t createdBy) {
    PostingStore postings(_db);
    postings.requireWithin(c, scopePath, posting);
    auto& st = c.prepare("INSERT INTO officers (" + officer_sql::fieldColumns("") +
                         ", station_id, unit_id) VALUES (" + placeholders(domain::officerFields().size() + 2) + ")");
    const int next = officer_sql::bindFields(st, 1, in, true);
    st.setInt64(next, posting.stationId);
    if (posting.unitId) st.setInt64(next + 1, *posting.unitId);
    else st.setNull(next + 1, sql::DataType::BIGINT);
    try {
        st.executeUpdate();
    } catch (const sql::SQLException& e) {
        officer_sql::rethrowDuplicate(e);
    }
    const std::int64_t id = officer_sql::lastInsertId(c);
    postings.open(c, id, posting, createdBy);
    bumpVersion(c, "roll");
    return id;
}

void OfficerStore::update(Connection& c, const std::string& scopePath, std::int64_t id, int version,
                          const domain::OfficerInput& in) {
    auto& st = c.prepare("UPDATE officers SET " + officer_sql::editableAssignments() +
                         ", version = version + 1 WHERE officer_id = ? AND version = ? AND station_id IN "
                         "(SELECT org_unit_id FROM org_units WHERE path LIKE CONCAT(?, '%'))");
    const int next = officer_sql::bindFields(st, 1, in, false);
    st.setInt64(next, id);
    st.setInt(next + 1, version);
    st.setString(next + 2, scopePath);
    int changed = 0;
    try {
        changed = st.executeUpdate();
    } catch (const sql::SQLException& e) {
        officer_sql::rethrowDuplicate(e);
    }
    if (changed == 0) {
        throw domain::Conflict("This officer's record was changed by someone else while you were editing it.");
    }
    bumpVersion(c, "roll");
}

}  // namespace kituo::store
