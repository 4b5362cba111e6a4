// A node of the organisation tree (region -> county -> sub-county -> station -> unit) and the
// rule for which kind may sit under which. Accounts are scoped to one node and see what lies
// at or below it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace kituo::domain {

enum class OrgKind { National, Region, County, SubCounty, Station, Unit };

struct OrgUnit {
    std::int64_t id = 0;
    std::optional<std::int64_t> parentId;
    OrgKind kind = OrgKind::Station;
    std::string code;
    std::string name;
    std::string path;  // "/1/4/9/": ids from the root down to and including this node
    int version = 1;
};

std::string toString(OrgKind kind);
std::optional<OrgKind> orgKindFromString(const std::string& s);
std::string orgKindLabel(OrgKind kind);

// Whether a node of kind `child` may be placed directly under a node of kind `parent`
// (each level sits under the one above; units sit under stations or other units).
bool mayContain(OrgKind parent, OrgKind child);

// Whether `path` lies at or below the node whose path is `scopePath`.
bool isWithin(const std::string& path, const std::string& scopePath);

}  // namespace kituo::domain
