// TOTP (RFC 6238) against the RFC's SHA-1 test vectors, HOTP (RFC 4226 appendix D), SHA-1 and
// HMAC-SHA-1 known answers, base32 (RFC 4648 section 10), the ±1 step window and the replay
// rule.
#include "domain/Totp.h"

#include <catch2/catch.hpp>

using namespace kituo::domain;

namespace {
std::string hex(const std::string& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}
const std::string kRfcKey = "12345678901234567890";
}  // namespace

TEST_CASE("SHA-1 and HMAC-SHA-1 known answers", "[unit]") {
    CHECK(hex(sha1("")) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    CHECK(hex(sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(hex(sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    // RFC 2202 test case 2.
    CHECK(hex(hmacSha1("Jefe", "what do ya want for nothing?")) == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

TEST_CASE("HOTP matches RFC 4226 appendix D", "[unit]") {
    const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                              "254676", "287922", "162583", "399871", "520489"};
    for (int i = 0; i < 10; ++i) CHECK(hotp(kRfcKey, i) == expected[i]);
}

TEST_CASE("TOTP matches the RFC 6238 SHA-1 test vectors", "[unit]") {
    CHECK(totpAt(kRfcKey, 59, 8) == "94287082");
    CHECK(totpAt(kRfcKey, 1111111109, 8) == "07081804");
    CHECK(totpAt(kRfcKey, 1111111111, 8) == "14050471");
    CHECK(totpAt(kRfcKey, 1234567890, 8) == "89005924");
    CHECK(totpAt(kRfcKey, 2000000000, 8) == "69279037");
    CHECK(totpAt(kRfcKey, 20000000000, 8) == "65353130");
    CHECK(totpAt(kRfcKey, 59) == "287082");  // six digits: the low six of the eight
}

TEST_CASE("base32 round-trips and follows RFC 4648", "[unit]") {
    CHECK(base32Encode("") == "");
    CHECK(base32Encode("f") == "MY");
    CHECK(base32Encode("fo") == "MZXQ");
    CHECK(base32Encode("foobar") == "MZXW6YTBOI");
    CHECK(base32Encode(kRfcKey) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    CHECK(base32Decode("MZXW6YTBOI") == std::optional<std::string>("foobar"));
    CHECK(base32Decode("mzxw 6ytb oi======") == std::optional<std::string>("foobar"));
    CHECK_FALSE(base32Decode("MZXW1"));  // 1 is not in the alphabet
    CHECK_FALSE(base32Decode("MY=A"));
}

TEST_CASE("a code is accepted one step either side, never further", "[unit]") {
    const std::int64_t now = 1'800'000'015;
    const std::int64_t step = totpStep(now);
    CHECK(verifyTotp(kRfcKey, hotp(kRfcKey, step), now, 0) == step);
    CHECK(verifyTotp(kRfcKey, hotp(kRfcKey, step - 1), now, 0) == step - 1);
    CHECK(verifyTotp(kRfcKey, hotp(kRfcKey, step + 1), now, 0) == step + 1);
    CHECK_FALSE(verifyTotp(kRfcKey, hotp(kRfcKey, step - 2), now, 0));
    CHECK_FALSE(verifyTotp(kRfcKey, hotp(kRfcKey, step + 2), now, 0));
    CHECK(verifyTotp(kRfcKey, hotp(kRfcKey, step).insert(3, " "), now, 0) == step);
    CHECK_FALSE(verifyTotp(kRfcKey, "12345", now, 0));
    CHECK_FALSE(verifyTotp(kRfcKey, "abcdef", now, 0));
    CHECK_FALSE(verifyTotp("", hotp("", step), now, 0));
}

TEST_CASE("a step already accepted is never accepted again (replay)", "[unit]") {
    const std::int64_t now = 1'800'000'015;
    const std::int64_t step = totpStep(now);
    const std::string code = hotp(kRfcKey, step);
    CHECK(verifyTotp(kRfcKey, code, now, step - 1) == step);
    CHECK_FALSE(verifyTotp(kRfcKey, code, now, step));       // the same code again
    CHECK_FALSE(verifyTotp(kRfcKey, hotp(kRfcKey, step - 1), now, step));  // an older one
    CHECK(verifyTotp(kRfcKey, hotp(kRfcKey, step + 1), now, step) == step + 1);
}

TEST_CASE("the otpauth URI names issuer, account and parameters", "[unit]") {
    CHECK(otpauthUri("Kituo", "a b@x", "ABC") ==
          "otpauth://totp/Kituo:a%20b%40x?secret=ABC&issuer=Kituo&algorithm=SHA1&digits=6&period=30");
    CHECK(normaliseRecoveryCode(" AbCd-eFgh ") == "abcdefgh");
}
