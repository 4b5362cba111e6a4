// Second-factor secrets at rest: sealed with XChaCha20-Poly1305 under a derived key, bound to
// their account; a value moved to another account, edited, or opened with another master key
// does not open.
#include "crypto/SecretBox.h"

#include <catch2/catch.hpp>

using namespace kituo::crypto;

TEST_CASE("a sealed secret opens only for its account and key", "[unit]") {
    const auto keys = KeyRing::fromBytes(std::string(32, '\x01'));
    const auto other = KeyRing::fromBytes(std::string(32, '\x02'));
    const std::string secret = "12345678901234567890";
    const auto sealed = secondFactorBox(keys).seal(secret, secondFactorBinding(42));
    CHECK(sealed.find("3132333435") == std::string::npos);  // not the secret's hex
    CHECK(secondFactorBox(keys).open(sealed, secondFactorBinding(42)) == std::optional<std::string>(secret));
    CHECK_FALSE(secondFactorBox(keys).open(sealed, secondFactorBinding(43)));
    CHECK_FALSE(secondFactorBox(other).open(sealed, secondFactorBinding(42)));
    std::string edited = sealed;
    edited[edited.size() - 1] = edited.back() == '0' ? '1' : '0';
    CHECK_FALSE(secondFactorBox(keys).open(edited, secondFactorBinding(42)));
    CHECK_FALSE(secondFactorBox(keys).open("zz", secondFactorBinding(42)));
    // A fresh nonce each time.
    CHECK(secondFactorBox(keys).seal(secret, "x") != secondFactorBox(keys).seal(secret, "x"));
}
