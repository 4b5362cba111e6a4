// Nominal roll rules: field validation, enlistment age, rank belongs to service, ID masking,
// phone normalization, time at the current station and transfer rules.
#include "domain/Officer.h"
#include "domain/Time.h"

#include <catch2/catch.hpp>

using namespace kituo::domain;

namespace {

const std::vector<Rank>& ladder() {
    static const std::vector<Rank> r = {{1, "CONST", "Constable", 1, {"KPS", "APS", "DCI"}},
                                        {2, "CPL", "Corporal", 2, {"KPS", "APS", "DCI"}},
                                        {13, "DIG", "Deputy Inspector-General", 13, {"KPS", "APS"}}};
    return r;
}

OfficerInput valid() {
    OfficerInput in;
    in.serviceNumber = "2345678";
    in.surname = "Otieno";
    in.otherNames = "Peter Ochieng'";
    in.nationalId = "23456789";
    in.gender = "M";
    in.dateOfBirth = "1990-04-17";
    in.enlistmentDate = "2012-06-01";
    in.service = "KPS";
    in.rankId = 2;
    in.rankSince = "2019-07-01";
    in.status = "active";
    in.statusSince = "2012-06-01";
    in.phone = "0712 345 678";
    return in;
}

const std::string today = "2026-11-23";

}  // namespace

TEST_CASE("a complete record is valid", "[unit]") {
    CHECK(officerFieldErrors(valid(), ladder(), today).empty());
}

TEST_CASE("each field is checked with its own message", "[unit]") {
    OfficerInput in;
    auto e = officerFieldErrors(in, ladder(), today);
    for (const char* f : {"service_number", "surname", "other_names", "national_id", "gender",
                          "date_of_birth", "enlistment_date", "service", "rank_id", "rank_since",
                          "status", "status_since"}) {
        INFO(f);
        CHECK(e.count(f) == 1);
    }
    CHECK(e.count("phone") == 0);  // optional
}

TEST_CASE("enlistment age must be 18 to 35", "[unit]") {
    auto in = valid();
    in.dateOfBirth = "1995-06-02";  // 16 at enlistment
    CHECK_THAT(officerFieldErrors(in, ladder(), today).at("enlistment_date"), Catch::Contains("it would be 16"));
    in.dateOfBirth = "1994-06-01";  // 18 on the day
    CHECK(officerFieldErrors(in, ladder(), today).empty());
    in.dateOfBirth = "1976-06-01";  // 36
    CHECK(officerFieldErrors(in, ladder(), today).count("enlistment_date"));
}

TEST_CASE("dates must be real, in order and not in the future", "[unit]") {
    auto in = valid();
    in.dateOfBirth = "1990-02-30";
    CHECK(officerFieldErrors(in, ladder(), today).count("date_of_birth"));
    in = valid();
    in.enlistmentDate = "2027-01-01";
    CHECK(officerFieldErrors(in, ladder(), today).count("enlistment_date"));
    in = valid();
    in.rankSince = "2011-01-01";
    CHECK_THAT(officerFieldErrors(in, ladder(), today).at("rank_since"), Catch::Contains("before enlistment"));
}

TEST_CASE("the rank must belong to the officer's service", "[unit]") {
    auto in = valid();
    in.service = "DCI";
    in.rankId = 13;
    CHECK_THAT(officerFieldErrors(in, ladder(), today).at("rank_id"), Catch::Contains("not a rank of the Directorate"));
    in.service = "APS";
    CHECK(officerFieldErrors(in, ladder(), today).empty());
}

TEST_CASE("names allow any script but not control characters or over 100 characters", "[unit]") {
    auto in = valid();
    in.surname = "Wanjirũ-Mũthoni 👮 <script>";
    CHECK(officerFieldErrors(in, ladder(), today).empty());
    in.surname = std::string(100, 'a');
    CHECK(officerFieldErrors(in, ladder(), today).empty());
    in.surname = std::string(101, 'a');
    CHECK(officerFieldErrors(in, ladder(), today).count("surname"));
    in.surname = "Two\nLines";
    CHECK(officerFieldErrors(in, ladder(), today).count("surname"));
}

TEST_CASE("national ID numbers are masked except the last four digits", "[unit]") {
    CHECK(maskNationalId("23456789") == "****6789");
    CHECK(maskNationalId("1234") == "****");
    CHECK(validNationalId("123456"));
    CHECK_FALSE(validNationalId("12345"));
    CHECK_FALSE(validNationalId("12345678A"));
}

TEST_CASE("phone numbers normalize to +254", "[unit]") {
    CHECK(normalizePhone("0712 345 678") == "+254712345678");
    CHECK(normalizePhone("+254 712-345678") == "+254712345678");
    CHECK(normalizePhone("254112345678") == "+254112345678");
    CHECK(normalizePhone("") == "");
    CHECK_FALSE(normalizePhone("0812345678"));
    CHECK_FALSE(normalizePhone("12345"));
    CHECK_FALSE(normalizePhone("07123abc78"));
}

TEST_CASE("time at the current station spans unit moves within it", "[unit]") {
    std::vector<PostingPeriod> p = {{5, "2015-01-10", "2019-03-01"},  // station 5
                                    {7, "2019-03-01", "2021-08-01"},  // station 7, unit A
                                    {7, "2021-08-01", ""}};           // station 7, unit B (open)
    CHECK(atCurrentStationSince(p) == "2019-03-01");
    CHECK(overStationLimit("2019-03-01", today));
    CHECK_FALSE(overStationLimit("2023-11-23", today));  // exactly three years: not more
    CHECK(overStationLimit("2023-11-22", today));
    p.back().toDate = "2024-01-01";
    CHECK_FALSE(atCurrentStationSince(p));  // no open posting
}

TEST_CASE("a transfer needs a station, a later date and a reference", "[unit]") {
    CHECK(transferFieldErrors("2020-01-01", 9, "2026-11-01", "MO/12/2026", today).empty());
    auto e = transferFieldErrors("2020-01-01", 0, "2019-12-31", " ", today);
    CHECK(e.count("station_id"));
    CHECK_THAT(e.at("from_date"), Catch::Contains("2020-01-01"));
    CHECK(e.count("reference"));
    CHECK(transferFieldErrors("2020-01-01", 9, "2026-12-01", "x", today).count("from_date"));
}

TEST_CASE("date arithmetic", "[unit]") {
    CHECK(yearsBetween("1990-04-17", "2026-04-16") == 35);
    CHECK(yearsBetween("1990-04-17", "2026-04-17") == 36);
    CHECK(daysBetween("2024-02-28", "2024-03-01") == 2);
    CHECK(addDays("2024-02-28", 2) == "2024-03-01");
}

TEST_CASE("names with control characters are refused at the form, as the importer refuses them", "[unit]") {
    auto in = valid();
    in.surname = std::string("Oti\0eno", 7);
    in.otherNames = "Peter\x1b[31m";
    auto e = officerFieldErrors(in, ladder(), today);
    CHECK_THAT(e["surname"], Catch::Contains("control characters"));
    CHECK_THAT(e["other_names"], Catch::Contains("control characters"));
    in = valid();
    in.surname = "Wanjirũ O'Neil-Kamau";
    CHECK(officerFieldErrors(in, ladder(), today).empty());
}

TEST_CASE("durations read as people say them", "[unit]") {
    CHECK(describeDuration("2026-11-01", "2026-11-24") == "less than a month");
    CHECK(describeDuration("2026-10-24", "2026-11-24") == "1 month");
    CHECK(describeDuration("2026-10-25", "2026-11-24") == "less than a month");
    CHECK(describeDuration("2025-11-24", "2026-11-24") == "1 year");
    CHECK(describeDuration("2022-09-10", "2026-11-24") == "4 years, 2 months");
    CHECK(describeDuration("2024-02-29", "2027-02-28") == "2 years, 11 months");
}

TEST_CASE("the transfer worklist: over three years at the current station, serving, longest first", "[unit]") {
    const std::string today = "2026-11-24";
    std::vector<StationHistory> officers = {
        {1, "active", {{7, "2023-11-24", ""}}},                            // exactly three years: not yet
        {2, "active", {{7, "2023-11-23", ""}}},                            // three years and a day
        {3, "on_leave", {{7, "2019-01-01", "2021-06-01"}, {7, "2021-06-01", ""}}},  // a unit move: one run
        {4, "active", {{8, "2015-01-01", "2024-01-01"}, {7, "2024-01-01", ""}}},    // moved recently
        {5, "retired", {{7, "2010-01-01", ""}}},                           // no longer serving
        {6, "active", {{7, "2018-01-01", "2019-01-01"}, {8, "2019-01-01", "2020-01-01"}, {7, "2020-01-01", ""}}},
        {7, "active", {{7, "2020-01-01", "2021-01-01"}}},                  // no open posting
    };
    const auto due = dueForTransfer(officers, today);
    REQUIRE(due.size() == 3);
    CHECK(due[0].officerId == 3);
    CHECK(due[0].since == "2019-01-01");
    CHECK(due[1].officerId == 6);
    CHECK(due[1].since == "2020-01-01");
    CHECK(due[2].officerId == 2);
}

TEST_CASE("dates read in text as 24 Nov 2026", "[unit]") {
    CHECK(formatDateText("2026-11-24") == "24 Nov 2026");
    CHECK(formatDateText("1996-06-02") == "2 Jun 1996");
    CHECK(formatDateText("not a date") == "not a date");
}

TEST_CASE("roll searches read names in any order, numbers, national IDs and phones", "[unit]") {
    auto names = parseRollSearch("  Otieno,   Peter  Ochieng' ", false);
    CHECK(names.text == "Otieno Peter Ochieng'");
    CHECK(names.words == std::vector<std::string>{"Otieno", "Peter", "Ochieng'"});
    CHECK(names.serviceNumberPrefix.empty());
    CHECK(names.phone.empty());
    CHECK(parseRollSearch("peter otieno", false).words == std::vector<std::string>{"peter", "otieno"});
    CHECK(parseRollSearch("a b c d e f", false).words.size() == kMaxSearchWords);
    CHECK(parseRollSearch("   ", false).text.empty());

    auto number = parseRollSearch("21000", false);
    CHECK(number.serviceNumberPrefix == "21000");
    CHECK(number.nationalId.empty());  // not for those who may not see national IDs
    CHECK(number.words.empty());
    CHECK(parseRollSearch("20000000", true).nationalId == "20000000");

    for (const char* phone : {"0712345678", "0712 345 678", "+254712345678", "254712345678", "712345678"}) {
        INFO(phone);
        auto p = parseRollSearch(phone, false);
        CHECK(p.phone == "+254712345678");
        CHECK(p.words.empty());
    }
}

TEST_CASE("moments read in East Africa Time with the zone", "[unit]") {
    CHECK(formatEatText(1795520400) == "24 Nov 2026 14:40 EAT");  // 2026-11-24 11:40 UTC
    CHECK(formatEatText(1795557600) == "25 Nov 2026 01:00 EAT");  // 22:00 UTC the day before
}

TEST_CASE("dates are read as written: ISO, or day first as a Kenyan spreadsheet saves them", "[unit]") {
    CHECK(parseDateInput("1996-06-02") == std::optional<std::string>("1996-06-02"));
    CHECK(parseDateInput("02/06/1996") == std::optional<std::string>("1996-06-02"));
    CHECK(parseDateInput("2/6/1996") == std::optional<std::string>("1996-06-02"));
    CHECK(parseDateInput(" 29/02/2024 ") == std::optional<std::string>("2024-02-29"));
    CHECK_FALSE(parseDateInput("31-12-2020"));  // only the forms the pages name are read
    CHECK_FALSE(parseDateInput("31.12.2020"));
    CHECK_FALSE(parseDateInput("29/02/2023"));   // not a leap year
    CHECK_FALSE(parseDateInput("06/31/1996"));   // month first: there is no 31st month
    CHECK_FALSE(parseDateInput("2/6/96"));       // two-digit years are refused
    CHECK_FALSE(parseDateInput("2/6-1996"));
    CHECK_FALSE(parseDateInput(""));
    CHECK_FALSE(parseDateInput("June 2, 1996"));
}

TEST_CASE("a phone number that lost its leading 0 in a spreadsheet is still a phone", "[unit]") {
    CHECK(normalizePhone("713385442") == std::optional<std::string>("+254713385442"));
    CHECK(normalizePhone("0713 385 442") == std::optional<std::string>("+254713385442"));
    CHECK_FALSE(normalizePhone("813385442"));
}

TEST_CASE("names that a spreadsheet would run as a formula are refused", "[unit]") {
    for (const char* bad : {"=HYPERLINK(\"x\")", "+254", "-Otieno", "@SUM(A1)"}) {
        auto in = valid();
        in.surname = bad;
        INFO(bad);
        CHECK_THAT(officerFieldErrors(in, ladder(), today)["surname"], Catch::Contains("not =, +, - or @"));
    }
    auto in = valid();
    in.otherNames = "Mary-Jane O'Brien";  // a hyphen inside a name is fine
    CHECK(officerFieldErrors(in, ladder(), today).empty());
}
