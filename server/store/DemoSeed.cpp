// Demo station seed; see DemoSeed.h.
#include "store/DemoSeed.h"

#include "domain/PasswordRules.h"
#include "store/OrgStore.h"
#include "store/UserStore.h"

#include <stdexcept>

namespace kituo::store {
namespace {

struct DemoAccount {
    const char* username;
    const char* displayName;
    domain::Role role;
    const char* orgCode;
};

const DemoAccount kAccounts[] = {
    {"admin", "Grace Wanjiru", domain::Role::Admin, "KLM"},
    {"hr", "Peter Otieno", domain::Role::HrOfficer, "KLM"},
    {"counsellor", "Dr. Amina Hassan", domain::Role::Counsellor, "KLM"},
    {"counsellor2", "Joseph Kiprono", domain::Role::Counsellor, "KLM"},
    {"supervisor", "Dr. Mercy Achieng", domain::Role::ClinicalSupervisor, "KLM"},
    {"commander", "Insp. David Mutua", domain::Role::ReservistCommander, "KLM"},
    {"ocs", "CI Lucy Njeri", domain::Role::StationCommander, "KLM"},
    {"auditor", "Samuel Kamau", domain::Role::Auditor, "KLM"},
    {"hr.county", "Faith Chebet", domain::Role::HrOfficer, "NRB"},
    {"hr.other", "Brian Omondi", domain::Role::HrOfficer, "CPH"},
};

}  // namespace

const std::vector<std::string>& demoUsernames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const auto& a : kAccounts) n.push_back(a.username);
        return n;
    }();
    return names;
}

DemoSeedResult seedDemo(Db& db, const crypto::PasswordHasher& hasher, const std::string& demoPassword) {
    if (auto problem = domain::passwordProblem(demoPassword, "")) {
        throw std::invalid_argument("KITUO_DEMO_PASSWORD is not acceptable: " + *problem);
    }
    using domain::OrgKind;
    OrgStore org(db);
    const auto nation = org.ensure(std::nullopt, OrgKind::National, "NPS", "National Police Service");
    const auto region = org.ensure(nation.id, OrgKind::Region, "NRB-R", "Nairobi Region");
    const auto county = org.ensure(region.id, OrgKind::County, "NRB", "Nairobi County");
    const auto sub = org.ensure(county.id, OrgKind::SubCounty, "NRB-KLM", "Kilimani Sub-County");
    const auto kilimani = org.ensure(sub.id, OrgKind::Station, "KLM", "Kilimani Police Station");
    const auto capitol = org.ensure(sub.id, OrgKind::Station, "CPH", "Capitol Hill Police Station");
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

    DemoSeedResult result;
    result.orgUnits = static_cast<int>(org.subtree(nation.path).size());
    UserStore users(db);
    for (const auto& a : kAccounts) {
        const auto unit = org.findByCode(a.orgCode);
        auto existing = users.findForSignIn(a.username);
        if (!existing) {
            NewUser nu;
            nu.username = a.username;
            nu.displayName = a.displayName;
            nu.role = a.role;
            nu.orgUnitId = unit->id;
            nu.passwordHash = hasher.hash(demoPassword);
            nu.mustChangePassword = false;
            users.create(nu);
            ++result.accountsCreated;
        } else if (!hasher.verify(existing->passwordHash, demoPassword)) {
            const std::string hash = hasher.hash(demoPassword);
            db.run([&](Connection& c) { users.setPassword(c, existing->id, hash, false); });
            ++result.passwordsReset;
        }
    }
    return result;
}

}  // namespace kituo::store
