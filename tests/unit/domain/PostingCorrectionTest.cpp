// Correcting or cancelling the current posting: which corrections are accepted, and why not.
#include "domain/PostingCorrection.h"

#include <catch2/catch.hpp>

using namespace kituo::domain;

namespace {

const std::string today = "2026-11-24";

PostingValues current() { return {7, std::optional<std::int64_t>(71), "2026-11-01", "MO/2026/114"}; }

PostingCorrection correction(PostingValues v, std::string reason = "Keyed against the wrong unit") {
    PostingCorrection c;
    c.fix = PostingFix::Correct;
    c.corrected = std::move(v);
    c.reason = std::move(reason);
    return c;
}

PostingCorrection cancellation(std::string reason = "Movement order MO/2026/114 withdrawn") {
    PostingCorrection c;
    c.fix = PostingFix::Cancel;
    c.reason = std::move(reason);
    return c;
}

const std::optional<std::string> previous = std::string("2019-03-01");

}  // namespace

TEST_CASE("the form's action reads as correct or cancel and nothing else", "[unit]") {
    CHECK(parsePostingFix("correct") == PostingFix::Correct);
    CHECK(parsePostingFix("cancel") == PostingFix::Cancel);
    CHECK_FALSE(parsePostingFix(""));
    CHECK_FALSE(parsePostingFix("delete"));
    PostingCorrection none;
    none.reason = "x";
    CHECK(postingCorrectionErrors(none, current(), previous, today).count("action") == 1);
}

TEST_CASE("a correction that changes the unit, date or reference with a reason is accepted", "[unit]") {
    auto v = current();
    v.unitId = 72;
    CHECK(postingCorrectionErrors(correction(v), current(), previous, today).empty());
    v = current();
    v.unitId.reset();
    CHECK(postingCorrectionErrors(correction(v), current(), previous, today).empty());
    v = current();
    v.fromDate = "2026-10-28";
    CHECK(postingCorrectionErrors(correction(v), current(), previous, today).empty());
    v = current();
    v.stationId = 8;
    v.unitId.reset();
    CHECK(postingCorrectionErrors(correction(v), current(), std::nullopt, today).empty());
}

TEST_CASE("a correction that changes nothing is refused, naming what to change", "[unit]") {
    const auto e = postingCorrectionErrors(correction(current()), current(), previous, today);
    REQUIRE(e.count("station_id") == 1);
    CHECK(e.at("station_id").find("Nothing was changed") != std::string::npos);
}

TEST_CASE("a corrected posting begins after the previous one began and not in the future", "[unit]") {
    auto v = current();
    v.fromDate = "2019-03-01";
    auto e = postingCorrectionErrors(correction(v), current(), previous, today);
    REQUIRE(e.count("from_date") == 1);
    CHECK(e.at("from_date").find("1 Mar 2019") != std::string::npos);
    v.fromDate = "2026-11-25";
    CHECK(postingCorrectionErrors(correction(v), current(), previous, today).count("from_date") == 1);
    v.fromDate = "01/11/2026";  // the handler reads day-first dates; the rule sees ISO only
    CHECK(postingCorrectionErrors(correction(v), current(), previous, today).count("from_date") == 1);
    v.fromDate = "2019-03-02";
    CHECK(postingCorrectionErrors(correction(v), current(), previous, today).empty());
}

TEST_CASE("a corrected posting keeps a station and a movement order reference", "[unit]") {
    auto v = current();
    v.stationId = 0;
    v.reference = "  ";
    const auto e = postingCorrectionErrors(correction(v), current(), previous, today);
    CHECK(e.count("station_id") == 1);
    CHECK(e.count("reference") == 1);
    v = current();
    v.reference = std::string(101, 'M');
    CHECK(postingCorrectionErrors(correction(v), current(), previous, today).count("reference") == 1);
}

TEST_CASE("cancelling needs a posting before it to return to", "[unit]") {
    CHECK(postingCorrectionErrors(cancellation(), current(), previous, today).empty());
    const auto e = postingCorrectionErrors(cancellation(), current(), std::nullopt, today);
    REQUIRE(e.count("action") == 1);
    CHECK(e.at("action").find("first posting") != std::string::npos);
}

TEST_CASE("every correction and cancellation needs a one-line reason of at most 200 characters", "[unit]") {
    auto v = current();
    v.unitId = 72;
    CHECK(postingCorrectionErrors(correction(v, ""), current(), previous, today).count("reason") == 1);
    CHECK(postingCorrectionErrors(cancellation(" \t"), current(), previous, today).count("reason") == 1);
    CHECK(postingCorrectionErrors(cancellation(std::string(201, 'r')), current(), previous, today).count("reason") == 1);
    CHECK(postingCorrectionErrors(cancellation(std::string(200, 'r')), current(), previous, today).empty());
    CHECK(postingCorrectionErrors(cancellation("withdrawn\nsee file"), current(), previous, today).count("reason") == 1);
    CHECK(postingCorrectionErrors(cancellation(std::string("nul\0here", 8)), current(), previous, today).count("reason") == 1);
}
