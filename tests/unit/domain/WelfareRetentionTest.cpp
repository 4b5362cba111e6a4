// Retention of counselling notes: a closed case is past retention once it has been kept the
// whole period from its closing date; an open case never is, however old.
#include "domain/Welfare.h"

#include <catch2/catch.hpp>

using namespace kituo::domain;

TEST_CASE("a closed case is past retention from the day the period is complete", "[unit]") {
    CHECK(retentionCutoff("2033-10-22", 2555) == "2026-10-24");
    CHECK(retentionCutoff("2026-03-01", 1) == "2026-02-28");
    CHECK(retentionCutoff("2028-03-01", 1) == "2028-02-29");  // a leap year
    // Closed 24 Oct 2026, kept 2,555 days (7 years, two of them leap): past on 22 Oct 2033.
    CHECK_FALSE(pastRetention("closed", "2026-10-24", 2555, "2033-10-21"));
    CHECK(pastRetention("closed", "2026-10-24", 2555, "2033-10-22"));
    CHECK(pastRetention("closed", "2026-10-24", 2555, "2040-01-01"));
    CHECK_FALSE(pastRetention("closed", "2026-10-25", 2555, "2033-10-22"));  // a day later
    CHECK(pastRetention("closed", "2026-11-20", 3, "2026-11-23"));
    CHECK_FALSE(pastRetention("closed", "2026-11-21", 3, "2026-11-23"));
}

TEST_CASE("an open case, or one without a closing date, is never past retention", "[unit]") {
    CHECK_FALSE(pastRetention("open", "", 1, "2099-01-01"));
    CHECK_FALSE(pastRetention("open", "2000-01-01", 1, "2099-01-01"));
    CHECK_FALSE(pastRetention("closed", "", 1, "2099-01-01"));
    CHECK_FALSE(pastRetention("closed", "yesterday", 1, "2099-01-01"));
}
