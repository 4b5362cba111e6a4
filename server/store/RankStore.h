// The rank ladder (ranks and the services each belongs to), lowest first. It changes only with
// a migration or a scheme-of-service edit, both of which bump the "roll" data version, and
// nearly every roll page needs it: cached while that version is unchanged (VersionedCache.h).
#pragma once

#include "domain/Officer.h"
#include "store/Db.h"

#include <cstdint>
#include <vector>

namespace kituo::store {

class RankStore {
public:
    explicit RankStore(Db& db) : _db(db) {}
    std::vector<domain::Rank> ranks();
    // The same, for a caller that has just read the "roll" version.
    std::vector<domain::Rank> ranks(std::uint64_t rollVersion);

private:
    Db& _db;
};

}  // namespace kituo::store
