// Fault tests: the server under read/write load through its pages (tests/integration/Load.h)
// while things go wrong, then a check that every write the server acknowledged is in the
// database and no multi-row change (an officer's creation with their first posting, a
// transfer, an import, an enrolment of several officers, a reservist's new duty ending the one
// in progress) is half applied, and no firearm is out twice.
//   1. mixed load on 64 connections: no 5xx, no failed connection;
//   2. the database stopped and started during the load: 503 while it is down, no crash, pages
//      normal within 2 s of its start;
//   3. the server process SIGKILLed during writes and started again;
//   4. the database SIGKILLed during writes (a power cut) and started again (crash recovery).
// They stop or kill the shared instance, or load the machine, so CTest runs them alone
// ([outage]: RUN_SERIAL). KITUO_FAULT_LOAD_SECONDS sets the first one's length (default 20;
// ops/soak runs it for 60).
#include "Load.h"

#include <Poco/Process.h>

#include <algorithm>

#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>
#include <thread>

using namespace kituo;
using namespace std::chrono_literals;

namespace {

std::string opsDb() {
    const char* p = std::getenv("KITUO_OPS_DB");
    REQUIRE(p != nullptr);  // ops/test sets it to the repository's ops/db
    return p;
}

// Whatever happens in the test, the shared instance is running again at the end.
struct RestartDbAtEnd {
    ~RestartDbAtEnd() { test::shell(opsDb() + " start >/dev/null 2>&1"); }
};

void configureForLoad(app::Config& c) {
    c.threads = 80;  // one worker per keep-alive connection
    c.dbPoolSize = 32;
}

std::vector<test::LoadSession> sessions(test::TestServer& s, int n) {
    std::vector<test::LoadSession> out;
    for (int i = 0; i < n; ++i) out.push_back(test::signInForLoad(s, "hr.county"));
    return out;
}

void requireNothingLost(store::Db& db, test::LoadTally& tally, const test::LoadTargets& targets) {
    const auto problems = test::checkAcknowledged(db, tally, targets);
    for (const auto& p : problems) UNSCOPED_INFO(p);
    CHECK(problems.empty());
}

// The first `connections` connections of the load work the reserve as Kilimani's commander.
void withReserve(test::TestServer& s, test::LoadOptions& o, test::LoadSession& commander, int connections) {
    commander = test::signInCommanderForLoad(s, o.targets, connections);
    o.commander = &commander;
    o.reserveConnections = connections;
}

// Polls `url`'s /healthz and a signed-in page until both answer 200; returns how long it took.
std::chrono::milliseconds timeToNormal(test::TestServer& s, const test::LoadSession& session) {
    const auto start = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - start < 30s) {
        if (s.get("/healthz").status == 200 && s.get("/officers", {{"Cookie", session.cookie}}).status == 200) break;
        std::this_thread::sleep_for(20ms);
    }
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

// `kituo verify-audit` on the schema: seals what was recorded, verifies the chain.
bool auditVerifies(const std::string& url) {
    return test::shell("env KITUO_DB_URL='" + url + "' KITUO_KEY_FILE='" + test::testKeyFile() + "' KITUO_ROOT='" +
                       test::sourceDir() + "' '" KITUO_BINARY "' verify-audit >/dev/null 2>&1") == 0;
}

// The server in this process with the demo seeded, and load on it from a thread.
struct ServerUnderLoad {
    test::TestServer s{configureForLoad};
    test::LoadOptions o;
    std::vector<test::LoadSession> signedIn;
    test::LoadSession commander;
    test::LoadTally tally;
    std::atomic<bool> stop{false};
    std::thread load;

    ServerUnderLoad(int connections, int writeEvery) {
        s.seedDemo();
        o.targets = test::loadTargets(s.db());
        o.connections = connections;
        o.writeEvery = writeEvery;
        o.duration = 120s;  // until finish()
        signedIn = sessions(s, 2);
        withReserve(s, o, commander, 4);
        o.port = s.port();
        load = std::thread([this] { test::runLoad(o, signedIn, tally, stop); });
    }
    void finish() {
        stop = true;
        if (load.joinable()) load.join();
    }
    ~ServerUnderLoad() { finish(); }
};

int loadSeconds() {
    const char* s = std::getenv("KITUO_FAULT_LOAD_SECONDS");
    return s ? std::atoi(s) : 20;
}

}  // namespace

TEST_CASE("mixed reads and writes on 64 connections: no 5xx, no failed connection, every acknowledged write kept",
          "[outage][fault]") {
    test::TestServer s(configureForLoad);
    s.seedDemo();
    test::LoadOptions o;
    o.targets = test::loadTargets(s.db());
    o.connections = 64;
    o.duration = std::chrono::seconds(loadSeconds());
    const auto signedIn = sessions(s, 4);
    test::LoadSession commander;
    withReserve(s, o, commander, 8);
    o.port = s.port();
    test::LoadTally tally;
    std::atomic<bool> stop{false};
    test::runLoad(o, signedIn, tally, stop);

    WARN(tally.statuses.size() << " requests in " << loadSeconds() << " s, " << tally.created.size()
                               << " officers created (" << tally.importFiles.size() << " import files sent), "
                               << tally.transferred.size() << " transferred, " << tally.enrolled.size() << " enrolled, "
                               << tally.duties.size() << " duties, " << tally.issued.size() << " kits issued and "
                               << tally.returned.size() << " returned");
    CHECK(tally.countFrom(500, 599) == 0);
    CHECK(tally.count(0) == 0);
    CHECK(tally.countFrom(400, 499) == 0);
    CHECK(tally.created.size() >= 50);
    CHECK(tally.transferred.size() >= 20);
    CHECK(tally.enrolled.size() >= 9);
    CHECK(tally.duties.size() >= 8);
    CHECK(tally.returned.size() >= 8);
    requireNothingLost(s.db(), tally, o.targets);
    s.server().runMaintenance();
    // Each acknowledged transfer was audited in its own transaction, and the chain verifies.
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM audit_events WHERE action = 'officer.transfer'") >=
          static_cast<int>(tally.transferred.size()));
    CHECK(auditVerifies(s.schemaUrl()));
}

TEST_CASE("the database stopped and started under load: 503 while it is down, no crash, normal within 2 s",
          "[outage][fault]") {
    RestartDbAtEnd restart;
    ServerUnderLoad run(16, 4);
    auto& [s, o, signedIn, commander, tally, stop, load] = run;
    std::this_thread::sleep_for(2s);
    REQUIRE(test::shell(opsDb() + " stop >/dev/null 2>&1") == 0);
    const auto down = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(2s);
    const auto upRequested = std::chrono::steady_clock::now();
    CHECK(s.get("/healthz").status == 503);
    REQUIRE(test::shell(opsDb() + " start >/dev/null 2>&1") == 0);
    const auto started = std::chrono::steady_clock::now();
    const auto recovery = timeToNormal(s, signedIn[0]);
    std::this_thread::sleep_for(2s);
    run.finish();

    WARN("normal " << recovery.count() << " ms after the database started");
    CHECK(recovery <= 2000ms);
    std::vector<int> duringOutage, after;
    for (std::size_t i = 0; i < tally.statuses.size(); ++i) {
        if (tally.times[i] > down && tally.times[i] < upRequested) duringOutage.push_back(tally.statuses[i]);
        if (tally.times[i] > started + 2s) after.push_back(tally.statuses[i]);
    }
    // Down: each answer is 503 (or a write's page that still answered from before); never
    // another 5xx, never a dropped connection.
    CHECK(!duringOutage.empty());
    CHECK(std::count(duringOutage.begin(), duringOutage.end(), 503) > 0);
    CHECK(tally.countFrom(500, 502) + tally.countFrom(504, 599) == 0);
    CHECK(tally.count(0) == 0);
    // Up again: normal answers only.
    CHECK(!after.empty());
    CHECK(std::count_if(after.begin(), after.end(), [](int st) { return st >= 400; }) == 0);
    requireNothingLost(s.db(), tally, o.targets);
}

TEST_CASE("the server SIGKILLed during writes and started again loses no acknowledged write and half-applies none",
          "[outage][fault]") {
    test::TestServer s;
    s.seedDemo();
    test::LoadOptions o;
    o.targets = test::loadTargets(s.db());
    o.connections = 16;
    o.duration = 60s;
    o.writeEvery = 1;  // writes only
    const auto signedIn = sessions(s, 2);
    test::LoadSession commander;
    withReserve(s, o, commander, 4);
    s.server().stop();  // the sessions live in the database; the server under test is a process
    o.port = test::freePort();

    test::TempDir dir("kituo-fault-");
    auto launch = [&] {
        Poco::Process::Env env;
        env["KITUO_DB_URL"] = s.schemaUrl();
        env["KITUO_PORT"] = std::to_string(o.port);
        env["KITUO_THREADS"] = "32";
        env["KITUO_KEY_FILE"] = test::testKeyFile();
        env["KITUO_ROOT"] = test::sourceDir();
        env["KITUO_ACCESS_LOG"] = "false";
        env["KITUO_LOG_LEVEL"] = "warning";
        env["KITUO_AUDIT_CHECKPOINT_FILE"] = dir.path + "/checkpoints";
        auto h = Poco::Process::launch(KITUO_BINARY, {}, test::sourceDir(), nullptr, nullptr, nullptr, env);
        const std::string health = "curl -fs http://127.0.0.1:" + std::to_string(o.port) + "/healthz >/dev/null 2>&1";
        for (int i = 0; i < 100 && test::shell(health) != 0; ++i) std::this_thread::sleep_for(100ms);
        return h;
    };
    auto server = std::make_unique<Poco::ProcessHandle>(launch());
    test::LoadTally tally;
    std::atomic<bool> stop{false};
    std::thread load([&] { test::runLoad(o, signedIn, tally, stop); });
    std::this_thread::sleep_for(3s);
    ::kill(server->id(), SIGKILL);
    server->wait();
    const std::size_t beforeKill = tally.created.size();
    std::this_thread::sleep_for(500ms);
    server = std::make_unique<Poco::ProcessHandle>(launch());
    std::this_thread::sleep_for(2s);
    stop = true;
    load.join();
    const std::size_t total = tally.created.size();
    ::kill(server->id(), SIGTERM);
    server->wait();

    WARN(beforeKill << " creations acknowledged before the kill, " << total << " in all");
    CHECK(beforeKill >= 10);
    CHECK(total > beforeKill);  // the restarted server took writes again
    CHECK(tally.countFrom(500, 599) == 0);
    requireNothingLost(s.db(), tally, o.targets);
    CHECK(auditVerifies(s.schemaUrl()));
}

TEST_CASE("the database SIGKILLed during writes and started again loses no acknowledged write and half-applies none",
          "[outage][fault]") {
    RestartDbAtEnd restart;
    ServerUnderLoad run(16, 1);
    auto& [s, o, signedIn, commander, tally, stop, load] = run;
    std::this_thread::sleep_for(3s);
    REQUIRE(test::shell(opsDb() + " crash >/dev/null 2>&1") == 0);
    const std::size_t beforeKill = tally.created.size();
    std::this_thread::sleep_for(1s);
    REQUIRE(test::shell(opsDb() + " start >/dev/null 2>&1") == 0);
    const auto recovery = timeToNormal(s, signedIn[0]);
    std::this_thread::sleep_for(2s);
    run.finish();

    WARN(beforeKill << " creations acknowledged before the kill, " << tally.created.size() << " in all; normal "
                    << recovery.count() << " ms after the restart");
    CHECK(beforeKill >= 10);
    CHECK(tally.created.size() > beforeKill);
    CHECK(tally.countFrom(500, 502) + tally.countFrom(504, 599) == 0);
    requireNothingLost(s.db(), tally, o.targets);
    CHECK(auditVerifies(s.schemaUrl()));
}
