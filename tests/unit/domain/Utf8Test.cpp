// Strict UTF-8 validation: what is accepted and every class of malformed input refused.
#include "domain/Utf8.h"

#include <catch2/catch.hpp>

using kituo::domain::isValidUtf8;

TEST_CASE("valid UTF-8 is accepted", "[unit]") {
    CHECK(isValidUtf8(""));
    CHECK(isValidUtf8("Kituo cha Polisi"));
    CHECK(isValidUtf8("Wanjirũ Mũthoni, Ochieng’ — café"));
    CHECK(isValidUtf8("\xF0\x9F\x91\xAE"));          // police officer emoji, 4 bytes
    CHECK(isValidUtf8("\xF4\x8F\xBF\xBF"));          // U+10FFFF, the last code point
    CHECK(isValidUtf8(std::string("a\0b", 3)));      // NUL is valid UTF-8
}

TEST_CASE("malformed UTF-8 is refused", "[unit]") {
    CHECK_FALSE(isValidUtf8("\x80"));                // lone continuation byte
    CHECK_FALSE(isValidUtf8("\xC0\x80"));            // overlong NUL
    CHECK_FALSE(isValidUtf8("\xC1\xBF"));            // overlong 2-byte
    CHECK_FALSE(isValidUtf8("\xE0\x80\x80"));        // overlong 3-byte
    CHECK_FALSE(isValidUtf8("\xF0\x80\x80\x80"));    // overlong 4-byte
    CHECK_FALSE(isValidUtf8("\xED\xA0\x80"));        // UTF-16 surrogate
    CHECK_FALSE(isValidUtf8("\xF4\x90\x80\x80"));    // above U+10FFFF
    CHECK_FALSE(isValidUtf8("\xF5\x80\x80\x80"));    // invalid lead byte
    CHECK_FALSE(isValidUtf8("\xFF"));
    CHECK_FALSE(isValidUtf8("abc\xE2\x82"));         // truncated at the end
    CHECK_FALSE(isValidUtf8("\xE2\x28\xA1"));        // bad continuation
    CHECK_FALSE(isValidUtf8("caf\xE9"));             // Latin-1, not UTF-8
}

TEST_CASE("truncating keeps characters whole", "[unit]") {
    CHECK(kituo::domain::truncateUtf8("abc", 10) == "abc");
    CHECK(kituo::domain::truncateUtf8("abcdef", 3) == "abc");
    CHECK(kituo::domain::truncateUtf8("Wanjir\xC5\xA9", 7) == "Wanjir");  // ũ is two bytes
    CHECK(kituo::domain::truncateUtf8("Wanjir\xC5\xA9", 8) == "Wanjir\xC5\xA9");
}
