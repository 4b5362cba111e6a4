// The National Police Reserve's rules: what a reservist record must hold (age 18 to 55 at
// enlistment, vetting before service), when two duties overlap and what a new assignment does
// to the one in progress, and what a firearm issue and its return must record. Pure: "today"
// and "now" are always passed in (dates YYYY-MM-DD, moments as seconds since the epoch, UTC).
//
// Choices where the sources are silent:
//  - reservist numbers are 4 to 12 capitals, digits, '/' or '-' (e.g. NPR/KLM/0042);
//  - an active reservist must have been cleared by vetting; re-vetting falls due after the
//    vetting date, by default three years on (ReservistRules::revettingYears);
//  - a suspension or discharge needs a reason;
//  - a returned kit with fewer magazines or rounds than went out is a discrepancy, and the
//    person receiving it must say what happened.
#pragma once

#include "domain/Officer.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kituo::domain {

using ReservistChoice = std::pair<std::string, std::string>;  // stored key, label

const std::vector<ReservistChoice>& reservistStatuses();  // active, suspended, discharged
const std::vector<ReservistChoice>& vettingResults();     // cleared, pending, not_cleared
const std::vector<ReservistChoice>& dutyRoles();          // patrol, escort, guard, community_liaison, other
const std::vector<ReservistChoice>& firearmTypes();       // rifle, pistol, shotgun, other
std::string reservistChoiceLabel(const std::vector<ReservistChoice>& choices, const std::string& key);

struct ReservistRules {
    int minEnlistmentAge = 18;
    int maxEnlistmentAge = 55;
    int revettingYears = 3;
};

// What a form or an import row gives for a reservist (all text, as entered).
struct ReservistInput {
    std::string reservistNumber;
    std::string surname;
    std::string otherNames;
    std::string nationalId;
    std::string dateOfBirth;
    std::string gender;  // F or M
    std::string phone;
    std::string homeCounty;
    std::string homeSubCounty;
    std::string homeWard;
    std::string homeLocation;
    std::string enlistmentDate;
    std::string vettingDate;
    std::string vettingResult;
    std::string revettingDue;  // empty: vetting date + rules.revettingYears
    std::string status;
    std::string statusSince;
    std::string statusReason;
    std::string nextOfKinName;
    std::string nextOfKinPhone;
    std::string nextOfKinRelation;
};

// The reservist record's fields, declared once, in form order: `name` is the form field and
// the CSV column, `label` what forms and errors call it, `column` the reservists table's
// column. The form, the store's SQL, the CSV import and export walk this list.
struct ReservistField {
    const char* name;
    const char* label;
    const char* column;
    std::string ReservistInput::*text;
    bool date = false;    // read with parseDateInput, stored as YYYY-MM-DD
    const char* group;    // the form's fieldset
};
const std::vector<ReservistField>& reservistFields();

bool validReservistNumber(const std::string& s);

// The record with dates made ISO (day-first input accepted), the phones normalized and an
// empty re-vetting date filled in; what is not a date is left as typed for the errors.
ReservistInput normalizedReservist(ReservistInput in, const ReservistRules& rules = {});
// Field errors as of `today`; empty when valid. Expects normalizedReservist's output.
FieldErrors reservistFieldErrors(const ReservistInput& in, const std::string& today,
                                 const ReservistRules& rules = {});

// A duty's time: the half-open interval [start, end), end empty for an open-ended duty.
struct DutyInterval {
    std::int64_t start = 0;
    std::optional<std::int64_t> end;
};
bool overlaps(const DutyInterval& a, const DutyInterval& b);

struct ExistingDuty {
    std::int64_t id = 0;
    DutyInterval when;
};

// What adding `next` to a reservist's duties (not cancelled) does:
//  - the duty in progress at next.start (begun earlier, not yet ended) is ended at next.start
//    when it is open-ended, or when `replaceCurrent` says the commander chose to cut it short;
//  - any other overlap is a conflict: the new duty is refused and `conflicts` names them.
struct AssignmentPlan {
    std::optional<std::int64_t> endDutyId;  // the duty to end at next.start
    std::vector<std::int64_t> conflicts;
    bool ok() const { return conflicts.empty(); }
};
AssignmentPlan planAssignment(const std::vector<ExistingDuty>& existing, const DutyInterval& next,
                              bool replaceCurrent);

// What the assignment form gives (times as typed, East Africa Time).
struct AssignmentInput {
    std::string commanderId;
    std::string areaCounty;
    std::string areaSubCounty;
    std::string areaWard;
    std::string areaLocation;
    std::string role;
    std::string note;
    std::string startsAt;
    std::string endsAt;  // empty: open-ended
};
// Field errors for an assignment; `when` is filled when both times read. A duty may start in
// the past (recorded afterwards) but not more than 30 days back, nor over a year ahead.
FieldErrors assignmentFieldErrors(const AssignmentInput& in, std::int64_t now, DutyInterval& when);

// The phase of a duty at `now`: "scheduled", "on_duty" or "ended" ("cancelled" when it is).
std::string dutyPhase(const DutyInterval& when, const std::string& status, std::int64_t now);

// What the issue form gives.
struct FirearmIssueInput {
    std::string serial;
    std::string firearmType;
    std::string magazines;
    std::string rounds;
    std::string expectedReturnAt;  // East Africa Time, as typed
    std::string pin;               // typed by the reservist at the counter
};
struct FirearmIssue {
    std::string serial;  // upper-cased, spaces removed
    std::string firearmType;
    int magazines = 0;
    int rounds = 0;
    std::int64_t expectedReturnAt = 0;
};
// Field errors for an issue at `now`; `out` is filled when valid. A handover needs the
// reservist's PIN (checked by the caller against the stored hash): here only its shape.
FieldErrors firearmIssueErrors(const FirearmIssueInput& in, std::int64_t now, FirearmIssue& out);
bool validHandoverPin(const std::string& pin);  // 4 to 6 digits

// The return: counts back and, when short, what happened (required then).
struct FirearmReturn {
    int magazines = 0;
    int rounds = 0;
    std::string note;
};
FieldErrors firearmReturnErrors(const std::string& magazines, const std::string& rounds,
                                const std::string& note, int magazinesIssued, int roundsIssued,
                                FirearmReturn& out);
// The discrepancy text stored with a return ("" when everything came back).
std::string returnDiscrepancy(int magazinesIssued, int roundsIssued, const FirearmReturn& back);

// An extension of an out kit: a new expected return after the current one and after now.
FieldErrors extensionErrors(const std::string& newExpected, const std::string& reason,
                            std::int64_t currentExpected, std::int64_t now, std::int64_t& out);

bool firearmOverdue(std::int64_t expectedReturnAt, bool returned, std::int64_t now);

// Authorised against actual strength of one deployment area (a ward).
struct StrengthRow {
    std::string ward;
    int authorised = 0;
    int actual = 0;
    int gap() const { return actual - authorised; }
};
// Rows for every ward with an authorised number or someone deployed, by ward name.
std::vector<StrengthRow> strengthByArea(const std::vector<std::pair<std::string, int>>& authorised,
                                        const std::vector<std::pair<std::string, int>>& deployed);

}  // namespace kituo::domain
