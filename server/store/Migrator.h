// Applies sql/migrations/NNNN_name.sql files in order and records each in schema_migrations
// with the SHA-256 of its bytes. Planning rules live in domain/MigrationPlan.h.
//
// Concurrency: migrate() holds the MySQL named lock 'kituo.migrate' so two processes starting
// at once apply each file exactly once. MySQL DDL is not transactional, so a file should hold
// one change; a file that fails half-way is not recorded and the error names it.
#pragma once

#include "domain/MigrationPlan.h"
#include "store/Db.h"

#include <string>
#include <vector>

namespace kituo::store {

class Migrator {
public:
    Migrator(Db& db, std::string directory);

    // The migration files on disk with their checksums (throws MigrationError on a bad name).
    std::vector<domain::MigrationFile> filesOnDisk() const;
    // Rows of schema_migrations (creates the table when missing).
    std::vector<domain::AppliedMigration> applied();
    // Applies what is pending; returns the applied file names in order.
    std::vector<std::string> migrate();

private:
    void ensureTable(Connection& c);

    Db& _db;
    std::string _directory;
};

}  // namespace kituo::store
