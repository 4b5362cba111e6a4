// Retraining compliance, pure: given a module catalogue, requirement rules, an officer's facts
// and passing completions, and a date, the state of every required module. Nothing here reads
// the clock or the database; dates are "YYYY-MM-DD".
//
// Rules (DOMAIN.md "Retraining"; choices where it is silent are marked "chosen"):
// - Only passing completions count; the newest one decides. A failed attempt or an enrolment
//   in progress never changes a state, so a retake cannot downgrade a compliant officer.
// - A qualification is valid through `validUntil` (inclusive). From a completion date it runs
//   N months to the day before the anniversary; an anniversary that does not exist (29 Feb in
//   a common year, 31 Jan + 1 month) falls on the first of the next month (chosen).
// - From previous expiry: a completion inside the renewal window before the previous
//   qualification's end extends that end by N months; any other completion runs from its date.
// - Fixed calendar window ("every January"): a completion counts for the latest window start
//   on or before (completion + renewal window); it is valid to the end of the window month N
//   months after that start (N a multiple of 12).
// - States: Expired after validUntil; DueSoon when validUntil is at most 60 days away or
//   today is inside the renewal window; Compliant otherwise. Never completed: Overdue once the
//   due date has passed, else DueSoon (due by that date; chosen: "due" is a deadline whatever
//   its distance). NotRequired when no rule applies to the officer.
// - The due date for someone in scope but never trained: the day they came into scope (the
//   later of the rule taking effect and the officer's enlistment, rank or unit posting, as
//   the rule needs) plus the rule's due period. A completion from before the rule still counts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kituo::domain {

enum class RecertBasis { FromCompletion, FromPreviousExpiry, CalendarWindow };

struct TrainingModule {
    std::int64_t id = 0;
    std::string code;
    int validityMonths = 0;  // 0: never expires
    RecertBasis basis = RecertBasis::FromCompletion;
    int windowMonth = 1;        // CalendarWindow: 1..12
    int renewalWindowDays = 0;  // before the end of a qualification, a retake renews it
};

// All, RankRange, UnitType and Service rules are of officers; Reservists rules are of every
// reservist of the National Police Reserve (and of nobody else).
enum class RequirementKind { All, RankRange, UnitType, Service, Reservists };

struct Requirement {
    std::int64_t moduleId = 0;
    RequirementKind kind = RequirementKind::All;
    int minRankOrdinal = 0, maxRankOrdinal = 0;  // RankRange, inclusive
    std::string unitType;                        // UnitType, e.g. "child_protection"
    std::string service;                         // Service: KPS, APS, DCI
    std::string effectiveFrom;                   // the rule applies from this date
    int dueDays = 90;                            // time given to someone newly in scope
};

// What the rules need to know of an officer on the day compliance is computed.
struct OfficerTrainingFacts {
    std::int64_t officerId = 0;  // the reservist's id when `reservist`
    bool reservist = false;      // a reservist: only Reservists rules apply (enlistmentDate is theirs)
    std::string enlistmentDate;
    std::string service;
    int rankOrdinal = 0;
    std::string rankSince;
    std::string unitType;   // of the current unit; "" when none
    std::string unitSince;  // posted into the current unit
};

struct Completion {
    std::int64_t moduleId = 0;
    std::string completedOn;
    bool passed = true;
};

enum class ComplianceState { Compliant, DueSoon, Expired, Overdue, NotRequired };

// "Compliant", "Due soon", "Expired", "Overdue", "Not required" (never colour alone).
std::string complianceLabel(ComplianceState s);
// "compliant", "due_soon", "expired", "overdue", "not_required" (URLs, CSV, CSS classes).
std::string complianceKey(ComplianceState s);

struct ModuleCompliance {
    std::int64_t moduleId = 0;
    ComplianceState state = ComplianceState::NotRequired;
    std::optional<std::string> lastCompleted;  // the newest passing completion
    std::optional<std::string> validUntil;     // none: never completed, or never expires
    std::optional<std::string> dueBy;          // never completed and required
};

// `date` plus `months`, on the same day of the month, or the 1st of the next month when that
// day does not exist (2024-02-29 + 12 -> 2025-03-01).
std::string addMonthsRollingForward(const std::string& date, int months);

// The last day of validity of the newest of `completions` (passing ones of one module, any
// order), or none when the module never expires or nothing passed.
std::optional<std::string> validUntil(const TrainingModule& module, std::vector<std::string> passedOn);

// When the officer came under `rule` (none: it does not apply to them).
std::optional<std::string> inScopeSince(const Requirement& rule, const OfficerTrainingFacts& officer);

// The state of `module` for the officer on `today`.
ModuleCompliance moduleCompliance(const TrainingModule& module, const std::vector<Requirement>& rules,
                                  const OfficerTrainingFacts& officer, const std::vector<Completion>& completions,
                                  const std::string& today);

}  // namespace kituo::domain
