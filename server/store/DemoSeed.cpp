// Demo station seed; see DemoSeed.h.
#include "store/DemoSeed.h"

#include "store/DemoReserveSeed.h"
#include "store/DemoTrainingSeed.h"
#include "store/DemoWelfareSeed.h"
#include "store/PostingStore.h"
#include "store/RankStore.h"
#include "store/Connection.h"

#include "domain/Officer.h"
#include "domain/PasswordRules.h"
#include "crypto/SecretBox.h"
#include "domain/SecondFactor.h"
#include "domain/Time.h"
#include "store/AuditStore.h"
#include "store/OfficerStore.h"
#include "store/OrgStore.h"
#include "store/SecondFactorStore.h"
#include "store/UserStore.h"

#include <chrono>
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
    {"npr.section", "Sgt (NPR) Halima Abdi", domain::Role::ReservistCommander, "KLM"},
};

const char* kSurnames[] = {
    "Otieno", "Wanjiru", "Kamau", "Mwangi", "Ochieng", "Njoroge", "Kiprono", "Chebet", "Mutua", "Wambui",
    "Achieng", "Omondi", "Kiptoo", "Jeptoo", "Nyambura", "Waweru", "Onyango", "Odhiambo", "Kariuki", "Muthoni",
    "Korir", "Langat", "Cheruiyot", "Wekesa", "Barasa", "Wafula", "Nasimiyu", "Mohamed", "Hassan", "Abdi",
    "Nduta", "Kilonzo", "Musyoka", "Mbithi", "Nzioka", "Atieno", "Awino", "Ouma", "Kimani", "Gitau",
    "Ndung'u", "Mugo", "Karanja", "Rotich", "Kipchumba", "Lagat", "Tanui", "Mutiso", "Mwende", "Wanjirũ"};
const char* kFemale[] = {"Grace", "Mercy", "Faith", "Joyce", "Esther", "Lucy", "Caroline", "Winnie", "Purity",
                         "Beatrice", "Zawadi", "Amina", "Halima", "Nafula", "Akinyi", "Wanjiku", "Njeri",
                         "Chepkoech", "Jepkemboi", "Mũthoni"};
const char* kMale[] = {"Peter", "John", "Joseph", "David", "Samuel", "Daniel", "Brian", "Kevin", "Dennis",
                       "Collins", "Omar", "Juma", "Baraka", "Kiprop", "Mutiso", "Kipkemboi", "Wekesa",
                       "Felix", "Geoffrey", "Ibrahim"};

// A small deterministic generator (LCG), so the demo roll is the same everywhere.
struct Rng {
    std::uint64_t state;
    std::uint32_t next() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(state >> 33);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint32_t>(n)); }
};

std::string minDate(const std::string& a, const std::string& b) { return a < b ? a : b; }

int seedOfficers(Db& db, OrgStore& org, const std::string& today) {
    OfficerStore officers(db);
    const auto ranks = RankStore(db).ranks();
    const auto klm = org.findByCode("KLM");
    const auto cph = org.findByCode("CPH");
    std::vector<std::int64_t> klmUnits, cphUnits;
    for (const char* code : {"KLM-GD", "KLM-CID", "KLM-TRF", "KLM-CPU", "KLM-GBV", "KLM-OB"}) klmUnits.push_back(org.findByCode(code)->id);
    for (const char* code : {"CPH-GD", "CPH-CID", "CPH-OB"}) cphUnits.push_back(org.findByCode(code)->id);
    static const int rankWeights[] = {50, 20, 12, 6, 6, 3, 2, 1};  // Constable .. Superintendent
    static const char* statuses[] = {"active", "active", "active", "active", "active", "active", "active",
                                     "active", "active", "on_leave", "active", "suspended", "active",
                                     "active", "interdicted", "active", "active", "active", "on_leave", "active"};
    Rng rng{20261123};
    int created = 0;
    const int todayYear = std::stoi(today.substr(0, 4));
    for (int i = 0; i < 120; ++i) {
        domain::OfficerInput in;
        in.serviceNumber = std::to_string(2100000 + i * 37);
        in.nationalId = std::to_string(20000000 + i * 7919);
        const bool female = rng.below(100) < 38;
        in.gender = female ? "F" : "M";
        in.surname = kSurnames[rng.below(50)];
        in.otherNames = std::string(female ? kFemale[rng.below(20)] : kMale[rng.below(20)]) + " " +
                        (female ? kFemale[rng.below(20)] : kMale[rng.below(20)]);
        int pick = rng.below(100), ordinal = 1;
        for (int w : rankWeights) {
            if (pick < w) break;
            pick -= w;
            ++ordinal;
        }
        ordinal = std::min(ordinal, 8);
        const int serviceYears = std::min(todayYear - 1996, (ordinal - 1) * 3 + 1 + rng.below(8));
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", todayYear - serviceYears, 1 + rng.below(12), 1 + rng.below(28));
        in.enlistmentDate = minDate(buf, today);
        in.dateOfBirth = domain::addDays(in.enlistmentDate, -(365L * (19 + rng.below(8)) + rng.below(300)));
        in.service = i % 10 == 3 ? "DCI" : i % 10 == 7 ? "APS" : "KPS";
        for (const auto& r : ranks) {
            if (r.ordinal == ordinal) in.rankId = r.id;
        }
        const long rankDays = domain::daysBetween(in.enlistmentDate, today);
        in.rankSince = ordinal == 1 ? in.enlistmentDate
                                    : domain::addDays(in.enlistmentDate, rankDays * (ordinal - 1) / (ordinal + 1));
        in.status = i == 17 ? "retired" : i == 41 ? "deserted" : statuses[rng.below(20)];
        in.statusSince = in.status == "active" ? in.enlistmentDate : domain::addDays(today, -(10 + rng.below(200)));
        if (in.statusSince < in.enlistmentDate) in.statusSince = in.enlistmentDate;
        in.phone = "+2547" + std::to_string(10000000 + rng.below(89999999));
        if (i == 5) in.surname = "Wanjirũ-Mũthoni";  // the roll carries Kiswahili orthography
        const bool atKilimani = i < 100;
        const auto& station = atKilimani ? *klm : *cph;
        const auto& units = atKilimani ? klmUnits : cphUnits;
        const std::int64_t unit = units[static_cast<std::size_t>(i) % units.size()];
        const bool hasHistory = atKilimani && i % 5 < 2 && serviceYears >= 2;
        try {
            db.transaction([&](Connection& c) {
                NewPosting first;
                first.stationId = hasHistory ? cph->id : station.id;
                first.unitId = hasHistory ? cphUnits[0] : unit;
                first.fromDate = in.enlistmentDate;
                first.reference = "first appointment";
                const auto id = officers.create(c, "/", in, first, 0);  // the seed acts at national level
                if (hasHistory) {
                    NewPosting move;
                    move.stationId = station.id;
                    move.unitId = unit;
                    // Half of the transferred officers arrived more than three years ago.
                    const long span = domain::daysBetween(in.enlistmentDate, today);
                    move.fromDate = domain::addDays(in.enlistmentDate, i % 2 ? span / 3 : span - 200 - rng.below(300));
                    if (move.fromDate <= in.enlistmentDate) move.fromDate = domain::addDays(in.enlistmentDate, 30);
                    move.reference = "MO/NRB/" + std::to_string(1000 + i);
                    PostingStore(db).transfer(c, "/", id, 1, move, 0);
                }
            });
            ++created;
        } catch (const domain::ValidationError&) {
            // Already seeded (service number or national ID taken): idempotent.
        }
    }
    return created;
}

}  // namespace

const std::vector<std::string>& demoUsernames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const auto& a : kAccounts) n.push_back(a.username);
        return n;
    }();
    return names;
}

DemoSeedResult seedDemo(Db& db, const crypto::PasswordHasher& hasher, const crypto::KeyRing& keys,
                        const std::string& demoPassword, const std::string& totpSecret,
                        const std::string& today) {
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
    AuditStore audit(db, keys);
    auto event = [&](const std::string& action, std::int64_t id, const std::string& detail) {
        domain::AuditEvent e;
        e.occurredAt = domain::formatUtcMicros(std::chrono::duration_cast<std::chrono::microseconds>(
                                                   std::chrono::system_clock::now().time_since_epoch()).count());
        e.actorUsername = "seed-demo";
        e.action = action;
        e.recordType = "user";
        e.recordId = std::to_string(id);
        e.ip = "local";
        e.outcome = "success";
        e.detail = detail;
        return e;
    };
    for (const auto& a : kAccounts) {
        if (users.findForSignIn(a.username)) continue;  // existing accounts are never changed
        const auto unit = org.findByCode(a.orgCode);
        NewUser nu;
        nu.username = a.username;
        nu.displayName = a.displayName;
        nu.role = a.role;
        nu.orgUnitId = unit->id;
        nu.passwordHash = hasher.hash(demoPassword);
        nu.mustChangePassword = false;
        const bool enrol = !totpSecret.empty() && domain::requiresSecondFactor(a.role);
        try {
            db.transaction([&](Connection& c) {
                const auto id = users.create(c, nu);
                audit.append(c, event("user.create", id,
                                      std::string("demo account ") + a.username + ", role " +
                                          domain::toString(a.role) + ", scope " + a.orgCode +
                                          " created by seed-demo"));
                if (enrol) {
                    SecondFactorStore(db).enrol(
                        c, id, crypto::secondFactorBox(keys).seal(totpSecret, crypto::secondFactorBinding(id)), 0, {});
                    audit.append(c, event("second_factor.enrol", id, "demo TOTP secret set by seed-demo"));
                }
            });
        } catch (const domain::ValidationError&) {
            continue;  // created meanwhile by someone else: left as it is
        }
        ++result.accountsCreated;
        if (enrol) ++result.secondFactorsEnrolled;
    }
    result.officersCreated = seedOfficers(db, org, today);
    const auto training = seedTraining(db, today);
    result.trainingModulesCreated = training.modules;
    result.trainingOfferingsCreated = training.offerings;
    if (training.modules > 0 || training.offerings > 0) {
        db.transaction([&](Connection& c) {
            auto e = event("training.seed", 0, std::to_string(training.modules) + " demo modules, " +
                                                  std::to_string(training.completions) + " completions, " +
                                                  std::to_string(training.offerings) +
                                                  " offerings created by seed-demo");
            e.recordType = "training_module";
            e.recordId = "";
            audit.append(c, e);
        });
    }
    const auto welfare = seedWelfare(db, keys, today);
    result.welfareCases = welfare.cases;
    if (welfare.cases > 0) {
        db.transaction([&](Connection& c) {
            auto e = event("welfare.seed", 0, std::to_string(welfare.cases) + " demo cases with " +
                                                  std::to_string(welfare.sessions) + " sessions created by seed-demo");
            e.recordType = "welfare_case";
            e.recordId = "";
            audit.append(c, e);
        });
    }
    const auto reserve = seedReserve(db, today);
    result.reservists = reserve.reservists;
    if (reserve.reservists > 0) {
        db.transaction([&](Connection& c) {
            auto e = event("reservist.seed", 0, std::to_string(reserve.reservists) + " demo reservists, " +
                                                    std::to_string(reserve.assignments) + " duties, " +
                                                    std::to_string(reserve.firearmIssues) +
                                                    " firearm issues created by seed-demo");
            e.recordType = "reservist";
            e.recordId = "";
            audit.append(c, e);
        });
    }
    // Nothing else may be running to seal the seed's audit events: seal them now.
    AuditStore(db, keys).seal();
    return result;
}

}  // namespace kituo::store
