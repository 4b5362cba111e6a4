// Retraining compliance as a pure function of the catalogue, the rules, an officer, their
// completions and a date: every state and the edges (expiry exactly today, 29 February, a
// retake superseding, a retake in progress, a rule added after a completion, a rank change or
// a posting bringing an officer into scope, a module that never expires, a calendar window).
#include "domain/Training.h"

#include <catch2/catch.hpp>

using namespace kituo::domain;

namespace {

TrainingModule module(int validityMonths, RecertBasis basis = RecertBasis::FromCompletion, int renewalDays = 0) {
    TrainingModule m;
    m.id = 1;
    m.code = "HR-UOF";
    m.validityMonths = validityMonths;
    m.basis = basis;
    m.renewalWindowDays = renewalDays;
    return m;
}

Requirement everyone(std::string from = "2020-01-01", int dueDays = 90) {
    Requirement r;
    r.moduleId = 1;
    r.effectiveFrom = std::move(from);
    r.dueDays = dueDays;
    return r;
}

OfficerTrainingFacts officer() {
    OfficerTrainingFacts o;
    o.officerId = 7;
    o.enlistmentDate = "2015-06-01";
    o.service = "KPS";
    o.rankOrdinal = 2;
    o.rankSince = "2019-07-01";
    o.unitType = "general_duties";
    o.unitSince = "2018-01-10";
    return o;
}

Completion passed(std::string on) { return {1, std::move(on), true}; }
Completion failed(std::string on) { return {1, std::move(on), false}; }

ComplianceState stateOn(const std::string& today, const std::vector<Completion>& done,
                        const TrainingModule& m = module(24), const std::vector<Requirement>& rules = {everyone()},
                        const OfficerTrainingFacts& o = officer()) {
    return moduleCompliance(m, rules, o, done, today).state;
}

}  // namespace

TEST_CASE("anniversaries: the same day, or the 1st of the next month when it does not exist", "[unit]") {
    CHECK(addMonthsRollingForward("2025-03-10", 12) == "2026-03-10");
    CHECK(addMonthsRollingForward("2024-02-29", 12) == "2025-03-01");
    CHECK(addMonthsRollingForward("2024-02-29", 48) == "2028-02-29");
    CHECK(addMonthsRollingForward("2026-01-31", 1) == "2026-03-01");
    CHECK(addMonthsRollingForward("2026-11-30", 3) == "2027-03-01");  // no 30 Feb
    CHECK(addMonthsRollingForward("2026-11-15", 3) == "2027-02-15");
    CHECK(addMonthsRollingForward("2026-12-31", 2) == "2027-03-01");
    CHECK(addMonthsRollingForward("2026-10-31", 2) == "2026-12-31");
}

TEST_CASE("a qualification is valid to the day before its anniversary, 29 February runs to 28 February",
          "[unit]") {
    CHECK(validUntil(module(24), {"2025-03-10"}) == std::optional<std::string>("2027-03-09"));
    CHECK(validUntil(module(12), {"2024-02-29"}) == std::optional<std::string>("2025-02-28"));
    CHECK(validUntil(module(48), {"2024-02-29"}) == std::optional<std::string>("2028-02-28"));
    CHECK_FALSE(validUntil(module(0), {"2024-02-29"}));
    CHECK_FALSE(validUntil(module(12), {}));
}

TEST_CASE("the five states", "[unit]") {
    const std::vector<Completion> done = {passed("2025-03-10")};  // valid until 2027-03-09
    CHECK(stateOn("2026-11-24", done) == ComplianceState::Compliant);
    CHECK(stateOn("2027-01-08", done) == ComplianceState::DueSoon);  // 60 days left
    CHECK(stateOn("2027-01-07", done) == ComplianceState::Compliant);  // 61 days left
    CHECK(stateOn("2027-03-10", done) == ComplianceState::Expired);
    CHECK(stateOn("2020-03-01", {}) == ComplianceState::DueSoon);  // in scope, due by 30 Mar 2020
    CHECK(stateOn("2026-11-24", {}) == ComplianceState::Overdue);
    Requirement cpu = everyone();
    cpu.kind = RequirementKind::UnitType;
    cpu.unitType = "child_protection";
    CHECK(stateOn("2026-11-24", {}, module(24), {cpu}) == ComplianceState::NotRequired);
}

TEST_CASE("expiry exactly today is still valid, due soon, the day after it has expired", "[unit]") {
    const std::vector<Completion> done = {passed("2024-11-25")};  // valid until 2026-11-24
    CHECK(stateOn("2026-11-24", done) == ComplianceState::DueSoon);
    CHECK(stateOn("2026-11-25", done) == ComplianceState::Expired);
}

TEST_CASE("29 February completions expire on 28 February in a common year", "[unit]") {
    const std::vector<Completion> done = {passed("2024-02-29")};
    CHECK(stateOn("2025-02-28", done, module(12)) == ComplianceState::DueSoon);
    CHECK(stateOn("2025-03-01", done, module(12)) == ComplianceState::Expired);
}

TEST_CASE("the newest passing completion counts: a retake supersedes, history stays", "[unit]") {
    const std::vector<Completion> done = {passed("2022-05-01"), passed("2024-09-15")};
    const auto c = moduleCompliance(module(24), {everyone()}, officer(), done, "2026-01-10");
    CHECK(c.state == ComplianceState::Compliant);
    CHECK(c.lastCompleted == std::optional<std::string>("2024-09-15"));
    CHECK(c.validUntil == std::optional<std::string>("2026-09-14"));
    // Order of the history does not matter.
    const std::vector<Completion> reversed = {passed("2024-09-15"), passed("2022-05-01")};
    CHECK(moduleCompliance(module(24), {everyone()}, officer(), reversed, "2026-01-10").validUntil == c.validUntil);
}

TEST_CASE("a retake in progress or failed never downgrades a compliant officer", "[unit]") {
    // Enrolments are not completions: the state only reads passes.
    const std::vector<Completion> done = {passed("2025-10-01"), failed("2026-11-20")};
    CHECK(stateOn("2026-11-24", done) == ComplianceState::Compliant);
    CHECK(moduleCompliance(module(24), {everyone()}, officer(), done, "2026-11-24").lastCompleted ==
          std::optional<std::string>("2025-10-01"));
    // A failed attempt of an expired qualification does not make it valid either.
    CHECK(stateOn("2026-11-24", {passed("2020-01-01"), failed("2026-11-01")}) == ComplianceState::Expired);
}

TEST_CASE("a rule added after a completion: the completion counts, never trained: due from the rule", "[unit]") {
    CHECK(stateOn("2026-11-24", {passed("2025-06-01")}, module(24), {everyone("2026-07-01")}) ==
          ComplianceState::Compliant);
    const auto due = moduleCompliance(module(24), {everyone("2026-10-01", 90)}, officer(), {}, "2026-11-24");
    CHECK(due.state == ComplianceState::DueSoon);
    CHECK(due.dueBy == std::optional<std::string>("2026-12-30"));
    CHECK(stateOn("2026-12-31", {}, module(24), {everyone("2026-10-01", 90)}) == ComplianceState::Overdue);
}

TEST_CASE("a promotion or a posting brings an officer into scope with the rule's due period", "[unit]") {
    Requirement inspectors = everyone("2020-01-01", 180);
    inspectors.kind = RequirementKind::RankRange;
    inspectors.minRankOrdinal = 5;
    inspectors.maxRankOrdinal = 8;
    auto o = officer();
    CHECK(stateOn("2026-11-24", {}, module(24), {inspectors}, o) == ComplianceState::NotRequired);
    o.rankOrdinal = 5;
    o.rankSince = "2026-10-01";
    const auto promoted = moduleCompliance(module(24), {inspectors}, o, {}, "2026-11-24");
    CHECK(promoted.state == ComplianceState::DueSoon);
    CHECK(promoted.dueBy == std::optional<std::string>("2027-03-30"));

    Requirement cpu = everyone("2021-01-01", 60);
    cpu.kind = RequirementKind::UnitType;
    cpu.unitType = "child_protection";
    auto posted = officer();
    CHECK(stateOn("2026-11-24", {}, module(24), {cpu}, posted) == ComplianceState::NotRequired);
    posted.unitType = "child_protection";
    posted.unitSince = "2026-08-01";
    CHECK(moduleCompliance(module(24), {cpu}, posted, {}, "2026-11-24").dueBy == std::optional<std::string>("2026-09-30"));
    CHECK(stateOn("2026-11-24", {}, module(24), {cpu}, posted) == ComplianceState::Overdue);

    Requirement aps = everyone("2020-01-01");
    aps.kind = RequirementKind::Service;
    aps.service = "APS";
    CHECK(stateOn("2026-11-24", {}, module(24), {aps}) == ComplianceState::NotRequired);
    // The earliest deadline of the rules that apply wins.
    CHECK(moduleCompliance(module(24), {cpu, everyone("2026-11-01", 365)}, posted, {}, "2026-11-24").dueBy ==
          std::optional<std::string>("2026-09-30"));
}

TEST_CASE("a module that never expires stays compliant once passed", "[unit]") {
    CHECK(stateOn("2090-01-01", {passed("2016-03-01")}, module(0)) == ComplianceState::Compliant);
    CHECK_FALSE(moduleCompliance(module(0), {everyone()}, officer(), {passed("2016-03-01")}, "2090-01-01").validUntil);
    CHECK(stateOn("2090-01-01", {}, module(0)) == ComplianceState::Overdue);
}

TEST_CASE("inside the renewal window a qualification is due soon, and a retake there extends it", "[unit]") {
    auto m = module(12, RecertBasis::FromPreviousExpiry, 90);
    // Valid until 2026-12-31; the renewal window opens 90 days before.
    CHECK(validUntil(m, {"2026-01-01"}) == std::optional<std::string>("2026-12-31"));
    CHECK(stateOn("2026-09-30", {passed("2026-01-01")}, m) == ComplianceState::Compliant);
    CHECK(stateOn("2026-10-05", {passed("2026-01-01")}, m) == ComplianceState::DueSoon);
    // A retake in the window runs from the old end, not from the retake: no days are lost.
    CHECK(validUntil(m, {"2026-01-01", "2026-11-20"}) == std::optional<std::string>("2027-12-31"));
    // Before the window it runs from its own date; after a lapse too.
    CHECK(validUntil(m, {"2026-01-01", "2026-06-10"}) == std::optional<std::string>("2027-06-09"));
    CHECK(validUntil(m, {"2026-01-01", "2027-02-01"}) == std::optional<std::string>("2028-01-31"));
    // Under the completion basis the same retake runs from its own date.
    CHECK(validUntil(module(12, RecertBasis::FromCompletion, 90), {"2026-01-01", "2026-11-20"}) ==
          std::optional<std::string>("2027-11-19"));
}

TEST_CASE("a fixed calendar window: every January, whatever the day of the retake", "[unit]") {
    auto m = module(12, RecertBasis::CalendarWindow, 60);
    m.windowMonth = 1;
    CHECK(validUntil(m, {"2026-01-15"}) == std::optional<std::string>("2027-01-31"));
    CHECK(validUntil(m, {"2026-03-20"}) == std::optional<std::string>("2027-01-31"));  // late in the year
    CHECK(validUntil(m, {"2025-12-10"}) == std::optional<std::string>("2027-01-31"));  // early, in the lead time
    CHECK(validUntil(m, {"2025-10-01"}) == std::optional<std::string>("2026-01-31"));  // before the lead time
    CHECK(stateOn("2026-12-01", {passed("2026-03-20")}, m) == ComplianceState::Compliant);  // 61 days left
    CHECK(stateOn("2026-12-05", {passed("2026-03-20")}, m) == ComplianceState::DueSoon);
    CHECK(stateOn("2027-02-01", {passed("2026-03-20")}, m) == ComplianceState::Expired);
    auto biennial = m;
    biennial.validityMonths = 24;
    biennial.windowMonth = 7;
    CHECK(validUntil(biennial, {"2026-08-01"}) == std::optional<std::string>("2028-07-31"));
}

TEST_CASE("states read in words and keys", "[unit]") {
    CHECK(complianceLabel(ComplianceState::DueSoon) == "Due soon");
    CHECK(complianceLabel(ComplianceState::NotRequired) == "Not required");
    CHECK(complianceKey(ComplianceState::Overdue) == "overdue");
}

TEST_CASE("a reservists rule is of reservists only, and officers' rules never of reservists", "[unit]") {
    using namespace kituo::domain;
    const TrainingModule fire{7, "FIRE-QUAL", 12, RecertBasis::FromCompletion, 1, 0};
    Requirement reserve;
    reserve.moduleId = 7;
    reserve.kind = RequirementKind::Reservists;
    reserve.effectiveFrom = "2025-01-01";
    reserve.dueDays = 60;
    Requirement everyOfficer = reserve;
    everyOfficer.kind = RequirementKind::All;
    OfficerTrainingFacts reservist;
    reservist.officerId = 3;
    reservist.reservist = true;
    reservist.enlistmentDate = "2025-06-01";
    OfficerTrainingFacts officer;
    officer.officerId = 3;
    officer.enlistmentDate = "2010-01-01";
    officer.service = "KPS";
    officer.rankOrdinal = 1;
    CHECK(inScopeSince(reserve, reservist) == std::optional<std::string>("2025-06-01"));
    CHECK_FALSE(inScopeSince(reserve, officer));
    CHECK_FALSE(inScopeSince(everyOfficer, reservist));
    CHECK(moduleCompliance(fire, {everyOfficer}, reservist, {}, "2026-11-24").state == ComplianceState::NotRequired);
    const auto never = moduleCompliance(fire, {reserve}, reservist, {}, "2026-11-24");
    CHECK(never.state == ComplianceState::Overdue);
    CHECK(never.dueBy == std::optional<std::string>("2025-07-31"));
    const auto passed = moduleCompliance(fire, {reserve}, reservist, {{7, "2026-03-10", true}}, "2026-11-24");
    CHECK(passed.state == ComplianceState::Compliant);
    CHECK(passed.validUntil == std::optional<std::string>("2027-03-09"));
}
