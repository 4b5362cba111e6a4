// Configuration layering (defaults < file < environment) and validation.
#include "app/Config.h"

#include <Poco/Util/MapConfiguration.h>

#include <catch2/catch.hpp>

using namespace kituo::app;

namespace {
Poco::AutoPtr<Poco::Util::MapConfiguration> fileWith(
    std::initializer_list<std::pair<const char*, const char*>> values) {
    Poco::AutoPtr<Poco::Util::MapConfiguration> m(new Poco::Util::MapConfiguration);
    for (const auto& [k, v] : values) m->setString(k, v);
    return m;
}
}  // namespace

TEST_CASE("defaults apply when neither file nor environment says anything", "[unit]") {
    auto c = makeConfig(*fileWith({}), {});
    CHECK(c.port == 8080);
    CHECK(c.host == "127.0.0.1");
    CHECK(c.maxBodyBytes == 4u * 1024 * 1024);
    CHECK(c.dbUrl.empty());
}

TEST_CASE("the file overrides defaults and the environment overrides the file", "[unit]") {
    auto file = fileWith({{"http.port", "9000"}, {"db.url", "mysql://f:p@h/db"},
                          {"http.maxBodyBytes", "2048"}, {"log.level", "warning"}});
    auto fromFile = makeConfig(*file, {});
    CHECK(fromFile.port == 9000);
    CHECK(fromFile.dbUrl == "mysql://f:p@h/db");
    CHECK(fromFile.maxBodyBytes == 2048);
    CHECK(fromFile.logLevel == "warning");

    auto fromEnv = makeConfig(*file, {{"KITUO_PORT", "9100"},
                                      {"KITUO_DB_URL", "mysql://e:p@h/db"},
                                      {"KITUO_LOG_LEVEL", "error"}});
    CHECK(fromEnv.port == 9100);
    CHECK(fromEnv.dbUrl == "mysql://e:p@h/db");
    CHECK(fromEnv.logLevel == "error");
    CHECK(fromEnv.maxBodyBytes == 2048);  // not overridden: the file's value stands
}

TEST_CASE("bad values are refused with the key's name", "[unit]") {
    CHECK_THROWS_WITH(makeConfig(*fileWith({}), {{"KITUO_PORT", "80x"}}),
                      Catch::Contains("KITUO_PORT") && Catch::Contains("80x"));
    CHECK_THROWS_WITH(makeConfig(*fileWith({{"http.port", "70000"}}), {}),
                      Catch::Contains("http.port"));
    CHECK_THROWS_WITH(makeConfig(*fileWith({{"http.trustProxy", "maybe"}}), {}),
                      Catch::Contains("http.trustProxy"));
    CHECK_THROWS_WITH(makeConfig(*fileWith({{"log.level", "loud"}}), {}),
                      Catch::Contains("log.level"));
}

TEST_CASE("the counselling retention period: 7 years by default, whole days above zero", "[unit]") {
    CHECK(makeConfig(*fileWith({}), {}).welfareRetentionDays == 2555);
    CHECK(makeConfig(*fileWith({{"welfare.retentionDays", "3650"}}), {}).welfareRetentionDays == 3650);
    CHECK(makeConfig(*fileWith({{"welfare.retentionDays", "3650"}}), {{"KITUO_WELFARE_RETENTION_DAYS", "30"}})
              .welfareRetentionDays == 30);
    for (const char* bad : {"0", "-1", "7y", ""}) {
        INFO(bad);
        CHECK_THROWS_WITH(makeConfig(*fileWith({}), {{"KITUO_WELFARE_RETENTION_DAYS", bad}}),
                          Catch::Contains("welfare.retentionDays (KITUO_WELFARE_RETENTION_DAYS)"));
    }
}

TEST_CASE("relative paths resolve against the root", "[unit]") {
    Config c;
    c.root = "/srv/kituo";
    CHECK(c.resolve("web/templates") == "/srv/kituo/web/templates");
    CHECK(c.resolve("/etc/kituo/key") == "/etc/kituo/key");
}
