// SQL for the nominal roll's CSV import: what a file's rows are checked against (existing
// officers by service number and national ID, every organisation unit by code) and applying a
// checked plan in one transaction.
#pragma once

#include "domain/OfficerImport.h"
#include "domain/User.h"
#include "store/Db.h"

#include <string>
#include <vector>

namespace kituo::store {

class OfficerImportStore {
public:
    explicit OfficerImportStore(Db& db) : _db(db) {}

    // Existing officers by service number and national ID (any scope; inScope says whether the
    // actor may see them), and every organisation unit by code.
    domain::ImportContext importContext(const domain::Actor& actor, const std::vector<std::string>& serviceNumbers,
                                        const std::vector<std::string>& nationalIds, const std::string& today);
    // Applies the plan's creates and updates on the caller's connection (batched); updates are
    // limited to officers within `scopePath`.
    void applyImport(Connection& c, const std::string& scopePath, const domain::ImportPlan& plan,
                     std::int64_t createdBy);

private:
    Db& _db;
};

}  // namespace kituo::store
