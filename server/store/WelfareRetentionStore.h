// SQL for the retention of counselling notes (`kituo purge-expired`). Purging a case destroys
// its data key (data_key_wrapped = NULL, purged_at set) and removes its sealed notes
// (note_sealed = NULL): without the key no copy of a note, in a backup or elsewhere, opens any
// more. The case row and its session records (the first tier, which statistics count) stay.
// Which cases are past retention is domain/Welfare.h's rule (pastRetention): expired() finds
// the candidates with the same rule in SQL, and purge() decides with the rule itself on the
// locked row. No actor: a system operation, audited by the caller in the same transaction, one
// event per case.
#pragma once

#include "store/Db.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kituo::store {

class WelfareRetentionStore {
public:
    explicit WelfareRetentionStore(Db& db) : _db(db) {}

    // The closed, not yet purged cases closed on or before `cutoff` (domain::retentionCutoff),
    // by id.
    std::vector<std::int64_t> expired(const std::string& cutoff);
    // In the caller's transaction: purges case `caseId` when, its row locked, it is not purged
    // and domain::pastRetention holds on `today`. Returns the number of notes removed, or
    // nothing when the case does not qualify (purged meanwhile, or reopened).
    std::optional<int> purge(Connection& c, std::int64_t caseId, int retentionDays, const std::string& today);

private:
    Db& _db;
};

}  // namespace kituo::store
