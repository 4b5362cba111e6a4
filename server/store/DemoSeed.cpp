// Demo station seed; see DemoSeed.h.
#include "store/DemoSeed.h"

#include "store/OrgStore.h"

namespace kituo::store {

DemoSeedResult seedDemo(Db& db) {
    using domain::OrgKind;
    OrgStore org(db);
    const auto nation = org.ensure(std::nullopt, OrgKind::National, "NPS", "National Police Service");
    const auto region = org.ensure(nation.id, OrgKind::Region, "NRB-R", "Nairobi Region");
    const auto county = org.ensure(region.id, OrgKind::County, "NRB", "Nairobi County");
    const auto sub = org.ensure(county.id, OrgKind::SubCounty, "NRB-KLM", "Kilimani Sub-County");
    const auto kilimani = org.ensure(sub.id, OrgKind::Station, "KLM", "Kilimani Police Station");
    const auto capitol =
        org.ensure(sub.id, OrgKind::Station, "CPH", "Capitol Hill Police Station");
    const std::pair<const char*, const char*> units[] = {
        {"GD", "General Duties"},       {"CID", "Crime (DCI) Office"},
        {"TRF", "Traffic"},             {"CPU", "Child Protection Unit"},
        {"GBV", "Gender and Children Desk"}, {"OB", "Report Office (Occurrence Book)"}};
    for (const auto& [code, name] : units) {
        org.ensure(kilimani.id, OrgKind::Unit, std::string("KLM-") + code, name);
    }
    for (const auto& [code, name] : {units[0], units[1], units[5]}) {
        org.ensure(capitol.id, OrgKind::Unit, std::string("CPH-") + code, name);
    }
    return {static_cast<int>(org.subtree(nation.path).size())};
}

}  // namespace kituo::store
