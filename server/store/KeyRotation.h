// SQL for `kituo rotate-key`: moving what is sealed under the master key to a new one without
// touching what it protects. A case's notes stay as they are (sealed under the case's own data
// key); only the wrapped data key changes. A second-factor secret is opened and sealed again.
//
// Both passes walk their table in id order, one transaction per batch, each batch's rows
// locked (FOR UPDATE) while they are rewritten, so a server still running may keep writing
// beside them. What is already under the ring's current key is left alone, which makes a
// second run, or a run resumed after a crash, safe: it only finishes what is left. Unwrapping
// and opening use every key of the ring (the current one and the previous ones the key file
// lists); sealing uses the current key only. Nothing that does not open is changed: it is
// reported by id. No key or secret is ever logged or returned.
#pragma once

#include "crypto/Keys.h"
#include "store/Db.h"

#include <cstdint>
#include <vector>

namespace kituo::store {

struct CaseKeyRewrap {
    std::int64_t rewrapped = 0;   // wrapped again under the current key by this run
    std::int64_t current = 0;     // under the current key after the run (rewrapped included)
    std::int64_t purged = 0;      // without a data key (destroyed after the retention period)
    std::vector<std::int64_t> unreadable;  // cases whose data key opens with no key of the ring
};

// Re-wraps every case data key that is not under keys' current key (by welfare_cases.master_key_id)
// and sets master_key_id to the current key's id, `batchSize` cases per transaction.
CaseKeyRewrap rewrapCaseKeys(Db& db, const crypto::KeyRing& keys, int batchSize = 200);

struct SecretReseal {
    std::int64_t resealed = 0;  // secrets (confirmed or being enrolled) sealed again by this run
    std::int64_t current = 0;   // confirmed secrets already under the current key before the run
    std::vector<std::int64_t> unreadable;  // accounts whose confirmed secret opens with no key
};

// Seals again, under keys' current key, every second-factor secret (confirmed and pending)
// that opens only with a previous key, `batchSize` accounts per transaction. A pending secret
// that does not open is left: the enrolment page replaces it.
SecretReseal resealSecondFactors(Db& db, const crypto::KeyRing& keys, int batchSize = 200);

}  // namespace kituo::store
