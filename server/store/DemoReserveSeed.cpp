// Demo reserve seed; see DemoReserveSeed.h.
#include "store/DemoReserveSeed.h"

#include "domain/Officer.h"
#include "domain/Time.h"
#include "store/Connection.h"
#include "store/DataVersions.h"
#include "store/OrgStore.h"

#include <cstdio>

namespace kituo::store {
namespace {

const char* kFamily[] = {"Lekishon", "Ole Sankale", "Wanyama", "Chepkwony", "Mwakio", "Ngala", "Gachanja", "Kerubo",
                         "Moraa", "Nyaboke", "Omollo", "Adhiambo", "Salat", "Hussein", "Lemayian", "Kasyoka"};
const char* kGiven[] = {"Daniel", "Rose", "Josphat", "Naomi", "Evans", "Sharon", "Tobias", "Lilian",
                        "Simon", "Agnes", "Ezekiel", "Mary", "Ali", "Fatuma", "Nicholas", "Janet"};
const char* kWards[] = {"Kilimani", "Kileleshwa", "Lavington", "Kawangware"};
const char* kPlaces[] = {"Yaya Centre", "Argwings Kodhek", "Ole Dume Road", "Gatina", "Muthangari", "Valley Arcade"};

std::int64_t idOf(Connection& c, const std::string& sql, const std::string& param) {
    auto& st = c.prepare(sql);
    st.setString(1, param);
    std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
    return rs->next() ? rs->getInt64(1) : 0;
}

std::string date(const std::string& today, long days) { return domain::addDays(today, days); }

}  // namespace

ReserveSeedResult seedReserve(Db& db, const std::string& today) {
    ReserveSeedResult result;
    return db.transaction([&](Connection& c) {
        const auto klm = idOf(c, "SELECT org_unit_id FROM org_units WHERE code = ?", "KLM");
        const auto cph = idOf(c, "SELECT org_unit_id FROM org_units WHERE code = ?", "CPH");
        if (!klm || !cph || idOf(c, "SELECT COUNT(*) FROM reservists WHERE station_id = (SELECT org_unit_id FROM "
                                    "org_units WHERE code = ?)", "KLM") > 0) {
            return result;
        }
        const auto commander = idOf(c, "SELECT user_id FROM users WHERE username = ?", "commander");
        const auto ocs = idOf(c, "SELECT user_id FROM users WHERE username = ?", "ocs");
        const auto section = idOf(c, "SELECT user_id FROM users WHERE username = ?", "npr.section");
        if (!commander || !ocs) return result;
        auto addSection = [&](const char* name, const char* leader, const char* kind, std::int64_t user) {
            auto& st = c.prepare("INSERT INTO npr_sections (station_id, name, leader_name, leader_kind, leader_user_id) "
                                 "VALUES (?, ?, ?, ?, ?)");
            st.setInt64(1, klm);
            st.setString(2, name);
            st.setString(3, leader);
            st.setString(4, kind);
            if (user) st.setInt64(5, user);
            else st.setNull(5, sql::DataType::BIGINT);
            st.executeUpdate();
            return c.lastInsertId();
        };
        const auto sectionA = addSection("Section A (Kilimani Estate)", "Cpl. (NPR) Daniel Lekishon", "reservist", 0);
        const auto sectionB = addSection("Section B (Yaya)", "Sgt (NPR) Halima Abdi", "reservist", section);

        // "now" is 12:00 EAT today: 09:00 UTC.
        const std::int64_t noon = *domain::parseUtc(today) + 9 * 3600;
        auto at = [&](long days, int hourEat) { return domain::formatUtc(noon + days * 86400 + (hourEat - 12) * 3600); };
        std::vector<std::pair<std::int64_t, std::int64_t>> klmPeople;  // (id, station)
        for (int i = 0; i < 48; ++i) {
            const bool atKlm = i < 40;
            const std::string number = std::string(atKlm ? "NPR/KLM/" : "NPR/CPH/") + (i + 1 < 10 ? "000" : "00") +
                                       std::to_string(i + 1);
            const bool female = i % 3 == 1;
            const std::string status = i == 37 ? "suspended" : i == 38 ? "discharged" : "active";
            const std::string reason = i == 37 ? "Under investigation (OB 44/02/11)" : i == 38 ? "Relocated to Mombasa" : "";
            const int age = 24 + (i * 7) % 28;
            const std::string enlisted = date(today, -(200 + (i * 97) % 2500));
            std::string dob = std::to_string(std::stoi(enlisted.substr(0, 4)) - age) + enlisted.substr(4, 3) + "-1" + std::to_string(i % 9);
            // Re-vetting: a few fall due within 30 days (one already overdue), the rest later.
            const std::string vetted = i == 27      ? date(today, -(3 * 365 + 12))
                                       : i % 9 == 0 ? date(today, -(3 * 365 - 10 - i % 20))
                                                    : date(today, -(100 + (i * 31) % 700));
            const std::string revet = domain::addDays(vetted, 3 * 365 + 1);  // three years on
            auto& st = c.prepare(
                "INSERT INTO reservists (reservist_number, surname, other_names, national_id, date_of_birth, gender, phone, "
                "home_county, home_sub_county, home_ward, home_location, enlistment_date, vetting_date, vetting_result, "
                "revetting_due, status, status_since, status_reason, next_of_kin_name, next_of_kin_phone, "
                "next_of_kin_relation, station_id, npr_section_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 'Nairobi', 'Dagoretti North', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            char nid[16], phone[16], kin[16];
            std::snprintf(nid, sizeof nid, "3%07d", 1234567 + i * 7919);
            std::snprintf(phone, sizeof phone, "+2547%08d", 11000000 + i * 104729);
            std::snprintf(kin, sizeof kin, "+2541%08d", 22000000 + i * 7727);
            st.setString(1, number);
            st.setString(2, kFamily[i % 16]);
            // Given names alternate male, female in kGiven; no two reservists share a whole name.
            st.setString(3, std::string(kGiven[((i * 5 + i / 16) % 8) * 2 + (female ? 1 : 0)]) + " " +
                                kFamily[(i + 7 + i / 16) % 16]);
            st.setString(4, nid);
            st.setString(5, dob);
            st.setString(6, female ? "F" : "M");
            st.setString(7, phone);
            st.setString(8, kWards[i % 4]);
            st.setString(9, kPlaces[i % 6]);
            st.setString(10, enlisted);
            st.setString(11, vetted);
            st.setString(12, status == "suspended" ? "pending" : "cleared");
            st.setString(13, revet);
            st.setString(14, status);
            st.setString(15, status == "active" ? enlisted : date(today, -20));
            st.setString(16, reason);
            st.setString(17, std::string(kGiven[(i + 3) % 16]) + " " + kFamily[i % 16]);
            st.setString(18, kin);
            st.setString(19, i % 2 ? "Spouse" : "Parent");
            st.setInt64(20, atKlm ? klm : cph);
            if (atKlm && i % 4 == 1) st.setInt64(21, sectionA);
            else if (atKlm && i % 4 == 2) st.setInt64(21, sectionB);
            else st.setNull(21, sql::DataType::BIGINT);
            st.executeUpdate();
            ++result.reservists;
            klmPeople.emplace_back(c.lastInsertId(), atKlm ? klm : cph);
        }

        auto duty = [&](std::int64_t reservist, std::int64_t station, const char* ward, const char* role,
                        const std::string& from, const std::string& to, const char* note) {
            auto& st = c.prepare(
                "INSERT INTO reservist_assignments (reservist_id, commander_user_id, station_id, area_county, "
                "area_sub_county, area_ward, area_location, duty_role, duty_note, starts_at, ends_at, created_by) "
                "VALUES (?, ?, ?, 'Nairobi', 'Dagoretti North', ?, ?, ?, ?, ?, ?, ?)");
            st.setInt64(1, reservist);
            st.setInt64(2, ocs);
            st.setInt64(3, station);
            st.setString(4, ward);
            st.setString(5, kPlaces[reservist % 6]);
            st.setString(6, role);
            st.setString(7, note);
            st.setString(8, from);
            if (to.empty()) st.setNull(9, sql::DataType::VARCHAR);
            else st.setString(9, to);
            st.setInt64(10, commander);
            st.executeUpdate();
            ++result.assignments;
        };
        for (int i = 0; i < 48; ++i) {
            const auto [id, station] = klmPeople[i];
            if (i == 37 || i == 38 || station != klm) continue;  // suspended, discharged; Capitol Hill's: none
            const char* ward = kWards[i % 3];
            switch (i % 6) {
                case 0:  // last night's duty, ended; today's day patrol
                    duty(id, station, ward, "patrol", at(-1, 22), at(0, 6), "Night patrol");
                    duty(id, station, ward, "patrol", at(0, 7), at(0, 19), "Day patrol");
                    break;
                case 1:  // a standing guard posting, open-ended
                    duty(id, station, ward, "guard", at(-30 - i, 6), "", "Guard, chief's camp");
                    break;
                case 2:  // tonight's duty, crossing midnight
                    duty(id, station, ward, "patrol", at(0, 22), at(1, 6), "Night patrol");
                    break;
                case 3:  // an escort ending within 14 days
                    duty(id, station, ward, "escort", at(-3, 8), at(2 + i % 10, 18), "School examinations escort");
                    break;
                case 4:  // community liaison this week
                    duty(id, station, ward, "community_liaison", at(-2, 9), at(0, 17), "Nyumba Kumi meetings");
                    break;
                default:  // nothing now: earlier duties only
                    duty(id, station, ward, "patrol", at(-10, 7), at(-10, 19), "Day patrol");
                    break;
            }
        }

        auto kit = [&](std::int64_t reservist, std::int64_t station, const std::string& serial, const char* type,
                       int mags, int rounds, const std::string& issued, const std::string& due, bool returned,
                       int roundsBack, const std::string& discrepancy) {
            auto& st = c.prepare(
                "INSERT INTO firearm_issues (reservist_id, station_id, serial, firearm_type, magazines_issued, rounds_issued, "
                "issued_at, expected_return_at, issued_by, acknowledged_at, acknowledged_by, returned_at, magazines_returned, "
                "rounds_returned, returned_to, discrepancy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'signature', ?, ?, ?, ?, ?)");
            st.setInt64(1, reservist);
            st.setInt64(2, station);
            st.setString(3, serial);
            st.setString(4, type);
            st.setInt(5, mags);
            st.setInt(6, rounds);
            st.setString(7, issued);
            st.setString(8, due);
            st.setInt64(9, commander);
            st.setString(10, issued);
            if (returned) {
                st.setString(11, due);
                st.setInt(12, mags);
                st.setInt(13, roundsBack);
                st.setInt64(14, commander);
            } else {
                st.setNull(11, sql::DataType::VARCHAR);
                st.setNull(12, sql::DataType::INTEGER);
                st.setNull(13, sql::DataType::INTEGER);
                st.setNull(14, sql::DataType::BIGINT);
            }
            st.setString(15, discrepancy);
            st.executeUpdate();
            ++result.firearmIssues;
        };
        // Out now with today's day patrols (index 0, 6, 12, 18), two overdue from last night.
        for (int i : {0, 6, 12, 18}) {
            kit(klmPeople[i].first, klm, "KE-G3-" + std::to_string(40110 + i), "rifle", 2, 60, at(0, 7), at(0, 19), false, 0, "");
        }
        kit(klmPeople[24].first, klm, "KE-G3-40150", "rifle", 2, 60, at(-1, 21), at(0, 7), false, 0, "");
        kit(klmPeople[30].first, klm, "KE-CZ-20031", "pistol", 1, 15, at(-1, 21), at(0, 7), false, 0, "");
        // Returned, one short.
        for (int i : {5, 11, 17, 23, 29}) {
            kit(klmPeople[i].first, klm, "KE-G3-" + std::to_string(40210 + i), "rifle", 2, 60, at(-10, 6), at(-10, 20), true, 60, "");
        }
        kit(klmPeople[35].first, klm, "KE-G3-40299", "rifle", 2, 60, at(-10, 6), at(-10, 20), true, 55,
            "5 round(s) short: fired at Kawangware, OB 31/14/11");

        // Retraining: the catalogue's firearms qualification and basic first aid are required of
        // every reservist; most hold them, some lapsed, a few never trained, one failed.
        for (const char* code : {"FIRE-QUAL", "FA-BASIC"}) {
            const auto module = idOf(c, "SELECT training_module_id FROM training_modules WHERE code = ?", code);
            if (!module) continue;
            auto& rule = c.prepare("INSERT INTO training_requirements (training_module_id, kind, effective_from, due_days) "
                                   "VALUES (?, 'reservists', ?, 60)");
            rule.setInt64(1, module);
            rule.setString(2, date(today, -365));
            rule.executeUpdate();
            for (int i = 0; i < 40; ++i) {
                if (i % 7 == 6) continue;  // never trained
                auto& done = c.prepare("INSERT INTO reservist_training_completions (reservist_id, training_module_id, "
                                       "completed_on, passed, score, evidence_reference, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
                const bool passed = i % 11 != 3;
                done.setInt64(1, klmPeople[i].first);
                done.setInt64(2, module);
                done.setString(3, date(today, -(30 + (i * 53) % 900)));
                done.setBoolean(4, passed);
                done.setInt(5, passed ? 70 + i % 30 : 40);
                done.setString(6, std::string("NPR register ") + code + "/" + std::to_string(2024 + i % 3));
                done.setInt64(7, commander);
                done.executeUpdate();
            }
        }
        bumpVersion(c, "training");

        for (const auto& [ward, n] : {std::pair{"Kilimani", 12}, {"Kileleshwa", 8}, {"Lavington", 6}}) {
            auto& st = c.prepare("INSERT INTO npr_authorised_strength (station_id, area_ward, authorised) VALUES (?, ?, ?)");
            st.setInt64(1, klm);
            st.setString(2, ward);
            st.setInt(3, n);
            st.executeUpdate();
        }
        return result;
    });
}

}  // namespace kituo::store
