// Migrations against the real database: order, records, idempotence, refusals.
#include "Support.h"

#include "crypto/Hash.h"
#include "store/Migrator.h"

#include <Poco/File.h>
#include <Poco/TemporaryFile.h>

#include <catch2/catch.hpp>

#include <fstream>

using namespace kituo;

namespace {

struct TempMigrations {
    TempMigrations() : dir(Poco::TemporaryFile::tempName()) { Poco::File(dir).createDirectories(); }
    ~TempMigrations() { Poco::File(dir).remove(true); }
    void write(const std::string& name, const std::string& text) {
        std::ofstream(dir + "/" + name) << text;
    }
    std::string dir;
};

std::vector<std::string> tables(store::Db& db) {
    return db.run([](store::Connection& c) {
        std::vector<std::string> names;
        std::unique_ptr<sql::ResultSet> rs(
            c.prepare("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                      "DATABASE() ORDER BY table_name").executeQuery());
        while (rs->next()) names.push_back(rs->getString(1));
        return names;
    });
}

}  // namespace

TEST_CASE("migrations apply in order, are recorded with checksums, and run once", "[db]") {
    test::TestSchema schema;
    store::Db db(schema.settings());
    TempMigrations m;
    // 0002 depends on 0001: applying out of order would fail.
    m.write("0002_add_b.sql", "CREATE TABLE b (a_id INT NOT NULL, FOREIGN KEY (a_id) REFERENCES a (id)) ENGINE=InnoDB;");
    m.write("0001_add_a.sql", "-- first\nCREATE TABLE a (id INT PRIMARY KEY) ENGINE=InnoDB;\nINSERT INTO a VALUES (1);");
    m.write("README.txt", "not a migration");
    store::Migrator migrator(db, m.dir);

    auto first = migrator.migrate();
    REQUIRE(first == std::vector<std::string>{"0001_add_a.sql", "0002_add_b.sql"});
    auto applied = migrator.applied();
    REQUIRE(applied.size() == 2);
    CHECK(applied[0].checksum == crypto::sha256Hex(
        "-- first\nCREATE TABLE a (id INT PRIMARY KEY) ENGINE=InnoDB;\nINSERT INTO a VALUES (1);"));

    CHECK(migrator.migrate().empty());  // idempotent
    CHECK(tables(db) == std::vector<std::string>{"a", "b", "schema_migrations"});

    m.write("0003_add_c.sql", "CREATE TABLE c (id INT) ENGINE=InnoDB;");
    CHECK(migrator.migrate() == std::vector<std::string>{"0003_add_c.sql"});
}

TEST_CASE("a migration edited after it was applied stops the migration, naming it", "[db]") {
    test::TestSchema schema;
    store::Db db(schema.settings());
    TempMigrations m;
    m.write("0001_add_a.sql", "CREATE TABLE a (id INT) ENGINE=InnoDB;");
    store::Migrator migrator(db, m.dir);
    migrator.migrate();
    m.write("0001_add_a.sql", "CREATE TABLE a (id BIGINT) ENGINE=InnoDB;");
    m.write("0002_add_b.sql", "CREATE TABLE b (id INT) ENGINE=InnoDB;");
    REQUIRE_THROWS_WITH(migrator.migrate(), Catch::Contains("0001_add_a.sql") &&
                                                Catch::Contains("changed"));
    CHECK(tables(db) == std::vector<std::string>{"a", "schema_migrations"});  // 0002 not applied
}

TEST_CASE("a failing migration is not recorded and names the file", "[db]") {
    test::TestSchema schema;
    store::Db db(schema.settings());
    TempMigrations m;
    m.write("0001_ok.sql", "CREATE TABLE a (id INT) ENGINE=InnoDB;");
    m.write("0002_broken.sql", "CREATE TABLE broken (id INT,, ) ENGINE=InnoDB;");
    store::Migrator migrator(db, m.dir);
    REQUIRE_THROWS_WITH(migrator.migrate(), Catch::Contains("0002_broken.sql"));
    REQUIRE(migrator.applied().size() == 1);
    m.write("0002_broken.sql", "CREATE TABLE fixed (id INT) ENGINE=InnoDB;");
    CHECK(migrator.migrate() == std::vector<std::string>{"0002_broken.sql"});
}

TEST_CASE("the repository's migrations apply cleanly to an empty database", "[db]") {
    test::TestSchema schema;
    store::Db db(schema.settings());
    store::Migrator migrator(db, test::sourceDir() + "/sql/migrations");
    auto applied = migrator.migrate();
    CHECK_FALSE(applied.empty());
    CHECK(migrator.migrate().empty());
}
