// argon2id hashing: the stored form, verification, and the re-hash signal when the stored
// parameters are weaker than the current ones.
#include "crypto/PasswordHasher.h"

#include <sodium.h>

#include <catch2/catch.hpp>

using namespace kituo::crypto;

TEST_CASE("hashes are argon2id with at least 19 MiB and 2 passes", "[unit]") {
    PasswordHasher h;
    const auto hash = h.hash("correct horse battery staple");
    CHECK_THAT(hash, Catch::StartsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
    CHECK(h.verify(hash, "correct horse battery staple"));
    CHECK_FALSE(h.verify(hash, "correct horse battery stapl"));
    CHECK_FALSE(h.verify("", "x"));
    CHECK_FALSE(h.verify("$argon2id$garbage", "x"));
    CHECK(h.hash("same password here") != h.hash("same password here"));  // salted
    CHECK_THROWS(PasswordHasher(PasswordParams{1, 19u * 1024 * 1024}));
}

TEST_CASE("weaker stored parameters ask for a re-hash", "[unit]") {
    PasswordHasher h;
    char weak[crypto_pwhash_STRBYTES];
    REQUIRE(crypto_pwhash_str_alg(weak, "pw", 2, 1, 8u * 1024 * 1024, crypto_pwhash_ALG_ARGON2ID13) == 0);
    CHECK(h.needsRehash(weak));
    CHECK(h.verify(weak, "pw"));
    CHECK_FALSE(h.needsRehash(h.hash("pw")));
    PasswordHasher stronger(PasswordParams{3, 19u * 1024 * 1024});
    CHECK(stronger.needsRehash(h.hash("pw")));
}

TEST_CASE("generated passwords are long and unpredictable", "[unit]") {
    const auto a = generatePassword();
    CHECK(a.size() == 20);
    CHECK(a != generatePassword());
}
