// The nominal roll through the real pages and database: create with validation, duplicates,
// stale edits, transfers (atomic), scope, hostile input round-trips, search metacharacters,
// national ID masking, and the fixed query count of the list page.
#include "Support.h"

#include "domain/Csv.h"
#include "domain/Officer.h"
#include "store/Connection.h"
#include "store/DataVersions.h"
#include "store/OfficerStore.h"
#include "store/PostingStore.h"
#include "store/OrgStore.h"

#include <Poco/URI.h>

#include <catch2/catch.hpp>

using namespace kituo;

namespace {

std::string id(store::Db& db, const std::string& sql) { return test::queryValue(db, sql); }
int count(store::Db& db, const std::string& sql) { return test::queryInt(db, sql); }

std::string officerId(store::Db& db, const std::string& serviceNumber) {
    return id(db, "SELECT officer_id FROM officers WHERE service_number = '" + serviceNumber + "'");
}

std::map<std::string, std::string> newOfficer(test::TestServer& s, const std::string& number) {
    const std::string station = std::to_string(store::OrgStore(s.db()).findByCode("KLM")->id);
    const std::string unit = std::to_string(store::OrgStore(s.db()).findByCode("KLM-TRF")->id);
    return {{"service_number", number}, {"surname", "Chepkoech"}, {"other_names", "Faith Jepkemboi"},
            {"national_id", "31234567"}, {"gender", "F"}, {"date_of_birth", "1996-02-14"},
            {"enlistment_date", "2018-09-03"}, {"service", "KPS"}, {"rank_id", id(s.db(), "SELECT rank_id FROM ranks WHERE code = 'CPL'")},
            {"rank_since", "2023-01-09"}, {"status", "active"}, {"status_since", "2018-09-03"},
            {"phone", "0722 000111"}, {"station_id", station}, {"unit_id", unit},
            {"posted_since", "2018-09-03"}, {"reference", "PO/2018/77"}};
}

}  // namespace

TEST_CASE("HR adds an officer, errors keep the input, a duplicate service number is named", "[http][officers]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser hr(s);
    hr.login("hr");
    hr.get("/officers/new");
    auto fields = newOfficer(s, "3000001");
    fields["date_of_birth"] = "2003-01-01";  // 15 at enlistment
    fields["phone"] = "12345";
    auto bad = hr.post("/officers", fields);
    CHECK(bad.status == 400);
    CHECK_THAT(bad.body, Catch::Contains("Age at enlistment must be 18 to 35") &&
                             Catch::Contains("Kenyan mobile number") && Catch::Contains("value=\"Chepkoech\"") &&
                             Catch::Contains("value=\"PO/2018/77\""));
    CHECK(count(s.db(), "SELECT COUNT(*) FROM officers WHERE service_number = '3000001'") == 0);

    auto ok = hr.post("/officers", newOfficer(s, "3000001"));
    REQUIRE(ok.status == 303);
    auto profile = hr.get(ok.header("location"));
    CHECK_THAT(profile.body, Catch::Contains("3000001") && Catch::Contains("Chepkoech") &&
                                 Catch::Contains("+254722000111") && Catch::Contains("Traffic") &&
                                 Catch::Contains("31234567"));

    auto dup = newOfficer(s, "3000001");
    dup["national_id"] = "31234568";
    auto taken = hr.post("/officers", dup);
    CHECK(taken.status == 400);
    CHECK_THAT(taken.body, Catch::Contains("Another officer already has this service number."));
    auto dupId = newOfficer(s, "3000002");
    auto takenId = hr.post("/officers", dupId);
    CHECK_THAT(takenId.body, Catch::Contains("Another officer already has this national ID number."));
}

TEST_CASE("the rank must belong to the service", "[http][officers]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser hr(s);
    hr.login("hr");
    hr.get("/officers/new");
    auto f = newOfficer(s, "3000003");
    f["service"] = "DCI";
    f["rank_id"] = id(s.db(), "SELECT rank_id FROM ranks WHERE code = 'DIG'");
    f["rank_since"] = "2024-01-01";
    auto r = hr.post("/officers", f);
    CHECK(r.status == 400);
    CHECK_THAT(r.body, Catch::Contains("Deputy Inspector-General is not a rank of the Directorate"));
}

TEST_CASE("a stale edit gets 409, shows both, and loses no update", "[http][officers]") {
    test::TestServer s;
    s.seedDemo();
    const auto oid = officerId(s.db(), "2100000");
    test::Browser a(s), b(s);
    a.login("hr");
    b.login("hr");
    auto pageA = a.get("/officers/" + oid + "/edit");
    auto pageB = b.get("/officers/" + oid + "/edit");
    auto form = [](const std::string& html) {
        std::map<std::string, std::string> f;
        for (const char* k : {"surname", "other_names", "national_id", "date_of_birth", "enlistment_date",
                              "rank_since", "status_since", "phone", "version"}) {
            f[k] = test::inputValue(html, k);
        }
        return f;
    };
    auto fa = form(pageA.body), fb = form(pageB.body);
    for (auto* f : {&fa, &fb}) {
        (*f)["gender"] = id(s.db(), "SELECT gender FROM officers WHERE officer_id = " + oid);
        (*f)["service"] = id(s.db(), "SELECT service_code FROM officers WHERE officer_id = " + oid);
        (*f)["rank_id"] = id(s.db(), "SELECT rank_id FROM officers WHERE officer_id = " + oid);
        (*f)["status"] = "active";
    }
    fa["phone"] = "0700 111222";
    fb["phone"] = "0700 999888";
    fb["surname"] = "Overwritten";
    CHECK(a.post("/officers/" + oid, fa).status == 303);
    auto stale = b.post("/officers/" + oid, fb);
    CHECK(stale.status == 409);
    CHECK_THAT(stale.body, Catch::Contains("+254700111222") && Catch::Contains("+254700999888") &&
                               Catch::Contains("Overwritten") && Catch::Contains("not saved"));
    CHECK(id(s.db(), "SELECT phone FROM officers WHERE officer_id = " + oid) == "+254700111222");
    CHECK(id(s.db(), "SELECT surname FROM officers WHERE officer_id = " + oid) != "Overwritten");
}

TEST_CASE("a transfer closes the old posting and opens the new one", "[http][officers]") {
    test::TestServer s;
    s.seedDemo();
    const auto oid = officerId(s.db(), "2100000");
    test::Browser hr(s);
    hr.login("hr.county");  // county scope: may move officers between its stations
    auto page = hr.get("/officers/" + oid);
    const auto cph = std::to_string(store::OrgStore(s.db()).findByCode("CPH")->id);
    auto noRef = hr.post("/officers/" + oid + "/postings",
                         {{"station_id", cph}, {"from_date", "2026-11-01"}, {"reference", ""},
                          {"version", test::inputValue(page.body, "version")}});
    CHECK(noRef.status == 400);
    CHECK_THAT(noRef.body, Catch::Contains("movement order"));
    CHECK(count(s.db(), "SELECT COUNT(*) FROM postings WHERE officer_id = " + oid + " AND to_date IS NULL") == 1);
    auto moved = hr.post("/officers/" + oid + "/postings",
                         {{"station_id", cph}, {"from_date", "2026-11-01"}, {"reference", "MO/NRB/2026/15"},
                          {"version", test::inputValue(page.body, "version")}});
    CHECK(moved.status == 303);
    CHECK(count(s.db(), "SELECT COUNT(*) FROM postings WHERE officer_id = " + oid + " AND to_date IS NULL") == 1);
    CHECK(id(s.db(), "SELECT station_id FROM postings WHERE officer_id = " + oid + " AND to_date IS NULL") == cph);
    CHECK(id(s.db(), "SELECT station_id FROM officers WHERE officer_id = " + oid) == cph);
    CHECK(count(s.db(), "SELECT COUNT(*) FROM postings WHERE officer_id = " + oid + " AND to_date = '2026-11-01'") == 1);
    // Kilimani's HR no longer sees the officer.
    test::Browser local(s);
    local.login("hr");
    CHECK(local.get("/officers/" + oid).status == 404);
}

TEST_CASE("a failure half-way through a transfer leaves the old posting open", "[db][officers]") {
    test::TestServer s;
    s.seedDemo();
    const auto oid = std::stoll(officerId(s.db(), "2100000"));
    const auto before = id(s.db(), "SELECT posting_id FROM postings WHERE officer_id = " + std::to_string(oid) +
                                       " AND to_date IS NULL");
    store::NewPosting bad;
    bad.stationId = store::OrgStore(s.db()).findByCode("CPH")->id;
    bad.unitId = 987654321;  // no such unit: the insert fails after the old posting was closed
    bad.fromDate = "2026-11-01";
    bad.reference = "MO/1";
    const int version = std::stoi(id(s.db(), "SELECT version FROM officers WHERE officer_id = " + std::to_string(oid)));
    CHECK_THROWS(s.db().transaction([&](store::Connection& c) {
        store::PostingStore(s.db()).transfer(c, "/", oid, version, bad, 0);
    }));
    CHECK(id(s.db(), "SELECT posting_id FROM postings WHERE officer_id = " + std::to_string(oid) +
                         " AND to_date IS NULL") == before);
    CHECK(count(s.db(), "SELECT COUNT(*) FROM postings WHERE officer_id = " + std::to_string(oid) +
                            " AND to_date = '2026-11-01'") == 0);
}

TEST_CASE("the profile shows time at the station and flags more than three years", "[http][officers]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser hr(s);
    hr.login("hr");
    // Among the seeded roll, at least one officer has been at Kilimani for over three years.
    const auto longServing = id(s.db(),
        "SELECT p.officer_id FROM postings p JOIN org_units o ON o.org_unit_id = p.station_id "
        "WHERE p.to_date IS NULL AND o.code = 'KLM' AND p.from_date < DATE_SUB(CURDATE(), INTERVAL 5 YEAR) "
        "AND NOT EXISTS (SELECT 1 FROM postings q WHERE q.officer_id = p.officer_id AND q.station_id = p.station_id "
        "AND q.to_date IS NOT NULL) LIMIT 1");
    auto r = hr.get("/officers/" + longServing);
    CHECK(r.status == 200);
    CHECK_THAT(r.body, Catch::Contains("More than three years at this station") && Catch::Contains("years,"));
    const auto recent = id(s.db(),
        "SELECT officer_id FROM postings WHERE to_date IS NULL AND from_date > DATE_SUB(CURDATE(), INTERVAL 2 YEAR) LIMIT 1");
    CHECK_THAT(hr.get("/officers/" + recent).body, !Catch::Contains("More than three years"));
}

TEST_CASE("scope: list, CSV and profiles show only the actor's stations", "[http][officers][scope]") {
    test::TestServer s;
    s.seedDemo();
    const auto cphOfficer = officerId(s.db(), "2103700");
    const auto klmOfficer = officerId(s.db(), "2100000");
    test::Browser a(s), county(s), other(s);
    a.login("hr");
    county.login("hr.county");
    other.login("hr.other");
    CHECK(a.get("/officers/" + cphOfficer).status == 404);
    CHECK(a.get("/officers/" + klmOfficer).status == 200);
    CHECK(county.get("/officers/" + cphOfficer).status == 200);
    CHECK(county.get("/officers/" + klmOfficer).status == 200);
    CHECK(other.get("/officers/" + klmOfficer).status == 404);
    CHECK(a.get("/officers/" + cphOfficer + "/edit").status == 404);

    auto csv = domain::parseCsv(a.get("/officers.csv").body);
    CHECK(csv.rows.size() == 100);
    for (const auto& row : csv.rows) CHECK(row[13] == "KLM");
    CHECK(domain::parseCsv(county.get("/officers.csv").body).rows.size() == 120);
    auto list = a.get("/officers?q=21037");
    CHECK_THAT(list.body, Catch::Contains("No officers match"));
    // Asking for another station by id changes nothing: the scope still applies.
    const auto cph = std::to_string(store::OrgStore(s.db()).findByCode("CPH")->id);
    CHECK(domain::parseCsv(a.get("/officers.csv?station=" + cph).body).rows.empty());
}

TEST_CASE("filters, sort and paging live in the URL and the CSV follows the filter", "[http][officers]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser hr(s);
    hr.login("hr");
    auto first = hr.get("/officers");
    CHECK_THAT(first.body, Catch::Contains("Page 1 of 2 · 100 records"));
    CHECK_THAT(first.body, Catch::Contains("href=\"/officers?page=2\""));
    const auto constable = id(s.db(), "SELECT rank_id FROM ranks WHERE code = 'PC'");
    const int constables = count(s.db(), "SELECT COUNT(*) FROM officers o JOIN org_units st ON st.org_unit_id = "
                                         "o.station_id WHERE st.code = 'KLM' AND o.rank_id = " + constable +
                                         " AND o.status = 'active'");
    auto csv = domain::parseCsv(hr.get("/officers.csv?rank=" + constable + "&status=active&sort=service_number").body);
    CHECK(static_cast<int>(csv.rows.size()) == constables);
    for (const auto& row : csv.rows) {
        CHECK(row[8] == "Constable");
        CHECK(row[10] == "active");
    }
    for (std::size_t i = 1; i < csv.rows.size(); ++i) CHECK(csv.rows[i - 1][0] < csv.rows[i][0]);
    auto sorted = hr.get("/officers?sort=service_number&dir=desc");
    CHECK(sorted.body.find("2103663") < sorted.body.find("2103626"));
}

TEST_CASE("search treats SQL and LIKE metacharacters as plain text", "[http][officers]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser hr(s);
    hr.login("hr");
    for (const std::string q : {"%27%20OR%201%3D1%20--%20", "%25", "_", "%5C", "%22%3B%20DROP%20TABLE%20officers%3B"}) {
        auto r = hr.get("/officers?q=" + q);
        INFO(q);
        CHECK(r.status == 200);
        CHECK_THAT(r.body, Catch::Contains("No officers match"));
    }
    CHECK(count(s.db(), "SELECT COUNT(*) FROM officers") == 120);
    auto byName = hr.get("/officers?q=Wanjir%C5%A9-M%C5%A9thoni");
    CHECK_THAT(byName.body, Catch::Contains("Wanjirũ-Mũthoni"));
}

TEST_CASE("national IDs are shown in full to HR and masked to the station commander", "[http][officers]") {
    test::TestServer s;
    s.seedDemo();
    const auto oid = officerId(s.db(), "2100000");
    test::Browser hr(s), ocs(s);
    hr.login("hr");
    ocs.login("ocs");
    CHECK_THAT(hr.get("/officers/" + oid).body, Catch::Contains("20000000"));
    auto masked = ocs.get("/officers/" + oid);
    CHECK_THAT(masked.body, !Catch::Contains("20000000") && Catch::Contains("****0000"));
    CHECK_THAT(ocs.get("/officers.csv").body, !Catch::Contains(",20000000,") && Catch::Contains("****0000"));
    CHECK_THAT(masked.body, !Catch::Contains("Record a transfer") && !Catch::Contains("Edit details"));
}

TEST_CASE("the list runs the same number of queries for 10 or 50 rows", "[http][officers]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser hr(s);
    hr.login("hr");
    hr.get("/officers");  // warm up (prepared statements, session touch)
    // The counter is the database's, shared with the background audit sealer (every 200 ms):
    // the fewest of three runs is the page's own count.
    auto queriesFor = [&](const std::string& path) {
        std::uint64_t fewest = ~std::uint64_t{0};
        for (int run = 0; run < 3; ++run) {
            s.server().services().fragments.clear();  // measure the page as built, not as cached
            const auto before = s.db().statementsRun();
            REQUIRE(hr.get(path).status == 200);
            fewest = std::min<std::uint64_t>(fewest, s.db().statementsRun() - before);
        }
        return fewest;
    };
    const auto tenRows = queriesFor("/officers?q=21000");  // service numbers 2100000..2100009-ish
    const auto fiftyRows = queriesFor("/officers");
    const auto noRows = queriesFor("/officers?q=nobody");
    CHECK(tenRows == fiftyRows);
    CHECK(noRows <= fiftyRows);  // an empty result stops after counting
    CHECK(fiftyRows <= 5);       // session (with the data versions), stations in scope, count, page (+1 spare)
}

TEST_CASE("hostile names round-trip through form, list, profile, CSV export and re-import", "[http][officers]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser hr(s);
    hr.login("hr");
    hr.get("/officers/new");
    const std::string surname = "<script>alert('x')</script> \"O'Neil\" Wanjirũ 👮";
    const std::string otherNames = "Ñandú Çelik " + std::string(60, 'a') + "é";  // 74 characters
    auto f = newOfficer(s, "3000009");
    f["surname"] = surname;
    f["other_names"] = otherNames;
    auto created = hr.post("/officers", f);
    REQUIRE(created.status == 303);
    const auto oid = officerId(s.db(), "3000009");
    CHECK(id(s.db(), "SELECT surname FROM officers WHERE officer_id = " + oid) == surname);
    for (const auto& page : {hr.get("/officers/" + oid).body, hr.get("/officers?q=3000009").body}) {
        CHECK_THAT(page, !Catch::Contains("<script>alert") &&
                             Catch::Contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &quot;O&apos;Neil&quot; Wanjirũ 👮"));
    }
    auto tooLong = newOfficer(s, "3000010");
    tooLong["national_id"] = "39999999";
    tooLong["surname"] = std::string(101, 'b');
    CHECK_THAT(hr.post("/officers", tooLong).body, Catch::Contains("at most 100 characters"));

    const std::string csv = hr.get("/officers.csv?q=3000009").body;
    auto table = domain::parseCsv(csv);
    REQUIRE(table.rows.size() == 1);
    CHECK(table.rows[0][1] == surname);
    CHECK(table.rows[0][2] == otherNames);
    // Re-importing the exported file changes nothing.
    hr.get("/officers/import");
    const std::string boundary = "kituoBoundary7MA4YWxk";
    const std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" +
                             hr.csrf() + "\r\n--" + boundary +
                             "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roll.csv\"\r\n"
                             "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
    auto preview = s.send("POST", "/officers/import", body, "multipart/form-data; boundary=" + boundary,
                          {{"Cookie", "kituo_session=" + hr.cookie("kituo_session")}});
    CHECK(preview.status == 200);
    CHECK_THAT(preview.body, Catch::Contains("<strong>0</strong> new officers") &&
                                 Catch::Contains("<strong>1</strong> unchanged"));
}

TEST_CASE("the cached list follows every change, in this process and another", "[http][officers][cache]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser hr(s), ocs(s);
    hr.login("hr");
    ocs.login("ocs");
    CHECK_THAT(hr.get("/officers?q=3000020").body, Catch::Contains("No officers match"));
    // The same address for another role is a different fragment (no manage buttons).
    CHECK_THAT(hr.get("/officers").body, Catch::Contains("New officer"));
    const auto hitsBefore = s.server().services().fragments.hits();
    CHECK_THAT(hr.get("/officers").body, Catch::Contains("New officer"));  // served from the cache
    CHECK(s.server().services().fragments.hits() == hitsBefore + 1);
    CHECK_THAT(ocs.get("/officers").body, !Catch::Contains("New officer"));
    hr.get("/officers/new");
    REQUIRE(hr.post("/officers", newOfficer(s, "3000020")).status == 303);
    CHECK_THAT(hr.get("/officers?q=3000020").body, Catch::Contains("Chepkoech"));

    // A second server process on the same database changes the roll; the first sees it at once.
    auto config = test::testConfig(s.schemaUrl());
    auto other = app::makeServer(config);
    other->db().transaction([&](store::Connection& c) {
        auto in = store::OfficerStore(other->db()).findVisibleTo(
            [] {
                domain::Actor national;
                national.role = domain::Role::HrOfficer;
                national.scopePath = "/";
                return national;
            }(), std::stoll(officerId(s.db(), "3000020")));
        REQUIRE(in);
        auto fields = in->fields;
        fields.surname = "Renamed-Elsewhere";
        store::OfficerStore(other->db()).update(c, "/", in->id, in->version, fields);
    });
    CHECK_THAT(hr.get("/officers?q=3000020").body, Catch::Contains("Renamed-Elsewhere"));
}

TEST_CASE("posting history is read with the scope inside its query", "[db][officers][scope]") {
    test::TestServer s;
    s.seedDemo();
    const auto officerId = std::stoll(test::queryValue(
        s.db(), "SELECT o.officer_id FROM officers o JOIN org_units st ON st.org_unit_id = o.station_id "
                "WHERE st.code = 'KLM' ORDER BY o.officer_id LIMIT 1"));
    domain::Actor kilimani, capitol;
    kilimani.scopePath = test::queryValue(s.db(), "SELECT path FROM org_units WHERE code = 'KLM'");
    capitol.scopePath = test::queryValue(s.db(), "SELECT path FROM org_units WHERE code = 'CPH'");
    store::OfficerStore officers(s.db());
    CHECK_FALSE(store::PostingStore(s.db()).postings(kilimani, officerId).empty());
    CHECK(store::PostingStore(s.db()).postings(capitol, officerId).empty());
    CHECK(store::PostingStore(s.db()).postings(domain::Actor{}, officerId).empty());  // no scope sees nothing
}

TEST_CASE("the transfer worklist lists exactly who has served over three years, within scope", "[http][officers]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser hr(s), other(s), ocs(s);
    hr.login("hr");
    other.login("hr.other");
    ocs.login("ocs");
    auto page = hr.get("/officers/due-for-transfer");
    REQUIRE(page.status == 200);
    auto csv = hr.get("/officers/due-for-transfer.csv");
    REQUIRE(csv.status == 200);
    const auto lines = std::count(csv.body.begin(), csv.body.end(), '\n');
    CHECK(lines > 1);  // the demo roll has officers over three years at Kilimani
    const int rows = static_cast<int>(lines) - 1;
    CHECK_THAT(page.body, Catch::Contains(std::to_string(rows) + " officers within Kilimani Police Station"));
    // Every listed officer is a Kilimani officer; no Capitol Hill one appears.
    CHECK_THAT(csv.body, !Catch::Contains("Capitol Hill"));
    auto otherCsv = other.get("/officers/due-for-transfer.csv");
    CHECK_THAT(otherCsv.body, !Catch::Contains("Kilimani"));
    // The station commander reads the same list; the dashboard shows the count and links it.
    CHECK(ocs.get("/officers/due-for-transfer").status == 200);
    auto home = hr.get("/");
    CHECK_THAT(home.body, Catch::Contains("href=\"/officers/due-for-transfer\"") &&
                              Catch::Contains("Due for transfer: " + std::to_string(rows)));
    // A transfer to another station takes the officer off Kilimani's list (and restarts their
    // time at a station).
    const auto firstLine = csv.body.substr(csv.body.find('\n') + 1);
    const std::string serviceNumber = firstLine.substr(0, firstLine.find(','));
    const std::string id = test::queryValue(s.db(), "SELECT officer_id FROM officers WHERE service_number = '" +
                                                        serviceNumber + "'");
    const std::string version = test::queryValue(s.db(), "SELECT version FROM officers WHERE officer_id = " + id);
    const std::string county = test::queryValue(s.db(), "SELECT org_unit_id FROM org_units WHERE code = 'CPH'");
    test::Browser countyHr(s);
    countyHr.login("hr.county");
    countyHr.get("/officers/" + id);
    auto moved = countyHr.post("/officers/" + id + "/postings",
                               {{"station_id", county}, {"from_date", test::kToday}, {"reference", "MO/1/2026"},
                                {"version", version}});
    CHECK(moved.status == 303);
    auto after = hr.get("/officers/due-for-transfer.csv");
    CHECK(std::count(after.body.begin(), after.body.end(), '\n') == lines - 1);
    CHECK_THAT(after.body, !Catch::Contains(serviceNumber + ","));
    CHECK_THAT(countyHr.get("/officers/due-for-transfer.csv").body, !Catch::Contains(serviceNumber + ","));
}

TEST_CASE("the roll is searched as people search", "[http][officers]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser hr(s), ocs(s);
    hr.login("hr");
    ocs.login("ocs");
    hr.get("/officers/new");
    REQUIRE(hr.post("/officers", newOfficer(s, "3000077")).status == 303);  // Chepkoech, Faith Jepkemboi
    auto finds = [&](test::Browser& b, const std::string& q) {
        std::string encoded;
        Poco::URI::encode(q, "&=+#%?/ ,'", encoded);
        return b.get("/officers?q=" + encoded).body.find(">3000077<") != std::string::npos;
    };
    for (const char* q : {"Chepkoech Faith", "faith chepkoech", "Chepkoech, Faith", "  CHEPKOECH   jepkemboi ",
                          "Jepkemboi", "30000", "0722 000111", "0722000111", "+254722000111", "254722000111",
                          "722000111"}) {
        INFO(q);
        CHECK(finds(hr, q));
    }
    for (const char* q : {"Chepkoech Peter", "0722000112", "Faith Otieno"}) {
        INFO(q);
        CHECK_FALSE(finds(hr, q));
    }
    // A national ID finds the officer for HR only (the station commander sees IDs masked).
    CHECK(finds(hr, "31234567"));
    CHECK_FALSE(finds(ocs, "31234567"));
    // A page past the end shows the last page.
    auto past = hr.get("/officers?page=999");
    CHECK(past.status == 200);
    CHECK_THAT(past.body, Catch::Contains("Page 3 of 3") || Catch::Contains("page 3 of 3"));
}

TEST_CASE("a failed form lists its errors in form order under 'There is a problem', each tied to its field",
          "[http][officers]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser hr(s);
    hr.login("hr");
    hr.get("/officers/new");
    auto fields = newOfficer(s, "3000088");
    fields["surname"] = "";
    fields["phone"] = "12345";
    fields["date_of_birth"] = "31/02/1990";
    auto bad = hr.post("/officers", fields);
    REQUIRE(bad.status == 400);
    const auto& b = bad.body;
    CHECK_THAT(b, Catch::Contains("There is a problem") && Catch::Contains("autofocus"));
    const auto summary = b.substr(b.find("There is a problem"));
    const auto surname = summary.find("href=\"#surname\""), dob = summary.find("href=\"#date_of_birth\""),
               phone = summary.find("href=\"#phone\"");
    REQUIRE(surname != std::string::npos);
    REQUIRE(dob != std::string::npos);
    REQUIRE(phone != std::string::npos);
    CHECK(surname < dob);  // surname, then date of birth, then phone: as the form reads
    CHECK(dob < phone);
    CHECK_THAT(b, Catch::Contains("id=\"surname-error\"") && Catch::Contains("aria-describedby=\"surname-error\"") &&
                      Catch::Contains("Enter the surname."));
    CHECK_THAT(b, Catch::Contains("value=\"31/02/1990\""));  // what was typed is kept
    // A day-first date is read as such.
    fields["surname"] = "Chepkoech";
    fields["phone"] = "0722 000111";
    fields["date_of_birth"] = "14/02/1996";
    CHECK(hr.post("/officers", fields).status == 303);
    CHECK(test::queryValue(s.db(), "SELECT date_of_birth FROM officers WHERE service_number = '3000088'") == "1996-02-14");
}

TEST_CASE("the same form sent twice (a double click) is done once, the second gets the first's result",
          "[http][officers]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser hr(s);
    hr.login("hr");
    const std::string id = test::queryValue(
        s.db(), "SELECT o.officer_id FROM officers o JOIN org_units st ON st.org_unit_id = o.station_id "
                "WHERE st.code = 'KLM' ORDER BY o.officer_id LIMIT 1");
    hr.get("/officers/" + id);
    const std::map<std::string, std::string> transfer = {
        {"station_id", test::queryValue(s.db(), "SELECT org_unit_id FROM org_units WHERE code = 'KLM'")},
        {"unit_id", test::queryValue(s.db(), "SELECT org_unit_id FROM org_units WHERE code = 'KLM-CID'")},
        {"from_date", test::kToday},
        {"reference", "MO/77/2026"},
        {"version", test::queryValue(s.db(), "SELECT version FROM officers WHERE officer_id = " + id)}};
    const int before = test::queryInt(s.db(), "SELECT COUNT(*) FROM postings WHERE officer_id = " + id);
    auto first = hr.post("/officers/" + id + "/postings", transfer);
    auto second = hr.post("/officers/" + id + "/postings", transfer);  // stale version: a 409 if run again
    CHECK(first.status == 303);
    CHECK(second.status == 303);
    CHECK(second.header("location") == first.header("location"));
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM postings WHERE officer_id = " + id) == before + 1);
    s.server().runMaintenance();
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM audit_events WHERE action = 'officer.transfer' AND record_id = '" +
                                     id + "'") == 1);
    // A form that failed is not remembered: sent again after a fix, it runs.
    auto bad = transfer;
    bad["reference"] = "";
    CHECK(hr.post("/officers/" + id + "/postings", bad).status == 400);
    CHECK(hr.post("/officers/" + id + "/postings", bad).status == 400);
}

TEST_CASE("unit choices are grouped under their station", "[http][officers]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser county(s), hr(s);
    county.login("hr.county");
    hr.login("hr");
    auto form = county.get("/officers/new");
    CHECK_THAT(form.body, Catch::Contains("<optgroup label=\"Kilimani Police Station\">") &&
                              Catch::Contains("<optgroup label=\"Capitol Hill Police Station\">"));
    auto list = hr.get("/officers");
    CHECK_THAT(list.body, Catch::Contains("<optgroup label=\"Kilimani Police Station\">") &&
                              !Catch::Contains("Capitol Hill"));
}

TEST_CASE("a list page names a unit newer than its cached reference data by SQL", "[db][officers]") {
    test::TestServer s;
    s.seedDemo();
    store::OrgStore org(s.db());
    const auto klm = *org.findByCode("KLM");
    domain::Actor hr;
    hr.role = domain::Role::HrOfficer;
    hr.scopePath = klm.path;
    store::OfficerFilter f;
    f.q = "2100000";
    f.search = domain::parseRollSearch(f.q, true);
    const auto version = store::currentVersion(s.db(), "roll");
    store::OfficerStore officers(s.db());
    const auto before = officers.list(hr, f, version);  // the rank ladder and the tree cached at `version`
    REQUIRE(before.officers.size() == 1);
    CHECK(before.officers[0].stationName == klm.name);
    CHECK_FALSE(before.officers[0].rankName.empty());
    // A unit created, and the officer moved into it, after `version` was read.
    const auto unit = org.ensure(klm.id, domain::OrgKind::Unit, "KLM-MAR", "Marine Unit");
    s.db().run([&](store::Connection& c) {
        c.execute("UPDATE officers SET unit_id = " + std::to_string(unit.id) +
                  " WHERE officer_id = " + std::to_string(before.officers[0].id));
    });
    const auto after = officers.list(hr, f, version);
    REQUIRE(after.officers.size() == 1);
    CHECK(after.officers[0].unitName == "Marine Unit");
    CHECK(after.officers[0].rankName == before.officers[0].rankName);
    CHECK(after.officers[0].stationName == klm.name);
}
