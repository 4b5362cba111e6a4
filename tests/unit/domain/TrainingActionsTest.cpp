// Bulk enrolment candidates, prerequisites, reminder thresholds (each once) and module
// summaries, as pure functions of compliance cells and a date.
#include "domain/TrainingActions.h"

#include <catch2/catch.hpp>

using namespace kituo::domain;

namespace {

const std::string today = "2026-11-24";

ComplianceCell cell(std::int64_t officer, ComplianceState state, std::optional<std::string> validUntil = {},
                    std::optional<std::string> dueBy = {}, std::int64_t module = 1) {
    ComplianceCell c;
    c.officerId = officer;
    c.compliance.moduleId = module;
    c.compliance.state = state;
    c.compliance.validUntil = std::move(validUntil);
    c.compliance.dueBy = std::move(dueBy);
    if (c.compliance.validUntil) c.compliance.lastCompleted = "2024-01-01";
    return c;
}

}  // namespace

TEST_CASE("bulk enrolment takes the overdue, the expired and the due within 60 days, most urgent first",
          "[unit]") {
    const std::vector<ComplianceCell> cells = {
        cell(1, ComplianceState::Compliant, std::string("2028-01-01")),
        cell(2, ComplianceState::DueSoon, std::string("2027-01-10")),             // 47 days
        cell(3, ComplianceState::DueSoon, std::string("2027-01-24")),             // 61 days
        cell(4, ComplianceState::Expired, std::string("2026-03-01")),
        cell(5, ComplianceState::Overdue, std::nullopt, std::string("2025-05-01")),
        cell(6, ComplianceState::NotRequired),
        cell(7, ComplianceState::DueSoon, std::nullopt, std::string("2026-12-01")),  // never trained, due in 7 days
        cell(8, ComplianceState::Overdue, std::nullopt, std::string("2026-10-01")),
    };
    CHECK(bulkEnrolmentCandidates(cells, {}, today) == std::vector<std::int64_t>{5, 4, 8, 7, 2});
    CHECK(bulkEnrolmentCandidates(cells, {4, 7}, today) == std::vector<std::int64_t>{5, 8, 2});
    CHECK(bulkEnrolmentCandidates(cells, {}, today, 90) == std::vector<std::int64_t>{5, 4, 8, 7, 2, 3});
    CHECK(bulkEnrolmentCandidates({}, {}, today).empty());
}

TEST_CASE("prerequisites: every one passed at least once", "[unit]") {
    const std::vector<Completion> done = {{10, "2020-01-01", true}, {11, "2021-01-01", false}};
    CHECK(missingPrerequisites({10}, done).empty());
    CHECK(missingPrerequisites({10, 11, 12}, done) == std::vector<std::int64_t>{11, 12});
    CHECK(missingPrerequisites({}, {}).empty());
}

TEST_CASE("reminders at 90, 60, 30 and 7 days and at overdue, the nearest threshold only, each once", "[unit]") {
    auto due = [](const std::string& until, const std::set<ReminderKey>& sent = {}, const std::string& on = today) {
        return remindersDue({cell(1, ComplianceState::DueSoon, until)}, sent, on);
    };
    CHECK(due("2027-03-01").empty());  // 97 days
    REQUIRE(due("2027-02-22").size() == 1);  // 90 days exactly
    CHECK(due("2027-02-22")[0].threshold == 90);
    CHECK(due("2027-01-23")[0].threshold == 60);
    CHECK(due("2026-12-24")[0].threshold == 30);
    CHECK(due("2026-12-01")[0].threshold == 7);
    CHECK(due("2026-11-24")[0].threshold == 7);  // the last valid day
    CHECK(due("2026-11-23")[0].threshold == 0);  // expired: overdue
    // Sent once: running again creates nothing; the next threshold is new.
    const auto first = due("2027-01-23");
    const std::set<ReminderKey> sent(first.begin(), first.end());
    CHECK(due("2027-01-23", sent).empty());
    CHECK(due("2027-01-23", sent, "2026-11-25").empty());
    CHECK(due("2027-01-23", sent, "2026-12-24")[0].threshold == 30);
    // A renewal moves the deadline: the thresholds start again for the new one.
    CHECK(due("2029-01-23", sent, "2028-11-24")[0].threshold == 60);
    // Never trained: the due date is the deadline.
    const auto never = remindersDue({cell(2, ComplianceState::Overdue, std::nullopt, std::string("2026-10-01"))}, {}, today);
    REQUIRE(never.size() == 1);
    CHECK(never[0].threshold == 0);
    CHECK(never[0].deadline == "2026-10-01");
    CHECK(remindersDue({cell(3, ComplianceState::NotRequired)}, {}, today).empty());
}

TEST_CASE("a module's summary counts the states of those it is required of", "[unit]") {
    const std::vector<ComplianceCell> cells = {
        cell(1, ComplianceState::Compliant, std::string("2028-01-01")),
        cell(2, ComplianceState::DueSoon, std::string("2027-01-10")),
        cell(3, ComplianceState::DueSoon, std::nullopt, std::string("2026-12-20")),
        cell(4, ComplianceState::Expired, std::string("2026-03-01")),
        cell(5, ComplianceState::NotRequired),
        cell(6, ComplianceState::Compliant, std::string("2028-01-01"), std::nullopt, 2),
    };
    const auto s = summarize(1, cells);
    CHECK(s.required == 4);
    CHECK(s.byState.at(ComplianceState::DueSoon) == 2);
    CHECK(s.byState.at(ComplianceState::Expired) == 1);
    CHECK(s.percentCompliant == 50);  // officers 1 and 2 hold a valid qualification
    CHECK(summarize(9, cells).percentCompliant == 100);
    CHECK(summarize(9, cells).required == 0);
}

TEST_CASE("a result's score agrees with the pass mark, the absent have none", "[unit]") {
    CHECK_FALSE(resultProblem("pass", "", 70));
    CHECK_FALSE(resultProblem("pass", "70", 70));
    CHECK(resultProblem("pass", "69", 70));
    CHECK_FALSE(resultProblem("fail", "69", 70));
    CHECK(resultProblem("fail", "70", 70));
    CHECK_FALSE(resultProblem("absent", "", 70));
    CHECK(resultProblem("absent", "50", 70));
    CHECK(resultProblem("", "", 70));
    CHECK(resultProblem("pass", "101", 70));
    CHECK(resultProblem("pass", "7a", 70));
}

TEST_CASE("a station's tally: required cells, valid ones, overdue and expired, tallies add up", "[unit]") {
    auto mc = [](ComplianceState state, bool held) {
        ModuleCompliance c;
        c.state = state;
        if (held) c.lastCompleted = "2025-01-01";
        return c;
    };
    const std::vector<std::vector<ModuleCompliance>> cells = {
        {mc(ComplianceState::Compliant, true), mc(ComplianceState::NotRequired, true)},
        {mc(ComplianceState::DueSoon, true), mc(ComplianceState::DueSoon, false)},  // renewing; never trained
        {mc(ComplianceState::Overdue, false), mc(ComplianceState::Expired, true)},
    };
    const auto t = tallyCompliance(cells);
    CHECK(t.officers == 3);
    CHECK(t.required == 5);  // the not-required cell is left out
    CHECK(t.valid == 2);     // compliant, and due soon with a qualification still held
    CHECK(t.overdue == 1);
    CHECK(t.expired == 1);
    CHECK(t.percent() == 40);
    CHECK(tallyCompliance({}).percent() == 100);  // nothing required: nothing missing

    ComplianceTally sum = t;
    sum.add(tallyCompliance({{mc(ComplianceState::Compliant, true)}}));
    CHECK(sum.officers == 4);
    CHECK(sum.required == 6);
    CHECK(sum.valid == 3);
    CHECK(sum.percent() == 50);
}
