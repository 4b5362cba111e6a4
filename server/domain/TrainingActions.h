// What HR does with compliance, pure: whom a bulk enrolment takes, whether an officer meets a
// module's prerequisites, which reminders are due, and a station's compliance per module.
// Functions of plain data and a date (see Training.h for the states).
#pragma once

#include "domain/Officer.h"
#include "domain/Training.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace kituo::domain {

// One officer's state for one module (a cell of the station's matrix).
struct ComplianceCell {
    std::int64_t officerId = 0;
    ModuleCompliance compliance;
};

// "Enrol every officer of this station who is overdue or due within `withinDays` days": the
// officers whose state is Overdue or Expired, or DueSoon with their deadline (validUntil or
// dueBy) at most `withinDays` after `today`, not already enrolled; in order of urgency (the
// earliest deadline first, then officer id). Compliant and not-required officers never are.
std::vector<std::int64_t> bulkEnrolmentCandidates(const std::vector<ComplianceCell>& cells,
                                                  const std::set<std::int64_t>& alreadyEnrolled,
                                                  const std::string& today, int withinDays = 60);

// The prerequisites (module ids) the officer has never passed; empty: they may enrol.
// Chosen: a prerequisite once passed stays met after its own qualification expires (it is
// knowledge for the next course, not a licence).
std::vector<std::int64_t> missingPrerequisites(const std::vector<std::int64_t>& prerequisites,
                                               const std::vector<Completion>& completions);

// Reminder thresholds, in days before the deadline; 0 is "overdue" (the deadline passed).
const std::vector<int>& reminderThresholds();  // 90, 60, 30, 7, 0

// A notice to create: officer x module x threshold, each exactly once.
struct ReminderKey {
    std::int64_t officerId = 0;
    std::int64_t moduleId = 0;
    int threshold = 0;       // days before the deadline; 0: overdue
    std::string deadline;    // the validUntil or dueBy it is about (a renewal starts a new cycle)
    bool operator<(const ReminderKey& o) const {
        return std::tie(officerId, moduleId, threshold, deadline) < std::tie(o.officerId, o.moduleId, o.threshold, o.deadline);
    }
    bool operator==(const ReminderKey& o) const { return !(*this < o) && !(o < *this); }
};

// The reminders due on `today` that are not in `sent`: for each required cell with a deadline,
// the nearest threshold reached (only the most urgent one: a job that did not run for a week
// sends the current reminder, not every one it missed). Keys carry the deadline, so after a
// renewal the thresholds apply again to the new one. Running it twice creates nothing new.
std::vector<ReminderKey> remindersDue(const std::vector<ComplianceCell>& cells, const std::set<ReminderKey>& sent,
                                      const std::string& today);

// A module's compliance at a station: how many officers it is required of and how many are
// in each state; percentCompliant is the share of them holding a valid qualification today
// (Compliant, or DueSoon with a passing completion not yet expired), rounded down; 100 when
// nobody is required.
struct ModuleSummary {
    std::int64_t moduleId = 0;
    int required = 0;
    std::map<ComplianceState, int> byState;
    int percentCompliant = 100;
};
ModuleSummary summarize(std::int64_t moduleId, const std::vector<ComplianceCell>& cells);

// A station's compliance in numbers, as the county and national roll-up shows it: over every
// officer x module it is required of, how many are required, how many hold a valid
// qualification (as in summarize), and how many are overdue or expired. percent() is the
// share held, rounded down; 100 when nothing is required. Tallies add up across stations.
struct ComplianceTally {
    int officers = 0, required = 0, valid = 0, overdue = 0, expired = 0;
    int percent() const { return required ? valid * 100 / required : 100; }
    void add(const ComplianceTally& o);
};
// `cells` is [officer][module] (the matrix): officers counts its rows.
ComplianceTally tallyCompliance(const std::vector<std::vector<ModuleCompliance>>& cells);

// A class's results entered at once (a partner agency trained a unit, or the results of a
// course): one module, one date, the officers who attended.
struct CompletionEntry {
    std::int64_t moduleId = 0;
    std::string completedOn;  // ISO (the handler reads day-first dates first)
    bool passed = true;
    std::string score;        // "" or 0..100
    std::string evidence;     // required: the class register, the partner's letter...
    std::vector<std::int64_t> officerIds;
};
// Field errors for an entry of a module with pass mark `passMark` (none: no such module), on
// `today`. Field names are the form's: module_id, completed_on, score, evidence_reference,
// officer_id. A score below the pass mark cannot be a pass, nor one at or above it a fail.
FieldErrors completionEntryErrors(const CompletionEntry& in, std::optional<int> passMark, const std::string& today);

// The problem with a score typed for a result, or nothing: empty, or a whole number 0..100 that
// agrees with the result (a pass at or above the pass mark, a fail below it).
std::optional<std::string> scoreProblem(const std::string& score, bool passed, int passMark);
// The problem with one enrolled officer's result, or nothing: the outcome is pass, fail or
// absent; an absent officer has no score.
std::optional<std::string> resultProblem(const std::string& outcome, const std::string& score, int passMark);

// An offering as typed: module_id, host_id (the station or county running it), starts_on,
// ends_on (ISO; the handler reads day-first dates first), venue, trainer, capacity.
struct OfferingInput {
    std::int64_t moduleId = 0, hostId = 0;
    std::string startsOn, endsOn, venue, trainer, capacity;
};
// Field errors; `moduleExists` and `hostWithinScope` are the caller's lookups.
FieldErrors offeringFieldErrors(const OfferingInput& in, bool moduleExists, bool hostWithinScope);

}  // namespace kituo::domain
