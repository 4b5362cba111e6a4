// The audit chain: an intact trail verifies; an edited, deleted, re-ordered or truncated one
// is refused, naming the first broken event.
#include "crypto/Keys.h"
#include "domain/AuditChain.h"

#include <catch2/catch.hpp>

using namespace kituo;
using namespace kituo::domain;

namespace {

struct Trail {
    crypto::KeyRing keys = crypto::KeyRing::fromBytes(std::string(32, 'k'));
    std::vector<AuditEvent> events;
    ChainHead head{0, kGenesisHash};
    Mac mac() const { return [this](const std::string& m) { return keys.auditMac(m); }; }
    void add(const std::string& action) {
        AuditEvent e;
        e.id = head.lastEventId + 1;
        e.occurredAt = "2026-11-23 10:00:0" + std::to_string(e.id % 10) + ".000000";
        e.actorUserId = 7;
        e.actorUsername = "hr";
        e.action = action;
        e.recordType = "user";
        e.recordId = "42";
        e.ip = "127.0.0.1";
        e.outcome = "success";
        e.prevHash = head.lastHash;
        e.rowHash = keys.auditMac(canonicalAuditContent(e));
        events.push_back(e);
        head = {e.id, e.rowHash};
    }
};

Trail fiveEvents() {
    Trail t;
    for (const char* a : {"login", "user.create", "user.update", "logout", "login"}) t.add(a);
    return t;
}

}  // namespace

TEST_CASE("an untouched trail verifies", "[unit]") {
    auto t = fiveEvents();
    CHECK_FALSE(verifyAuditChain(t.events, t.head, t.mac()));
    Trail empty;
    CHECK_FALSE(verifyAuditChain({}, empty.head, empty.mac()));
}

TEST_CASE("an edited event is named", "[unit]") {
    auto t = fiveEvents();
    t.events[2].detail = "changed afterwards";
    auto b = verifyAuditChain(t.events, t.head, t.mac());
    REQUIRE(b);
    CHECK(b->eventId == 3);
    CHECK_THAT(b->reason, Catch::Contains("altered"));
}

TEST_CASE("a deleted event breaks the chain at the next one", "[unit]") {
    auto t = fiveEvents();
    t.events.erase(t.events.begin() + 1);
    auto b = verifyAuditChain(t.events, t.head, t.mac());
    REQUIRE(b);
    CHECK(b->eventId == 3);
}

TEST_CASE("re-ordered events are detected even when ids are swapped too", "[unit]") {
    auto t = fiveEvents();
    std::swap(t.events[1], t.events[2]);
    auto b = verifyAuditChain(t.events, t.head, t.mac());
    REQUIRE(b);
    CHECK(b->eventId == 3);
    auto u = fiveEvents();
    std::swap(u.events[1].id, u.events[2].id);  // renumbered to look in order
    std::swap(u.events[1], u.events[2]);
    auto c = verifyAuditChain(u.events, u.head, u.mac());
    REQUIRE(c);
    CHECK(c->eventId == 2);
}

TEST_CASE("events removed from the end disagree with the head", "[unit]") {
    auto t = fiveEvents();
    t.events.pop_back();
    auto b = verifyAuditChain(t.events, t.head, t.mac());
    REQUIRE(b);
    CHECK(b->eventId == 0);
    CHECK_THAT(b->reason, Catch::Contains("head"));
}

TEST_CASE("a different key does not verify", "[unit]") {
    auto t = fiveEvents();
    auto other = crypto::KeyRing::fromBytes(std::string(32, 'x'));
    auto b = verifyAuditChain(t.events, t.head, [&](const std::string& m) { return other.auditMac(m); });
    REQUIRE(b);
    CHECK(b->eventId == 1);
}

TEST_CASE("an event's scope is part of what the chain protects", "[unit]") {
    Trail t;
    t.add("login");
    t.events[0].scopePath = "/1/4/";
    t.events[0].rowHash = t.keys.auditMac(canonicalAuditContent(t.events[0]));
    t.head = {1, t.events[0].rowHash};
    CHECK_FALSE(verifyAuditChain(t.events, t.head, t.mac()));
    t.events[0].scopePath = "/1/";  // moved to be seen by another auditor
    auto b = verifyAuditChain(t.events, t.head, t.mac());
    REQUIRE(b);
    CHECK(b->eventId == 1);
}
