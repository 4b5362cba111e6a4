// Organisation tree SQL; see OrgStore.h.
#include "store/OrgStore.h"

#include "store/DataVersions.h"

#include <chrono>
#include <map>
#include <mutex>

namespace kituo::store {
namespace {

const char* kColumns = "org_unit_id, parent_id, kind, code, name, path, version";

domain::OrgUnit readUnit(sql::ResultSet& rs) {
    domain::OrgUnit u;
    u.id = rs.getInt64("org_unit_id");
    if (!rs.isNull("parent_id")) u.parentId = rs.getInt64("parent_id");
    u.kind = domain::orgKindFromString(rs.getString("kind")).value_or(domain::OrgKind::Unit);
    u.code = rs.getString("code");
    u.name = rs.getString("name");
    u.path = rs.getString("path");
    u.version = rs.getInt("version");
    return u;
}

std::optional<domain::OrgUnit> findBy(Connection& c, const std::string& where,
                                      const std::function<void(sql::PreparedStatement&)>& bind) {
    auto& st = c.prepare(std::string("SELECT ") + kColumns + " FROM org_units WHERE " + where);
    bind(st);
    std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
    if (!rs->next()) return std::nullopt;
    return readUnit(*rs);
}

}  // namespace

std::optional<domain::OrgUnit> OrgStore::findByCode(const std::string& code) {
    return _db.run([&](Connection& c) {
        return findBy(c, "code = ?", [&](sql::PreparedStatement& st) { st.setString(1, code); });
    });
}

namespace {

// Subtrees feed the select lists of most pages; the tree changes rarely. Cached for up to 30
// seconds per database and scope, and dropped at once by any change made through this store.
// Authorization never reads this cache: scoped queries test org_units.path in SQL.
struct SubtreeCache {
    std::mutex mutex;
    std::map<std::pair<const Db*, std::string>,
             std::pair<std::chrono::steady_clock::time_point, std::vector<domain::OrgUnit>>> entries;
};

SubtreeCache& subtreeCache() {
    static SubtreeCache cache;
    return cache;
}

}  // namespace

void OrgStore::forgetCached() {
    std::lock_guard<std::mutex> lock(subtreeCache().mutex);
    for (auto it = subtreeCache().entries.begin(); it != subtreeCache().entries.end();) {
        it = it->first.first == &_db ? subtreeCache().entries.erase(it) : std::next(it);
    }
}

std::vector<domain::OrgUnit> OrgStore::subtree(const std::string& scopePath) {
    const auto key = std::make_pair(static_cast<const Db*>(&_db), scopePath);
    {
        std::lock_guard<std::mutex> lock(subtreeCache().mutex);
        auto it = subtreeCache().entries.find(key);
        if (it != subtreeCache().entries.end() &&
            std::chrono::steady_clock::now() - it->second.first < std::chrono::seconds(30)) {
            return it->second.second;
        }
    }
    auto units = _db.run([&](Connection& c) {
        auto& st = c.prepare(std::string("SELECT ") + kColumns +
                             " FROM org_units WHERE path LIKE CONCAT(?, '%') ORDER BY path");
        st.setString(1, scopePath);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<domain::OrgUnit> found;
        while (rs->next()) found.push_back(readUnit(*rs));
        return found;
    });
    std::lock_guard<std::mutex> lock(subtreeCache().mutex);
    subtreeCache().entries[key] = {std::chrono::steady_clock::now(), units};
    return units;
}

domain::OrgUnit OrgStore::ensure(std::optional<std::int64_t> parentId, domain::OrgKind kind,
                                 const std::string& code, const std::string& name) {
    forgetCached();
    return _db.transaction([&](Connection& c) {
        if (auto existing = findBy(c, "code = ? FOR UPDATE",
                                   [&](sql::PreparedStatement& st) { st.setString(1, code); })) {
            return *existing;
        }
        std::string parentPath = "/";
        if (parentId) {
            auto parent = findBy(c, "org_unit_id = ?",
                                 [&](sql::PreparedStatement& st) { st.setInt64(1, *parentId); });
            if (!parent) throw domain::NotFound("parent organisation unit not found");
            if (!domain::mayContain(parent->kind, kind)) {
                throw domain::ValidationError(
                    "kind", "A " + domain::orgKindLabel(kind) + " cannot sit under a " +
                                  domain::orgKindLabel(parent->kind) + ".");
            }
            parentPath = parent->path;
        } else if (kind != domain::OrgKind::National) {
            throw domain::ValidationError("parent", "Only the national node has no parent.");
        }
        auto& insert = c.prepare(
            "INSERT INTO org_units (parent_id, kind, code, name) VALUES (?, ?, ?, ?)");
        if (parentId) insert.setInt64(1, *parentId);
        else insert.setNull(1, sql::DataType::BIGINT);
        insert.setString(2, domain::toString(kind));
        insert.setString(3, code);
        insert.setString(4, name);
        insert.executeUpdate();
        std::unique_ptr<sql::ResultSet> idRs(c.prepare("SELECT LAST_INSERT_ID()").executeQuery());
        idRs->next();
        const std::int64_t id = idRs->getInt64(1);
        auto& setPath = c.prepare("UPDATE org_units SET path = ? WHERE org_unit_id = ?");
        setPath.setString(1, parentPath + std::to_string(id) + "/");
        setPath.setInt64(2, id);
        setPath.executeUpdate();
        bumpVersion(c, "roll");
        return *findBy(c, "org_unit_id = ?",
                       [&](sql::PreparedStatement& st) { st.setInt64(1, id); });
    });
}

std::optional<domain::OrgUnit> OrgStore::findWithin(const std::string& scopePath, std::int64_t id) {
    return _db.run([&](Connection& c) {
        return findBy(c, "org_unit_id = ? AND path LIKE CONCAT(?, '%')",
                      [&](sql::PreparedStatement& st) {
                          st.setInt64(1, id);
                          st.setString(2, scopePath);
                      });
    });
}

domain::OrgUnit OrgStore::create(std::int64_t parentId, domain::OrgKind kind,
                                 const std::string& code, const std::string& name) {
    if (findByCode(code)) throw domain::ValidationError("code", "This code is already in use.");
    try {
        return ensure(parentId, kind, code, name);
    } catch (const DatabaseError& e) {
        if (e.code() == 1062) throw domain::ValidationError("code", "This code is already in use.");
        throw;
    }
}

void OrgStore::rename(std::int64_t id, int version, const std::string& name) {
    forgetCached();
    _db.transaction([&](Connection& c) {
        auto& st = c.prepare(
            "UPDATE org_units SET name = ?, version = version + 1 WHERE org_unit_id = ? AND version = ?");
        st.setString(1, name);
        st.setInt64(2, id);
        st.setInt(3, version);
        if (st.executeUpdate() == 0) {
            throw domain::Conflict("This unit was changed by someone else while you were editing it.");
        }
        bumpVersion(c, "roll");
    });
}

}  // namespace kituo::store
