// Migration planning: ordering, idempotence, and every refusal.
#include "domain/MigrationPlan.h"

#include <catch2/catch.hpp>

using namespace kituo::domain;

namespace {
MigrationFile f(int v, const std::string& name, const std::string& sum) { return {v, name, sum}; }
AppliedMigration a(int v, const std::string& name, const std::string& sum) { return {v, name, sum}; }
}  // namespace

TEST_CASE("file names must be NNNN_name.sql", "[unit]") {
    CHECK(migrationVersion("0001_init.sql") == 1);
    CHECK(migrationVersion("0042_org_units_v2.sql") == 42);
    CHECK_FALSE(migrationVersion("001_short.sql"));
    CHECK_FALSE(migrationVersion("0001-init.sql"));
    CHECK_FALSE(migrationVersion("0001_.sql"));
    CHECK_FALSE(migrationVersion("0001_Init.sql"));
    CHECK_FALSE(migrationVersion("0001_init.txt"));
    CHECK_FALSE(migrationVersion("init.sql"));
}

TEST_CASE("pending migrations come in ascending order", "[unit]") {
    auto plan = planMigrations({f(3, "0003_c.sql", "c"), f(1, "0001_a.sql", "a"),
                                f(2, "0002_b.sql", "b")},
                               {});
    REQUIRE(plan.size() == 3);
    CHECK(plan[0].name == "0001_a.sql");
    CHECK(plan[1].name == "0002_b.sql");
    CHECK(plan[2].name == "0003_c.sql");
}

TEST_CASE("applied migrations are not applied again", "[unit]") {
    std::vector<MigrationFile> files = {f(1, "0001_a.sql", "a"), f(2, "0002_b.sql", "b")};
    CHECK(planMigrations(files, {a(1, "0001_a.sql", "a"), a(2, "0002_b.sql", "b")}).empty());
    auto plan = planMigrations(files, {a(1, "0001_a.sql", "a")});
    REQUIRE(plan.size() == 1);
    CHECK(plan[0].version == 2);
}

TEST_CASE("a changed applied migration is refused, naming it", "[unit]") {
    std::vector<MigrationFile> files = {f(1, "0001_a.sql", "a"), f(2, "0002_b.sql", "EDITED")};
    REQUIRE_THROWS_WITH(planMigrations(files, {a(1, "0001_a.sql", "a"), a(2, "0002_b.sql", "b")}),
                        Catch::Contains("0002_b.sql") && Catch::Contains("changed"));
}

TEST_CASE("a removed applied migration is refused", "[unit]") {
    REQUIRE_THROWS_WITH(planMigrations({f(1, "0001_a.sql", "a")},
                                       {a(1, "0001_a.sql", "a"), a(2, "0002_b.sql", "b")}),
                        Catch::Contains("0002_b.sql") && Catch::Contains("missing"));
}

TEST_CASE("duplicate numbers and out-of-order files are refused", "[unit]") {
    REQUIRE_THROWS_WITH(planMigrations({f(1, "0001_a.sql", "a"), f(1, "0001_b.sql", "b")}, {}),
                        Catch::Contains("0001_a.sql") && Catch::Contains("0001_b.sql"));
    REQUIRE_THROWS_WITH(planMigrations({f(1, "0001_a.sql", "a"), f(2, "0002_late.sql", "x"),
                                        f(3, "0003_c.sql", "c")},
                                       {a(1, "0001_a.sql", "a"), a(3, "0003_c.sql", "c")}),
                        Catch::Contains("0002_late.sql"));
}
