// The demo seed creates the organisation tree once; running it again changes nothing. It never
// changes an existing account (no password reset, no second factor), audits every account it
// creates, and enrols the demo accounts whose role needs a second factor.
#include "Support.h"

#include "crypto/Keys.h"
#include "crypto/PasswordHasher.h"
#include "store/SecondFactorStore.h"
#include "store/DemoSeed.h"
#include "store/UserStore.h"
#include "store/Migrator.h"
#include "store/OrgStore.h"

#include <catch2/catch.hpp>

using namespace kituo;

TEST_CASE("the demo seed refuses a weak demo password", "[db]") {
    test::TestSchema schema;
    store::Db db(schema.settings());
    store::Migrator(db, test::sourceDir() + "/sql/migrations").migrate();
    crypto::PasswordHasher hasher;
    const auto keys = crypto::KeyRing::fromFile(test::testKeyFile());
    CHECK_THROWS_WITH(store::seedDemo(db, hasher, keys, "short", "", test::kToday), Catch::Contains("KITUO_DEMO_PASSWORD"));
}

TEST_CASE("the demo seed is idempotent and builds a consistent tree", "[db]") {
    test::TestSchema schema;
    store::Db db(schema.settings());
    store::Migrator(db, test::sourceDir() + "/sql/migrations").migrate();
    store::OrgStore org(db);
    crypto::PasswordHasher hasher;
    const auto keys = crypto::KeyRing::fromFile(test::testKeyFile());
    const auto first = store::seedDemo(db, hasher, keys, test::kDemoPassword, test::kTestTotpSecret, test::kToday);
    const auto second = store::seedDemo(db, hasher, keys, test::kDemoPassword, test::kTestTotpSecret, test::kToday);
    CHECK(first.orgUnits == second.orgUnits);
    CHECK(first.orgUnits >= 10);
    CHECK(first.accountsCreated == 11);
    CHECK(first.reservists == 48);
    CHECK(second.reservists == 0);
    CHECK(first.officersCreated == 120);
    CHECK(second.officersCreated == 0);
    CHECK(first.trainingOfferingsCreated == 3);
    CHECK(second.trainingOfferingsCreated == 0);
    CHECK(second.accountsCreated == 0);
    CHECK(first.secondFactorsEnrolled == 5);
    CHECK(second.secondFactorsEnrolled == 0);
    // A different demo password never reaches the existing accounts.
    const auto third = store::seedDemo(db, hasher, keys, "Another-demo-password-2", test::kTestTotpSecret, test::kToday);
    CHECK(third.accountsCreated == 0);
    store::UserStore users(db);
    for (const auto& name : store::demoUsernames()) {
        auto u = users.findForSignIn(name);
        REQUIRE(u);
        CHECK(hasher.verify(u->passwordHash, test::kDemoPassword));
        CHECK_FALSE(hasher.verify(u->passwordHash, "Another-demo-password-2"));
        CHECK_FALSE(u->mustChangePassword);
    }
    // Every account created is audited, once; enrolments too.
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'user.create' "
                             "AND actor_username = 'seed-demo'") == 11);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'second_factor.enrol' "
                             "AND actor_username = 'seed-demo'") == 5);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM user_second_factors f JOIN users u ON u.user_id = f.user_id "
                             "WHERE u.username IN ('admin','counsellor','counsellor2','supervisor','auditor') "
                             "AND f.secret IS NOT NULL") == 5);
    // The secret is stored sealed, never in clear.
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM user_second_factors WHERE secret LIKE '%3132333435%' "
                             "OR secret LIKE '%GEZDGNBV%'") == 0);
    CHECK(users.findForSignIn("hr.county")->scopePath == org.findByCode("NRB")->path);

    auto county = org.findByCode("NRB");
    auto kilimani = org.findByCode("KLM");
    auto capitol = org.findByCode("CPH");
    REQUIRE(county);
    REQUIRE(kilimani);
    REQUIRE(capitol);
    CHECK(domain::isWithin(kilimani->path, county->path));
    CHECK(domain::isWithin(capitol->path, county->path));
    CHECK_FALSE(domain::isWithin(capitol->path, kilimani->path));
    for (const auto& unit : org.subtree(kilimani->path)) {
        CHECK(domain::isWithin(unit.path, kilimani->path));
    }
    CHECK(org.subtree(kilimani->path).size() == 7);  // the station and its six units
}

TEST_CASE("the demo seed never changes an existing account, even one with a demo name", "[db]") {
    test::TestSchema schema;
    store::Db db(schema.settings());
    store::Migrator(db, test::sourceDir() + "/sql/migrations").migrate();
    crypto::PasswordHasher hasher;
    const auto keys = crypto::KeyRing::fromFile(test::testKeyFile());
    // A real installation: an "admin" account with its own password, not enrolled.
    store::OrgStore(db).ensure(std::nullopt, domain::OrgKind::National, "NPS", "National Police Service");
    store::NewUser real;
    real.username = "admin";
    real.displayName = "The real admin";
    real.role = domain::Role::Admin;
    real.orgUnitId = store::OrgStore(db).findByCode("NPS")->id;
    real.passwordHash = hasher.hash("the real admin's own password");
    real.mustChangePassword = false;
    const auto id = store::UserStore(db).create(real);
    const auto result = store::seedDemo(db, hasher, keys, test::kDemoPassword, test::kTestTotpSecret, test::kToday);
    CHECK(result.accountsCreated == 10);
    const auto admin = store::UserStore(db).findForSignIn("admin");
    CHECK(hasher.verify(admin->passwordHash, "the real admin's own password"));
    CHECK_FALSE(hasher.verify(admin->passwordHash, test::kDemoPassword));
    CHECK(admin->displayName == "The real admin");
    CHECK_FALSE(store::SecondFactorStore(db).find(id));  // no second factor planted
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'user.create' AND record_id = '" +
                                 std::to_string(id) + "'") == 0);
}

TEST_CASE("the tree refuses a node under the wrong kind of parent", "[db]") {
    test::TestSchema schema;
    store::Db db(schema.settings());
    store::Migrator(db, test::sourceDir() + "/sql/migrations").migrate();
    crypto::PasswordHasher hasher;
    store::seedDemo(db, hasher, crypto::KeyRing::fromFile(test::testKeyFile()), test::kDemoPassword, "", test::kToday);
    store::OrgStore org(db);
    const auto county = org.findByCode("NRB");
    REQUIRE(county);
    CHECK_THROWS_AS(org.ensure(county->id, domain::OrgKind::Station, "BAD", "Station under county"),
                    domain::ValidationError);
    CHECK_FALSE(org.findByCode("BAD"));
}

TEST_CASE("the properties file is read from the root and the environment wins", "[config]") {
    auto c = app::loadConfig({{"KITUO_ROOT", test::sourceDir()}, {"KITUO_PORT", "8099"}});
    CHECK(c.port == 8099);
    CHECK(c.templatesDir == "web/templates");
    CHECK(c.dbUrlFile == "var/db/app.url");
    CHECK_THROWS_WITH(app::loadConfig({{"KITUO_CONFIG", "/nonexistent/kituo.properties"}}),
                      Catch::Contains("KITUO_CONFIG"));
}

TEST_CASE("ops/run seeds the demo only on the private instance or with --demo", "[ops]") {
    const std::string lib = test::sourceDir() + "/ops/lib.sh";
    auto decide = [&](const std::string& env, const std::string& args) {
        return test::shell("env -u KITUO_DB_URL " + env + " bash -c 'source \"" + lib + "\" && should_seed_demo " +
                           args + "' >/dev/null 2>&1");
    };
    CHECK(decide("", "") == 0);                                           // private instance
    CHECK(decide("KITUO_DB_URL=mysql://u:p@db.example/kituo", "") != 0);  // a named database: never
    CHECK(decide("KITUO_DB_URL=mysql://u:p@db.example/kituo", "--demo") == 0);
}

TEST_CASE("kituo seed-demo enrols with KITUO_DEMO_TOTP_SECRET and refuses a bad one", "[db][ops]") {
    test::TestSchema schema;
    const std::string base = "env KITUO_DB_URL='" + schema.url() + "' KITUO_KEY_FILE='" + test::testKeyFile() +
                             "' KITUO_ROOT='" + test::sourceDir() + "' KITUO_DEMO_PASSWORD='" + test::kDemoPassword + "' ";
    CHECK(test::shell(base + "KITUO_DEMO_TOTP_SECRET='not base32!' " KITUO_BINARY " seed-demo >/dev/null 2>&1") == 65);
    REQUIRE(test::shell(base + "KITUO_DEMO_TOTP_SECRET=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ " KITUO_BINARY
                               " seed-demo >/dev/null 2>&1") == 0);
    // Again with another password and secret: nothing existing changes.
    REQUIRE(test::shell("env KITUO_DB_URL='" + schema.url() + "' KITUO_KEY_FILE='" + test::testKeyFile() +
                        "' KITUO_ROOT='" + test::sourceDir() + "' KITUO_DEMO_PASSWORD='Another-demo-password-2' "
                        "KITUO_DEMO_TOTP_SECRET=MZXW6YTBOIMZXW6YTBOI " KITUO_BINARY " seed-demo >/dev/null 2>&1") == 0);
    store::Db db(schema.settings());
    crypto::PasswordHasher hasher;
    CHECK(hasher.verify(store::UserStore(db).findForSignIn("admin")->passwordHash, test::kDemoPassword));
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM user_second_factors WHERE secret IS NOT NULL") == 5);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'user.create'") == 11);
}
