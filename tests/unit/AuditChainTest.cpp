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
    ChainHead head{0, kGenesisHash, ""};
    Mac mac() const { return [this](const std::string& m) { return keys.auditMac(m); }; }
    // The head as the sealer leaves it: newest event and its hash, signed.
    void setHead(std::int64_t id, const std::string& hash) {
        head = {id, hash, keys.auditMac(canonicalHead(id, hash))};
    }
    AuditCheckpoint checkpoint() const {
        AuditCheckpoint c{head.lastEventId, head.lastHash, "2026-11-23T10:00:00Z", ""};
        c.mac = keys.auditMac(canonicalCheckpoint(c));
        return c;
    }
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
        setHead(e.id, e.rowHash);
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
    t.setHead(1, t.events[0].rowHash);
    CHECK_FALSE(verifyAuditChain(t.events, t.head, t.mac()));
    t.events[0].scopePath = "/1/";  // moved to be seen by another auditor
    auto b = verifyAuditChain(t.events, t.head, t.mac());
    REQUIRE(b);
    CHECK(b->eventId == 1);
}

TEST_CASE("removing the newest events and resetting the head is detected by the head's MAC", "[unit]") {
    auto t = fiveEvents();
    t.events.resize(3);
    t.head.lastEventId = 3;  // someone with database access rewrites the head to match
    t.head.lastHash = t.events.back().rowHash;
    auto b = verifyAuditChain(t.events, t.head, t.mac());
    REQUIRE(b);
    CHECK(b->eventId == 0);
    CHECK_THAT(b->reason, Catch::Contains("not signed"));
}

TEST_CASE("a head reset to empty with events present is refused, a fresh trail is not", "[unit]") {
    auto t = fiveEvents();
    ChainHead reset{0, kGenesisHash, ""};
    CHECK(verifyAuditChain(t.events, reset, t.mac()));
    Trail fresh;
    CHECK_FALSE(verifyAuditChain({}, fresh.head, fresh.mac()));
}

TEST_CASE("a checkpoint the trail no longer reaches is detected", "[unit]") {
    auto t = fiveEvents();
    const auto cp = t.checkpoint();  // taken at event 5
    auto v = AuditChainVerifier(t.mac(), {cp});
    for (const auto& e : t.events) v.add(e);
    CHECK_FALSE(v.finish(t.head));

    SECTION("an older copy restored: the trail and its signed head end at event 3") {
        Trail old = fiveEvents();
        old.events.resize(3);
        old.setHead(3, old.events.back().rowHash);  // a genuine, signed head of the old copy
        CHECK_FALSE(verifyAuditChain(old.events, old.head, old.mac()));
        AuditChainVerifier w(old.mac(), {cp});
        for (const auto& e : old.events) w.add(e);
        auto b = w.finish(old.head);
        REQUIRE(b);
        CHECK_THAT(b->reason, Catch::Contains("older copy"));
    }
    SECTION("every event removed and the head reset to a fresh trail") {
        Trail empty;
        AuditChainVerifier w(empty.mac(), {cp});
        auto b = w.finish(empty.head);
        REQUIRE(b);
        CHECK_THAT(b->reason, Catch::Contains("checkpoint"));
    }
    SECTION("a checkpoint not signed with this key") {
        auto forged = cp;
        forged.eventId = 2;
        AuditChainVerifier w(t.mac(), {forged});
        for (const auto& e : t.events) w.add(e);
        auto b = w.finish(t.head);
        REQUIRE(b);
        CHECK_THAT(b->reason, Catch::Contains("not signed"));
    }
}

TEST_CASE("checkpoint lines round-trip and malformed ones are refused", "[unit]") {
    auto t = fiveEvents();
    const auto cp = t.checkpoint();
    const auto back = parseCheckpoint(formatCheckpoint(cp));
    REQUIRE(back);
    CHECK(back->eventId == 5);
    CHECK(back->hash == cp.hash);
    CHECK(back->mac == cp.mac);
    CHECK(back->takenAt == cp.takenAt);
    CHECK_FALSE(parseCheckpoint("kituo-audit-checkpoint v1 event=x hash=a at=b mac=c"));
    CHECK_FALSE(parseCheckpoint("garbage"));
    CHECK_FALSE(parseCheckpoint(""));
}

TEST_CASE("an inbox entry's MAC covers its content but not its future place in the chain", "[unit]") {
    auto t = fiveEvents();
    auto e = t.events[2];
    const auto mac = t.keys.auditMac(canonicalEntry(e));
    e.id = 99;
    e.prevHash = "x";
    CHECK(t.keys.auditMac(canonicalEntry(e)) == mac);
    e.detail = "changed";
    CHECK(t.keys.auditMac(canonicalEntry(e)) != mac);
}

TEST_CASE("after a key rotation the trail verifies with the old key up to the switch and the new one after",
          "[unit]") {
    auto t = fiveEvents();  // signed with the old key
    const auto oldCheckpoint = t.checkpoint();
    const auto oldKeys = t.keys;
    t.keys = crypto::KeyRing::fromBytes(std::string(32, 'n'));  // rotate-key switches the sealer
    t.add("master_key.rotate");
    t.add("login");
    const Mac oldMac = [&](const std::string& m) { return oldKeys.auditMac(m); };
    const std::vector<Mac> both = {oldMac, t.mac()};
    auto verify = [&](const std::vector<AuditEvent>& events, const ChainHead& head,
                      std::vector<AuditCheckpoint> cps = {}) {
        AuditChainVerifier v(both, std::move(cps));
        for (const auto& e : events) {
            if (!v.add(e)) break;
        }
        return v.finish(head);
    };
    CHECK_FALSE(verify(t.events, t.head, {oldCheckpoint, t.checkpoint()}));
    // Neither key alone verifies the whole trail.
    CHECK(verifyAuditChain(t.events, t.head, oldMac));
    CHECK(verifyAuditChain(t.events, t.head, t.mac()));

    SECTION("the retired key cannot add to the trail after the switch") {
        auto forged = t.events;
        AuditEvent e = forged.back();
        e.id += 1;
        e.prevHash = e.rowHash;
        e.action = "user.create";
        e.rowHash = oldKeys.auditMac(canonicalAuditContent(e));
        forged.push_back(e);
        const ChainHead head{e.id, e.rowHash, oldKeys.auditMac(canonicalHead(e.id, e.rowHash))};
        auto b = verify(forged, head);
        REQUIRE(b);
        CHECK(b->eventId == 8);
        CHECK_THAT(b->reason, Catch::Contains("retired before it was written"));
    }
    SECTION("nor cut the trail back to the switch and sign the head") {
        auto cut = t.events;
        cut.resize(5);
        const ChainHead head{5, cut.back().rowHash, oldKeys.auditMac(canonicalHead(5, cut.back().rowHash))};
        auto b = verify(cut, head);
        REQUIRE(b);
        CHECK(b->eventId == 0);
        CHECK_THAT(b->reason, Catch::Contains("signed with a previous master key"));
    }
    SECTION("an event before the switch still may not be edited") {
        auto edited = t.events;
        edited[1].detail = "changed";
        edited[1].rowHash = oldKeys.auditMac(canonicalAuditContent(edited[1]));  // re-signed with the old key
        auto b = verify(edited, t.head);
        REQUIRE(b);
        CHECK(b->eventId == 3);  // the next event's link no longer matches
    }
}
