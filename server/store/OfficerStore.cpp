// Nominal roll SQL: the filtered list, one officer, create and edit; see OfficerStore.h.
#include "store/OfficerStore.h"

#include "store/DataVersions.h"
#include "store/OfficerSql.h"
#include "store/PostingStore.h"
#include "store/SqlLists.h"

#include <map>

namespace kituo::store {
namespace {

// Filters after the scope; bound by bindFilterAt. The search is domain::RollSearch: a service
// number prefix, a national ID, a phone, or up to kMaxSearchWords name words each found in the
// surname or the other names (in any order).
const std::string kFilters = [] {
    std::string words;
    for (std::size_t i = 0; i < domain::kMaxSearchWords; ++i) {
        words += " AND (? = '' OR o.surname LIKE CONCAT('%', ?, '%') OR o.other_names LIKE CONCAT('%', ?, '%'))";
    }
    return "AND (? = '' OR (? <> '' AND o.service_number LIKE CONCAT(?, '%')) OR (? <> '' AND o.national_id = ?) "
           "OR (? <> '' AND o.phone = ?) OR (?" + words + ")) "
           "AND (? = 0 OR o.station_id = ?) AND (? = 0 OR o.unit_id = ?) AND (? = 0 OR o.rank_id = ?) "
           "AND (? = '' OR o.status = ?) ";
}();

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

// Binds kFilters' parameters from position i; returns the next position.
int bindFilterAt(sql::PreparedStatement& st, int i, const OfficerFilter& f) {
    const auto& q = f.search;
    st.setString(i++, q.text);
    st.setString(i++, q.serviceNumberPrefix);
    st.setString(i++, escapeLike(q.serviceNumberPrefix));
    st.setString(i++, q.nationalId);
    st.setString(i++, q.nationalId);
    st.setString(i++, q.phone);
    st.setString(i++, q.phone);
    st.setBoolean(i++, !q.words.empty());
    for (std::size_t w = 0; w < domain::kMaxSearchWords; ++w) {
        const std::string word = w < q.words.size() ? escapeLike(q.words[w]) : std::string();
        st.setString(i++, word);
        st.setString(i++, word);
        st.setString(i++, word);
    }
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
        auto& details = c.prepare(
            "SELECT o.officer_id, o.service_number, o.surname, o.other_names, r.name, o.status, "
            "o.enlistment_date, st.name, un.name FROM officers o JOIN ranks r ON r.rank_id = o.rank_id "
            "JOIN org_units st ON st.org_unit_id = o.station_id AND st.path LIKE CONCAT(?, '%') "
            "LEFT JOIN org_units un ON un.org_unit_id = o.unit_id WHERE o.officer_id IN (" +
            placeholders(bucketed(chunk.size())) + ")");
        details.setString(1, scopePattern(scopePath));
        bindList(details, 2, chunk);
        std::unique_ptr<sql::ResultSet> rs(details.executeQuery());
        std::map<std::int64_t, OfficerRecord> byId;
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
        const int pages = (page.total + f.pageSize - 1) / f.pageSize;
        page.page = std::min(std::max(f.page, 1), pages);
        auto& ids = c.prepare("SELECT o.officer_id FROM officers o " + sortJoins(f) + where + orderBy(f) +
                              "LIMIT ? OFFSET ?");
        const int next = bind(ids);
        ids.setInt(next, f.pageSize);
        ids.setInt(next + 1, (page.page - 1) * f.pageSize);
        std::unique_ptr<sql::ResultSet> irs(ids.executeQuery());
        std::vector<std::int64_t> order;
        while (irs->next()) order.push_back(irs->getInt64(1));
        if (order.empty()) return page;
        page.officers = summariesIn(c, actor.scopePath, order);
        return page;
    });
}

void OfficerStore::forEach(const domain::Actor& actor, const OfficerFilter& f,
                           const std::function<void(const OfficerRecord&)>& fn) {
    _db.run([&](Connection& c) {
        auto& st = c.prepare(officer_sql::select() + kScope + kFilters + orderBy(f));
        bindFilter(st, actor, f);
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
