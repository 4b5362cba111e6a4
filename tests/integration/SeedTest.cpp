// The demo seed creates the organisation tree once; running it again changes nothing.
#include "Support.h"

#include "crypto/PasswordHasher.h"
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
    CHECK_THROWS_WITH(store::seedDemo(db, hasher, "short", test::kToday), Catch::Contains("KITUO_DEMO_PASSWORD"));
}

TEST_CASE("the demo seed is idempotent and builds a consistent tree", "[db]") {
    test::TestSchema schema;
    store::Db db(schema.settings());
    store::Migrator(db, test::sourceDir() + "/sql/migrations").migrate();
    store::OrgStore org(db);
    crypto::PasswordHasher hasher;
    const auto first = store::seedDemo(db, hasher, test::kDemoPassword, test::kToday);
    const auto second = store::seedDemo(db, hasher, test::kDemoPassword, test::kToday);
    CHECK(first.orgUnits == second.orgUnits);
    CHECK(first.orgUnits >= 10);
    CHECK(first.accountsCreated == 10);
    CHECK(first.officersCreated == 120);
    CHECK(second.officersCreated == 0);
    CHECK(second.accountsCreated == 0);
    CHECK(second.passwordsReset == 0);
    // A new demo password is applied to the existing accounts, and only then.
    const auto third = store::seedDemo(db, hasher, "Another-demo-password-2", test::kToday);
    CHECK(third.passwordsReset == 10);
    store::UserStore users(db);
    for (const auto& name : store::demoUsernames()) {
        auto u = users.findForSignIn(name);
        REQUIRE(u);
        CHECK(hasher.verify(u->passwordHash, "Another-demo-password-2"));
        CHECK_FALSE(u->mustChangePassword);
    }
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

TEST_CASE("the tree refuses a node under the wrong kind of parent", "[db]") {
    test::TestSchema schema;
    store::Db db(schema.settings());
    store::Migrator(db, test::sourceDir() + "/sql/migrations").migrate();
    crypto::PasswordHasher hasher;
    store::seedDemo(db, hasher, test::kDemoPassword, test::kToday);
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
