// Planning a reserve roster import: from a parsed CSV file (the roster's own export columns)
// and what the database holds now, decide for every row whether it adds a reservist, updates
// one, changes nothing, or cannot be applied (and why). Pure; the store applies the plan in
// one transaction after the same file is planned again against the database as it is then.
//
// Rows are keyed on the reservist number, so importing the same file twice changes nothing. A
// row may not move a reservist to another station; a number or national ID that appears twice
// in the file, or belongs to a reservist outside the importer's reach, is refused (without
// saying whose).
#pragma once

#include "domain/Csv.h"
#include "domain/Reservist.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kituo::domain {

// The file's columns: every reservist field, then "station" (the station's code) and
// "section" (a section's name at that station; may be empty). revetting_due, phone and
// status_reason may be empty.
std::vector<std::string> reservistCsvColumns();

struct ExistingReservist {
    std::int64_t id = 0;
    ReservistInput fields;
    std::int64_t stationId = 0;
    std::optional<std::int64_t> sectionId;
    bool inReach = false;
    int version = 0;
};

struct ReservistImportContext {
    std::map<std::string, std::int64_t> stationsByCode;                          // stations in reach
    std::map<std::pair<std::int64_t, std::string>, std::int64_t> sectionsByName;  // (station, name) -> id
    std::map<std::string, ExistingReservist> existingByNumber;
    std::map<std::string, std::string> numberByNationalId;  // national ID -> the reservist number holding it
    std::string today;
};

struct ReservistImportRow {
    int line = 0;
    std::string number;
    std::string name;
    enum class Action { Create, Update, Unchanged, Error } action = Action::Error;
    std::vector<std::string> problems;
    ReservistInput input;  // normalized
    std::int64_t stationId = 0;
    std::optional<std::int64_t> sectionId;
    std::int64_t existingId = 0;
    int existingVersion = 0;
};

struct ReservistImportPlan {
    std::vector<std::string> fileProblems;
    std::vector<ReservistImportRow> rows;
    int creates = 0, updates = 0, unchanged = 0, errors = 0;
};

// The reservist numbers and national IDs the file mentions (to look up before planning).
void collectReservistKeys(const CsvTable& table, std::vector<std::string>& numbers, std::vector<std::string>& nationalIds);

ReservistImportPlan planReservistImport(const CsvTable& table, const ReservistImportContext& context,
                                        std::size_t maxRows = 5000);

std::string toString(ReservistImportRow::Action a);

}  // namespace kituo::domain
