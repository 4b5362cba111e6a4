// Database URL parsing: TCP and socket forms, and errors that never echo the password.
#include "store/Db.h"

#include <catch2/catch.hpp>

using namespace kituo::store;

TEST_CASE("TCP URLs parse with a default port", "[unit]") {
    auto s = parseDbUrl("mysql://kituo:s%40cret@db.example:3307/kituo");
    CHECK(s.user == "kituo");
    CHECK(s.password == "s@cret");
    CHECK(s.host == "tcp://db.example:3307");
    CHECK(s.database == "kituo");
    CHECK(parseDbUrl("mysql://u:p@127.0.0.1/x").host == "tcp://127.0.0.1:3306");
    CHECK(describe(s) == "kituo@tcp://db.example:3307/kituo");
}

TEST_CASE("socket URLs parse", "[unit]") {
    auto s = parseDbUrl("mysql://kituo:pw@localhost/kituo_test?socket=/work/var/db/run/mysqld.sock");
    CHECK(s.host == "unix:///work/var/db/run/mysqld.sock");
    CHECK(s.database == "kituo_test");
}

TEST_CASE("malformed URLs are refused without echoing the password", "[unit]") {
    CHECK_THROWS_WITH(parseDbUrl("postgres://u:topsecret@h/db"), !Catch::Contains("topsecret"));
    CHECK_THROWS_WITH(parseDbUrl("mysql://u:topsecret@h/"), Catch::Contains("database name") &&
                                                                !Catch::Contains("topsecret"));
    CHECK_THROWS(parseDbUrl("mysql://:pw@h/db"));
    CHECK_THROWS_WITH(parseDbUrl("mysql://u:topsecret@h/db?bogus=1"), !Catch::Contains("topsecret"));
}

TEST_CASE("connection failures are told apart from statement errors", "[unit]") {
    CHECK(isConnectionError(2006));
    CHECK(isConnectionError(2013));
    CHECK(isConnectionError(2002));
    CHECK_FALSE(isConnectionError(1062));
    CHECK_FALSE(isConnectionError(1064));
}
