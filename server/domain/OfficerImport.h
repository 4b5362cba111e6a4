// Planning a nominal-roll import: from a parsed CSV file and what the database holds now,
// decide for every row whether it creates an officer, updates one, changes nothing, or cannot
// be applied (and why). Pure; the store applies the plan in one transaction.
//
// Rows are keyed on service number, so importing the same file twice changes nothing. A row
// may not move an officer to another station (that is a transfer, with its own reference);
// a service number or national ID that appears twice in the file, or that belongs to an
// officer outside the importer's scope, is refused.
#pragma once

#include "domain/Csv.h"
#include "domain/Officer.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kituo::domain {

// The file's columns, in export order. phone, unit_code and posted_since may be empty.
const std::vector<std::string>& officerCsvColumns();

struct ImportOrgUnit {
    std::int64_t id = 0;
    std::string code;
    bool isStation = false;
    std::int64_t stationId = 0;  // for units: the station they belong to (0 if none)
    bool inScope = false;
};

struct ExistingOfficer {
    std::int64_t id = 0;
    OfficerInput fields;  // as stored (phone normalized)
    std::int64_t stationId = 0;
    std::optional<std::int64_t> unitId;
    bool inScope = false;
    int version = 0;
};

struct ImportRowPlan {
    int line = 0;
    std::string serviceNumber;
    std::string name;
    enum class Action { Create, Update, Unchanged, Error } action = Action::Error;
    std::vector<std::string> problems;
    std::vector<std::string> changes;  // for updates: which fields change
    OfficerInput input;                // normalized (phone in +254 form)
    std::int64_t stationId = 0;
    std::optional<std::int64_t> unitId;
    std::string postedSince;
    std::int64_t existingId = 0;
    int existingVersion = 0;
};

// Rows of one file that may conflict with records outside the importer's scope before the
// whole file is refused.
constexpr int kMaxOutOfScopeConflicts = 20;

struct ImportPlan {
    std::vector<std::string> fileProblems;  // the file as a whole cannot be used
    std::vector<ImportRowPlan> rows;
    int creates = 0, updates = 0, unchanged = 0, errors = 0;
    // Rows whose service number or national ID is held by an officer outside the importer's
    // scope (said as "conflicts with a record outside your scope", never whose; audited).
    int outOfScopeConflicts = 0;
};

struct ImportContext {
    std::vector<Rank> ranks;
    std::map<std::string, ImportOrgUnit> orgByCode;               // every unit, by code
    std::map<std::string, ExistingOfficer> existingByNumber;      // service number -> officer
    // National ID -> the service number of the existing officer who has it, and whether that
    // officer is within the importer's scope (outside it, the number is never shown).
    std::map<std::string, std::pair<std::string, bool>> ownerByNationalId;
    std::string today;
};

// The service numbers and national IDs the file mentions (to look up before planning).
void collectKeys(const CsvTable& table, std::vector<std::string>& serviceNumbers,
                 std::vector<std::string>& nationalIds);

ImportPlan planImport(const CsvTable& table, const ImportContext& context, std::size_t maxRows = 20000);

std::string toString(ImportRowPlan::Action a);

}  // namespace kituo::domain
