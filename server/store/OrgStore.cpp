// Organisation tree SQL; see OrgStore.h.
#include "store/OrgStore.h"
#include "store/Connection.h"

#include "store/DataVersions.h"
#include "store/VersionedCache.h"

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

// Subtrees feed the select lists of most pages; the tree changes rarely. Authorization never
// reads this cache: scoped queries test org_units.path in SQL.
VersionedCache<std::vector<domain::OrgUnit>>& subtreeCache() {
    static VersionedCache<std::vector<domain::OrgUnit>> cache("roll");
    return cache;
}

}  // namespace

std::vector<domain::OrgUnit> OrgStore::subtree(const std::string& scopePath) {
    return subtree(scopePath, currentVersion(_db, "roll"));
}

std::vector<domain::OrgUnit> OrgStore::subtree(const std::string& scopePath, std::uint64_t rollVersion) {
    return subtreeCache().get(_db, scopePath, rollVersion, [&] {
        return _db.run([&](Connection& c) {
            auto& st = c.prepare(std::string("SELECT ") + kColumns +
                                 " FROM org_units WHERE path LIKE CONCAT(?, '%') ORDER BY path");
            st.setString(1, scopePath);
            std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
            std::vector<domain::OrgUnit> found;
            while (rs->next()) found.push_back(readUnit(*rs));
            return found;
        });
    });
}

domain::OrgUnit OrgStore::ensure(std::optional<std::int64_t> parentId, domain::OrgKind kind,
                                 const std::string& code, const std::string& name) {
    return _db.transaction([&](Connection& c) { return ensure(c, parentId, kind, code, name); });
}

domain::OrgUnit OrgStore::ensure(Connection& c, std::optional<std::int64_t> parentId, domain::OrgKind kind,
                                 const std::string& code, const std::string& name) {
    {
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
    }
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

domain::OrgUnit OrgStore::create(Connection& c, const std::string& scopePath, std::int64_t parentId,
                                 domain::OrgKind kind, const std::string& code, const std::string& name) {
    if (!findBy(c, "org_unit_id = ? AND path LIKE CONCAT(?, '%')",
                [&](sql::PreparedStatement& st) {
                    st.setInt64(1, parentId);
                    st.setString(2, scopePath);
                })) {
        throw domain::ValidationError("parent_id", "Choose where the new unit sits, within your scope.");
    }
    if (findBy(c, "code = ? FOR UPDATE", [&](sql::PreparedStatement& st) { st.setString(1, code); })) {
        throw domain::ValidationError("code", "This code is already in use.");
    }
    try {
        return ensure(c, parentId, kind, code, name);
    } catch (const sql::SQLException& e) {
        if (e.getErrorCode() == 1062) throw domain::ValidationError("code", "This code is already in use.");
        throw;
    }
}

void OrgStore::rename(Connection& c, const std::string& scopePath, std::int64_t id, int version,
                      const std::string& name) {
    {
        auto& st = c.prepare(
            "UPDATE org_units SET name = ?, version = version + 1 WHERE org_unit_id = ? AND version = ? "
            "AND path LIKE CONCAT(?, '%')");
        st.setString(1, name);
        st.setInt64(2, id);
        st.setInt(3, version);
        st.setString(4, scopePath);
        if (st.executeUpdate() == 0) {
            throw domain::Conflict("This unit was changed by someone else while you were editing it.");
        }
        bumpVersion(c, "roll");
    }
}

}  // namespace kituo::store
