// Demo retraining data; see DemoTrainingSeed.h.
#include "store/DemoTrainingSeed.h"

#include "crypto/Hash.h"
#include "domain/Officer.h"
#include "domain/Training.h"
#include "store/Connection.h"
#include "store/DataVersions.h"
#include "store/TrainingOfferingStore.h"

#include <map>
#include <vector>

namespace kituo::store {
namespace {

struct DemoModule {
    const char* code;
    const char* title;
    const char* category;
    int hours;
    const char* delivery;
    int passMark;
    int validityMonths;
    const char* basis;
    int windowMonth;  // 0: none
    int renewalDays;
    const char* prerequisite;  // "" for none
};

const DemoModule kModules[] = {
    {"HR-UOF", "Human rights and the use of force", "human_rights", 16, "classroom", 70, 24, "completion", 0, 60, ""},
    {"HR-CUSTODY", "Arrest, detention and custody standards", "human_rights", 8, "classroom", 70, 24, "completion", 0, 60, ""},
    {"CYB-FR", "Cybercrime first responder", "cybercrime", 24, "e_learning", 60, 36, "completion", 0, 90, ""},
    {"CYB-EVID", "Digital evidence handling", "cybercrime", 16, "classroom", 70, 36, "completion", 0, 90, "CYB-FR"},
    {"TIP-ID", "Identifying victims of trafficking", "trafficking", 12, "partner", 60, 24, "completion", 0, 60, ""},
    {"TIP-LABOUR", "Labour migration enforcement", "trafficking", 8, "partner", 60, 24, "completion", 0, 60, "TIP-ID"},
    {"CP-INT", "Child protection: interviewing children", "child_protection", 24, "classroom", 70, 24, "completion", 0, 60, ""},
    {"CP-LAW", "The Children Act 2022", "child_protection", 6, "e_learning", 60, 0, "completion", 0, 0, ""},
    {"DOB-USE", "Digital Occurrence Book", "occurrence_book", 6, "e_learning", 60, 0, "completion", 0, 0, ""},
    {"DOB-SUP", "Occurrence Book supervision", "occurrence_book", 4, "classroom", 60, 0, "completion", 0, 0, "DOB-USE"},
    {"FA-BASIC", "First aid", "first_aid", 16, "field", 70, 24, "previous_expiry", 0, 90, ""},
    {"FA-TRAUMA", "Trauma response", "first_aid", 16, "field", 70, 24, "completion", 0, 60, "FA-BASIC"},
    {"FIRE-QUAL", "Firearms handling requalification", "firearms", 8, "field", 80, 12, "calendar", 1, 60, ""},
    {"PROM-SGT", "Sergeant promotion course", "promotion", 80, "classroom", 60, 0, "completion", 0, 0, ""},
    {"PROM-INSP", "Inspectorate promotion course", "promotion", 120, "classroom", 60, 0, "completion", 0, 0, "PROM-SGT"},
};

struct DemoRule {
    const char* module;
    const char* kind;
    int minRank, maxRank;
    const char* unitType;
    const char* effectiveFrom;
    int dueDays;
};

const DemoRule kRules[] = {
    {"HR-UOF", "all", 0, 0, "", "2023-01-01", 180},
    {"HR-CUSTODY", "rank_range", 1, 5, "", "2023-01-01", 180},
    {"CYB-FR", "unit_type", 0, 0, "criminal_investigation", "2024-01-01", 120},
    {"TIP-ID", "all", 0, 0, "", "2026-09-01", 365},
    {"CP-INT", "unit_type", 0, 0, "child_protection", "2023-01-01", 60},
    {"CP-INT", "unit_type", 0, 0, "gender_desk", "2023-01-01", 60},
    {"CP-LAW", "unit_type", 0, 0, "child_protection", "2023-07-01", 90},
    {"DOB-USE", "all", 0, 0, "", "2025-01-01", 90},
    {"DOB-SUP", "rank_range", 3, 6, "", "2025-06-01", 120},
    {"FA-BASIC", "all", 0, 0, "", "2023-01-01", 180},
    {"FIRE-QUAL", "all", 0, 0, "", "2023-01-01", 90},
};

const std::pair<const char*, const char*> kUnitTypes[] = {
    {"GD", "general_duties"}, {"CID", "criminal_investigation"}, {"TRF", "traffic"},
    {"CPU", "child_protection"}, {"GBV", "gender_desk"}, {"OB", "occurrence_book"}};

// An offering at Kilimani, its dates in days from the seed's `today`. `outcomes`, one letter
// per officer enrolled (p passed, f did not pass, a absent), for one that has run; "" for
// one still to come, left open with its places.
struct DemoOffering {
    const char* module;
    int startDay, endDay;
    const char* venue;
    const char* trainer;
    int capacity;
    const char* outcomes;
};

const DemoOffering kOfferings[] = {
    {"HR-UOF", -75, -73, "Kilimani Police Station, briefing hall", "Insp. Grace Achieng, NPS human rights desk", 20, "pppf"},
    {"FA-BASIC", -40, -38, "Kenya Red Cross centre, South B", "Kenya Red Cross Society", 15, "ppap"},
    {"FA-BASIC", 16, 18, "Kilimani Police Station, briefing hall", "Kenya Red Cross Society", 60, ""},
};

struct Rng {
    std::uint64_t state;
    int below(int n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<int>((state >> 33) % static_cast<std::uint64_t>(n));
    }
};

// Kilimani's offerings, when it has none (see DemoTrainingSeed.h), in one transaction;
// returns how many were created. Enrolments and results go through TrainingOfferingStore, as
// HR's would.
int seedOfferings(Db& db, const std::string& today) {
    int created = 0;
    db.transaction([&](Connection& c) {
        created = 0;
        std::unique_ptr<sql::ResultSet> station(
            c.prepare("SELECT s.org_unit_id, s.path, (SELECT COUNT(*) FROM training_offerings f WHERE f.org_unit_id = "
                      "s.org_unit_id) FROM org_units s WHERE s.code = 'KLM'")
                .executeQuery());
        if (!station->next() || station->getInt(3) > 0) return;
        const std::int64_t klm = station->getInt64(1);
        const std::string path = station->getString(2);
        TrainingOfferingStore offerings(db);
        for (const auto& d : kOfferings) {
            auto& mod = c.prepare("SELECT training_module_id, validity_months FROM training_modules WHERE code = ?");
            mod.setString(1, d.module);
            std::unique_ptr<sql::ResultSet> m(mod.executeQuery());
            if (!m->next()) continue;  // the catalogue was changed: that course is not run
            domain::OfferingInput in{m->getInt64(1), klm, domain::addDays(today, d.startDay), domain::addDays(today, d.endDay),
                                     d.venue, d.trainer, std::to_string(d.capacity)};
            const int validity = m->getInt(2);
            const auto id = offerings.create(c, in, 0);
            ++created;
            const std::string outcomes = d.outcomes;
            if (outcomes.empty()) continue;
            // Serving officers who were due when it ran: no pass of the module still valid on
            // the first day (nor any later), enlisted before it.
            auto& due = c.prepare(
                "SELECT o.officer_id FROM officers o WHERE o.station_id = ? AND o.status = 'active' AND "
                "o.enlistment_date < ? AND NOT EXISTS (SELECT 1 FROM training_completions t WHERE t.officer_id = "
                "o.officer_id AND t.training_module_id = ? AND t.passed = 1 AND t.completed_on > ?) "
                "ORDER BY o.officer_id LIMIT " + std::to_string(outcomes.size()));
            due.setInt64(1, klm);
            due.setString(2, in.startsOn);
            due.setInt64(3, in.moduleId);
            due.setString(4, validity ? domain::addMonthsRollingForward(in.startsOn, -validity) : std::string("9999-12-31"));
            std::unique_ptr<sql::ResultSet> rs(due.executeQuery());
            std::vector<std::int64_t> officers;
            while (rs->next()) officers.push_back(rs->getInt64(1));
            if (officers.empty()) continue;
            offerings.enrol(c, path, id, officers, 0);
            std::vector<EnrolmentResult> results;
            for (std::size_t i = 0; i < officers.size(); ++i) {
                auto& enrolment = c.prepare("SELECT training_enrolment_id FROM training_enrolments WHERE "
                                            "training_offering_id = ? AND officer_id = ?");
                enrolment.setInt64(1, id);
                enrolment.setInt64(2, officers[i]);
                std::unique_ptr<sql::ResultSet> e(enrolment.executeQuery());
                e->next();
                const char outcome = outcomes[i];
                results.push_back({e->getInt64(1), outcome == 'p' ? "pass" : outcome == 'f' ? "fail" : "absent",
                                   outcome == 'p' ? std::to_string(76 + 5 * static_cast<int>(i)) : outcome == 'f' ? "52" : ""});
            }
            offerings.recordResults(c, path, id, in.moduleId, in.endsOn, results, 0);
        }
    });
    return created;
}

}  // namespace

TrainingSeedResult seedTraining(Db& db, const std::string& today) {
    TrainingSeedResult result;
    db.transaction([&](Connection& c) {
        for (const auto& [suffix, type] : kUnitTypes) {
            for (const char* station : {"KLM-", "CPH-"}) {
                auto& st = c.prepare("UPDATE org_units SET unit_type = ? WHERE code = ? AND unit_type IS NULL");
                st.setString(1, type);
                st.setString(2, std::string(station) + suffix);
                st.executeUpdate();
            }
        }
        std::unique_ptr<sql::ResultSet> any(c.prepare("SELECT COUNT(*) FROM training_modules").executeQuery());
        any->next();
        if (any->getInt(1) > 0) return;  // the catalogue exists: never changed by the seed

        bumpVersion(c, "training");
        std::map<std::string, std::int64_t> ids;
        std::map<std::string, domain::TrainingModule> rules;
        for (const auto& m : kModules) {
            auto& st = c.prepare(
                "INSERT INTO training_modules (code, title, category, description, hours, delivery, pass_mark, "
                "validity_months, recert_basis, window_month, renewal_window_days) VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?)");
            st.setString(1, m.code);
            st.setString(2, m.title);
            st.setString(3, m.category);
            st.setInt(4, m.hours);
            st.setString(5, m.delivery);
            st.setInt(6, m.passMark);
            st.setInt(7, m.validityMonths);
            st.setString(8, m.basis);
            if (m.windowMonth) st.setInt(9, m.windowMonth);
            else st.setNull(9, sql::DataType::TINYINT);
            st.setInt(10, m.renewalDays);
            st.executeUpdate();
            ids[m.code] = c.lastInsertId();
            domain::TrainingModule r;
            r.validityMonths = m.validityMonths;
            rules[m.code] = r;
            ++result.modules;
        }
        for (const auto& m : kModules) {
            if (!*m.prerequisite) continue;
            auto& st = c.prepare("INSERT INTO training_prerequisites (training_module_id, prerequisite_id) VALUES (?, ?)");
            st.setInt64(1, ids[m.code]);
            st.setInt64(2, ids[m.prerequisite]);
            st.executeUpdate();
        }
        for (const auto& r : kRules) {
            auto& st = c.prepare(
                "INSERT INTO training_requirements (training_module_id, kind, min_rank_ordinal, max_rank_ordinal, "
                "unit_type, effective_from, due_days) VALUES (?, ?, ?, ?, ?, ?, ?)");
            st.setInt64(1, ids[r.module]);
            st.setString(2, r.kind);
            if (r.minRank) st.setInt(3, r.minRank);
            else st.setNull(3, sql::DataType::INTEGER);
            if (r.maxRank) st.setInt(4, r.maxRank);
            else st.setNull(4, sql::DataType::INTEGER);
            if (*r.unitType) st.setString(5, r.unitType);
            else st.setNull(5, sql::DataType::VARCHAR);
            st.setString(6, r.effectiveFrom);
            st.setInt(7, r.dueDays);
            st.executeUpdate();
        }
        // Kilimani's serving officers: each module a past pass that is valid, about to expire,
        // expired, or none at all, so the station shows every state; a few failed attempts
        // and partner-trained classes among them.
        std::unique_ptr<sql::ResultSet> rs(
            c.prepare("SELECT o.officer_id, o.enlistment_date FROM officers o JOIN org_units st ON st.org_unit_id = "
                      "o.station_id WHERE st.code = 'KLM' ORDER BY o.officer_id")
                .executeQuery());
        std::vector<std::pair<std::int64_t, std::string>> officers;
        while (rs->next()) officers.emplace_back(rs->getInt64(1), rs->getString(2));
        Rng rng{20261124};
        auto insert = [&](std::int64_t officer, const std::string& code, const std::string& on, bool passed,
                          const std::string& source, const std::string& evidence) {
            auto& st = c.prepare(
                "INSERT INTO training_completions (officer_id, training_module_id, completed_on, passed, score, source, "
                "evidence_reference, certificate_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            st.setInt64(1, officer);
            st.setInt64(2, ids[code]);
            st.setString(3, on);
            st.setBoolean(4, passed);
            st.setInt(5, passed ? 70 + rng.below(30) : 30 + rng.below(25));
            st.setString(6, source);
            st.setString(7, evidence);
            if (passed) st.setString(8, crypto::randomCode(12));
            else st.setNull(8, sql::DataType::CHAR);
            st.executeUpdate();
            ++result.completions;
        };
        for (const auto& [officer, enlisted] : officers) {
            for (const char* code : {"HR-UOF", "HR-CUSTODY", "CYB-FR", "TIP-ID", "CP-INT", "CP-LAW", "DOB-USE",
                                     "FA-BASIC", "FIRE-QUAL"}) {
                const int months = rules[code].validityMonths;
                const int pick = rng.below(100);
                std::string on;
                if (pick < 58) {  // valid, well before expiry
                    on = domain::addDays(today, -(20 + rng.below(months ? months * 30 - 120 : 900)));
                } else if (pick < 72 && months) {  // expiring within about two months
                    on = domain::addDays(domain::addMonthsRollingForward(today, -months), 5 + rng.below(50));
                } else if (pick < 84 && months) {  // expired some time ago
                    on = domain::addDays(domain::addMonthsRollingForward(today, -months), -(30 + rng.below(400)));
                }
                if (on.empty() || on < enlisted) continue;  // never trained
                if (pick % 9 == 0) insert(officer, code, domain::addDays(on, -14), false, "offering", "");
                const bool partner = std::string(code) == "TIP-ID";
                insert(officer, code, on, true, partner ? "external" : "offering",
                       partner ? "IOM Kenya class register " + on.substr(0, 7) : "");
            }
        }
    });
    result.offerings = seedOfferings(db, today);
    return result;
}

}  // namespace kituo::store
