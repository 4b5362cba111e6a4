// The nominal roll's rules: what an officer record must hold, how national ID numbers and
// phone numbers are checked and shown, and how long an officer has been at their current
// station. Pure: "today" is always passed in as YYYY-MM-DD.
//
// Choices where the sources are silent (configurable later through OfficerRules):
//  - service numbers are 5 to 10 digits;
//  - national ID numbers are 6 to 9 digits; shown in full only to HR, else as ****1234;
//  - enlistment age is 18 to 35 (NPS recruits constables at 18-28 and graduate cadets up to 35);
//  - phone numbers are Kenyan mobiles, stored as +254XXXXXXXXX;
//  - names are 1 to 100 characters of any script.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kituo::domain {

using FieldErrors = std::map<std::string, std::string>;

const std::vector<std::string>& officerStatuses();  // stored names: active, on_leave, ...
std::string officerStatusLabel(const std::string& status);
const std::vector<std::string>& services();         // KPS, APS, DCI
std::string serviceLabel(const std::string& code);

struct Rank {
    std::int64_t id = 0;
    std::string code;
    std::string name;
    int ordinal = 0;                    // 1 = Constable, rising
    std::vector<std::string> services;  // services whose ladder includes this rank
};

struct OfficerRules {
    int minEnlistmentAge = 18;
    int maxEnlistmentAge = 35;
};

// What a form or an import row gives for an officer (all text, as entered).
struct OfficerInput {
    std::string serviceNumber;
    std::string surname;
    std::string otherNames;
    std::string nationalId;
    std::string gender;  // F or M
    std::string dateOfBirth;
    std::string enlistmentDate;
    std::string service;
    std::int64_t rankId = 0;  // resolved from the form's select or the file's rank name
    std::string rankSince;
    std::string status;
    std::string statusSince;
    std::string phone;  // as entered; normalized by normalizePhone
};

// The officer record's fields, declared once. `name` is the form field and the CSV column
// (the CSV carries the rank by name, in column "rank"), `label` what forms, error messages and
// the edit-conflict table call it, `column` the officers table's column. Every field is text
// but the rank, which is an id (text == nullptr). In form order; service_number, the key, is
// set at creation and never edited. The form, the store's SQL, the CSV import and export and
// the conflict table all walk this list.
struct OfficerField {
    const char* name;
    const char* label;
    const char* column;
    std::string OfficerInput::*text;
    bool date = false;  // read with parseDateInput (ISO or day first), stored as YYYY-MM-DD
};
const std::vector<OfficerField>& officerFields();

// The message for a one-line text field (a name, a place): required and blank, longer than
// maxChars code points, holding line breaks or control characters, or starting with a
// character a spreadsheet runs as a formula (= + - @); nothing when it is fine.
std::optional<std::string> lineTextError(const std::string& value, const std::string& label,
                                         std::size_t maxChars, bool required);

bool validServiceNumber(const std::string& s);
bool validNationalId(const std::string& s);
std::string maskNationalId(const std::string& id);
// "+2547XXXXXXXX" for 07XXXXXXXX, 01XXXXXXXX, 2547..., +2547... (spaces and dashes ignored);
// empty input gives empty; anything else gives nothing.
std::optional<std::string> normalizePhone(const std::string& raw);

// Field errors for an officer record as of `today`; empty when valid. `ranks` is the ladder.
FieldErrors officerFieldErrors(const OfficerInput& in, const std::vector<Rank>& ranks,
                               const std::string& today, const OfficerRules& rules = {});

// Whole years from `from` to `to` (dates YYYY-MM-DD), counting birthdays correctly.
int yearsBetween(const std::string& from, const std::string& to);
// Days from `from` to `to`.
long daysBetween(const std::string& from, const std::string& to);
// `date` plus whole days, as YYYY-MM-DD.
std::string addDays(const std::string& date, long days);

struct PostingPeriod {
    std::int64_t stationId = 0;
    std::string fromDate;
    std::string toDate;  // empty: the open (current) posting
};

// The date the officer arrived at their current station: the start of the unbroken run of
// postings at that station ending with the open one (unit moves within a station do not reset
// it). Postings in any order; nothing when there is no open posting.
std::optional<std::string> atCurrentStationSince(std::vector<PostingPeriod> postings);

// More than three years at one station (the 2023 reform's limit).
bool overStationLimit(const std::string& since, const std::string& today);

// Time from `since` to `today` as people say it: "4 years, 2 months", "1 year", "3 months",
// "less than a month" (whole calendar months; dates YYYY-MM-DD).
std::string describeDuration(const std::string& since, const std::string& today);

// What a roll search box query means. People type names in either order, with the list's
// "Surname, Other" comma, stray and doubled spaces; or a service number (or its start); or a
// phone in any of 07.., +2547.., 2547.., 7..; or, for those who may see them, a national ID.
struct RollSearch {
    std::string text;                 // trimmed, spaces collapsed ("" matches everyone)
    std::vector<std::string> words;   // name words: each must be in the surname or other names
    std::string serviceNumberPrefix;  // the query when it is all digits
    std::string nationalId;           // the query when digits and the searcher sees national IDs
    std::string phone;                // "+2547XXXXXXXX" when the query reads as a mobile number
};
// At most this many name words are matched (more are dropped).
constexpr std::size_t kMaxSearchWords = 4;
RollSearch parseRollSearch(const std::string& query, bool seesNationalIds);

// One officer's posting history, for the transfer worklist.
struct StationHistory {
    std::int64_t officerId = 0;
    std::string status;
    std::vector<PostingPeriod> postings;
};

struct DueForTransfer {
    std::int64_t officerId = 0;
    std::string since;  // arrival at the current station
};

// Officers serving (not retired, deceased or deserted) who have been more than three years at
// their current station on `today`, longest first (then by officer id).
std::vector<DueForTransfer> dueForTransfer(const std::vector<StationHistory>& officers, const std::string& today);

// Field errors for a transfer: a station is required; the move starts after the current
// posting began and not in the future; a reference (movement order) is required.
FieldErrors transferFieldErrors(const std::string& currentFrom, std::int64_t stationId,
                                const std::string& fromDate, const std::string& reference,
                                const std::string& today);

}  // namespace kituo::domain
