// The read replica's contract inside one process (the real replication is proved by
// tests/cluster/cluster-test.sh): a replica that does not answer costs no read (lists come from
// the primary), and a signed-in form submission marks the browser for read-your-writes only
// when a replica is configured.
#include "Support.h"

#include <catch2/catch.hpp>

using namespace kituo;

TEST_CASE("with a read replica that does not answer, lists come from the primary", "[http][replica]") {
    test::TestServer s([](app::Config& c) { c.dbReadUrl = "mysql://kituo:x@127.0.0.1:1/kituo"; });
    s.seedDemo();
    test::Browser hr(s);
    REQUIRE(hr.login("hr").status == 303);
    REQUIRE(s.server().readDb() != nullptr);
    auto list = hr.get("/officers");
    CHECK(list.status == 200);
    CHECK_THAT(list.body, Catch::Contains("officers"));
    CHECK_FALSE(s.server().readDb()->usable());  // the failed read marked it
    CHECK(hr.get("/officers/due-for-transfer").status == 200);
}

TEST_CASE("a signed-in form submission sends reads to the primary for a while, only with a replica",
          "[http][replica]") {
    for (const bool replica : {true, false}) {
        test::TestServer s([&](app::Config& c) {
            if (replica) c.dbReadUrl = c.dbUrl;  // the primary itself, as a replica that is never behind
            c.readYourWritesSec = 7;
        });
        s.seedDemo();
        test::Browser hr(s);
        REQUIRE(hr.login("hr").status == 303);
        hr.get("/account/password");
        hr.post("/account/password", {{"current_password", "wrong"}, {"new_password", "x"}, {"confirm_password", "x"}});
        const std::string cookie = hr.setCookies.count("kituo_primary_until") ? hr.setCookies["kituo_primary_until"] : "";
        INFO("replica " << replica << ": " << cookie);
        if (replica) {
            CHECK_THAT(cookie, Catch::Contains("Max-Age=7") && Catch::Contains("HttpOnly"));
            CHECK(hr.get("/officers").status == 200);
            CHECK(s.server().readDb()->usable());
        } else {
            CHECK(cookie.empty());
        }
    }
}
