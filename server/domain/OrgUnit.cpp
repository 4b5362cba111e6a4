// Organisation tree rules; see OrgUnit.h.
#include "domain/OrgUnit.h"

namespace kituo::domain {

std::string toString(OrgKind kind) {
    switch (kind) {
        case OrgKind::National: return "national";
        case OrgKind::Region: return "region";
        case OrgKind::County: return "county";
        case OrgKind::SubCounty: return "sub_county";
        case OrgKind::Station: return "station";
        case OrgKind::Unit: return "unit";
    }
    return "unit";
}

std::optional<OrgKind> orgKindFromString(const std::string& s) {
    for (auto k : {OrgKind::National, OrgKind::Region, OrgKind::County, OrgKind::SubCounty,
                   OrgKind::Station, OrgKind::Unit}) {
        if (toString(k) == s) return k;
    }
    return std::nullopt;
}

std::string orgKindLabel(OrgKind kind) {
    switch (kind) {
        case OrgKind::National: return "National";
        case OrgKind::Region: return "Region";
        case OrgKind::County: return "County";
        case OrgKind::SubCounty: return "Sub-county";
        case OrgKind::Station: return "Station";
        case OrgKind::Unit: return "Unit";
    }
    return "Unit";
}

bool mayContain(OrgKind parent, OrgKind child) {
    if (child == OrgKind::Unit) return parent == OrgKind::Station || parent == OrgKind::Unit;
    return static_cast<int>(child) == static_cast<int>(parent) + 1;
}

bool isWithin(const std::string& path, const std::string& scopePath) {
    return !scopePath.empty() && path.compare(0, scopePath.size(), scopePath) == 0;
}

}  // namespace kituo::domain
