// Confidential psychosocial support: only a case's counsellors (and their supervisors, and a
// live break-glass grant) reach it; everyone else gets 404 or 403 with no word of it; notes
// are sealed at rest (a database dump holds none of their text), a moved or altered note or a
// wrong key fails with a clear page; break-glass is reasoned, audited, shown, time-limited and
// reviewed.
#include "Support.h"

#include "domain/Role.h"
#include "store/DemoWelfareSeed.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

using namespace kituo;

namespace {

std::string q(store::Db& db, const std::string& sql) { return test::queryValue(db, sql); }

void exec(store::Db& db, const std::string& sql) {
    db.run([&](store::Connection& c) {
        c.execute(sql);
        return 0;
    });
}

// A case of `counsellor` with a note, and its newest session.
struct DemoCase {
    std::string id, session, officerSurname, note;
};

DemoCase caseOf(store::Db& db, const std::string& counsellor) {
    DemoCase d;
    d.id = q(db, "SELECT MIN(a.welfare_case_id) FROM welfare_case_counsellors a JOIN users u ON u.user_id = a.user_id "
                 "JOIN welfare_sessions s ON s.welfare_case_id = a.welfare_case_id AND s.note_sealed IS NOT NULL "
                 "WHERE u.username = '" + counsellor + "'");
    d.session = q(db, "SELECT MAX(welfare_session_id) FROM welfare_sessions WHERE note_sealed IS NOT NULL AND "
                      "welfare_case_id = " + d.id);
    d.officerSurname = q(db, "SELECT o.surname FROM welfare_cases c JOIN officers o ON o.officer_id = c.officer_id "
                             "WHERE c.welfare_case_id = " + d.id);
    return d;
}

// A phrase of each demo note (after its "Demo note (invented): " prefix), and of the notes the
// tests write: none may appear where a note must not.
std::vector<std::string> notePhrases() {
    std::vector<std::string> out = {"night of the flood"};
    for (const auto& note : store::demoNotes()) out.push_back(note.substr(22, 24));
    return out;
}

void checkSaysNothing(const std::string& body, const DemoCase& c, const std::string& where) {
    INFO(where);
    CHECK_THAT(body, !Catch::Contains(c.officerSurname));
    for (const auto& w : notePhrases()) {
        INFO(w);
        CHECK_THAT(body, !Catch::Contains(w));
    }
}

}  // namespace

TEST_CASE("a counsellor opens a case with consent, records a session with a note, and reads it back", "[http][welfare]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    test::Browser counsellor(s);
    REQUIRE(counsellor.login("counsellor").status == 303);
    auto desk = counsellor.get("/welfare/cases");
    REQUIRE(desk.status == 200);
    CHECK_THAT(desk.body, Catch::Contains("Counselling cases") && Catch::Contains("Follow-ups overdue") &&
                              Catch::Contains("High or imminent risk without a follow-up date"));

    const std::string number = q(db, "SELECT MAX(o.service_number) FROM officers o JOIN org_units s ON "
                                     "s.org_unit_id = o.station_id WHERE s.code = 'KLM'");
    counsellor.get("/welfare/cases/new");
    auto refused = counsellor.post("/welfare/cases/new", {{"service_number", number}, {"consent_reference", "WF-9"}});
    CHECK(refused.status == 400);
    CHECK_THAT(refused.body, Catch::Contains("A case is opened only with the officer"));
    CHECK_THAT(refused.body, Catch::Contains("value=\"WF-9\""));
    auto opened = counsellor.post("/welfare/cases/new",
                                  {{"service_number", number}, {"consent", "yes"}, {"consent_reference", "WF-9"}});
    REQUIRE(opened.status == 303);
    const std::string caseUrl = opened.header("location");
    REQUIRE(caseUrl.rfind("/welfare/cases/", 0) == 0);
    const std::string caseId = caseUrl.substr(15);
    CHECK(q(db, "SELECT LENGTH(data_key_wrapped) FROM welfare_cases WHERE welfare_case_id = " + caseId) == "144");

    const std::string note = "Talked about the night of the flood; officer wants to keep working days only.";
    std::map<std::string, std::string> form = {{"held_on", "20/11/2026"}, {"held_time", "25:00"}, {"duration_minutes", "50"},
                                               {"session_type", "individual"}, {"referral_source", "self"},
                                               {"concerns", "trauma"}, {"risk_level", "moderate"},
                                               {"follow_up_on", "27/11/2026"}, {"note", note}};
    counsellor.get(caseUrl);
    auto bad = counsellor.post(caseUrl + "/sessions", form);
    CHECK(bad.status == 400);
    CHECK_THAT(bad.body, Catch::Contains("Enter the time as hours and minutes") && Catch::Contains("night of the flood"));
    form["held_time"] = "10:30";
    auto done = counsellor.post(caseUrl + "/sessions", form);
    REQUIRE(done.status == 303);
    const std::string session = q(db, "SELECT MAX(welfare_session_id) FROM welfare_sessions WHERE welfare_case_id = " + caseId);
    CHECK(q(db, "SELECT held_at FROM welfare_sessions WHERE welfare_session_id = " + session) == "2026-11-20 07:30:00");
    CHECK(q(db, "SELECT note_key_version FROM welfare_sessions WHERE welfare_session_id = " + session) == "1");
    CHECK_THAT(q(db, "SELECT note_sealed FROM welfare_sessions WHERE welfare_session_id = " + session), !Catch::Contains("flood"));
    auto page = counsellor.get("/welfare/sessions/" + session);
    REQUIRE(page.status == 200);
    CHECK_THAT(page.body, Catch::Contains(note));
    CHECK(page.header("cache-control") == "no-store");
    s.server().runMaintenance();
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'welfare.note_read' AND record_id = '" +
                                 session + "' AND outcome = 'success'") == 1);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE detail LIKE '%flood%'") == 0);
}

TEST_CASE("nobody but the case's counsellors and their supervisor reaches a case, a session or a note", "[http][welfare]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    const auto mine = caseOf(db, "counsellor");
    REQUIRE_FALSE(mine.id.empty());
    const std::string officer = q(db, "SELECT officer_id FROM welfare_cases WHERE welfare_case_id = " + mine.id);

    test::Browser supervisor(s);
    REQUIRE(supervisor.login("supervisor").status == 303);
    CHECK(supervisor.get("/welfare/cases/" + mine.id).status == 200);  // supervises counsellor
    CHECK(supervisor.get("/welfare/sessions/" + mine.session).status == 200);

    // counsellor2 is a counsellor too, of other cases: this one does not exist for them.
    test::Browser other(s);
    REQUIRE(other.login("counsellor2").status == 303);
    for (const auto& path : {"/welfare/cases/" + mine.id, "/welfare/sessions/" + mine.session}) {
        auto r = other.get(path);
        CHECK(r.status == 404);
        checkSaysNothing(r.body, mine, "counsellor2 GET " + path);
    }
    other.get("/welfare/cases");
    auto post = other.post("/welfare/cases/" + mine.id + "/sessions",
                           {{"held_on", "20/11/2026"}, {"held_time", "10:00"}, {"duration_minutes", "50"},
                            {"session_type", "individual"}, {"referral_source", "self"}, {"concerns", "trauma"},
                            {"risk_level", "low"}});
    CHECK(post.status == 404);
    CHECK(other.post("/welfare/cases/" + mine.id + "/close", {{"outcome", "goals_met"}}).status == 404);
    CHECK_THAT(other.get("/welfare/cases").body, !Catch::Contains("/welfare/cases/" + mine.id + "\""));

    // Every other role: the counselling pages are not theirs (403), and nothing of the case
    // shows on the officer's profile, the roll's CSV or the audit trail.
    for (const char* name : {"admin", "hr", "ocs", "commander", "auditor", "hr.county"}) {
        test::Browser b(s);
        REQUIRE(b.login(name).status == 303);
        for (const auto& path : {std::string("/welfare/cases"), "/welfare/cases/" + mine.id, "/welfare/sessions/" + mine.session,
                                 std::string("/welfare/break-glass/reviews")}) {
            auto r = b.get(path);
            CHECK(r.status == 403);
            checkSaysNothing(r.body, mine, std::string(name) + " GET " + path);
        }
        auto home = b.get("/");
        CHECK_THAT(home.body, !Catch::Contains("/welfare/cases") && !Catch::Contains("/welfare/sessions"));
    }
    test::Browser hr(s), auditor(s);
    REQUIRE(hr.login("hr").status == 303);
    auto profile = hr.get("/officers/" + officer);
    REQUIRE(profile.status == 200);
    CHECK_THAT(profile.body, !Catch::Contains("ounsel") && !Catch::Contains("/welfare/cases") && !Catch::Contains("/welfare/sessions") && !Catch::Contains("Case "));
    checkSaysNothing(hr.get("/officers.csv").body, {mine.id, mine.session, "\x01", mine.note}, "the roll's CSV");
    s.server().runMaintenance();
    REQUIRE(auditor.login("auditor").status == 303);
    auto trail = auditor.get("/audit?record_type=welfare_session");
    REQUIRE(trail.status == 200);
    checkSaysNothing(trail.body, mine, "the audit trail");
}

TEST_CASE("a database dump holds no note's text", "[http][welfare]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    REQUIRE(test::queryInt(db, "SELECT COUNT(*) FROM welfare_sessions WHERE note_sealed IS NOT NULL") >= 8);
    const auto& st = s.schemaSettings();
    std::string socket = st.host.rfind("unix://", 0) == 0 ? st.host.substr(7) : "";
    const std::string out = "/tmp/kituo-welfare-dump-" + st.database + ".sql";
    const std::string cmd = "mariadb-dump --user='" + st.user + "' --password='" + st.password + "'" +
                            (socket.empty() ? std::string(" --host=127.0.0.1") : " --socket='" + socket + "'") +
                            " --skip-triggers --no-tablespaces '" + st.database + "' > '" + out + "' 2>/dev/null";
    REQUIRE(test::shell(cmd) == 0);
    std::ifstream in(out);
    std::stringstream dump;
    dump << in.rdbuf();
    std::remove(out.c_str());
    REQUIRE(dump.str().find("welfare_sessions") != std::string::npos);
    for (const auto& note : store::demoNotes()) {
        INFO(note);
        CHECK(dump.str().find(note.substr(22, 40)) == std::string::npos);
    }
}

TEST_CASE("a note moved to another row, altered, or read with another key fails with a clear page", "[http][welfare]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    const auto mine = caseOf(db, "counsellor");
    const std::string other = q(db, "SELECT MIN(welfare_session_id) FROM welfare_sessions WHERE note_sealed IS NOT NULL "
                                    "AND welfare_case_id = " + mine.id);
    REQUIRE(other != mine.session);
    test::Browser counsellor(s);
    REQUIRE(counsellor.login("counsellor").status == 303);
    REQUIRE(counsellor.get("/welfare/sessions/" + other).status == 200);

    auto unreadable = [&](const std::string& what) {
        auto r = counsellor.get("/welfare/sessions/" + other);
        INFO(what);
        CHECK(r.status == 500);
        CHECK_THAT(r.body, Catch::Contains("The note cannot be opened"));
        checkSaysNothing(r.body, {mine.id, mine.session, "\x01", ""}, what);
    };
    exec(db, "UPDATE welfare_sessions t JOIN welfare_sessions f ON f.welfare_session_id = " + mine.session +
                 " SET t.note_sealed = f.note_sealed WHERE t.welfare_session_id = " + other);
    unreadable("a note copied from another session");
    exec(db, "UPDATE welfare_sessions SET note_sealed = CONCAT(LEFT(note_sealed, 60), "
             "IF(SUBSTRING(note_sealed, 61, 1) = 'a', 'b', 'a'), SUBSTRING(note_sealed, 62)) WHERE welfare_session_id = " +
                 mine.session);
    auto altered = counsellor.get("/welfare/sessions/" + mine.session);
    CHECK(altered.status == 500);
    CHECK_THAT(altered.body, Catch::Contains("The note cannot be opened"));
    // The case's key wrapped under another master key (as after a key file swap): the case's
    // pages still answer, its notes do not open.
    const std::string third = q(db, "SELECT MAX(welfare_session_id) FROM welfare_sessions WHERE note_sealed IS NOT NULL "
                                    "AND welfare_case_id <> " + mine.id + " AND welfare_case_id IN (SELECT welfare_case_id "
                                    "FROM welfare_case_counsellors a JOIN users u ON u.user_id = a.user_id WHERE u.username = 'counsellor')");
    const std::string thirdCase = q(db, "SELECT welfare_case_id FROM welfare_sessions WHERE welfare_session_id = " + third);
    REQUIRE(counsellor.get("/welfare/sessions/" + third).status == 200);
    exec(db, "UPDATE welfare_cases SET data_key_wrapped = (SELECT w FROM (SELECT data_key_wrapped AS w FROM welfare_cases "
             "WHERE welfare_case_id = " + mine.id + ") x) WHERE welfare_case_id = " + thirdCase);
    CHECK(counsellor.get("/welfare/cases/" + thirdCase).status == 200);
    auto wrongKey = counsellor.get("/welfare/sessions/" + third);
    CHECK(wrongKey.status == 500);
    CHECK_THAT(wrongKey.body, Catch::Contains("The note cannot be opened") && Catch::Contains("request"));
    s.server().runMaintenance();
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'welfare.note_read' AND outcome = 'failure'") == 3);
}

TEST_CASE("break-glass: reasoned, audited, shown to the counsellors, over after 60 minutes, reviewed by another supervisor",
          "[http][welfare]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    const auto mine = caseOf(db, "counsellor");
    test::createAccount(db, "supervisor.far", domain::Role::ClinicalSupervisor, "KLM");
    test::Browser far(s), counsellor(s), supervisor(s);
    REQUIRE(far.login("supervisor.far").status == 303);
    const std::string caseUrl = "/welfare/cases/" + mine.id;
    CHECK(far.get(caseUrl).status == 404);  // supervises nobody on it

    far.get("/welfare/break-glass");
    auto shortReason = far.post("/welfare/break-glass", {{"case_number", mine.id}, {"reason", "urgent"}});
    CHECK(shortReason.status == 400);
    CHECK_THAT(shortReason.body, Catch::Contains("at least 20 characters"));
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM welfare_break_glass") == 0);
    CHECK(far.post("/welfare/break-glass", {{"case_number", "999999"},
                                            {"reason", "Officer called the hotline in crisis tonight"}}).status == 404);
    const std::string reason = "Officer called the hotline in crisis; counsellor unreachable tonight";
    auto granted = far.post("/welfare/break-glass", {{"case_number", mine.id}, {"reason", reason}});
    REQUIRE(granted.status == 303);
    auto page = far.get(caseUrl);
    REQUIRE(page.status == 200);
    CHECK_THAT(page.body, Catch::Contains("by emergency access"));
    CHECK(far.get("/welfare/sessions/" + mine.session).status == 200);

    REQUIRE(counsellor.login("counsellor").status == 303);
    auto seen = counsellor.get(caseUrl);
    CHECK_THAT(seen.body, Catch::Contains("Emergency access to this case") && Catch::Contains(reason) &&
                              Catch::Contains("waiting for review"));
    s.server().runMaintenance();
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'welfare.break_glass' AND record_id = '" +
                                 mine.id + "'") == 1);

    // The holder cannot review their own grant; another supervisor signs it off.
    const std::string grant = q(db, "SELECT MAX(welfare_break_glass_id) FROM welfare_break_glass");
    far.get("/welfare/break-glass/reviews");
    CHECK(far.post("/welfare/break-glass/" + grant + "/review", {{"review_note", "fine"}}).status == 404);
    REQUIRE(supervisor.login("supervisor").status == 303);
    auto reviews = supervisor.get("/welfare/break-glass/reviews");
    CHECK_THAT(reviews.body, Catch::Contains(reason));
    CHECK(supervisor.post("/welfare/break-glass/" + grant + "/review", {{"review_note", "Justified."}}).status == 303);
    CHECK_THAT(counsellor.get(caseUrl).body, Catch::Contains("reviewed by"));

    // Sixty minutes on, the case is gone again for the holder (the clock moves in steps shorter
    // than the counselling roles' 15-minute idle timeout, with a request at each).
    for (int i = 0; i < 4; ++i) {
        s.server().clock().advance(14 * 60);
        CHECK(far.get(caseUrl).status == 200);
    }
    s.server().clock().advance(3 * 60);  // 59 minutes
    CHECK(far.get(caseUrl).status == 200);
    s.server().clock().advance(2 * 60);
    CHECK(far.get(caseUrl).status == 404);
    CHECK(far.get("/welfare/sessions/" + mine.session).status == 404);
}

TEST_CASE("counselling statistics: counts by month, type and concern, no count from 1 to 4, no name, only in scope",
          "[http][welfare]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    const auto mine = caseOf(db, "counsellor");
    // Many sessions of one kind in October at Kilimani, so that some figures are large enough to show.
    for (int i = 0; i < 12; ++i) {
        exec(db, "INSERT INTO welfare_sessions (welfare_case_id, held_at, duration_minutes, session_type, referral_source, "
                 "concerns, risk_level, recorded_by) SELECT " + mine.id + ", '2026-10-" + std::to_string(10 + i) +
                     " 08:00:00', 50, 'individual', 'self', 'stress', 'low', opened_by FROM welfare_cases WHERE "
                     "welfare_case_id = " + mine.id);
    }
    const std::string klm = q(db, "SELECT org_unit_id FROM org_units WHERE code = 'KLM'");
    const std::string cph = q(db, "SELECT org_unit_id FROM org_units WHERE code = 'CPH'");
    test::Browser hr(s), ocs(s), county(s), other(s);
    REQUIRE(hr.login("hr").status == 303);
    auto page = hr.get("/welfare/stats?from=01/08/2026&to=30/11/2026");
    REQUIRE(page.status == 200);
    CHECK_THAT(page.body, Catch::Contains("Aug 2026 to Oct 2026"));  // November has not ended
    CHECK_THAT(page.body, Catch::Contains("Sessions by type") && Catch::Contains("Concerns named in sessions"));
    auto cells = [](const std::string& body) {
        std::vector<std::string> out;
        static const std::regex td("<td>([^<]*)</td>");
        for (std::sregex_iterator it(body.begin(), body.end(), td), end; it != end; ++it) out.push_back((*it)[1]);
        return out;
    };
    const auto shown = cells(page.body);
    REQUIRE(shown.size() > 20);
    bool large = false;
    for (const auto& c : shown) {
        INFO(c);
        CHECK_FALSE(std::regex_match(c, std::regex("[1-4]")));
        large = large || std::regex_match(c, std::regex("([5-9]|[1-9][0-9]+)"));
    }
    CHECK(large);
    CHECK_THAT(page.body, Catch::Contains("&lt;5") || Catch::Contains("<5"));
    checkSaysNothing(page.body, mine, "the statistics page");

    REQUIRE(ocs.login("ocs").status == 303);
    CHECK(ocs.get("/welfare/stats").status == 200);
    CHECK(ocs.get("/welfare/stats?station=" + cph).status == 404);
    REQUIRE(county.login("hr.county").status == 303);
    auto whole = county.get("/welfare/stats?from=01/08/2026&to=31/10/2026");
    REQUIRE(whole.status == 200);
    CHECK_THAT(whole.body, Catch::Contains("by station") && Catch::Contains("Kilimani Police Station"));
    for (const auto& c : cells(whole.body)) CHECK_FALSE(std::regex_match(c, std::regex("[1-4]")));
    CHECK(county.get("/welfare/stats?from=20/11/2026&to=23/11/2026").status == 400);  // no whole month ended
    REQUIRE(other.login("counsellor").status == 303);
    CHECK(other.get("/welfare/stats").status == 403);
}

TEST_CASE("the supervisor transfers a case to another counsellor they supervise, or adds one, nobody else can",
          "[http][welfare]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    const auto mine = caseOf(db, "counsellor");
    const std::string caseUrl = "/welfare/cases/" + mine.id;
    const std::string counsellor2 = q(db, "SELECT user_id FROM users WHERE username = 'counsellor2'");
    test::Browser supervisor(s), counsellor(s), other(s);
    REQUIRE(counsellor.login("counsellor").status == 303);
    REQUIRE(other.login("counsellor2").status == 303);
    REQUIRE(supervisor.login("supervisor").status == 303);
    // A counsellor cannot hand their case on.
    counsellor.get(caseUrl);
    CHECK(counsellor.post(caseUrl + "/transfer", {{"counsellor_id", counsellor2}}).status == 404);
    auto page = supervisor.get(caseUrl);
    CHECK_THAT(page.body, Catch::Contains("Transfer the case to them") && Catch::Contains("Joseph Kiprono"));
    const std::string hr = q(db, "SELECT user_id FROM users WHERE username = 'hr'");
    auto refused = supervisor.post(caseUrl + "/transfer", {{"counsellor_id", hr}});
    CHECK(refused.status == 400);
    CHECK_THAT(refused.body, Catch::Contains("Choose one of the counsellors you supervise"));
    CHECK(other.get(caseUrl).status == 404);
    REQUIRE(supervisor.post(caseUrl + "/counsellors", {{"counsellor_id", counsellor2}}).status == 303);
    CHECK(other.get(caseUrl).status == 200);
    CHECK(counsellor.get(caseUrl).status == 200);
    supervisor.get(caseUrl);
    REQUIRE(supervisor.post(caseUrl + "/transfer", {{"counsellor_id", counsellor2}}).status == 303);
    CHECK(counsellor.get(caseUrl).status == 404);
    CHECK(counsellor.get("/welfare/sessions/" + mine.session).status == 404);
    CHECK(other.get("/welfare/sessions/" + mine.session).status == 200);
    s.server().runMaintenance();
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE action IN ('welfare.case_transfer', "
                             "'welfare.case_assign') AND record_id = '" + mine.id + "'") == 2);
}

TEST_CASE("a supervisor's desk shows the caseload of each counsellor they supervise", "[http][welfare]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser supervisor(s), counsellor(s);
    REQUIRE(supervisor.login("supervisor").status == 303);
    auto desk = supervisor.get("/welfare/cases");
    REQUIRE(desk.status == 200);
    // The demo: counsellor has four open cases (one closed), counsellor2 three.
    CHECK_THAT(desk.body, Catch::Contains("Caseload of the counsellors you supervise") &&
                              Catch::Contains("<td>Dr. Amina Hassan</td><td>4</td>") &&
                              Catch::Contains("<td>Joseph Kiprono</td><td>3</td>"));
    REQUIRE(counsellor.login("counsellor").status == 303);
    CHECK_THAT(counsellor.get("/welfare/cases").body, !Catch::Contains("Caseload of the counsellors"));
}
