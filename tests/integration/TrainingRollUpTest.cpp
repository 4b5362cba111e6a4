// The county and national retraining roll-up: stored per-station summaries are what the page
// shows while they are current, and every kind of change that moves a station's compliance
// (a completion, a transfer, a rank, a unit's type, the catalogue, the day) makes that station,
// and only it, be computed again; national accounts see counties, each opening its stations.
#include "Support.h"

#include "domain/Role.h"
#include "store/OrgStore.h"

#include <catch2/catch.hpp>

#include <regex>

using namespace kituo;

namespace {

std::string q(store::Db& db, const std::string& sql) { return test::queryValue(db, sql); }

void exec(store::Db& db, const std::string& sql) {
    db.run([&](store::Connection& c) {
        c.execute(sql);
        return 0;
    });
}

// The rows of the roll-up's tables and its total line: what a reader compares.
std::string figures(const std::string& body) {
    std::string out;
    static const std::regex row("<tr><td>[\\s\\S]*?</tr>|Across [^<]*<strong>[^<]*</strong>[^<]*");
    for (std::sregex_iterator it(body.begin(), body.end(), row), end; it != end; ++it) out += it->str() + "\n";
    return out;
}

}  // namespace

TEST_CASE("the roll-up shows stored station numbers while current and recomputes a station after each kind of change",
          "[http][training]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    test::Browser county(s);
    REQUIRE(county.login("hr.county").status == 303);
    const std::string klm = q(db, "SELECT org_unit_id FROM org_units WHERE code = 'KLM'");
    const std::string cph = q(db, "SELECT org_unit_id FROM org_units WHERE code = 'CPH'");

    auto shown = [&] {
        auto page = county.get("/training/compliance");
        REQUIRE(page.status == 200);
        return figures(page.body);
    };
    auto computedAfresh = [&] {
        exec(db, "DELETE FROM training_station_summaries");
        return shown();
    };
    // Marks both stored summaries with an impossible officer count, keeping their keys: a
    // station shown with 999 was read from the store, any other was computed again.
    auto mark = [&] { exec(db, "UPDATE training_station_summaries SET officers = 999"); };
    auto recomputed = [&](const std::string& station) {
        return q(db, "SELECT officers FROM training_station_summaries WHERE station_id = " + station) != "999";
    };
    // The page once the marked summaries are dropped (so computed again): the numbers a reader
    // gets from the store must be those computed afresh.
    auto settled = [&] {
        exec(db, "DELETE FROM training_station_summaries WHERE officers = 999");
        return shown();
    };

    const std::string first = shown();
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM training_station_summaries") == 2);
    CHECK(first == computedAfresh());
    mark();
    CHECK_THAT(shown(), Catch::Contains("<td>999</td>"));  // read from the store, not computed
    CHECK_FALSE(recomputed(klm));

    SECTION("a completion recorded at a station") {
        exec(db, "INSERT INTO training_completions (officer_id, training_module_id, completed_on, passed, source) "
                 "SELECT MIN(o.officer_id), (SELECT training_module_id FROM training_modules WHERE code = 'FA-BASIC'), "
                 "'2026-11-20', 1, 'external' FROM officers o WHERE o.station_id = " + cph);
        shown();
        CHECK(recomputed(cph));
        CHECK_FALSE(recomputed(klm));
        const std::string now = settled();
        CHECK(now != first);
        CHECK(now == computedAfresh());
    }
    SECTION("an officer transferred: both stations") {
        const std::string officer = q(db, "SELECT MIN(officer_id) FROM officers WHERE station_id = " + klm);
        exec(db, "UPDATE postings SET to_date = '2026-11-22' WHERE officer_id = " + officer + " AND to_date IS NULL");
        exec(db, "INSERT INTO postings (officer_id, station_id, from_date) VALUES (" + officer + ", " + cph + ", '2026-11-23')");
        exec(db, "UPDATE officers SET station_id = " + cph + ", unit_id = NULL WHERE officer_id = " + officer);
        shown();
        CHECK(recomputed(klm));
        CHECK(recomputed(cph));
        CHECK(settled() == computedAfresh());
    }
    SECTION("a promotion") {
        exec(db, "UPDATE officers SET rank_id = (SELECT rank_id FROM ranks WHERE ordinal = 6), rank_since = '2026-11-01' "
                 "WHERE officer_id = (SELECT id FROM (SELECT MIN(officer_id) AS id FROM officers WHERE station_id = " + klm +
                 ") x)");
        shown();
        CHECK(recomputed(klm));
        CHECK_FALSE(recomputed(cph));
        CHECK(settled() == computedAfresh());
    }
    SECTION("a unit's type") {
        exec(db, "UPDATE org_units SET unit_type = 'child_protection' WHERE code = 'CPH-GD'");
        shown();
        CHECK(recomputed(cph));
        CHECK_FALSE(recomputed(klm));
        CHECK(settled() == computedAfresh());
    }
    SECTION("the catalogue: every station") {
        exec(db, "UPDATE data_versions SET version = version + 1 WHERE name = 'training'");
        shown();
        CHECK(recomputed(klm));
        CHECK(recomputed(cph));
    }
    SECTION("another day: every station") {
        exec(db, "UPDATE training_station_summaries SET computed_for = '2026-11-22'");
        shown();
        CHECK(recomputed(klm));
        CHECK(recomputed(cph));
        CHECK(q(db, "SELECT COUNT(DISTINCT computed_for) FROM training_station_summaries") == "1");
    }
}

TEST_CASE("a national account sees the roll-up by county, each county opening its stations, other places are 404",
          "[http][training]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    store::OrgStore org(db);
    const auto region = org.findByCode("NRB-R");
    const auto mombasa = org.ensure(region->id, domain::OrgKind::County, "MSA", "Mombasa County");
    const auto island = org.ensure(mombasa.id, domain::OrgKind::SubCounty, "MSA-IS", "Mvita Sub-County");
    org.ensure(island.id, domain::OrgKind::Station, "MSA-CEN", "Mombasa Central Police Station");
    test::createAccount(db, "hr.national", domain::Role::HrOfficer, "NPS");
    const std::string nrb = q(db, "SELECT org_unit_id FROM org_units WHERE code = 'NRB'");
    const std::string klm = q(db, "SELECT org_unit_id FROM org_units WHERE code = 'KLM'");
    const std::string msa = std::to_string(mombasa.id);

    test::Browser national(s), county(s);
    REQUIRE(national.login("hr.national").status == 303);
    auto page = national.get("/training/compliance");
    REQUIRE(page.status == 200);
    CHECK_THAT(page.body, Catch::Contains("<a href=\"/training/compliance?county=" + nrb + "\">Nairobi County</a>") &&
                              Catch::Contains("<a href=\"/training/compliance?county=" + msa + "\">Mombasa County</a>") &&
                              Catch::Contains("by county") && !Catch::Contains("By station"));
    auto nairobi = national.get("/training/compliance?county=" + nrb);
    REQUIRE(nairobi.status == 200);
    CHECK_THAT(nairobi.body, Catch::Contains("By station") && Catch::Contains("Kilimani Police Station") &&
                                 !Catch::Contains("Mombasa Central"));
    CHECK(national.get("/training/compliance?county=" + klm).status == 404);  // a station is not a county
    CHECK(national.get("/training/compliance?county=x").status == 404);

    REQUIRE(county.login("hr.county").status == 303);
    CHECK(county.get("/training/compliance?county=" + nrb).status == 200);
    CHECK(county.get("/training/compliance?county=" + msa).status == 404);  // outside Nairobi
    CHECK_THAT(county.get("/training/compliance").body, !Catch::Contains("Mombasa"));
}

TEST_CASE("every write that moves a station's compliance bumps that station's counter", "[db][training]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    const std::string klm = q(db, "SELECT org_unit_id FROM org_units WHERE code = 'KLM'");
    auto version = [&] { return test::queryInt(db, "SELECT COALESCE(MAX(version), 0) FROM station_versions WHERE station_id = " + klm); };
    const std::string officer = q(db, "SELECT MIN(officer_id) FROM officers WHERE station_id = " + klm);
    int v = version();
    exec(db, "UPDATE officers SET phone = '0712000111' WHERE officer_id = " + officer);
    CHECK(version() > v);
    v = version();
    exec(db, "INSERT INTO training_completions (officer_id, training_module_id, completed_on, passed, source) VALUES (" +
                 officer + ", (SELECT MIN(training_module_id) FROM training_modules), '2026-11-01', 0, 'external')");
    CHECK(version() > v);
    v = version();
    exec(db, "DELETE FROM training_completions WHERE officer_id = " + officer + " AND completed_on = '2026-11-01' AND passed = 0");
    CHECK(version() > v);
    v = version();
    exec(db, "UPDATE postings SET reference = 'KLM/2026/1' WHERE officer_id = " + officer + " AND to_date IS NULL");
    CHECK(version() > v);
    v = version();
    exec(db, "UPDATE org_units SET unit_type = 'cybercrime' WHERE code = 'KLM-CID'");
    CHECK(version() > v);
}
