// The database goes away and comes back while the same server process keeps running:
// /healthz says 503 during the outage, pages that need no database keep working, and
// /healthz says 200 again by itself afterwards. Stops the shared private instance, so
// CTest runs it alone (RUN_SERIAL).
#include "Support.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <thread>

using namespace kituo;

TEST_CASE("healthz follows the database down and back up, same process", "[outage]") {
    const char* opsDb = std::getenv("KITUO_OPS_DB");
    REQUIRE(opsDb != nullptr);  // ops/test sets it to the repository's ops/db
    test::TestServer s;
    REQUIRE(s.get("/healthz").status == 200);

    struct Restart {  // whatever happens below, the instance is started again
        std::string cmd;
        ~Restart() { test::shell(cmd + " start >/dev/null 2>&1"); }
    } restart{opsDb};

    REQUIRE(test::shell(std::string(opsDb) + " stop >/dev/null 2>&1") == 0);
    auto down = s.get("/healthz");
    CHECK(down.status == 503);
    CHECK(down.header("retry-after") == "5");
    CHECK(s.get("/login").status == 200);  // the server itself is still serving

    REQUIRE(test::shell(std::string(opsDb) + " start >/dev/null 2>&1") == 0);
    int status = 0;
    for (int i = 0; i < 50 && status != 200; ++i) {
        status = s.get("/healthz").status;
        if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    CHECK(status == 200);
}
