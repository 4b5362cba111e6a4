// SQL for the reserve roster import: what the planner needs to know about the file's numbers,
// national IDs, stations and sections (domain/ReservistImport.h), and applying a plan on the
// caller's transaction. Reach is the reserve's (ReserveSql.h).
#pragma once

#include "domain/ReservistImport.h"
#include "domain/User.h"
#include "store/Db.h"

namespace kituo::store {

class ReservistImportStore {
public:
    explicit ReservistImportStore(Db& db) : _db(db) {}
    domain::ReservistImportContext importContext(const domain::Actor& actor, const std::vector<std::string>& numbers,
                                                 const std::vector<std::string>& nationalIds, const std::string& today);
    // Applies every create and update of the plan (errors and unchanged rows are skipped). An
    // update whose version moved since planning, or a number or ID taken meanwhile, fails the
    // whole transaction (Conflict / ValidationError), so the file is applied whole or not at all.
    void apply(Connection& c, const domain::Actor& actor, const domain::ReservistImportPlan& plan);

private:
    Db& _db;
};

}  // namespace kituo::store
