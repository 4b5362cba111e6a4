// Decides which migrations to apply, given the files on disk and the rows already recorded in
// schema_migrations. Pure: the Migrator does the reading, hashing and executing.
//
// Rules (forward-only, never edited once landed):
//  - file names are NNNN_name.sql (four or more digits, lower-case name); others are an error;
//  - two files with the same number are an error;
//  - an applied migration whose file changed (checksum differs) stops everything, naming it;
//  - an applied migration whose file is gone stops everything, naming it;
//  - a pending file numbered below the newest applied one stops everything (out of order);
//  - otherwise the pending files are returned in ascending order.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace kituo::domain {

struct MigrationFile {
    int version = 0;
    std::string name;      // file name, e.g. 0001_org_units.sql
    std::string checksum;  // hex SHA-256 of the file's bytes
};

struct AppliedMigration {
    int version = 0;
    std::string name;
    std::string checksum;
};

class MigrationError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The version number of a well-formed migration file name, or nothing.
std::optional<int> migrationVersion(const std::string& fileName);

// Pending migrations in order; throws MigrationError when the rules above are broken.
std::vector<MigrationFile> planMigrations(std::vector<MigrationFile> files,
                                          const std::vector<AppliedMigration>& applied);

}  // namespace kituo::domain
