// ops/checkpoint, the script behind the daily kituo-checkpoint.timer: against a test schema it
// appends a signed checkpoint, copies the file to KITUO_CHECKPOINT_COPY_TO (here a local
// directory: no network in tests) keeping the copy it replaces, and verifies the trail; the
// copy alone is then enough to detect the trail being deleted.
#include "Support.h"

#include <Poco/File.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

using namespace kituo;

namespace {

using test::readFile;

int lineCount(const std::string& text) {
    int n = 0;
    for (char c : text) n += c == '\n';
    return n;
}

}  // namespace

TEST_CASE("ops/checkpoint writes a checkpoint, copies it off to KITUO_CHECKPOINT_COPY_TO and verifies",
          "[db][ops][audit]") {
    test::TestServer s;
    s.seedDemo();  // audited: the trail has events
    test::TempDir dir("kituo-checkpoint-ops-");
    Poco::File(dir.path + "/copies").createDirectories();
    const std::string file = dir.path + "/audit.checkpoints";
    const std::string log = dir.path + "/log";
    const std::string env = "env KITUO_DB_URL='" + s.schemaUrl() + "' KITUO_KEY_FILE='" + test::testKeyFile() +
                            "' KITUO_ROOT='" + test::sourceDir() + "' KITUO_BIN='" KITUO_BINARY
                            "' KITUO_LOG_LEVEL=warning ";
    const std::string run = env + "KITUO_AUDIT_CHECKPOINT_FILE='" + file + "' KITUO_CHECKPOINT_COPY_TO='" +
                            dir.path + "/copies' '" + test::sourceDir() + "/ops/checkpoint' >>'" + log + "' 2>&1";
    auto copies = [&] {
        std::vector<std::string> names;
        Poco::File(dir.path + "/copies").list(names);
        std::sort(names.begin(), names.end());  // the names end in the UTC time
        for (auto& n : names) n = dir.path + "/copies/" + n;
        return names;
    };
    auto verifyWith = [&](const std::string& checkpoints) {
        return test::shell(env + "'" KITUO_BINARY "' verify-audit --checkpoint '" + checkpoints + "' >>'" + log +
                           "' 2>&1");
    };
    auto nextSecond = [] { std::this_thread::sleep_for(std::chrono::milliseconds(1100)); };  // copies are named by the second

    REQUIRE(test::shell(run) == 0);
    INFO(readFile(log));
    const std::string first = readFile(file);
    CHECK(lineCount(first) == 1);
    CHECK_THAT(first, Catch::StartsWith("kituo-audit-checkpoint v1 event="));
    REQUIRE(copies().size() == 1);
    CHECK_THAT(copies()[0], Catch::Contains("/copies/audit.checkpoints.20"));
    CHECK(readFile(copies()[0]) == first);
    CHECK(verifyWith(copies()[0]) == 0);
    CHECK_THAT(readFile(log), Catch::Contains("reaches all 1 checkpoints"));

    // The next run verifies the trail, appends, and adds a copy; the earlier copy stays.
    nextSecond();
    REQUIRE(test::shell(run) == 0);
    CHECK(lineCount(readFile(file)) == 2);
    REQUIRE(copies().size() == 2);
    CHECK(readFile(copies()[0]) == first);
    CHECK(readFile(copies()[1]) == readFile(file));
    CHECK(verifyWith(copies()[1]) == 0);
    CHECK_THAT(readFile(log), Catch::Contains("reaches all 2 checkpoints"));

    // The whole trail deleted and the head reset: the next run fails and writes nothing.
    s.db().run([&](store::Connection& c) {
        c.execute("DELETE FROM audit_events");
        c.execute("DELETE FROM audit_inbox");
        c.execute("UPDATE audit_chain_head SET last_event_id = 0, last_hash = REPEAT('0', 64), head_mac = '' "
                  "WHERE head_id = 1");
    });
    nextSecond();
    CHECK(test::shell(run) != 0);
    CHECK(lineCount(readFile(file)) == 2);
    CHECK(copies().size() == 2);
    // With the file on this host deleted too, a run starts afresh, but only adds a copy: the
    // earlier copies off the host still show the trail was cut.
    std::remove(file.c_str());
    nextSecond();
    CHECK(test::shell(run) == 0);
    REQUIRE(copies().size() == 3);
    CHECK(readFile(copies()[0]) == first);
    CHECK(verifyWith(copies()[1]) != 0);
    CHECK(verifyWith(copies()[0]) != 0);
}
