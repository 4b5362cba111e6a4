// Change counters (data_versions) that let page fragments be cached safely across processes.
// "roll" covers officers, postings, the organisation tree and the rank ladder: every write
// through OfficerStore or OrgStore bumps it in the same transaction. Writes made outside Kituo
// (direct SQL) do not; run `UPDATE data_versions SET version = version + 1` after such edits.
#pragma once

#include "store/Db.h"

#include <cstdint>
#include <string>

namespace kituo::store {

// Bumps the named counter in the caller's transaction. The write happens at COMMIT, as the
// transaction's last statement (Db.h: data_versions is always the last lock taken), so it may
// be called anywhere in the transaction.
void bumpVersion(Connection& c, const std::string& name);
// The named counter now (one primary-key read).
std::uint64_t currentVersion(Db& db, const std::string& name);

}  // namespace kituo::store
