// The request pipeline under hostile input: bodies are read only after the route and the
// session are known and parsed within per-route caps; anonymous refusals are counted, not
// audited one by one, and throttled per address.
#include "Support.h"

#include "http/RefusalCounter.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Process.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

using namespace kituo;

namespace {

long auditCount(test::TestServer& s, const std::string& action) {
    return s.db().run([&](store::Connection& c) {
        long n = 0;
        for (const char* table : {"audit_inbox", "audit_events"}) {
            auto& st = c.prepare(std::string("SELECT COUNT(*) FROM ") + table + " WHERE action = ?");
            st.setString(1, action);
            std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
            rs->next();
            n += rs->getInt64(1);
        }
        return n;
    });
}

// Peak resident memory of a process, in KiB (VmHWM).
long peakRssKib(int pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    }
    return -1;
}

int freePort() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    const int port = socket.address().port();
    socket.close();
    return port;
}

// POSTs `size` bytes of "a&a&a&..." (declared length) and returns the status.
int postFlood(int port, const std::string& path, std::size_t size) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest req("POST", path, Poco::Net::HTTPMessage::HTTP_1_1);
    req.setContentType("application/x-www-form-urlencoded");
    req.setContentLength64(static_cast<Poco::Int64>(size));
    std::string chunk;
    for (int i = 0; i < 32768; ++i) chunk += "a&";
    std::ostream& out = session.sendRequest(req);
    for (std::size_t sent = 0; sent < size && out; sent += chunk.size()) {
        out.write(chunk.data(), static_cast<std::streamsize>(std::min(chunk.size(), size - sent)));
    }
    Poco::Net::HTTPResponse res;
    try {
        session.receiveResponse(res);
    } catch (const Poco::Exception&) {
        return -1;
    }
    return res.getStatus();
}

}  // namespace

TEST_CASE("IPv6 clients are counted per /64, IPv4 per address", "[unit]") {
    CHECK(http::addressBucket("2001:db8:1:2:aaaa::1") == http::addressBucket("2001:db8:1:2:bbbb::9"));
    CHECK(http::addressBucket("2001:db8:1:2::1") != http::addressBucket("2001:db8:1:3::1"));
    CHECK(http::addressBucket("10.0.0.1") != http::addressBucket("10.0.0.2"));
    http::RefusalCounter counter(2);
    CHECK(counter.count("2001:db8:1:2::1", "x"));
    CHECK(counter.count("2001:db8:1:2::2", "x"));
    CHECK_FALSE(counter.overLimit("2001:db8:1:2::3"));
    CHECK_FALSE(counter.count("2001:db8:1:2::3", "x"));
    CHECK(counter.overLimit("2001:db8:1:2::4"));
    CHECK_FALSE(counter.overLimit("2001:db8:1:9::4"));
    CHECK_THAT(counter.takeSummary(), Catch::Contains("3 anonymous refusals from 1 address"));
    CHECK(counter.takeSummary().empty());
    CHECK_FALSE(counter.overLimit("2001:db8:1:2::4"));  // a new interval
}

TEST_CASE("a form with too many fields or an over-long field gets 413 and changes nothing", "[http]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser hr(s);
    hr.login("hr");
    hr.get("/officers/new");
    std::map<std::string, std::string> fields{{"surname", "Flood"}};
    for (int i = 0; i < 1001; ++i) fields["f" + std::to_string(i)] = "x";
    auto many = hr.post("/officers", fields);
    CHECK(many.status == 413);
    CHECK_THAT(many.body, Catch::Contains("more than 1000 fields"));
    auto longField = hr.post("/officers", {{"surname", std::string(17 * 1024, 'x')}});
    CHECK(longField.status == 413);
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM officers WHERE surname LIKE 'Flood%' OR LENGTH(surname) > 1000") == 0);
}

TEST_CASE("anonymous refusals are counted, not audited one by one, and throttled per address", "[http][audit]") {
    test::TestServer s([](app::Config& c) { c.anonymousRefusalsPerAddress = 5; });
    s.seedDemo();
    std::vector<int> statuses;
    for (int i = 0; i < 8; ++i) statuses.push_back(s.post("/officers", "surname=x").status);
    CHECK(statuses == std::vector<int>{403, 403, 403, 403, 403, 403, 429, 429});
    auto noToken = s.post("/login", "username=hr&password=x");
    CHECK(noToken.status == 429);
    CHECK(auditCount(s, "access.denied") == 0);
    CHECK(auditCount(s, "csrf.rejected") == 0);
    s.server().runMaintenance();
    CHECK(auditCount(s, "access.anonymous_refusals") == 1);
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM audit_events WHERE action = 'access.anonymous_refusals' "
                              "AND detail LIKE '9 anonymous refusals from 1 address%'") == 1);
    // The next interval starts afresh; signed-in refusals are still audited one by one.
    CHECK(s.post("/officers", "surname=x").status == 403);
    test::Browser ocs(s);
    ocs.login("ocs");
    ocs.get("/admin/users");
    CHECK(auditCount(s, "access.denied") == 1);
}

TEST_CASE("anonymous 4 MiB form floods are never parsed: the server's memory stays flat", "[http][slow]") {
    test::TestServer s;  // a migrated schema for the real binary
    const int port = freePort();
    Poco::Process::Env env;
    env["KITUO_DB_URL"] = s.schemaUrl();
    env["KITUO_KEY_FILE"] = test::testKeyFile();
    env["KITUO_ROOT"] = test::sourceDir();
    env["KITUO_PORT"] = std::to_string(port);
    env["KITUO_ACCESS_LOG"] = "false";
    env["KITUO_LOG_LEVEL"] = "error";
    env["KITUO_AUDIT_CHECKPOINT_FILE"] = "";
    auto handle = Poco::Process::launch(KITUO_BINARY, {}, test::sourceDir(), nullptr, nullptr, nullptr, env);
    struct Stop {
        Poco::ProcessHandle& h;
        ~Stop() {
            Poco::Process::requestTermination(h.id());
            h.wait();
        }
    } stop{handle};
    bool up = false;
    for (int i = 0; i < 100 && !up; ++i) {
        try {
            Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
            Poco::Net::HTTPRequest req("GET", "/login", Poco::Net::HTTPMessage::HTTP_1_1);
            session.sendRequest(req);
            Poco::Net::HTTPResponse res;
            session.receiveResponse(res);
            up = res.getStatus() == 200;
        } catch (const Poco::Exception&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    REQUIRE(up);
    const long before = peakRssKib(handle.id());
    REQUIRE(before > 0);
    // Bounded: 4 rounds of 8 simultaneous 4 MiB bodies (the configured maximum) to /login,
    // then 32 bodies of 60 KiB (within /login's 64 KiB, over its 1,000-field cap).
    std::vector<int> statuses;
    std::mutex m;
    for (int round = 0; round < 4; ++round) {
        std::vector<std::thread> threads;
        for (int i = 0; i < 8; ++i) {
            threads.emplace_back([&, i] {
                const int status = postFlood(port, i % 2 ? "/login" : "/officers", 4 * 1024 * 1024);
                std::lock_guard<std::mutex> lock(m);
                statuses.push_back(status);
            });
        }
        for (auto& t : threads) t.join();
    }
    for (int i = 0; i < 32; ++i) statuses.push_back(postFlood(port, "/login", 60 * 1024));
    const long after = peakRssKib(handle.id());
    INFO("peak RSS before " << before << " KiB, after " << after << " KiB");
    CHECK(after - before < 40 * 1024);
    for (int st : statuses) CHECK((st == 413 || st == 403 || st == 429));
}
