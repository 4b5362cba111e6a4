// The National Police Reserve through the real server: the roster form, duties under the
// overlap rule (and two commanders assigning one reservist at once), firearms issued with the
// reservist's PIN (and two issues of one serial at once), returns and extensions, a commander
// of another station refused everything of Kilimani's (404, through paths and form fields),
// and a section commander who sees only their section.
#include "Support.h"

#include "domain/Reservist.h"
#include "domain/Time.h"
#include "store/OrgStore.h"
#include "store/UserStore.h"

#include <catch2/catch.hpp>

#include <future>

using namespace kituo;

namespace {

std::string klmReservist(test::TestServer& s, int nth = 0) {
    return test::queryValue(s.db(), "SELECT reservist_id FROM reservists WHERE reservist_number LIKE 'NPR/KLM/%' "
                                    "AND status = 'active' ORDER BY reservist_id LIMIT 1 OFFSET " + std::to_string(nth));
}

// A moment `hours` from the server's now, as the datetime-local fields send it (EAT).
std::string inHours(test::TestServer& s, double hours) {
    return domain::formatEatInput(s.server().clock().now() + static_cast<std::int64_t>(hours * 3600));
}

std::map<std::string, std::string> duty(test::TestServer& s, const std::string& commanderId, double from, double to) {
    return {{"commander_id", commanderId},     {"station_id", std::to_string(store::OrgStore(s.db()).findByCode("KLM")->id)},
            {"area_county", "Nairobi"},         {"area_sub_county", "Dagoretti North"},
            {"area_ward", "Kilimani"},          {"area_location", "Yaya Centre"},
            {"role", "patrol"},                 {"note", ""},
            {"starts_at", inHours(s, from)},    {"ends_at", to == 0 ? std::string() : inHours(s, to)}};
}

std::string userId(test::TestServer& s, const std::string& username) {
    return std::to_string(store::UserStore(s.db()).findForSignIn(username)->id);
}

// A reservist commander account at Capitol Hill, the other station of the demo county.
void addCapitolHillCommander(test::TestServer& s) {
    store::NewUser u;
    u.username = "commander.cph";
    u.displayName = "Insp. Capitol Hill";
    u.role = domain::Role::ReservistCommander;
    u.orgUnitId = store::OrgStore(s.db()).findByCode("CPH")->id;
    u.passwordHash = crypto::PasswordHasher().hash(test::kDemoPassword);
    u.mustChangePassword = false;
    store::UserStore(s.db()).create(u);
}

void setPin(test::Browser& b, const std::string& reservist, const std::string& pin) {
    b.get("/reservists/" + reservist);
    REQUIRE(b.post("/reservists/" + reservist + "/pin", {{"pin", pin}, {"pin_again", pin}}).status == 303);
}

std::map<std::string, std::string> kit(const std::string& reservist, const std::string& serial, const std::string& due,
                                       const std::string& pin) {
    return {{"reservist_id", reservist}, {"serial", serial},           {"firearm_type", "rifle"}, {"magazines", "2"},
            {"rounds", "60"},            {"expected_return_at", due}, {"pin", pin}};
}

}  // namespace

TEST_CASE("every demo reservist passes the roster's own rules", "[http][reserve]") {
    test::TestServer s;
    s.seedDemo();
    const auto rows = test::queryColumn(s.db(), "SELECT CONCAT_WS('|', reservist_number, surname, other_names, national_id, "
                                                "date_of_birth, gender, phone, enlistment_date, vetting_date, vetting_result, "
                                                "revetting_due, status, status_since, status_reason, next_of_kin_phone) FROM reservists");
    REQUIRE(rows.size() == 48);
    for (const auto& row : rows) {
        std::vector<std::string> f;
        std::string cell;
        for (char c : row + "|") {
            if (c == '|') { f.push_back(cell); cell.clear(); } else cell += c;
        }
        domain::ReservistInput in;
        in.reservistNumber = f[0]; in.surname = f[1]; in.otherNames = f[2]; in.nationalId = f[3];
        in.dateOfBirth = f[4]; in.gender = f[5]; in.phone = f[6]; in.enlistmentDate = f[7]; in.vettingDate = f[8];
        in.vettingResult = f[9]; in.revettingDue = f[10]; in.status = f[11]; in.statusSince = f[12];
        in.statusReason = f[13]; in.nextOfKinPhone = f[14];
        in.homeCounty = in.homeSubCounty = in.homeWard = in.homeLocation = "Nairobi";
        in.nextOfKinName = "Kin";
        in.nextOfKinRelation = "Parent";
        const auto errors = domain::reservistFieldErrors(domain::normalizedReservist(in), test::kToday);
        INFO(row << (errors.empty() ? "" : ": " + errors.begin()->first + " " + errors.begin()->second));
        CHECK(errors.empty());
    }
}

TEST_CASE("a commander adds a reservist, and a bad form comes back with every value kept", "[http][reserve]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser b(s);
    REQUIRE(b.login("commander").status == 303);
    std::map<std::string, std::string> form = {
        {"reservist_number", "npr/klm/0900"}, {"surname", "Wairimu"}, {"other_names", "Ann Njeri"},
        {"national_id", "29876543"}, {"date_of_birth", "12/03/1995"}, {"gender", "F"}, {"phone", "0711 223344"},
        {"home_county", "Nairobi"}, {"home_sub_county", "Dagoretti North"}, {"home_ward", "Kilimani"},
        {"home_location", "Yaya"}, {"enlistment_date", "2025-06-01"}, {"vetting_date", "2025-05-02"},
        {"vetting_result", "cleared"}, {"revetting_due", ""}, {"status", "active"}, {"status_since", "2025-06-01"},
        {"status_reason", ""}, {"next_of_kin_name", "Peter Wairimu"}, {"next_of_kin_phone", "0722 000999"},
        {"next_of_kin_relation", "Brother"}, {"station_id", std::to_string(store::OrgStore(s.db()).findByCode("KLM")->id)},
        {"npr_section_id", ""}};
    auto bad = form;
    bad["date_of_birth"] = "12/03/1960";  // 65 at enlistment
    b.get("/reservists/new");
    const auto refused = b.post("/reservists/new", bad);
    CHECK(refused.status == 400);
    CHECK(refused.body.find("Age at enlistment must be 18 to 55 (it would be 65).") != std::string::npos);
    CHECK(test::inputValue(refused.body, "surname") == "Wairimu");
    CHECK(test::inputValue(refused.body, "national_id") == "29876543");
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM reservists WHERE reservist_number = 'NPR/KLM/0900'") == 0);

    const auto added = b.post("/reservists/new", form);
    REQUIRE(added.status == 303);
    CHECK(test::queryValue(s.db(), "SELECT CONCAT(revetting_due, ' ', phone) FROM reservists WHERE reservist_number = 'NPR/KLM/0900'") ==
          "2028-05-02 +254711223344");
    const auto again = b.post("/reservists/new", [&] { auto f = form; f["national_id"] = "29876544"; return f; }());
    CHECK(again.status == 400);
    CHECK(again.body.find("Another reservist already has this reservist number.") != std::string::npos);
    s.server().runMaintenance();
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM audit_events WHERE action = 'reservist.create'") == 1);
}

TEST_CASE("duties: an overlap is refused with the clashing duty named, a new duty ends an open-ended one", "[http][reserve]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser b(s);
    REQUIRE(b.login("commander").status == 303);
    const std::string r = klmReservist(s, 5);
    test::execute(s.db(), "DELETE FROM reservist_assignments WHERE reservist_id = " + r);
    const std::string me = userId(s, "commander");
    b.get("/reservists/" + r);
    // A night duty crossing midnight, then one that overlaps its last hour.
    REQUIRE(b.post("/reservists/" + r + "/assignments", duty(s, me, 10, 18)).status == 303);
    const auto clash = b.post("/reservists/" + r + "/assignments", duty(s, me, 17, 25));
    CHECK(clash.status == 409);
    CHECK(clash.body.find("already has a duty from") != std::string::npos);
    CHECK(test::inputValue(clash.body, "area_location") == "Yaya Centre");
    // Touching is not overlapping.
    CHECK(b.post("/reservists/" + r + "/assignments", duty(s, me, 18, 26)).status == 303);
    // An open-ended posting from later on, then a reassignment: the posting ends when it starts.
    CHECK(b.post("/reservists/" + r + "/assignments", duty(s, me, 30, 0)).status == 303);
    CHECK(b.post("/reservists/" + r + "/assignments", duty(s, me, 50, 60)).status == 303);
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM reservist_assignments WHERE reservist_id = " + r + " AND ends_at IS NULL") == 0);
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM reservist_assignments a JOIN reservist_assignments n "
                                 "ON n.reservist_id = a.reservist_id AND n.starts_at = a.ends_at WHERE a.reservist_id = " + r) == 2);
    // The commander field names an account of the station only: a Capitol Hill account is 404.
    addCapitolHillCommander(s);
    CHECK(b.post("/reservists/" + r + "/assignments", duty(s, userId(s, "commander.cph"), 100, 110)).status == 404);
    auto farStation = duty(s, me, 100, 110);
    farStation["station_id"] = std::to_string(store::OrgStore(s.db()).findByCode("CPH")->id);
    CHECK(b.post("/reservists/" + r + "/assignments", farStation).status == 404);
}

TEST_CASE("two commanders assigning one reservist at once: exactly one duty is recorded", "[http][reserve][concurrency]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser commander(s), ocs(s);
    REQUIRE(commander.login("commander").status == 303);
    REQUIRE(ocs.login("ocs").status == 303);
    const std::string me = userId(s, "commander");
    for (int round = 0; round < 6; ++round) {
        const std::string r = klmReservist(s, 10 + round);
        test::execute(s.db(), "DELETE FROM reservist_assignments WHERE reservist_id = " + r);
        commander.get("/reservists/" + r);
        ocs.get("/reservists/" + r);
        // Overlapping, not the same: 20-30 and 25-35 hours on.
        auto a = std::async(std::launch::async, [&] { return commander.post("/reservists/" + r + "/assignments", duty(s, me, 20, 30)); });
        auto c = std::async(std::launch::async, [&] { return ocs.post("/reservists/" + r + "/assignments", duty(s, me, 25, 35)); });
        const auto ra = a.get(), rc = c.get();
        INFO("round " << round << ": " << ra.status << " and " << rc.status);
        CHECK(((ra.status == 303 && rc.status == 409) || (ra.status == 409 && rc.status == 303)));
        const auto& loser = ra.status == 409 ? ra : rc;
        CHECK(loser.body.find("already has a duty from") != std::string::npos);
        CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM reservist_assignments WHERE reservist_id = " + r) == 1);
    }
}

TEST_CASE("firearms: the reservist's PIN at the counter, one serial out once, returns and extensions", "[http][reserve]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser b(s);
    REQUIRE(b.login("commander").status == 303);
    const std::string r1 = klmReservist(s, 3), r2 = klmReservist(s, 4);
    const std::string due = inHours(s, 12);
    b.get("/reservists/firearms");
    // No PIN set yet: nothing can be issued.
    const auto noPin = b.post("/reservists/firearms", kit(r1, "TEST-001", due, "1234"));
    CHECK(noPin.status == 400);
    CHECK(noPin.body.find("no handover PIN yet") != std::string::npos);
    setPin(b, r1, "4821");
    setPin(b, r2, "7310");
    b.get("/reservists/firearms");
    const auto wrong = b.post("/reservists/firearms", kit(r1, "TEST-001", due, "1111"));
    CHECK(wrong.status == 400);
    CHECK(wrong.body.find("The PIN does not match") != std::string::npos);
    CHECK(test::inputValue(wrong.body, "pin").empty());  // a PIN is never sent back
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM firearm_issues WHERE serial = 'TEST-001'") == 0);

    const auto issued = b.post("/reservists/firearms", kit(r1, "test-001", due, "4821"));
    REQUIRE(issued.status == 303);
    const std::string id = test::queryValue(s.db(), "SELECT firearm_issue_id FROM firearm_issues WHERE serial = 'TEST-001'");
    CHECK(test::queryValue(s.db(), "SELECT acknowledged_by FROM firearm_issues WHERE firearm_issue_id = " + id) == "pin");
    // Out to one person: not to a second.
    b.get("/reservists/firearms");
    const auto twice = b.post("/reservists/firearms", kit(r2, "TEST-001", due, "7310"));
    CHECK(twice.status == 409);
    CHECK(twice.body.find("already out") != std::string::npos);

    // An extension, then a short return without a word (refused), then with one.
    b.get("/reservists/firearms/" + id);
    const std::string version = test::queryValue(s.db(), "SELECT version FROM firearm_issues WHERE firearm_issue_id = " + id);
    CHECK(b.post("/reservists/firearms/" + id + "/extend",
                 {{"version", version}, {"expected_return_at", inHours(s, 20)}, {"reason", "Escort extended by the OCS"}})
              .status == 303);
    CHECK(test::queryInt(s.db(), "SELECT extensions FROM firearm_issues WHERE firearm_issue_id = " + id) == 1);
    const std::string v2 = test::queryValue(s.db(), "SELECT version FROM firearm_issues WHERE firearm_issue_id = " + id);
    b.get("/reservists/firearms/" + id);
    const auto silent = b.post("/reservists/firearms/" + id + "/return",
                               {{"version", v2}, {"magazines_returned", "2"}, {"rounds_returned", "57"}, {"note", ""}});
    CHECK(silent.status == 400);
    CHECK(b.post("/reservists/firearms/" + id + "/return", {{"version", v2}, {"magazines_returned", "2"},
                                                            {"rounds_returned", "57"}, {"note", "Three fired, OB 12/24/11"}})
              .status == 303);
    CHECK(test::queryValue(s.db(), "SELECT discrepancy FROM firearm_issues WHERE firearm_issue_id = " + id) ==
          "3 round(s) short: Three fired, OB 12/24/11");
    // Back in: it can go out again.
    b.get("/reservists/firearms");
    CHECK(b.post("/reservists/firearms", kit(r2, "TEST-001", due, "7310")).status == 303);
    s.server().runMaintenance();
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM audit_events WHERE action = 'firearm.issue' AND outcome = 'success'") == 2);
    // Both refusals at the counter (no PIN set, a wrong PIN) are on the trail.
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM audit_events WHERE action = 'firearm.issue' AND outcome = 'failure'") == 2);
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM audit_events WHERE action IN ('firearm.return', 'firearm.extend')") == 2);
}

TEST_CASE("two issues of one serial at once: exactly one goes out", "[http][reserve][concurrency]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser commander(s), ocs(s);
    REQUIRE(commander.login("commander").status == 303);
    REQUIRE(ocs.login("ocs").status == 303);
    const std::string r1 = klmReservist(s, 20), r2 = klmReservist(s, 21);
    setPin(commander, r1, "1357");
    setPin(commander, r2, "2468");
    for (int round = 0; round < 4; ++round) {
        const std::string serial = "RACE-" + std::to_string(round);
        commander.get("/reservists/firearms");
        ocs.get("/reservists/firearms");
        auto a = std::async(std::launch::async, [&] { return commander.post("/reservists/firearms", kit(r1, serial, inHours(s, 8), "1357")); });
        auto c = std::async(std::launch::async, [&] { return ocs.post("/reservists/firearms", kit(r2, serial, inHours(s, 8), "2468")); });
        const auto ra = a.get(), rc = c.get();
        INFO("round " << round << ": " << ra.status << " and " << rc.status);
        CHECK(((ra.status == 303 && rc.status == 409) || (ra.status == 409 && rc.status == 303)));
        CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM firearm_issues WHERE serial = '" + serial + "'") == 1);
        test::execute(s.db(), "UPDATE firearm_issues SET returned_at = NOW(), magazines_returned = 2, rounds_returned = 60 "
                              "WHERE serial = '" + serial + "'");
    }
}

TEST_CASE("a commander of another station gets 404 for Kilimani's reservists, duties, firearms and places", "[http][reserve]") {
    test::TestServer s;
    s.seedDemo();
    addCapitolHillCommander(s);
    const std::string r = klmReservist(s);
    const std::string klm = std::to_string(store::OrgStore(s.db()).findByCode("KLM")->id);
    const std::string kitId = test::queryValue(s.db(), "SELECT MIN(firearm_issue_id) FROM firearm_issues WHERE returned_at IS NULL");
    const std::string dutyId = test::queryValue(s.db(), "SELECT MIN(reservist_assignment_id) FROM reservist_assignments");
    const std::string name = test::queryValue(s.db(), "SELECT CONCAT(surname, ', ', other_names) FROM reservists WHERE reservist_id = " + r);
    test::Browser b(s);
    REQUIRE(b.login("commander.cph").status == 303);
    for (const std::string& path : {"/reservists/" + r, "/reservists/" + r + "/edit", "/reservists/firearms/" + kitId,
                                   "/reservists/deployments?station=" + klm,
                                   "/reservists/command?station=" + klm, "/reservists/strength?station=" + klm}) {
        INFO(path);
        CHECK(b.get(path).status == 404);
    }
    b.get("/reservists/firearms");
    const std::string me = userId(s, "commander.cph");
    for (const auto& [path, form] : std::vector<std::pair<std::string, std::map<std::string, std::string>>>{
             {"/reservists/" + r + "/assignments", duty(s, me, 5, 10)},
             {"/reservists/" + r + "/pin", {{"pin", "1234"}, {"pin_again", "1234"}}},
             {"/reservists/" + r + "/edit", {{"version", "1"}}},
             {"/reservists/assignments/" + dutyId + "/cancel", {}},
             {"/reservists/assignments/" + dutyId + "/end", {}},
             {"/reservists/firearms", kit(r, "FAR-1", inHours(s, 5), "1234")},
             {"/reservists/firearms/" + kitId + "/return", {{"version", "1"}, {"magazines_returned", "2"}, {"rounds_returned", "60"}}},
             {"/reservists/firearms/" + kitId + "/extend", {{"version", "1"}, {"expected_return_at", inHours(s, 30)}, {"reason", "x"}}},
             {"/reservists/strength", {{"station_id", klm}, {"area_ward", "Kilimani"}, {"authorised", "99"}}},
             {"/reservists/command/sections", {{"station_id", klm}, {"name", "Rogue"}, {"leader_name", "X"}, {"leader_kind", "officer"}}}}) {
        INFO(path);
        CHECK(b.post(path, form).status == 404);
    }
    // Nothing written, and Kilimani's people are in none of their lists.
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM reservist_assignments WHERE status = 'cancelled'") == 0);
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM firearm_issues WHERE serial = 'FAR-1'") == 0);
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM npr_authorised_strength WHERE authorised = 99") == 0);
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM npr_sections WHERE name = 'Rogue'") == 0);
    for (const char* path : {"/reservists", "/reservists.csv", "/reservists/deployments", "/reservists/firearms?show=all",
                                   "/reservists/command"}) {
        const auto page = b.get(path);
        INFO(path);
        CHECK(page.status == 200);
        CHECK(page.body.find("NPR/KLM/") == std::string::npos);
        CHECK(page.body.find(name) == std::string::npos);
    }
    CHECK(b.get("/reservists").body.find("NPR/CPH/0041") != std::string::npos);  // their own, as the control
}

TEST_CASE("a section commander sees only their section, with national IDs masked, and keeps no records", "[http][reserve]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser b(s);
    REQUIRE(b.login("npr.section").status == 303);
    const int mine = test::queryInt(s.db(), "SELECT COUNT(*) FROM reservists r JOIN npr_sections x ON x.npr_section_id = "
                                            "r.npr_section_id JOIN users u ON u.user_id = x.leader_user_id WHERE u.username = 'npr.section'");
    REQUIRE(mine > 0);
    const auto csv = b.get("/reservists.csv");
    REQUIRE(csv.status == 200);
    int lines = 0;
    for (char c : csv.body) lines += c == '\n';
    CHECK(lines == mine + 1);
    CHECK(csv.body.find(",****") != std::string::npos);
    const std::string outside = test::queryValue(s.db(), "SELECT MIN(reservist_id) FROM reservists WHERE npr_section_id IS NULL "
                                                         "AND reservist_number LIKE 'NPR/KLM/%'");
    const std::string inside = test::queryValue(s.db(), "SELECT MIN(r.reservist_id) FROM reservists r JOIN npr_sections x ON "
                                                        "x.npr_section_id = r.npr_section_id JOIN users u ON u.user_id = x.leader_user_id "
                                                        "WHERE u.username = 'npr.section' AND r.status = 'active'");
    CHECK(b.get("/reservists/" + outside).status == 404);
    const auto page = b.get("/reservists/" + inside);
    CHECK(page.status == 200);
    CHECK(page.body.find("Assign a duty") != std::string::npos);
    CHECK(page.body.find("/edit\"") == std::string::npos);
    CHECK(b.get("/reservists/" + inside + "/edit").status == 403);
    CHECK(b.get("/reservists/new").status == 403);
    const auto tree = b.get("/reservists/command");
    CHECK(tree.body.find("Section B (Yaya)") != std::string::npos);
    CHECK(tree.body.find("Section A") == std::string::npos);
    // The station's reservist commander sees every one of them, IDs in full.
    test::Browser commander(s);
    REQUIRE(commander.login("commander").status == 303);
    CHECK(commander.get("/reservists.csv").body.find(",****") == std::string::npos);
    CHECK(commander.get("/reservists/" + outside).status == 200);
}

TEST_CASE("the roster's own CSV imports back: new rows added, known ones unchanged, bad ones named, twice changes nothing", "[http][reserve]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser b(s);
    REQUIRE(b.login("commander").status == 303);
    auto csv = b.get("/reservists.csv?station=" + std::to_string(store::OrgStore(s.db()).findByCode("KLM")->id)).body;
    REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
    csv = csv.substr(3);
    const int before = test::queryInt(s.db(), "SELECT COUNT(*) FROM reservists");
    // Two new rows: one good, one aged 60 at enlistment; and an ID already on the roster.
    csv += "NPR/KLM/0801,Mutiso,Agnes Ndinda,30111222,1990-01-02,F,0712000111,Nairobi,Dagoretti North,Kilimani,Yaya,"
           "2024-03-01,2024-02-01,cleared,,active,2024-03-01,,John Mutiso,0722111000,Brother,KLM,Section B (Yaya)\r\n";
    csv += "NPR/KLM/0802,Old,Too,30111223,1960-01-02,M,,Nairobi,Dagoretti North,Kilimani,Yaya,"
           "2024-03-01,2024-02-01,cleared,,active,2024-03-01,,Kin Old,0722111001,Son,KLM,\r\n";
    b.get("/reservists/import");
    const auto preview = b.upload("/reservists/import", "file", "roster.csv", csv);
    REQUIRE(preview.status == 200);
    CHECK(preview.body.find("<strong>1</strong> new") != std::string::npos);
    CHECK(preview.body.find("<strong>1</strong> with problems") != std::string::npos);
    CHECK(preview.body.find("Age at enlistment must be 18 to 55") != std::string::npos);
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM reservists") == before);
    const std::string id = test::queryValue(s.db(), "SELECT MAX(import_id) FROM officer_imports WHERE kind = 'reservists'");
    // A roster file is not a nominal-roll import.
    CHECK(b.get("/officers/import/" + id).status != 200);
    REQUIRE(b.post("/reservists/import/" + id + "/commit", {}).status == 303);
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM reservists") == before + 1);
    CHECK(test::queryValue(s.db(), "SELECT x.name FROM reservists r JOIN npr_sections x ON x.npr_section_id = r.npr_section_id "
                                   "WHERE r.reservist_number = 'NPR/KLM/0801'") == "Section B (Yaya)");
    // Sent again (a double click) it is answered as the first time and applied once; another
    // account does not even find the file.
    b.post("/reservists/import/" + id + "/commit", {});
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM reservists") == before + 1);
    test::Browser ocs(s);
    REQUIRE(ocs.login("ocs").status == 303);
    CHECK(ocs.get("/reservists/import/" + id).status == 404);
    const auto again = b.upload("/reservists/import", "file", "roster.csv", csv);
    CHECK(again.body.find("<strong>0</strong> new") != std::string::npos);
    CHECK(again.body.find("<strong>0</strong> updated") != std::string::npos);
}

TEST_CASE("reservists' retraining: the matrix of the modules required of reservists, and recording one", "[http][reserve]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser b(s);
    REQUIRE(b.login("commander").status == 303);
    const auto matrix = b.get("/reservists/training");
    REQUIRE(matrix.status == 200);
    CHECK(matrix.body.find("FIRE-QUAL") != std::string::npos);
    CHECK(matrix.body.find("Overdue") != std::string::npos);  // the never trained
    CHECK(matrix.body.find("NPR/CPH/") == std::string::npos);
    // A reservist never trained in FIRE-QUAL (index 6 of the demo) records a pass: compliant.
    const std::string r = test::queryValue(s.db(), "SELECT reservist_id FROM reservists WHERE reservist_number = 'NPR/KLM/0007'");
    const std::string module = test::queryValue(s.db(), "SELECT training_module_id FROM training_modules WHERE code = 'FIRE-QUAL'");
    auto page = b.get("/reservists/" + r);
    CHECK(page.body.find("FIRE-QUAL</a> ") != std::string::npos);
    const std::size_t at = page.body.find("FIRE-QUAL</a> ");
    CHECK(page.body.substr(at, 300).find("Overdue") != std::string::npos);
    std::map<std::string, std::string> form = {{"training_module_id", module}, {"completed_on", "2026-11-20"}, {"passed", "1"},
                                               {"score", "101"}, {"evidence_reference", "NPR register FQ/2026"}};
    const auto bad = b.post("/reservists/" + r + "/training", form);
    CHECK(bad.status == 400);
    CHECK(bad.body.find("Enter the score as 0 to 100") != std::string::npos);
    CHECK(test::inputValue(bad.body, "evidence_reference") == "NPR register FQ/2026");
    form["score"] = "88";
    REQUIRE(b.post("/reservists/" + r + "/training", form).status == 303);
    page = b.get("/reservists/" + r);
    CHECK(page.body.substr(page.body.find("FIRE-QUAL</a> "), 300).find("Compliant") != std::string::npos);
    // HR reads the matrix; another station's commander cannot record for Kilimani's reservist.
    test::Browser hr(s);
    REQUIRE(hr.login("hr").status == 303);
    CHECK(hr.get("/reservists/training").status == 200);
    // The module's roster lists Kilimani's reservists beside its officers.
    const auto roster = hr.get("/training/modules/" + module);
    CHECK(roster.body.find("Reservists of Kilimani Police Station") != std::string::npos);
    CHECK(roster.body.find("NPR/KLM/0007") != std::string::npos);
    addCapitolHillCommander(s);
    test::Browser far(s);
    REQUIRE(far.login("commander.cph").status == 303);
    far.get("/reservists");
    CHECK(far.post("/reservists/" + r + "/training", form).status == 404);
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM reservist_training_completions WHERE reservist_id = " + r) == 1);
}

TEST_CASE("the command's home escalates overdue firearms and re-vetting due, within its own station", "[http][reserve]") {
    test::TestServer s;
    s.seedDemo();
    addCapitolHillCommander(s);
    const std::string now = domain::formatUtc(s.server().clock().now());
    const std::string today = now.substr(0, 10);
    // The counts at a station, straight from the tables.
    const auto overdueAt = [&](const std::string& code) {
        return std::to_string(test::queryInt(
            s.db(), "SELECT COUNT(*) FROM firearm_issues f JOIN reservists r ON r.reservist_id = f.reservist_id "
                    "JOIN org_units st ON st.org_unit_id = r.station_id WHERE st.code = '" + code +
                    "' AND f.returned_at IS NULL AND f.expected_return_at < '" + now + "'"));
    };
    const auto revettingAt = [&](const std::string& code) {
        return std::to_string(test::queryInt(
            s.db(), "SELECT COUNT(*) FROM reservists r JOIN org_units st ON st.org_unit_id = r.station_id "
                    "WHERE st.code = '" + code + "' AND r.status <> 'discharged' "
                    "AND r.revetting_due <= DATE_ADD('" + today + "', INTERVAL 30 DAY)"));
    };
    // The demo has kits out past due and reservists due for re-vetting at Kilimani.
    REQUIRE(overdueAt("KLM") != "0");
    REQUIRE(revettingAt("KLM") != "0");
    // Something at Capitol Hill that Kilimani's count must not include.
    test::execute(s.db(), "UPDATE reservists SET revetting_due = '" + today + "' WHERE reservist_id IN (SELECT id FROM "
                          "(SELECT r.reservist_id AS id FROM reservists r JOIN org_units st ON st.org_unit_id = r.station_id "
                          "WHERE st.code = 'CPH' AND r.status = 'active' ORDER BY r.reservist_id LIMIT 2) x)");
    REQUIRE(revettingAt("CPH") != "0");

    test::Browser commander(s);
    REQUIRE(commander.login("commander").status == 303);
    const auto home = commander.get("/");
    CHECK(home.body.find("Firearms overdue: " + overdueAt("KLM") + "</strong>") != std::string::npos);
    CHECK(home.body.find("Re-vetting due: " + revettingAt("KLM") + "</strong>") != std::string::npos);
    // The worklist's number is the length of the list it opens.
    const auto due = commander.get("/reservists?vetting=due&sort=revetting");
    CHECK(due.body.find("<strong>" + revettingAt("KLM") + " reservist") != std::string::npos);

    // Capitol Hill's commander counts Capitol Hill's reservists only.
    test::Browser other(s);
    REQUIRE(other.login("commander.cph").status == 303);
    const auto cph = other.get("/");
    CHECK(cph.body.find("Firearms overdue: " + overdueAt("CPH") + "</strong>") != std::string::npos);
    CHECK(cph.body.find("Re-vetting due: " + revettingAt("CPH") + "</strong>") != std::string::npos);

    // HR reads the roster but holds no armoury: its home carries the roll's worklists only.
    test::Browser hr(s);
    REQUIRE(hr.login("hr").status == 303);
    const auto hrHome = hr.get("/");
    CHECK(hrHome.body.find("Due for transfer") != std::string::npos);
    CHECK(hrHome.body.find("Firearms overdue") == std::string::npos);
}
