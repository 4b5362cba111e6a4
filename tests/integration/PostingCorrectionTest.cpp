// Correcting or cancelling a posting recorded by mistake, through the real pages: what changes,
// what the history and the audit trail keep, and every refusal writing nothing. Also: a failed
// transfer or officer form is shown again at an address that, reloaded, shows the same form.
#include "Support.h"

#include "store/OrgStore.h"

#include <catch2/catch.hpp>

using namespace kituo;

namespace {

std::string q(store::Db& db, const std::string& sql) { return test::queryValue(db, sql); }

std::string orgId(store::Db& db, const std::string& code) {
    return q(db, "SELECT org_unit_id FROM org_units WHERE code = '" + code + "'");
}

std::string version(store::Db& db, const std::string& officer) {
    return q(db, "SELECT version FROM officers WHERE officer_id = " + officer);
}

std::string openPosting(store::Db& db, const std::string& officer) {
    return q(db, "SELECT posting_id FROM postings WHERE to_date IS NULL AND officer_id = " + officer);
}

// Postings and corrections of one officer, as text: compared before and after a refusal.
std::string postingState(store::Db& db, const std::string& officer) {
    return q(db, "SELECT CONCAT(COUNT(*), ':', GROUP_CONCAT(CONCAT_WS('/', posting_id, station_id, IFNULL(unit_id, '-'), "
                 "from_date, IFNULL(to_date, 'open'), reference) ORDER BY posting_id)) FROM postings WHERE officer_id = " +
                     officer) +
           "|" + q(db, "SELECT COUNT(*) FROM posting_corrections WHERE officer_id = " + officer) + "|" +
           q(db, "SELECT CONCAT_WS('/', station_id, IFNULL(unit_id, '-'), version) FROM officers WHERE officer_id = " +
                     officer);
}

struct Moved {
    std::string officer, before, moved;  // the officer, their posting before the move, the move
};

// A Kilimani officer moved (by Kilimani's HR) to the CID unit on 2026-11-10.
Moved moveWithinKilimani(test::TestServer& s, test::Browser& hr) {
    auto& db = s.db();
    Moved m;
    m.officer = q(db, "SELECT o.officer_id FROM officers o JOIN org_units st ON st.org_unit_id = o.station_id "
                      "WHERE st.code = 'KLM' AND (o.unit_id IS NULL OR o.unit_id <> " + orgId(db, "KLM-CID") +
                      ") ORDER BY o.officer_id LIMIT 1");
    m.before = openPosting(db, m.officer);
    hr.get("/officers/" + m.officer);
    auto r = hr.post("/officers/" + m.officer + "/postings",
                     {{"station_id", orgId(db, "KLM")}, {"unit_id", orgId(db, "KLM-CID")}, {"from_date", "10/11/2026"},
                      {"reference", "MO/KLM/2026/301"}, {"version", version(db, m.officer)}});
    REQUIRE(r.status == 303);
    m.moved = openPosting(db, m.officer);
    REQUIRE(m.moved != m.before);
    return m;
}

std::string correctPath(const Moved& m) { return "/officers/" + m.officer + "/postings/" + m.moved + "/correct"; }

// The demo station with Kilimani's HR signed in, after a move within Kilimani to correct.
struct Moving {
    test::TestServer s;
    store::Db& db;
    test::Browser hr;
    Moved m;
    Moving() : db((s.seedDemo(), s.db())), hr(s) {
        REQUIRE(hr.login("hr").status == 303);
        m = moveWithinKilimani(s, hr);
    }
};

}  // namespace

TEST_CASE("cancelling a posting recorded by mistake reopens the one before, with the reason kept", "[http][officers]") {
    Moving f;
    auto& [s, db, hr, m] = f;
    const std::string unitBefore = q(db, "SELECT IFNULL(unit_id, '-') FROM postings WHERE posting_id = " + m.before);

    auto profile = hr.get("/officers/" + m.officer);
    CHECK_THAT(profile.body, Catch::Contains("href=\"" + correctPath(m) + "\""));
    auto form = hr.get(correctPath(m));
    REQUIRE(form.status == 200);
    CHECK_THAT(form.body, Catch::Contains("MO/KLM/2026/301") && Catch::Contains("10 Nov 2026"));

    auto done = hr.post(correctPath(m), {{"action", "cancel"}, {"reason", "Movement order MO/KLM/2026/301 withdrawn"},
                                         {"version", version(db, m.officer)}});
    REQUIRE(done.status == 303);
    CHECK(done.header("location") == "/officers/" + m.officer);
    CHECK(q(db, "SELECT COUNT(*) FROM postings WHERE posting_id = " + m.moved) == "0");
    CHECK(openPosting(db, m.officer) == m.before);
    CHECK(q(db, "SELECT IFNULL(unit_id, '-') FROM officers WHERE officer_id = " + m.officer) == unitBefore);
    CHECK(q(db, "SELECT CONCAT_WS('|', action, old_station_id, old_unit_id, old_from_date, old_reference, reason) "
                "FROM posting_corrections WHERE officer_id = " + m.officer) ==
          "cancel|" + orgId(db, "KLM") + "|" + orgId(db, "KLM-CID") +
              "|2026-11-10|MO/KLM/2026/301|Movement order MO/KLM/2026/301 withdrawn");
    s.server().runMaintenance();
    CHECK(q(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'posting.cancel' AND record_id = '" + m.officer +
                "' AND detail LIKE '%MO/KLM/2026/301%withdrawn%'") == "1");

    auto after = hr.get("/officers/" + m.officer);
    CHECK_THAT(after.body, Catch::Contains("Cancelled") && Catch::Contains("Movement order MO/KLM/2026/301 withdrawn") &&
                               Catch::Contains("10 Nov 2026"));
    // The form existed for that posting only: it is gone, and so is its address.
    CHECK(hr.get(correctPath(m)).status == 404);
}

TEST_CASE("correcting the current posting changes it and the end of the one before, keeping what it was",
          "[http][officers]") {
    Moving f;
    auto& [s, db, hr, m] = f;
    hr.get(correctPath(m));
    auto done = hr.post(correctPath(m), {{"action", "correct"}, {"station_id", orgId(db, "KLM")},
                                         {"unit_id", orgId(db, "KLM-TRF")}, {"from_date", "07/11/2026"},
                                         {"reference", "MO/KLM/2026/301"}, {"reason", "Keyed against the wrong unit and date"},
                                         {"version", version(db, m.officer)}});
    REQUIRE(done.status == 303);
    CHECK(openPosting(db, m.officer) == m.moved);
    CHECK(q(db, "SELECT CONCAT_WS('|', unit_id, from_date) FROM postings WHERE posting_id = " + m.moved) ==
          orgId(db, "KLM-TRF") + "|2026-11-07");
    CHECK(q(db, "SELECT to_date FROM postings WHERE posting_id = " + m.before) == "2026-11-07");
    CHECK(q(db, "SELECT unit_id FROM officers WHERE officer_id = " + m.officer) == orgId(db, "KLM-TRF"));
    CHECK(q(db, "SELECT CONCAT_WS('|', action, old_unit_id, old_from_date) FROM posting_corrections WHERE officer_id = " +
                m.officer) == "correct|" + orgId(db, "KLM-CID") + "|2026-11-10");
    s.server().runMaintenance();
    CHECK(q(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'posting.correct' AND record_id = '" + m.officer +
                "'") == "1");
    auto after = hr.get("/officers/" + m.officer + "/postings");
    CHECK_THAT(after.body, Catch::Contains("Corrected") && Catch::Contains("corrected</span>") &&
                               Catch::Contains("Keyed against the wrong unit and date") && Catch::Contains("7 Nov 2026"));
}

TEST_CASE("refused corrections say why, keep the input and write nothing", "[http][officers]") {
    Moving f;
    auto& [s, db, hr, m] = f;
    const std::string state = postingState(db, m.officer);
    hr.get(correctPath(m));

    SECTION("no reason, no choice") {
        auto r = hr.post(correctPath(m), {{"reason", ""}, {"version", version(db, m.officer)}});
        CHECK(r.status == 400);
        CHECK_THAT(r.body, Catch::Contains("There is a problem") && Catch::Contains("href=\"#action\"") &&
                               Catch::Contains("href=\"#reason\"") && Catch::Contains("Enter the reason"));
    }
    SECTION("a date before the previous posting began, the typed values kept") {
        auto r = hr.post(correctPath(m), {{"action", "correct"}, {"station_id", orgId(db, "KLM")},
                                          {"from_date", "01/01/1990"}, {"reference", "MO/KLM/2026/301"},
                                          {"reason", "Wrong date typed"}, {"version", version(db, m.officer)}});
        CHECK(r.status == 400);
        CHECK_THAT(r.body, Catch::Contains("must begin after the previous one began") &&
                               Catch::Contains("value=\"01/01/1990\"") && Catch::Contains("value=\"Wrong date typed\""));
    }
    SECTION("a stale form") {
        auto r = hr.post(correctPath(m), {{"action", "cancel"}, {"reason", "Withdrawn"},
                                          {"version", std::to_string(std::stoi(version(db, m.officer)) - 1)}});
        CHECK(r.status == 409);
    }
    SECTION("a posting that is not the current one") {
        auto r = hr.post("/officers/" + m.officer + "/postings/" + m.before + "/correct",
                         {{"action", "cancel"}, {"reason", "Withdrawn"}, {"version", version(db, m.officer)}});
        CHECK(r.status == 404);
    }
    SECTION("the first posting can be corrected, not cancelled") {
        const std::string first = q(db, "SELECT o.officer_id FROM officers o JOIN org_units st ON st.org_unit_id = "
                                        "o.station_id WHERE st.code = 'KLM' AND (SELECT COUNT(*) FROM postings p WHERE "
                                        "p.officer_id = o.officer_id) = 1 ORDER BY o.officer_id LIMIT 1");
        const std::string firstState = postingState(db, first);
        auto r = hr.post("/officers/" + first + "/postings/" + openPosting(db, first) + "/correct",
                         {{"action", "cancel"}, {"reason", "Withdrawn"}, {"version", version(db, first)}});
        CHECK(r.status == 400);
        CHECK_THAT(r.body, Catch::Contains("first posting"));
        CHECK(postingState(db, first) == firstState);
    }
    SECTION("a station commander reads postings but cannot correct them") {
        test::Browser ocs(s);
        REQUIRE(ocs.login("ocs").status == 303);
        CHECK(ocs.get("/officers/" + m.officer + "/postings").status == 200);
        CHECK_THAT(ocs.get("/officers/" + m.officer).body, !Catch::Contains("/correct\""));
        CHECK(ocs.get(correctPath(m)).status == 403);
        CHECK(ocs.post(correctPath(m), {{"action", "cancel"}, {"reason", "x"}, {"version", version(db, m.officer)}})
                  .status == 403);
    }
    CHECK(postingState(db, m.officer) == state);
}

TEST_CASE("cancelling never returns an officer to a station outside the canceller's scope", "[http][officers]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    test::Browser county(s), other(s);
    REQUIRE(county.login("hr.county").status == 303);
    REQUIRE(other.login("hr.other").status == 303);
    const std::string officer = q(db, "SELECT o.officer_id FROM officers o JOIN org_units st ON st.org_unit_id = "
                                      "o.station_id WHERE st.code = 'KLM' ORDER BY o.officer_id LIMIT 1");
    county.get("/officers/" + officer);
    REQUIRE(county.post("/officers/" + officer + "/postings",
                        {{"station_id", orgId(db, "CPH")}, {"from_date", "2026-11-10"}, {"reference", "MO/NRB/2026/9"},
                         {"version", version(db, officer)}})
                .status == 303);
    const std::string state = postingState(db, officer);
    const std::string path = "/officers/" + officer + "/postings/" + openPosting(db, officer) + "/correct";
    other.get(path);
    auto r = other.post(path, {{"action", "cancel"}, {"reason", "Not ours"}, {"version", version(db, officer)}});
    CHECK(r.status == 400);
    CHECK_THAT(r.body, Catch::Contains("outside your scope"));
    CHECK(postingState(db, officer) == state);
    // County HR covers both stations: the cancellation goes through.
    county.get(path);
    CHECK(county.post(path, {{"action", "cancel"}, {"reason", "Wrong officer"}, {"version", version(db, officer)}})
              .status == 303);
    CHECK(q(db, "SELECT st.code FROM officers o JOIN org_units st ON st.org_unit_id = o.station_id WHERE officer_id = " +
                officer) == "KLM");
}

TEST_CASE("a failed form is shown again at an address that shows the same form", "[http][officers]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    test::Browser hr(s);
    REQUIRE(hr.login("hr").status == 303);
    const std::string officer = q(db, "SELECT o.officer_id FROM officers o JOIN org_units st ON st.org_unit_id = "
                                      "o.station_id WHERE st.code = 'KLM' ORDER BY o.officer_id LIMIT 1");
    // The officer forms post to their own pages.
    auto blank = hr.get("/officers/new");
    CHECK_THAT(blank.body, Catch::Contains("action=\"/officers/new\""));
    auto bad = hr.post("/officers/new", {{"surname", "Wanjiru"}});
    CHECK(bad.status == 400);
    CHECK_THAT(bad.body, Catch::Contains("There is a problem") && Catch::Contains("value=\"Wanjiru\"") &&
                             Catch::Contains("action=\"/officers/new\""));
    CHECK_THAT(hr.get("/officers/" + officer + "/edit").body,
               Catch::Contains("action=\"/officers/" + officer + "/edit\""));
    auto badEdit = hr.post("/officers/" + officer + "/edit", {{"surname", ""}, {"version", version(db, officer)}});
    CHECK(badEdit.status == 400);
    CHECK_THAT(badEdit.body, Catch::Contains("Enter the surname"));
    // A failed transfer is shown on the postings page, which is also a page of its own.
    hr.get("/officers/" + officer);
    auto badMove = hr.post("/officers/" + officer + "/postings",
                           {{"station_id", orgId(db, "KLM")}, {"from_date", "2026-11-10"}, {"reference", ""},
                            {"version", version(db, officer)}});
    CHECK(badMove.status == 400);
    CHECK_THAT(badMove.body, Catch::Contains("Postings of") && Catch::Contains("Enter the movement order") &&
                                 Catch::Contains("value=\"2026-11-10\""));
    auto page = hr.get("/officers/" + officer + "/postings");
    CHECK(page.status == 200);
    CHECK_THAT(page.body, Catch::Contains("Record a transfer") && !Catch::Contains("There is a problem"));
}
