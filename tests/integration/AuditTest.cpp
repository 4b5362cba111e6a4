// The audit trail: what is recorded, the auditor's pages, and tamper detection by
// `kituo verify-audit` (the real binary) after direct SQL edits.
#include "Support.h"

#include "crypto/Hash.h"
#include "crypto/PasswordHasher.h"
#include "store/AuditStore.h"
#include "store/OrgStore.h"
#include "store/UserStore.h"

#include <Poco/Path.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <catch2/catch.hpp>

#include <future>
#include <thread>

using namespace kituo;

namespace {

struct CliResult {
    int exitCode;
    std::string output;
};

// Runs the real `kituo` binary with `args` against the test schema.
CliResult kituoCli(test::TestServer& s, const std::vector<std::string>& args) {
    Poco::Process::Env env;
    env["KITUO_DB_URL"] = s.schemaUrl();
    env["KITUO_KEY_FILE"] = test::testKeyFile();
    env["KITUO_ROOT"] = test::sourceDir();
    Poco::Pipe out;
    auto handle = Poco::Process::launch(KITUO_BINARY, args, test::sourceDir(), nullptr, &out, &out, env);
    Poco::PipeInputStream in(out);
    std::string text;
    Poco::StreamCopier::copyToString(in, text);
    return {handle.wait(), text};
}

CliResult verifyAuditCli(test::TestServer& s) { return kituoCli(s, {"verify-audit"}); }

// A checkpoint file of this test's own, removed at the end.
struct CheckpointFile {
    std::string path = Poco::Path::temp() + "kituo-checkpoint-" + kituo::crypto::randomHex(6);
    ~CheckpointFile() { std::remove(path.c_str()); }
};

void exec(test::TestServer& s, const std::string& sql) {
    s.db().run([&](store::Connection& c) { c.execute(sql); });
}

// Signs in and out a few times so the trail has events 1..n.
void makeEvents(test::TestServer& s) {
    test::Browser b(s);
    b.login("hr");
    b.post("/logout", {});
    b.login("hr", "not the password");
    b.login("auditor");
    b.get("/admin/users");  // denied: audited
}

}  // namespace

TEST_CASE("sign-ins, failures, sign-outs and denials are in the trail", "[http][audit]") {
    test::TestServer s;
    s.seedDemo();
    makeEvents(s);
    store::AuditStore audit(s.db(), s.server().services().keys);
    store::AuditFilter everything;
    everything.scopePath = "/";
    everything.includeSystem = true;
    const auto page = audit.list(everything);
    std::vector<std::string> seen;
    for (auto it = page.events.rbegin(); it != page.events.rend(); ++it) {
        if (it->actorUsername == "seed-demo") continue;  // the demo seed's own (audited) changes
        seen.push_back(it->action + ":" + it->outcome);
    }
    CHECK(seen == std::vector<std::string>{"login:success", "logout:success", "login:failure",
                                           "login.password:success", "login:success",
                                           "access.denied:forbidden"});
    CHECK(page.events.front().actorUsername == "auditor");
    CHECK(page.events.front().ip == "127.0.0.1");
    CHECK(page.events.front().recordId == "/admin/users");
}

TEST_CASE("an untouched trail verifies, edits, deletions and re-ordering are named", "[http][audit]") {
    test::TestServer s;
    s.seedDemo();
    s.server().runMaintenance();  // the seed's events sealed first
    const long base = std::stol(test::queryValue(s.db(), "SELECT COALESCE(MAX(event_id), 0) FROM audit_events"));
    makeEvents(s);
    s.server().runMaintenance();
    auto id = [&](int n) { return std::to_string(base + n); };
    const std::string events = test::queryValue(s.db(), "SELECT COUNT(*) FROM audit_events");
    REQUIRE(std::stol(events) >= base + 5);
    auto ok = verifyAuditCli(s);
    CHECK(ok.exitCode == 0);
    CHECK_THAT(ok.output, Catch::Contains(events + " events"));

    SECTION("an edited row") {
        const std::string failed = test::queryValue(
            s.db(), "SELECT MIN(event_id) FROM audit_events WHERE outcome = 'failure' AND event_id > " + id(0));
        exec(s, "UPDATE audit_events SET outcome = 'success' WHERE event_id = " + failed);
        auto r = verifyAuditCli(s);
        CHECK(r.exitCode != 0);
        CHECK_THAT(r.output, Catch::Contains("event " + failed));
    }
    SECTION("a deleted row") {
        exec(s, "DELETE FROM audit_events WHERE event_id = " + id(2));
        auto r = verifyAuditCli(s);
        CHECK(r.exitCode != 0);
        CHECK_THAT(r.output, Catch::Contains("event " + id(3)));
    }
    SECTION("re-ordered rows (contents swapped between ids)") {
        exec(s, "UPDATE audit_events SET event_id = 100000 WHERE event_id = " + id(2));
        exec(s, "UPDATE audit_events SET event_id = " + id(2) + " WHERE event_id = " + id(3));
        exec(s, "UPDATE audit_events SET event_id = " + id(3) + " WHERE event_id = 100000");
        auto r = verifyAuditCli(s);
        CHECK(r.exitCode != 0);
        CHECK_THAT(r.output, Catch::Contains("event " + id(2)));
    }
    SECTION("the newest row removed") {
        s.server().runMaintenance();
        exec(s, "DELETE FROM audit_events WHERE event_id = " +
                    test::queryValue(s.db(), "SELECT MAX(event_id) FROM audit_events"));
        auto r = verifyAuditCli(s);
        CHECK(r.exitCode != 0);
        CHECK_THAT(r.output, Catch::Contains("head"));
    }
}

TEST_CASE("auditors filter the trail and verify it from the web", "[http][audit]") {
    test::TestServer s;
    s.seedDemo();
    makeEvents(s);
    test::Browser auditor(s);
    auditor.login("auditor");
    auto byUser = auditor.get("/audit?actor=hr&action=login");
    CHECK(byUser.status == 200);
    CHECK_THAT(byUser.body, !Catch::Contains("not the password"));
    CHECK_THAT(byUser.body, Catch::Contains("wrong password"));
    CHECK_THAT(byUser.body, !Catch::Contains("access.denied"));
    auto prefix = auditor.get("/audit?action=access.");
    CHECK_THAT(prefix.body, Catch::Contains("access.denied") && !Catch::Contains(">logout<"));
    auto badDate = auditor.get("/audit?from=23-11-2026");
    CHECK(badDate.status == 400);
    CHECK_THAT(badDate.body, Catch::Contains("Use a date like") && Catch::Contains("23-11-2026"));
    // A failed sign-in under a name that is no account never stores the typed text.
    test::Browser anon(s);
    anon.login("Kituo-test-password-1", "whatever");
    CHECK_THAT(auditor.get("/audit?action=login").body, !Catch::Contains("Kituo-test-password-1"));
    auto verified = auditor.get("/audit/verify");
    CHECK_THAT(verified.body, Catch::Contains("intact"));
    exec(s, "UPDATE audit_events SET detail = 'rewritten' WHERE event_id = 2");
    auto broken = auditor.get("/audit/verify");
    CHECK_THAT(broken.body, Catch::Contains("tampered") && Catch::Contains("event 2"));
}

TEST_CASE("auditors read only the events within their scope", "[http][audit][scope]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser other(s);
    other.login("hr.other");  // Capitol Hill
    other.get("/officers");
    test::Browser stranger(s);
    stranger.login("no.such.user", "guess");  // a system event: no account, no scope
    test::Browser station(s);
    station.login("auditor");  // Kilimani
    auto local = station.get("/audit?actor=hr.other");
    CHECK(local.status == 200);
    CHECK_THAT(local.body, Catch::Contains("No events match"));
    CHECK_THAT(station.get("/audit?action=login").body, !Catch::Contains("unknown:"));

    test::createAccount(s.db(), "auditor.hq", domain::Role::Auditor, "NPS");
    test::Browser hq(s);
    hq.login("auditor.hq");
    CHECK_THAT(hq.get("/audit?actor=hr.other").body, Catch::Contains("hr.other"));
    CHECK_THAT(hq.get("/audit?action=login").body, Catch::Contains("unknown:"));
}

TEST_CASE("removing the newest events and resetting the head to match is detected", "[http][audit]") {
    test::TestServer s;
    s.seedDemo();
    makeEvents(s);
    REQUIRE(verifyAuditCli(s).exitCode == 0);
    exec(s, "DELETE FROM audit_events WHERE event_id > 3");
    exec(s, "UPDATE audit_chain_head h JOIN audit_events e ON e.event_id = 3 "
            "SET h.last_event_id = 3, h.last_hash = e.row_hash WHERE h.head_id = 1");
    auto r = verifyAuditCli(s);
    CHECK(r.exitCode != 0);
    CHECK_THAT(r.output, Catch::Contains("head") && Catch::Contains("not signed"));
}

TEST_CASE("a checkpoint outside the database detects deleting everything and restoring an older copy",
          "[http][audit]") {
    test::TestServer s;
    s.seedDemo();
    makeEvents(s);
    CheckpointFile file;
    // The older copy, as a backup taken now would hold it.
    REQUIRE(verifyAuditCli(s).exitCode == 0);
    exec(s, "CREATE TABLE old_events AS SELECT * FROM audit_events");
    exec(s, "CREATE TABLE old_head AS SELECT * FROM audit_chain_head");
    makeEvents(s);
    auto taken = kituoCli(s, {"audit-checkpoint", file.path});
    REQUIRE(taken.exitCode == 0);
    CHECK_THAT(taken.output, Catch::Contains("kituo-audit-checkpoint v1 event="));
    auto ok = kituoCli(s, {"verify-audit", "--checkpoint", file.path});
    CHECK(ok.exitCode == 0);
    CHECK_THAT(ok.output, Catch::Contains("reaches all 1 checkpoints"));

    SECTION("every event deleted and the head reset to a fresh trail") {
        exec(s, "DELETE FROM audit_events");
        exec(s, "DELETE FROM audit_inbox");
        exec(s, "UPDATE audit_chain_head SET last_event_id = 0, last_hash = REPEAT('0', 64), "
                "head_mac = '' WHERE head_id = 1");
        auto r = kituoCli(s, {"verify-audit", "--checkpoint", file.path});
        CHECK(r.exitCode != 0);
        CHECK_THAT(r.output, Catch::Contains("checkpoint"));
    }
    SECTION("the older copy restored") {
        exec(s, "DELETE FROM audit_events");
        exec(s, "DELETE FROM audit_inbox");
        exec(s, "INSERT INTO audit_events SELECT * FROM old_events");
        exec(s, "DELETE FROM audit_chain_head");
        exec(s, "INSERT INTO audit_chain_head SELECT * FROM old_head");
        CHECK(verifyAuditCli(s).exitCode == 0);  // self-consistent: only the checkpoint knows
        auto r = kituoCli(s, {"verify-audit", "--checkpoint", file.path});
        CHECK(r.exitCode != 0);
        CHECK_THAT(r.output, Catch::Contains("older copy"));
    }
    SECTION("the head's event rewritten after the checkpoint") {
        exec(s, "UPDATE audit_events SET detail = 'rewritten' WHERE event_id = 3");
        CHECK(kituoCli(s, {"verify-audit", "--checkpoint", file.path}).exitCode != 0);
    }
}

TEST_CASE("recording an audit event does not wait for another transaction's event", "[http][audit]") {
    test::TestServer s;
    store::AuditStore audit(s.db(), s.server().services().keys);
    auto event = [](const std::string& action) {
        domain::AuditEvent e;
        e.occurredAt = "2026-11-23 10:00:00.000000";
        e.action = action;
        e.outcome = "success";
        return e;
    };
    // A long write holds its audit event uncommitted...
    std::promise<void> appended, release;
    std::thread writer([&] {
        s.db().transaction([&](store::Connection& c) {
            audit.append(c, event("slow.write"));
            appended.set_value();
            release.get_future().wait();
        });
    });
    appended.get_future().wait();
    // ...while another request records and commits its own at once.
    auto other = std::async(std::launch::async, [&] { audit.record(event("fast.read")); });
    const bool finished = other.wait_for(std::chrono::seconds(3)) == std::future_status::ready;
    release.set_value();
    writer.join();
    CHECK(finished);
    s.server().runMaintenance();
    auto r = verifyAuditCli(s);
    CHECK(r.exitCode == 0);
    CHECK_THAT(r.output, Catch::Contains("2 events"));
}

TEST_CASE("a pending event edited before sealing is named and never sealed", "[http][audit]") {
    test::TestServer s([](app::Config& c) { c.auditSealIntervalMs = 60000; });
    store::AuditStore audit(s.db(), s.server().services().keys);
    domain::AuditEvent e;
    e.occurredAt = "2026-11-23 10:00:00.000000";
    e.action = "officer.read";
    e.outcome = "success";
    e.recordId = "7";
    audit.record(e);
    exec(s, "UPDATE audit_inbox SET record_id = '8'");
    auto result = audit.verify();
    REQUIRE(result.broken);
    CHECK_THAT(result.broken->reason, Catch::Contains("altered before it was sealed"));
    CHECK(result.pending == 1);
    CHECK(audit.seal().refused);
}

TEST_CASE("/audit/verify shows the sealing window", "[http][audit]") {
    test::TestServer s;
    s.seedDemo();
    makeEvents(s);
    test::Browser auditor(s);
    auditor.login("auditor");
    auto page = auditor.get("/audit/verify");
    CHECK_THAT(page.body, Catch::Contains("intact") && Catch::Contains("sealed"));
}

TEST_CASE("concurrent audited reads are group-committed and each is durable when record returns", "[http][audit]") {
    test::TestServer s;
    s.get("/healthz");  // starts the server, and with it the audit writer
    auto& writer = s.server().services().auditWriter;
    std::atomic<int> recorded{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 32; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 10; ++i) {
                domain::AuditEvent e;
                e.occurredAt = "2026-11-23 10:00:00.000000";
                e.action = "officer.read";
                e.recordId = std::to_string(t * 100 + i);
                e.outcome = "success";
                writer.record(e);
                // Committed before record() returned: visible to another connection now.
                const int seen = test::queryInt(
                    s.db(), "SELECT (SELECT COUNT(*) FROM audit_inbox WHERE record_id = '" + e.recordId +
                                "') + (SELECT COUNT(*) FROM audit_events WHERE record_id = '" + e.recordId + "')");
                if (seen == 1) ++recorded;
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(recorded == 320);
    s.server().runMaintenance();
    CHECK(test::queryInt(s.db(), "SELECT COUNT(*) FROM audit_events WHERE action = 'officer.read'") == 320);
    CHECK(verifyAuditCli(s).exitCode == 0);
}

TEST_CASE("auditors find events by a plain word and by day-first dates", "[http][audit]") {
    test::TestServer s;
    s.seedDemo();
    makeEvents(s);
    test::Browser auditor(s);
    auditor.login("auditor");
    auto word = auditor.get("/audit?action=denied");
    CHECK(word.status == 200);
    CHECK_THAT(word.body, Catch::Contains("access.denied") && !Catch::Contains(">logout<"));
    auto days = auditor.get("/audit?from=01/01/2020&to=31/12/2099");
    CHECK(days.status == 200);
    CHECK_THAT(days.body, Catch::Contains("EAT") && Catch::Contains("gaps are events outside your scope"));
}

TEST_CASE("a record in the trail links to that record's events, an event without a record id is a plain label",
          "[http][audit]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser hr(s), auditor(s);
    hr.login("hr");
    const std::string officer = test::queryValue(
        s.db(), "SELECT o.officer_id FROM officers o JOIN org_units st ON st.org_unit_id = o.station_id "
                "WHERE st.code = 'KLM' ORDER BY o.officer_id LIMIT 1");
    REQUIRE(hr.get("/officers/" + officer).status == 200);  // officer.read, record officer <id>
    REQUIRE(hr.get("/officers.csv").status == 200);          // officer.export, no record id
    auditor.login("auditor");
    s.server().runMaintenance();
    auto page = auditor.get("/audit?action=officer.&record_type=&page=1");
    REQUIRE(page.status == 200);
    const std::string link = "/audit?record_type=officer&amp;record_id=" + officer;
    CHECK_THAT(page.body, Catch::Contains("<a href=\"" + link + "\" title=\"Every event of this record\">officer " +
                                          officer + "</a>"));
    CHECK_THAT(page.body, Catch::Contains("<td>officer </td>"));  // the export: no link
    auto events = auditor.get("/audit?record_type=officer&record_id=" + officer);
    CHECK(events.status == 200);
    CHECK_THAT(events.body, Catch::Contains("officer.read") && !Catch::Contains("officer.export"));
}
