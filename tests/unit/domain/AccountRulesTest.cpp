// Account form rules and UTC time helpers.
#include "domain/AccountRules.h"
#include "domain/Time.h"

#include <catch2/catch.hpp>

using namespace kituo::domain;

TEST_CASE("usernames are lower-case, 2 to 64 characters, starting with a letter", "[unit]") {
    CHECK(validUsername("hr"));
    CHECK(validUsername("hr.county"));
    CHECK(validUsername("p_otieno-2"));
    CHECK_FALSE(validUsername("a"));
    CHECK_FALSE(validUsername("HR"));
    CHECK_FALSE(validUsername("2hr"));
    CHECK_FALSE(validUsername("hr officer"));
    CHECK_FALSE(validUsername("hr<script>"));
    CHECK_FALSE(validUsername(std::string(65, 'a')));
}

TEST_CASE("account fields each get their own message", "[unit]") {
    auto e = accountFieldErrors("X", " ", "chief", "abc", true);
    CHECK(e.count("username"));
    CHECK(e.count("display_name"));
    CHECK(e.count("role"));
    CHECK(e.count("org_unit_id"));
    CHECK(accountFieldErrors("wanjiru", "Wanjirũ Mũthoni", "hr_officer", "5", true).empty());
    CHECK(accountFieldErrors("X", "Name", "auditor", "5", false).empty());  // username not edited
    CHECK(accountFieldErrors("abc", "Name", "auditor", "0", true).count("org_unit_id"));
}

TEST_CASE("UTC formatting and parsing round-trip", "[unit]") {
    CHECK(formatUtc(0) == "1970-01-01 00:00:00");
    CHECK(formatUtc(1795435200) == "2026-11-23 12:00:00");
    CHECK(formatUtcMicros(1795435200123456) == "2026-11-23 12:00:00.123456");
    CHECK(parseUtc("2026-11-23 12:00:00") == 1795435200);
    CHECK(parseUtc("2024-02-29") == 1709164800);
    CHECK_FALSE(parseUtc("2023-02-29"));
    CHECK_FALSE(parseUtc("2026-13-01"));
    CHECK(isIsoDate("2026-11-23"));
    CHECK_FALSE(isIsoDate("23/11/2026"));
    CHECK_FALSE(isIsoDate("2026-11-31"));
}
