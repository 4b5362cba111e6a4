// SQL for the organisation tree (org_units). Scope filtering elsewhere joins on
// org_units.path, so this store keeps `path` consistent with parent_id.
#pragma once

#include "domain/OrgUnit.h"
#include "store/Db.h"

#include <functional>
#include <optional>
#include <vector>

namespace kituo::store {

class OrgStore {
public:
    explicit OrgStore(Db& db) : _db(db) {}

    std::optional<domain::OrgUnit> findByCode(const std::string& code);
    // Nodes at or below the node with this path, ordered by path. Cached while the "roll"
    // data version is unchanged (VersionedCache.h): for menus, never for access.
    std::vector<domain::OrgUnit> subtree(const std::string& scopePath);
    // The same, for a caller that has just read the "roll" version.
    std::vector<domain::OrgUnit> subtree(const std::string& scopePath, std::uint64_t rollVersion);
    // Returns the node with this code, creating it under `parentId` when missing. Idempotent.
    // Throws domain::ValidationError when the kind may not sit under the parent.
    domain::OrgUnit ensure(std::optional<std::int64_t> parentId, domain::OrgKind kind,
                           const std::string& code, const std::string& name);
    domain::OrgUnit ensure(Connection& c, std::optional<std::int64_t> parentId, domain::OrgKind kind,
                           const std::string& code, const std::string& name);

    // The node if it lies at or below scopePath.
    std::optional<domain::OrgUnit> findWithin(const std::string& scopePath, std::int64_t id);
    // Creates a node under `parentId` in the caller's transaction. The parent must lie at or
    // below scopePath (checked in the query, so a handler cannot forget it); throws
    // ValidationError on "parent_id" when it does not, and for a taken code or a kind that may
    // not sit under the parent.
    domain::OrgUnit create(Connection& c, const std::string& scopePath, std::int64_t parentId,
                           domain::OrgKind kind, const std::string& code, const std::string& name);
    // Renames the node (at or below scopePath) when `version` is current, in the caller's
    // transaction; throws domain::Conflict otherwise.
    void rename(Connection& c, const std::string& scopePath, std::int64_t id, int version,
                const std::string& name);

private:
    Db& _db;
};

}  // namespace kituo::store
