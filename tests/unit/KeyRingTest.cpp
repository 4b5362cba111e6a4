// The master key file: the current key, then the previous keys a rotation keeps, newest first.
// Errors name the file and the line, never a key. A rotation puts the new key first and keeps
// every older one once.
#include "crypto/CaseKeys.h"
#include "crypto/Keys.h"

#include <catch2/catch.hpp>

#include <string>

using namespace kituo::crypto;

namespace {

const std::string kA(64, 'a'), kB(64, 'b'), kC(64, 'c'), kD(64, 'd');

std::string errorOf(const std::string& text) {
    try {
        KeyRing::parse(text, "/etc/kituo/master.key");
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a key file holds the current key and, after rotations, previous keys", "[unit]") {
    const auto one = KeyRing::parse(kA, "f");  // ops/run writes no newline
    CHECK(one.previous().empty());
    CHECK(one.fileText() == kA + "\n");
    CHECK(one.auditMac("x") == KeyRing::parse(kA + "\n", "f").auditMac("x"));

    const auto ring = KeyRing::parse("# rotated 2026-11-23\n" + kB + "\r\n\nprevious " + kA + "\n", "f");
    REQUIRE(ring.previous().size() == 1);
    CHECK(ring.previous()[0].sameCurrentKey(one));
    CHECK(ring.retired(one));
    CHECK_FALSE(ring.sameCurrentKey(one));
    CHECK(ring.fileText() == kB + "\nprevious " + kA + "\n");
    CHECK(KeyRing::parse(ring.fileText(), "f").sameKeys(ring));
    // The current key decides what is derived; the previous ones derive their own.
    CHECK(ring.auditMac("x") != one.auditMac("x"));
    CHECK(ring.previous()[0].auditMac("x") == one.auditMac("x"));
    CHECK(masterKeyId(ring) != masterKeyId(one));
}

TEST_CASE("a malformed key file is refused naming the file and line, never the key", "[unit]") {
    CHECK_THAT(errorOf(""), Catch::Contains("/etc/kituo/master.key must hold 64 hex characters"));
    CHECK_THAT(errorOf(kA.substr(1)), Catch::Contains("must hold 64 hex characters"));
    CHECK_THAT(errorOf(kA + " " + kB), Catch::Contains("must hold 64 hex characters"));
    CHECK_THAT(errorOf(std::string(64, 'g')), Catch::Contains("must hold 64 hex characters"));
    for (const auto& text : {kA + "\n" + kB, kA + "\nprevious " + kB.substr(2), kA + "\nprevious\n",
                             kA + "\npreviously " + kB}) {
        const auto e = errorOf(text);
        CHECK_THAT(e, Catch::Contains("line 2 of the master key file /etc/kituo/master.key"));
        CHECK_THAT(e, !Catch::Contains("bbbbbbbb"));
    }
    CHECK_THAT(errorOf(kA + "\nprevious " + kB + "\nprevious " + kB), Catch::Contains("line 3") && Catch::Contains("repeats"));
    CHECK_THAT(errorOf(kA + "\nprevious " + kA), Catch::Contains("lists the current key as a previous one"));
}

TEST_CASE("rotating puts the new key first and keeps every older key once, newest first", "[unit]") {
    const auto current = KeyRing::parse(kB + "\nprevious " + kA, "f");
    const auto next = KeyRing::parse(kC, "f");
    const auto ring = current.rotatedTo(next);
    CHECK(ring.fileText() == kC + "\nprevious " + kB + "\nprevious " + kA + "\n");
    CHECK(ring.sameCurrentKey(next));
    CHECK_FALSE(ring.sameKeys(next));

    // Run again with the file rotate-key wrote (a resumed or second run): nothing changes.
    CHECK(current.rotatedTo(ring).sameKeys(ring));
    // Run after the restart, the new file being the key file: nothing changes either.
    CHECK(ring.rotatedTo(ring).sameKeys(ring));
    // The current key named as the new one: no previous key, nothing to rotate to.
    CHECK(KeyRing::parse(kD, "f").rotatedTo(KeyRing::parse(kD, "f")).previous().empty());
    // A retired key is recognised (rotate-key refuses to use one again).
    CHECK(current.retired(KeyRing::parse(kA, "f")));
    CHECK_FALSE(current.retired(next));
}

TEST_CASE("a case key wrapped under a previous key unwraps with the ring, under no other", "[unit]") {
    const auto old = KeyRing::parse(kA, "f");
    const auto ring = old.rotatedTo(KeyRing::parse(kB, "f"));
    const auto key = newCaseKey();
    const auto wrapped = wrapCaseKey(old, key, 7);
    CHECK_FALSE(unwrapCaseKey(ring, wrapped, 7));  // the server: the current key only
    CHECK(unwrapCaseKeyWithRing(ring, wrapped, 7, masterKeyId(old)) == std::optional<std::string>(key));
    CHECK(unwrapCaseKeyWithRing(ring, wrapped, 7, "unknown") == std::optional<std::string>(key));
    CHECK_FALSE(unwrapCaseKeyWithRing(ring, wrapped, 8, masterKeyId(old)));  // another case
    CHECK_FALSE(unwrapCaseKeyWithRing(KeyRing::parse(kC, "f"), wrapped, 7, masterKeyId(old)));
}
