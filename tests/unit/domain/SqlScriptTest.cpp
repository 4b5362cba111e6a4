// Migration statement splitting: semicolons inside quotes and comments do not split.
#include "domain/SqlScript.h"

#include <catch2/catch.hpp>

using kituo::domain::splitSqlStatements;

TEST_CASE("statements split at top-level semicolons", "[unit]") {
    auto s = splitSqlStatements("CREATE TABLE a (x INT);\n\nINSERT INTO a VALUES (1);  \n");
    REQUIRE(s.size() == 2);
    CHECK(s[0] == "CREATE TABLE a (x INT)");
    CHECK(s[1] == "INSERT INTO a VALUES (1)");
}

TEST_CASE("quotes, escapes and comments are respected", "[unit]") {
    auto s = splitSqlStatements(
        "-- header; with a semicolon\n"
        "INSERT INTO t VALUES ('a;b', \"c;d\", 'it''s', 'back\\'slash;');\n"
        "# hash comment;\n"
        "/* block; comment */ SELECT `we;ird` FROM t;\n"
        "SELECT 1 -- trailing; comment\n;");
    REQUIRE(s.size() == 3);
    CHECK(s[0] == "INSERT INTO t VALUES ('a;b', \"c;d\", 'it''s', 'back\\'slash;')");
    CHECK(s[1] == "SELECT `we;ird` FROM t");
    CHECK(s[2] == "SELECT 1");
}

TEST_CASE("empty scripts and lone semicolons give nothing", "[unit]") {
    CHECK(splitSqlStatements("").empty());
    CHECK(splitSqlStatements(" ;; \n -- only a comment\n").empty());
}
