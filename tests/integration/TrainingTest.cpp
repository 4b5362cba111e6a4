// Retraining through the real pages: the catalogue (read by HR, station commanders and admins;
// edited by admins and national HR), requirement rules, and the station compliance matrix with
// its states, filter, CSV and chart, and the training panel of a profile.
#include "Support.h"

#include "domain/Officer.h"
#include "domain/Role.h"
#include "domain/Errors.h"
#include "domain/Time.h"
#include "store/TrainingOfferingStore.h"
#include "store/TrainingReminderStore.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <regex>
#include <thread>
#include <set>
#include <sstream>

using namespace kituo;

namespace {

std::string q(store::Db& db, const std::string& sql) { return test::queryValue(db, sql); }

std::string moduleId(store::Db& db, const std::string& code) {
    return q(db, "SELECT training_module_id FROM training_modules WHERE code = '" + code + "'");
}

std::map<std::string, std::string> newModule(const std::string& code) {
    return {{"code", code}, {"title", "Community policing"}, {"category", "other"}, {"description", ""},
            {"hours", "6"}, {"delivery", "classroom"}, {"pass_mark", "60"}, {"validity_months", "24"},
            {"recert_basis", "completion"}, {"window_month", ""}, {"renewal_window_days", "60"}};
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) {
        if (!l.empty() && l.back() == '\r') l.pop_back();
        if (!l.empty()) out.push_back(l);
    }
    return out;
}

// One officer's line of the compliance CSV for one module.
struct CsvCell {
    std::string state, last, validUntil, dueBy;
    std::string deadline() const { return validUntil.empty() ? dueBy : validUntil; }
};

// The compliance CSV (of the station `query` names, else the account's own) for module `code`:
// service number -> its cell.
std::map<std::string, CsvCell> complianceOf(test::Browser& b, const std::string& code, const std::string& query = "") {
    std::map<std::string, CsvCell> out;
    for (const auto& l : lines(b.get("/training/compliance.csv" + query).body)) {
        std::vector<std::string> f;
        std::istringstream in(l);
        for (std::string x; std::getline(in, x, ',');) f.push_back(x);
        if (l.back() == ',') f.push_back("");
        if (f.size() != 10 || f[5] != code) continue;
        out[f[0]] = {f[6], f[7], f[8], f[9]};
    }
    return out;
}

// The service numbers a bulk enrolment takes: overdue, expired, or due within 60 days.
std::set<std::string> dueOf(const std::map<std::string, CsvCell>& cells) {
    std::set<std::string> out;
    for (const auto& [number, c] : cells) {
        if (c.state == "overdue" || c.state == "expired" ||
            (c.state == "due_soon" && c.deadline() <= domain::addDays(test::kToday, 60))) {
            out.insert(number);
        }
    }
    return out;
}

// The compliance page's worklist of module `id` (its <section>), or "".
std::string worklistOf(const std::string& page, const std::string& id) {
    std::smatch m;
    const std::regex section("<section class=\"worklist\" aria-labelledby=\"due-" + id + "\">[\\s\\S]*?</section>");
    return std::regex_search(page, m, section) ? m.str() : std::string();
}

// The officers a worklist lists, in its order: (officer id, service number).
std::vector<std::pair<std::string, std::string>> listedIn(const std::string& worklist) {
    std::vector<std::pair<std::string, std::string>> out;
    const std::regex li(R"re(<li><a href="/officers/(\d+)">[^<]*</a> <span class="muted">(\d+)</span>)re");
    for (std::sregex_iterator it(worklist.begin(), worklist.end(), li), end; it != end; ++it) out.emplace_back((*it)[1], (*it)[2]);
    return out;
}

std::set<std::string> enrolledIn(store::Db& db, const std::string& offering) {
    std::set<std::string> out;
    db.run([&](store::Connection& c) {
        std::unique_ptr<sql::ResultSet> rs(c.prepare("SELECT officer_id FROM training_enrolments WHERE status = 'enrolled' "
                                                     "AND training_offering_id = " + offering).executeQuery());
        while (rs->next()) out.insert(rs->getString(1));
    });
    return out;
}

// The demo seeded, and Kilimani's HR signed in.
struct DemoWithHr {
    test::TestServer s;
    store::Db& db = (s.seedDemo(), s.db());
    test::Browser hr{s};
    DemoWithHr() { REQUIRE(hr.login("hr").status == 303); }
};

}  // namespace

TEST_CASE("the demo station's matrix shows every state, in words, for every serving officer", "[http][training]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser hr(s);
    REQUIRE(hr.login("hr").status == 303);
    auto page = hr.get("/training/compliance");
    REQUIRE(page.status == 200);
    for (const char* word : {">Compliant<", ">Due soon<", ">Expired<", ">Overdue<", "HR-UOF", "FA-BASIC", "FIRE-QUAL",
                             "Kilimani Police Station", "<svg role=\"img\""}) {
        CHECK_THAT(page.body, Catch::Contains(word));
    }
    const int serving = test::queryInt(s.db(), "SELECT COUNT(*) FROM officers o JOIN org_units st ON st.org_unit_id = "
                                               "o.station_id WHERE st.code = 'KLM' AND o.status NOT IN "
                                               "('retired', 'deceased', 'deserted')");
    CHECK_THAT(page.body, Catch::Contains(std::to_string(serving) + " officers"));

    // The CSV: one line per officer and required module, states as keys.
    auto csv = hr.get("/training/compliance.csv");
    REQUIRE(csv.status == 200);
    const auto rows = lines(csv.body);
    const std::regex header(R"(^(\xEF\xBB\xBF)?service_number,surname,other_names,rank,unit,module,state,last_completed,valid_until,due_by$)");
    REQUIRE(std::regex_match(rows.at(0), header));
    std::set<std::string> states, officers;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        std::smatch m;
        REQUIRE(std::regex_search(rows[i], m, std::regex(R"(^(\d+),.*,([A-Z-]+),(compliant|due_soon|expired|overdue|not_required),)")));
        states.insert(m[3]);
        officers.insert(m[1]);
    }
    CHECK(states == std::set<std::string>{"compliant", "due_soon", "expired", "overdue", "not_required"});
    CHECK(static_cast<int>(officers.size()) == serving);

    // Filtered to the overdue: every officer listed has an Overdue cell.
    auto overdue = hr.get("/training/compliance?state=overdue");
    REQUIRE(overdue.status == 200);
    CHECK_THAT(overdue.body, Catch::Contains("with a module Overdue"));
    const std::string body = overdue.body;
    const std::regex row(R"(<tr><th scope="row">[\s\S]*?</tr>)");
    int listed = 0;
    for (std::sregex_iterator it(body.begin(), body.end(), row), end; it != end; ++it) {
        ++listed;
        CHECK_THAT(it->str(), Catch::Contains("<strong>Overdue</strong>"));
    }
    CHECK(listed > 0);
    CHECK(listed < serving);
}

TEST_CASE("a county account sees the roll-up by station, the station commander reads the matrix", "[http][training]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser county(s), ocs(s);
    REQUIRE(county.login("hr.county").status == 303);
    auto rollUp = county.get("/training/compliance");
    CHECK(rollUp.status == 200);
    const std::string klm = q(s.db(), "SELECT org_unit_id FROM org_units WHERE code = 'KLM'");
    CHECK_THAT(rollUp.body, Catch::Contains("<a href=\"/training/compliance?station=" + klm + "\">Kilimani Police Station</a>") &&
                                Catch::Contains("Capitol Hill Police Station") && Catch::Contains("By station") &&
                                Catch::Contains("<svg role=\"img\"") && Catch::Contains("required qualifications are held"));
    // Capitol Hill has no completions in the demo: nothing held there.
    CHECK_THAT(rollUp.body, Catch::Matches("[\\s\\S]*Capitol Hill Police Station</a></td><td>\\d+</td><td>\\d+</td><td>0%</td>[\\s\\S]*"));
    const std::string cph = q(s.db(), "SELECT org_unit_id FROM org_units WHERE code = 'CPH'");
    CHECK(county.get("/training/compliance?station=" + cph).status == 200);
    REQUIRE(ocs.login("ocs").status == 303);
    CHECK(ocs.get("/training/compliance").status == 200);
    CHECK(ocs.get("/training/compliance?station=" + cph).status == 404);
}

TEST_CASE("a profile shows the officer's retraining record", "[http][training]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser hr(s);
    REQUIRE(hr.login("hr").status == 303);
    const std::string officer = q(s.db(), "SELECT MIN(officer_id) FROM training_completions WHERE passed = 1");
    auto page = hr.get("/officers/" + officer);
    REQUIRE(page.status == 200);
    CHECK_THAT(page.body, Catch::Contains("<h2>Retraining</h2>") && Catch::Contains("HR-UOF"));
}

TEST_CASE("admins edit the catalogue, a new rule puts every officer in scope with a due date", "[http][training]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser admin(s), hr(s);
    REQUIRE(admin.login("admin").status == 303);
    REQUIRE(hr.login("hr").status == 303);
    CHECK(hr.get("/training/modules/new").status == 403);  // a station HR account reads only

    admin.get("/training/modules/new");
    auto bad = admin.post("/training/modules/new", {{"code", "x"}, {"title", "Community policing"}});
    CHECK(bad.status == 400);
    CHECK_THAT(bad.body, Catch::Contains("There is a problem") && Catch::Contains("href=\"#code\"") &&
                             Catch::Contains("value=\"Community policing\""));
    auto created = admin.post("/training/modules/new", newModule("COM-POL"));
    REQUIRE(created.status == 303);
    const std::string id = moduleId(s.db(), "COM-POL");
    CHECK(created.header("location") == "/training/modules/" + id);
    // The same code again is refused at the code (another title: a new form, not a double click,
    // which would be answered with the first one's result).
    auto second = newModule("COM-POL");
    second["title"] = "Community policing and partnerships";
    auto again = admin.post("/training/modules/new", second);
    CHECK(again.status == 400);
    CHECK_THAT(again.body, Catch::Contains("A module with this code exists"));

    // Optional until a rule requires it of someone.
    CHECK_THAT(hr.get("/training/compliance").body, !Catch::Contains(">COM-POL<"));
    admin.get("/training/modules/" + id);
    auto rule = admin.post("/training/modules/" + id + "/requirements",
                           {{"kind", "all"}, {"effective_from", test::kToday}, {"due_days", "30"}});
    REQUIRE(rule.status == 303);
    auto matrix = hr.get("/training/compliance");
    CHECK_THAT(matrix.body, Catch::Contains(">COM-POL<"));
    auto csv = hr.get("/training/compliance.csv");
    int due = 0;
    for (const auto& l : lines(csv.body)) {
        if (l.find(",COM-POL,") != std::string::npos) {
            CHECK(l.find(",COM-POL,due_soon,,,") != std::string::npos);
            ++due;
        }
    }
    CHECK(due > 0);
    s.server().runMaintenance();
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM audit_events WHERE action IN ('training.module_create', "
                                 "'training.requirement_add') AND record_id = '" + id + "'") == 2);

    // A prerequisite may not lead back to the module.
    const std::string sgt = moduleId(s.db(), "PROM-SGT"), insp = moduleId(s.db(), "PROM-INSP");
    auto form = newModule("PROM-SGT");
    form["title"] = "Sergeant promotion course";
    form["category"] = "promotion";
    form["validity_months"] = "0";
    form["renewal_window_days"] = "0";
    form["version"] = q(s.db(), "SELECT version FROM training_modules WHERE training_module_id = " + sgt);
    form["prerequisite_id"] = insp;
    auto cycle = admin.post("/training/modules/" + sgt, form);
    CHECK(cycle.status == 400);
    CHECK_THAT(cycle.body, Catch::Contains("cannot require itself"));
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM training_prerequisites WHERE training_module_id = " + sgt) == 0);
}

TEST_CASE("national HR edits the catalogue, county HR does not", "[http][training]") {
    test::TestServer s;
    s.seedDemo();
    test::createAccount(s.db(), "hr.national", domain::Role::HrOfficer, "NPS");
    test::Browser national(s), county(s);
    REQUIRE(national.login("hr.national").status == 303);
    REQUIRE(county.login("hr.county").status == 303);
    CHECK(national.get("/training/modules/new").status == 200);
    CHECK(county.get("/training/modules/new").status == 403);
    national.get("/training/modules/new");
    CHECK(national.post("/training/modules/new", newModule("NAT-1")).status == 303);
}

TEST_CASE("a class's results recorded at once update the matrix, one transaction, one audit event", "[http][training]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    test::Browser hr(s);
    REQUIRE(hr.login("hr").status == 303);
    const std::string fa = moduleId(db, "FA-BASIC");
    // Officers of Kilimani with no first-aid pass at all: overdue.
    const auto never = [&] {
        std::vector<std::string> out;
        for (const auto& l : lines(hr.get("/training/compliance.csv").body)) {
            if (l.find(",FA-BASIC,overdue,") != std::string::npos) out.push_back(l.substr(l.find_first_of("0123456789"), 7));
        }
        return out;
    }();
    REQUIRE_FALSE(never.empty());
    std::map<std::string, std::string> form = {{"module_id", fa}, {"completed_on", "20/11/2026"}, {"passed", "yes"},
                                               {"score", "45"}, {"evidence_reference", "Red Cross class register 2026/41"}};
    auto page = hr.get("/training/completions/new");
    REQUIRE(page.status == 200);
    CHECK_THAT(page.body, Catch::Contains("Officers who attended"));
    const std::string a = q(db, "SELECT officer_id FROM officers WHERE service_number = '" + never[0] + "'");
    const int before = test::queryInt(db, "SELECT COUNT(*) FROM training_completions");
    // (A class of several ticked officers is recorded in the browser suite: this client sends
    // one value per field name.)
    form["officer_id"] = a;
    auto low = hr.post("/training/completions/new", form);
    CHECK(low.status == 400);
    CHECK_THAT(low.body, Catch::Contains("below the pass mark (70)") && Catch::Contains("Red Cross class register"));
    form["score"] = "82";
    auto done = hr.post("/training/completions/new", form);
    REQUIRE(done.status == 303);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM training_completions") == before + 1);
    CHECK(q(db, "SELECT CONCAT_WS('|', source, evidence_reference, LENGTH(certificate_code)) FROM training_completions "
                "WHERE officer_id = " + a + " AND training_module_id = " + fa) ==
          "external|Red Cross class register 2026/41|12");
    bool compliant = false;
    for (const auto& l : lines(hr.get("/training/compliance.csv").body)) {
        if (l.rfind(never[0] + ",", 0) == 0 && l.find(",FA-BASIC,") != std::string::npos) {
            compliant = l.find(",FA-BASIC,compliant,2026-11-20,2028-11-19,") != std::string::npos;
        }
    }
    CHECK(compliant);
    s.server().runMaintenance();
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'training.completions_record' AND "
                             "detail LIKE '%1 officer passed FA-BASIC on 2026-11-20%'") == 1);
}

TEST_CASE("a certificate shows its own completion's dates, anyone verifies it by code, each check audited",
          "[http][training]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    test::Browser hr(s), anyone(s);
    REQUIRE(hr.login("hr").status == 303);
    const std::string fa = moduleId(db, "FA-BASIC");
    const std::string officer = q(db, "SELECT o.officer_id FROM officers o JOIN org_units st ON st.org_unit_id = "
                                      "o.station_id WHERE st.code = 'KLM' AND o.status = 'active' ORDER BY o.officer_id LIMIT 1");
    auto record = [&](const std::string& on) {
        hr.get("/training/completions/new");
        REQUIRE(hr.post("/training/completions/new", {{"module_id", fa}, {"completed_on", on}, {"passed", "yes"},
                                                        {"evidence_reference", "Red Cross register"},
                                                        {"officer_id", officer}})
                    .status == 303);
        return q(db, "SELECT MAX(training_completion_id) FROM training_completions WHERE officer_id = " + officer);
    };
    // An old pass, expired; then a renewal (first aid: 24 months from the completion date, or
    // from the old expiry when renewed within 90 days before it).
    const std::string old = record("2020-03-02");
    const std::string renewal = record("2026-11-20");
    auto first = hr.get("/training/certificates/" + old);
    REQUIRE(first.status == 200);
    CHECK_THAT(first.body, Catch::Contains("Certificate of completion") && Catch::Contains("2 Mar 2020") &&
                               Catch::Contains("1 Mar 2022"));
    auto second = hr.get("/training/certificates/" + renewal);
    CHECK_THAT(second.body, Catch::Contains("20 Nov 2026") && Catch::Contains("19 Nov 2028"));
    CHECK_THAT(hr.get("/officers/" + officer).body, Catch::Contains("/training/certificates/" + renewal + "\""));

    const std::string oldCode = q(db, "SELECT certificate_code FROM training_completions WHERE training_completion_id = " + old);
    const std::string newCode = q(db, "SELECT certificate_code FROM training_completions WHERE training_completion_id = " + renewal);
    auto expired = anyone.get("/training/certificates/verify?code=" + oldCode);
    CHECK(expired.status == 200);
    CHECK_THAT(expired.body, Catch::Contains("Expired on 1 Mar 2022") && !Catch::Contains("National ID"));
    std::string spaced = newCode.substr(0, 4) + "%20" + newCode.substr(4, 4) + "-" + newCode.substr(8);
    for (auto& ch : spaced) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto valid = anyone.get("/training/certificates/verify?code=" + spaced);  // as typed from paper
    CHECK(valid.status == 200);
    CHECK_THAT(valid.body, Catch::Contains("<strong>Valid</strong>") && Catch::Contains("19 Nov 2028"));
    auto unknown = anyone.get("/training/certificates/verify?code=NOSUCHCODE12");
    CHECK(unknown.status == 404);
    CHECK_THAT(unknown.body, Catch::Contains("No certificate has the code"));
    s.server().runMaintenance();
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'training.certificate_verify'") == 3);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'training.certificate_verify' AND "
                             "outcome = 'unknown'") == 1);
}

TEST_CASE("certificate checks are rate-limited per address", "[http][training]") {
    test::TestServer s([](app::Config& c) { c.certificateChecksPerAddress = 3; });
    test::Browser anyone(s);
    for (int i = 0; i < 3; ++i) CHECK(anyone.get("/training/certificates/verify?code=ABCD" + std::to_string(i)).status == 404);
    auto limited = anyone.get("/training/certificates/verify?code=ABCD9");
    CHECK(limited.status == 429);
    CHECK_THAT(limited.body, Catch::Contains("Too many checks"));
    CHECK(anyone.get("/training/certificates/verify").status == 200);  // the form itself is not a check
}

TEST_CASE("reminders: each threshold once however often the job runs, shown on HR's home within scope",
          "[http][training]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    store::TrainingReminderStore reminders(db);
    const auto first = reminders.createDue(test::kToday);
    CHECK(first.created > 0);
    CHECK(first.stations == 2);
    const int stored = test::queryInt(db, "SELECT COUNT(*) FROM training_reminders");
    CHECK(stored == first.created);
    const auto second = reminders.createDue(test::kToday);
    CHECK(second.created == 0);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM training_reminders") == stored);
    // Every reminder is at one of the thresholds (0: overdue).
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM training_reminders WHERE threshold_days NOT IN (0, 7, 30, 60, 90)") == 0);
    // The next day: nothing new for the same thresholds, only what newly crossed one.
    const auto nextDay = reminders.createDue(domain::addDays(test::kToday, 1));
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM training_reminders") == stored + nextDay.created);

    test::Browser hr(s), other(s);
    REQUIRE(hr.login("hr").status == 303);
    REQUIRE(other.login("hr.other").status == 303);
    const int klm = test::queryInt(db, "SELECT COUNT(*) FROM training_reminders r JOIN officers o ON o.officer_id = "
                                       "r.officer_id JOIN org_units st ON st.org_unit_id = o.station_id WHERE st.code = 'KLM'");
    auto home = hr.get("/");
    CHECK_THAT(home.body, Catch::Contains("href=\"/training/reminders\"") &&
                              Catch::Contains("Retraining reminders: " + std::to_string(klm)));
    auto page = hr.get("/training/reminders");
    CHECK(page.status == 200);
    CHECK_THAT(page.body, Catch::Contains(std::to_string(klm) + " reminders") && Catch::Contains("Overdue since"));
    auto theirs = other.get("/training/reminders");
    CHECK_THAT(theirs.body, !Catch::Contains("Kilimani Police Station</td>"));
}

TEST_CASE("20 simultaneous enrolments into 10 places: exactly 10 enrolled, the rest told it is full", "[db][training]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    db.run([&](store::Connection& c) {
        c.execute("INSERT INTO training_offerings (training_module_id, org_unit_id, starts_on, ends_on, venue, trainer, "
                  "capacity) SELECT training_module_id, (SELECT org_unit_id FROM org_units WHERE code = 'KLM'), "
                  "'2027-02-01', '2027-02-03', 'Kilimani hall', 'Insp. Achieng', 10 FROM training_modules WHERE code = 'HR-UOF'");
    });
    const auto offering = std::stoll(q(db, "SELECT MAX(training_offering_id) FROM training_offerings"));
    std::vector<std::int64_t> officers;
    db.run([&](store::Connection& c) {
        std::unique_ptr<sql::ResultSet> rs(c.prepare("SELECT o.officer_id FROM officers o JOIN org_units st ON "
                                                     "st.org_unit_id = o.station_id WHERE st.code = 'KLM' ORDER BY "
                                                     "o.officer_id LIMIT 20").executeQuery());
        while (rs->next()) officers.push_back(rs->getInt64(1));
    });
    REQUIRE(officers.size() == 20);
    const std::string scope = q(db, "SELECT path FROM org_units WHERE code = 'KLM'");
    std::atomic<int> enrolled{0}, full{0}, other{0};
    std::mutex problemsMutex;
    std::vector<std::string> problems;
    std::vector<std::thread> threads;
    std::atomic<bool> go{false};
    for (auto officer : officers) {
        threads.emplace_back([&, officer] {
            while (!go) std::this_thread::yield();
            try {
                db.transaction([&](store::Connection& c) {
                    store::TrainingOfferingStore(db).enrol(c, scope, offering, {officer}, 0);
                });
                ++enrolled;
            } catch (const domain::ValidationError& e) {
                const auto& f = e.fieldErrors();
                if (f.count("officer_id") && f.at("officer_id").find("full") != std::string::npos) ++full;
                else ++other;
            } catch (const std::exception& e) {
                ++other;
                std::lock_guard<std::mutex> lock(problemsMutex);
                problems.push_back(e.what());
            }
        });
    }
    go = true;
    for (auto& t : threads) t.join();
    INFO((problems.empty() ? std::string() : problems.front()));
    CHECK(enrolled == 10);
    CHECK(full == 10);
    CHECK(other == 0);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM training_enrolments WHERE training_offering_id = " +
                                 std::to_string(offering)) == 10);
    CHECK(q(db, "SELECT enrolled FROM training_offerings WHERE training_offering_id = " + std::to_string(offering)) == "10");
}

TEST_CASE("bulk enrolment of a station's overdue and due: one action, one transaction, one audit event", "[http][training]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    test::Browser hr(s);
    REQUIRE(hr.login("hr").status == 303);
    hr.get("/training/offerings/new");
    auto created = hr.post("/training/offerings/new",
                           {{"module_id", moduleId(db, "FA-BASIC")}, {"host_id", q(db, "SELECT org_unit_id FROM org_units WHERE code = 'KLM'")},
                            {"starts_on", "01/02/2027"}, {"ends_on", "03/02/2027"}, {"venue", "Kilimani hall"},
                            {"trainer", "Kenya Red Cross"}, {"capacity", "200"}});
    REQUIRE(created.status == 303);
    const std::string offering = q(db, "SELECT MAX(training_offering_id) FROM training_offerings");
    // Who the matrix says is overdue, expired or due within 60 days for first aid.
    const int expected = static_cast<int>(dueOf(complianceOf(hr, "FA-BASIC")).size());
    REQUIRE(expected > 0);
    hr.get("/training/offerings/" + offering);
    auto bulk = hr.post("/training/offerings/" + offering + "/enrolments", {{"bulk", "due"}});
    REQUIRE(bulk.status == 303);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM training_enrolments WHERE training_offering_id = " + offering) == expected);
    s.server().runMaintenance();
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'training.enrol' AND record_id = '" +
                                 offering + "' AND detail LIKE '" + std::to_string(expected) + " officers enrolled in FA-BASIC (bulk%'") == 1);
    // Again: everyone due is already enrolled.
    auto again = hr.post("/training/offerings/" + offering + "/enrolments", {{"bulk", "due"}});
    CHECK(again.status == 303);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM training_enrolments WHERE training_offering_id = " + offering) == expected);
    // A module with a prerequisite: an officer who never passed it is refused, nothing written.
    hr.get("/training/offerings/new");
    REQUIRE(hr.post("/training/offerings/new",
                    {{"module_id", moduleId(db, "FA-TRAUMA")}, {"host_id", q(db, "SELECT org_unit_id FROM org_units WHERE code = 'KLM'")},
                     {"starts_on", "01/03/2027"}, {"ends_on", "01/03/2027"}, {"venue", "Hall"}, {"trainer", "St John"},
                     {"capacity", "5"}}).status == 303);
    const std::string trauma = q(db, "SELECT MAX(training_offering_id) FROM training_offerings");
    const std::string untrained = q(db, "SELECT o.officer_id FROM officers o JOIN org_units st ON st.org_unit_id = o.station_id "
                                        "WHERE st.code = 'KLM' AND NOT EXISTS (SELECT 1 FROM training_completions c WHERE "
                                        "c.officer_id = o.officer_id AND c.passed = 1 AND c.training_module_id = " +
                                        moduleId(db, "FA-BASIC") + ") ORDER BY o.officer_id LIMIT 1");
    hr.get("/training/offerings/" + trauma);
    auto refused = hr.post("/training/offerings/" + trauma + "/enrolments", {{"officer_id", untrained}});
    CHECK(refused.status == 400);
    CHECK_THAT(refused.body, Catch::Contains("Prerequisites first") && Catch::Contains("has not passed FA-BASIC"));
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM training_enrolments WHERE training_offering_id = " + trauma) == 0);
}

TEST_CASE("an offering's results: a pass updates compliance and gets a certificate, withdrawal frees a place",
          "[http][training]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    test::Browser hr(s);
    REQUIRE(hr.login("hr").status == 303);
    const std::string klm = q(db, "SELECT org_unit_id FROM org_units WHERE code = 'KLM'");
    hr.get("/training/offerings/new");
    REQUIRE(hr.post("/training/offerings/new", {{"module_id", moduleId(db, "DOB-USE")}, {"host_id", klm},
                                                 {"starts_on", "16/11/2026"}, {"ends_on", "18/11/2026"},
                                                 {"venue", "Kilimani report office"}, {"trainer", "Sgt. Wafula"},
                                                 {"capacity", "3"}}).status == 303);
    const std::string offering = q(db, "SELECT MAX(training_offering_id) FROM training_offerings");
    std::vector<std::string> officers;
    db.run([&](store::Connection& c) {
        std::unique_ptr<sql::ResultSet> rs(c.prepare(
            "SELECT o.officer_id FROM officers o WHERE o.station_id = " + klm + " AND NOT EXISTS (SELECT 1 FROM "
            "training_completions t WHERE t.officer_id = o.officer_id AND t.training_module_id = " + moduleId(db, "DOB-USE") +
            ") AND o.status = 'active' ORDER BY o.officer_id LIMIT 3").executeQuery());
        while (rs->next()) officers.push_back(rs->getString(1));
    });
    REQUIRE(officers.size() == 3);
    for (const auto& o : officers) {
        hr.get("/training/offerings/" + offering);
        REQUIRE(hr.post("/training/offerings/" + offering + "/enrolments", {{"officer_id", o}}).status == 303);
    }
    auto enrolment = [&](const std::string& officer) {
        return q(db, "SELECT training_enrolment_id FROM training_enrolments WHERE training_offering_id = " + offering +
                         " AND officer_id = " + officer);
    };
    // Full; one withdraws and the place is free again.
    CHECK(q(db, "SELECT enrolled FROM training_offerings WHERE training_offering_id = " + offering) == "3");
    REQUIRE(hr.post("/training/offerings/" + offering + "/enrolments/" + enrolment(officers[2]) + "/withdraw", {}).status == 303);
    CHECK(q(db, "SELECT enrolled FROM training_offerings WHERE training_offering_id = " + offering) == "2");
    // The same form again from this session is the double click (the first one's result); from
    // another session, the enrolment is no longer open.
    CHECK(hr.post("/training/offerings/" + offering + "/enrolments/" + enrolment(officers[2]) + "/withdraw", {}).status == 303);
    test::Browser hr2(s);
    REQUIRE(hr2.login("hr").status == 303);
    hr2.get("/training/offerings/" + offering);
    CHECK(hr2.post("/training/offerings/" + offering + "/enrolments/" + enrolment(officers[2]) + "/withdraw", {}).status == 404);
    CHECK(q(db, "SELECT enrolled FROM training_offerings WHERE training_offering_id = " + offering) == "2");

    // A pass below the pass mark is refused, with the input kept, and nothing recorded.
    const int before = test::queryInt(db, "SELECT COUNT(*) FROM training_completions");
    auto bad = hr.post("/training/offerings/" + offering + "/results",
                       {{"result_" + enrolment(officers[0]), "pass"}, {"score_" + enrolment(officers[0]), "40"},
                        {"result_" + enrolment(officers[1]), "absent"}});
    CHECK(bad.status == 400);
    CHECK_THAT(bad.body, Catch::Contains("is not a pass") && Catch::Contains("value=\"40\""));
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM training_completions") == before);
    auto ok = hr.post("/training/offerings/" + offering + "/results",
                      {{"result_" + enrolment(officers[0]), "pass"}, {"score_" + enrolment(officers[0]), "88"},
                       {"result_" + enrolment(officers[1]), "absent"}});
    REQUIRE(ok.status == 303);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM training_completions") == before + 1);
    CHECK(q(db, "SELECT CONCAT_WS('|', completed_on, passed, score, source, LENGTH(certificate_code)) FROM "
                "training_completions WHERE training_offering_id = " + offering) == "2026-11-18|1|88|offering|12");
    CHECK(q(db, "SELECT attendance FROM training_enrolments WHERE training_enrolment_id = " + enrolment(officers[1])) == "absent");
    bool compliant = false;
    const std::string number = q(db, "SELECT service_number FROM officers WHERE officer_id = " + officers[0]);
    for (const auto& l : lines(hr.get("/training/compliance.csv").body)) {
        if (l.rfind(number + ",", 0) == 0 && l.find(",DOB-USE,compliant,2026-11-18,") != std::string::npos) compliant = true;
    }
    CHECK(compliant);
    auto page = hr.get("/training/offerings/" + offering);
    CHECK_THAT(page.body, Catch::Contains("Passed (88)") && Catch::Contains("Absent") && Catch::Contains("Withdrawn"));
    s.server().runMaintenance();
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'training.results' AND detail LIKE "
                             "'DOB-USE: 2 results, 1 passed'") == 1);
}

TEST_CASE("a module's roster at a station: each officer it is required of or who holds it, state in words, dates, "
          "certificate of the newest pass", "[http][training]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    test::Browser hr(s), ocs(s), county(s), other(s), admin(s);
    REQUIRE(hr.login("hr").status == 303);
    const std::string klm = q(db, "SELECT org_unit_id FROM org_units WHERE code = 'KLM'");
    const std::regex rowRe(
        R"re(<tr><th scope="row"><a href="/officers/(\d+)">[^<]*</a></th><td>(\d+)</td><td>[^<]+</td><td class="state state-([a-z_]+)"><strong>([^<]+)</strong></td><td>([^<]*)</td><td>([^<]*)</td><td>(?:<a href="/training/certificates/(\d+)">)?)re");
    // HR-UOF is required of everyone; CP-INT only of two kinds of unit, but others hold it.
    for (const char* code : {"HR-UOF", "CP-INT"}) {
        INFO(code);
        const std::string module = moduleId(db, code);
        const auto page = hr.get("/training/modules/" + module);
        REQUIRE(page.status == 200);
        CHECK_THAT(page.body, Catch::Contains("<h2 id=\"roster\">Officers of Kilimani Police Station</h2>"));
        // The station's matrix decides who is listed and in which state.
        std::map<std::string, CsvCell> expected;
        for (const auto& [number, c] : complianceOf(hr, code)) {
            if (c.state != "not_required" || !c.last.empty()) expected[number] = c;
        }
        REQUIRE_FALSE(expected.empty());
        std::set<std::string> states, listed;
        const std::string& body = page.body;
        for (std::sregex_iterator it(body.begin(), body.end(), rowRe), end; it != end; ++it) {
            const auto& m = *it;
            const std::string officer = m[1], number = m[2], key = m[3], label = m[4], last = m[5], until = m[6],
                              certificate = m[7];
            INFO(number);
            REQUIRE(expected.count(number) == 1);
            const auto& c = expected.at(number);
            listed.insert(number);
            states.insert(key);
            CHECK(key == c.state);
            CHECK(label == std::map<std::string, std::string>{{"compliant", "Compliant"}, {"due_soon", "Due soon"},
                                                               {"expired", "Expired"}, {"overdue", "Overdue"},
                                                               {"not_required", "Not required"}}.at(key));
            CHECK(last == (c.last.empty() ? std::string("never") : domain::formatDateText(c.last)));
            if (!c.validUntil.empty()) CHECK_THAT(until, Catch::EndsWith(domain::formatDateText(c.validUntil)));
            else if (!c.dueBy.empty()) CHECK_THAT(until, Catch::EndsWith(domain::formatDateText(c.dueBy)));
            // The certificate of the newest pass, when there is one.
            const std::string newest = q(db, "SELECT COALESCE(MAX(training_completion_id), '') FROM training_completions "
                                             "WHERE officer_id = " + officer + " AND training_module_id = " + module +
                                             " AND passed = 1 AND completed_on = (SELECT MAX(completed_on) FROM "
                                             "training_completions WHERE officer_id = " + officer +
                                             " AND training_module_id = " + module + " AND passed = 1)");
            CHECK(certificate == newest);
        }
        CHECK(listed.size() == expected.size());
        CHECK_THAT(body, Catch::Contains("<strong>" + std::to_string(expected.size()) + " officers</strong>"));
        if (std::string(code) == "HR-UOF") {
            CHECK(states == std::set<std::string>{"compliant", "due_soon", "expired", "overdue"});
        } else {
            CHECK(states.count("not_required") == 1);  // held by officers of whom it is not required
        }
    }
    const std::string uof = moduleId(db, "HR-UOF");
    // The station commander reads it too; an admin reads the module but not the officers.
    REQUIRE(ocs.login("ocs").status == 303);
    CHECK_THAT(ocs.get("/training/modules/" + uof).body, Catch::Contains("<h2 id=\"roster\">"));
    REQUIRE(admin.login("admin").status == 303);
    const auto forAdmin = admin.get("/training/modules/" + uof + "?station=" + klm);
    CHECK(forAdmin.status == 200);
    CHECK_THAT(forAdmin.body, !Catch::Contains("id=\"roster\"") && !Catch::Contains("/officers/"));
    // A county account chooses the station; another station's HR finds no Kilimani.
    REQUIRE(county.login("hr.county").status == 303);
    const auto choose = county.get("/training/modules/" + uof);
    CHECK_THAT(choose.body, Catch::Contains("<select id=\"station\" name=\"station\">") &&
                                Catch::Contains("Capitol Hill Police Station</option>") && !Catch::Contains("/officers/"));
    const auto chosen = county.get("/training/modules/" + uof + "?station=" + klm);
    CHECK_THAT(chosen.body, Catch::Contains("Officers of Kilimani Police Station") &&
                                Catch::Contains("<option value=\"" + klm + "\" selected>"));
    REQUIRE(other.login("hr.other").status == 303);
    CHECK(other.get("/training/modules/" + uof + "?station=" + klm).status == 404);
    CHECK(county.get("/training/modules/" + uof + "?station=nowhere").status == 404);
}

TEST_CASE_METHOD(DemoWithHr, "the station's matrix lists who is due per module, with a bulk enrolment button for each "
                 "open offering that enrols exactly them", "[http][training]") {
    const std::string klm = q(db, "SELECT org_unit_id FROM org_units WHERE code = 'KLM'");
    const std::string fa = moduleId(db, "FA-BASIC"), uof = moduleId(db, "HR-UOF"), dob = moduleId(db, "DOB-USE");
    // The demo's first-aid course still to come at Kilimani.
    const std::string open = q(db, "SELECT training_offering_id FROM training_offerings WHERE training_module_id = " + fa +
                                       " AND starts_on > '" + test::kToday + "'");
    REQUIRE_FALSE(open.empty());

    const auto page = hr.get("/training/compliance");
    REQUIRE(page.status == 200);
    const std::string list = worklistOf(page.body, fa);
    const auto listed = listedIn(list);
    const auto cells = complianceOf(hr, "FA-BASIC");
    std::set<std::string> numbers, ids;
    std::string previous;
    for (const auto& [id, number] : listed) {
        numbers.insert(number);
        ids.insert(id);
        const std::string deadline = cells.at(number).deadline();
        CHECK(previous <= deadline);  // the most urgent first
        previous = deadline;
    }
    CHECK(numbers == dueOf(cells));
    REQUIRE(listed.size() > 1);
    const std::string n = std::to_string(listed.size());
    CHECK_THAT(list, Catch::Contains("FA-BASIC First aid: " + n + " officers") &&
                         Catch::Contains("<form method=\"post\" action=\"/training/offerings/" + open + "/enrolments\"") &&
                         Catch::Contains("name=\"bulk\" value=\"due\"") &&
                         Catch::Contains("name=\"station\" value=\"" + klm + "\"") &&
                         Catch::Contains(">Enrol these " + n + " in FA-BASIC at Kilimani Police Station, briefing hall (from " +
                                         domain::formatDateText(domain::addDays(test::kToday, 16)) + ", 60 places left)</button>"));
    // Pressed: exactly the officers listed are enrolled, and HR lands on the offering.
    const auto pressed = hr.post("/training/offerings/" + open + "/enrolments", {{"bulk", "due"}, {"station", klm}});
    REQUIRE(pressed.status == 303);
    CHECK(pressed.header("location") == "/training/offerings/" + open);
    CHECK(enrolledIn(db, open) == ids);
    const std::string after = worklistOf(hr.get("/training/compliance").body, fa);
    CHECK_THAT(after, Catch::Contains("All of them are enrolled.") && !Catch::Contains("name=\"bulk\""));

    // Nothing open: said, with the way to plan an offering of the module.
    CHECK_THAT(worklistOf(page.body, uof), Catch::Contains("No offering of HR-UOF is open to Kilimani Police Station.") &&
                                               Catch::Contains("href=\"/training/offerings/new?module=" + uof + "\""));
    CHECK_THAT(hr.get("/training/offerings/new?module=" + uof).body, Catch::Contains("<option value=\"" + uof + "\" selected>"));
    // Fewer places than officers due: the offering's own page chooses whom.
    hr.get("/training/offerings/new");
    REQUIRE(hr.post("/training/offerings/new", {{"module_id", uof}, {"host_id", klm}, {"starts_on", "11/01/2027"},
                                                 {"ends_on", "12/01/2027"}, {"venue", "Kilimani hall"},
                                                 {"trainer", "Insp. Achieng"}, {"capacity", "3"}}).status == 303);
    const std::string small = q(db, "SELECT MAX(training_offering_id) FROM training_offerings");
    const std::string few = worklistOf(hr.get("/training/compliance").body, uof);
    CHECK_THAT(few, Catch::Contains("<a href=\"/training/offerings/" + small + "\">HR-UOF at Kilimani hall (from 11 Jan 2027, 3 places left)</a>") &&
                        Catch::Contains("Fewer places are left than the") && !Catch::Contains("name=\"bulk\""));

    // Some of them have not passed the prerequisite: they are marked, and the offering's page
    // chooses whom (the enrolment would refuse them all).
    const std::string sup = moduleId(db, "DOB-SUP"), use = moduleId(db, "DOB-USE");
    hr.get("/training/offerings/new");
    REQUIRE(hr.post("/training/offerings/new", {{"module_id", sup}, {"host_id", klm}, {"starts_on", "25/01/2027"},
                                                 {"ends_on", "25/01/2027"}, {"venue", "Kilimani report office"},
                                                 {"trainer", "Sgt. Wafula"}, {"capacity", "200"}}).status == 303);
    const std::string supList = worklistOf(hr.get("/training/compliance").body, sup);
    int lacking = 0;
    for (const auto& [id, number] : listedIn(supList)) {
        lacking += test::queryInt(db, "SELECT COUNT(*) FROM training_completions WHERE passed = 1 AND officer_id = " + id +
                                          " AND training_module_id = " + use) == 0;
    }
    REQUIRE(lacking > 0);
    int marked = 0;
    for (auto at = supList.find("has not passed DOB-USE</li>"); at != std::string::npos;
         at = supList.find("has not passed DOB-USE</li>", at + 1)) {
        ++marked;
    }
    CHECK(marked == lacking);
    CHECK_THAT(supList, Catch::Contains(std::to_string(lacking) + " of them have not passed DOB-USE yet") &&
                            !Catch::Contains("name=\"bulk\""));

    // The station commander reads the worklists, without the forms.
    test::Browser ocs(s);
    REQUIRE(ocs.login("ocs").status == 303);
    const auto theirs = ocs.get("/training/compliance");
    CHECK(listedIn(worklistOf(theirs.body, uof)).size() == listedIn(worklistOf(page.body, uof)).size());
    CHECK_THAT(theirs.body, !Catch::Contains("name=\"bulk\"") && !Catch::Contains("/training/offerings/new?module="));

    // A county's course for a station chosen by a county account: the form names the station.
    test::Browser county(s);
    REQUIRE(county.login("hr.county").status == 303);
    county.get("/training/offerings/new");
    REQUIRE(county.post("/training/offerings/new", {{"module_id", dob}, {"host_id", q(db, "SELECT org_unit_id FROM org_units WHERE code = 'NRB'")},
                                                     {"starts_on", "18/01/2027"}, {"ends_on", "18/01/2027"},
                                                     {"venue", "Vigilance House"}, {"trainer", "ICT directorate"},
                                                     {"capacity", "100"}}).status == 303);
    const std::string countyCourse = q(db, "SELECT MAX(training_offering_id) FROM training_offerings");
    CHECK_THAT(worklistOf(hr.get("/training/compliance").body, dob), Catch::Contains("No offering of DOB-USE is open"));
    const std::string forCounty = worklistOf(county.get("/training/compliance?station=" + klm).body, dob);
    const auto due = listedIn(forCounty);
    REQUIRE_FALSE(due.empty());
    CHECK_THAT(forCounty, Catch::Contains("action=\"/training/offerings/" + countyCourse + "/enrolments\"") &&
                              Catch::Contains("name=\"station\" value=\"" + klm + "\"") &&
                              Catch::Contains("in DOB-USE at Vigilance House, run by Nairobi County (from 18 Jan 2027, 100 places left)"));
    REQUIRE(county.post("/training/offerings/" + countyCourse + "/enrolments", {{"bulk", "due"}, {"station", klm}}).status == 303);
    std::set<std::string> dueIds;
    for (const auto& [id, number] : due) dueIds.insert(id);
    CHECK(enrolledIn(db, countyCourse) == dueIds);
}

TEST_CASE_METHOD(DemoWithHr, "the demo station has offerings that ran, with their results, and one to come with places",
                 "[http][training]") {
    const std::string klm = q(db, "SELECT org_unit_id FROM org_units WHERE code = 'KLM'");
    const std::string past = " FROM training_offerings WHERE org_unit_id = " + klm + " AND ends_on < '" + test::kToday + "'";
    CHECK(test::queryInt(db, "SELECT COUNT(*)" + past) == 2);
    // Every enrolment of those has its result: passes and the failure are completions of the
    // offering dated its last day, passes with a certificate; the absent officer has none.
    const std::string results = " FROM training_enrolments e JOIN training_offerings f USING (training_offering_id) "
                                "LEFT JOIN training_completions c ON c.training_completion_id = e.training_completion_id "
                                "WHERE f.org_unit_id = " + klm + " AND f.ends_on < '" + test::kToday + "'";
    CHECK(test::queryInt(db, "SELECT COUNT(*)" + results + " AND e.attendance IS NULL") == 0);
    CHECK(test::queryInt(db, "SELECT COUNT(*)" + results + " AND e.attendance = 'absent' AND c.training_completion_id IS NULL") == 1);
    CHECK(test::queryInt(db, "SELECT COUNT(*)" + results + " AND c.passed = 0 AND c.training_offering_id = f.training_offering_id") == 1);
    CHECK(test::queryInt(db, "SELECT COUNT(*)" + results + " AND c.passed = 1 AND c.training_offering_id = f.training_offering_id "
                             "AND c.completed_on = f.ends_on AND LENGTH(c.certificate_code) = 12") == 6);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM training_offerings WHERE org_unit_id = " + klm + " AND starts_on > '" +
                                 test::kToday + "' AND enrolled < capacity") == 1);
    const auto list = hr.get("/training/offerings");
    CHECK_THAT(list.body, Catch::Contains("3 offerings") && Catch::Contains("HR-UOF Human rights and the use of force"));
    const std::string uof = q(db, "SELECT training_offering_id" + past + " AND training_module_id = " + moduleId(db, "HR-UOF"));
    CHECK_THAT(hr.get("/training/offerings/" + uof).body, Catch::Contains("Passed (76)") && Catch::Contains("Did not pass (52)") &&
                                                              Catch::Contains("4 officers enrolled"));
    // Seeding again adds none.
    s.seedDemo();
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM training_offerings") == 3);
}

TEST_CASE("hr.other at Capitol Hill gets 404 for Kilimani's matrix, offerings, enrolments and certificates",
          "[http][training]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    const std::string klm = q(db, "SELECT org_unit_id FROM org_units WHERE code = 'KLM'");
    const std::string offering = q(db, "SELECT MAX(training_offering_id) FROM training_offerings WHERE org_unit_id = " + klm);
    const std::string certificate = q(db, "SELECT MIN(c.training_completion_id) FROM training_completions c JOIN officers o "
                                          "ON o.officer_id = c.officer_id WHERE c.passed = 1 AND o.station_id = " + klm);
    const std::string officer = q(db, "SELECT MIN(officer_id) FROM officers WHERE station_id = " + klm);
    REQUIRE_FALSE(offering.empty());
    test::Browser hr(s), other(s);
    REQUIRE(hr.login("hr").status == 303);
    REQUIRE(other.login("hr.other").status == 303);
    for (const auto& path : {"/training/compliance?station=" + klm, "/training/compliance.csv?station=" + klm,
                             "/training/offerings/" + offering, "/training/certificates/" + certificate}) {
        INFO(path);
        CHECK(hr.get(path).status == 200);
        CHECK(other.get(path).status == 404);
    }
    const int before = test::queryInt(db, "SELECT COUNT(*) FROM training_enrolments");
    other.get("/training/offerings");
    CHECK(other.post("/training/offerings/" + offering + "/enrolments", {{"officer_id", officer}}).status == 404);
    CHECK(other.post("/training/offerings/" + offering + "/enrolments", {{"bulk", "due"}}).status == 404);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM training_enrolments") == before);
}
