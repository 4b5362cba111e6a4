// SQL for the audit trail (audit_inbox, audit_events, audit_chain_head).
//
// Recording is a plain insert into audit_inbox with the entry's MAC: no global lock, so audited
// reads and writes run in parallel. append(Connection&, ...) shares the caller's transaction,
// so a change and its audit event commit or roll back together.
//
// Sealing moves inbox rows into audit_events in inbox order under the chain head's row lock
// (one sealer at a time across every process), numbering them 1, 2, 3, ... without gaps and
// linking each to the one before; the head is re-signed in the same transaction. The server
// seals every `audit.sealIntervalMs`; list(), verify() and checkpoint() seal first, so what
// they show is complete. The sealer refuses to extend a chain whose head is not signed or to
// seal an inbox row whose MAC does not match: it logs the refusal and verify() names it.
#pragma once

#include "crypto/Keys.h"
#include "domain/AuditChain.h"
#include "store/Db.h"

#include <optional>
#include <vector>

namespace kituo::store {

struct AuditFilter {
    std::string scopePath;   // the auditor's scope: only events at or below it
    bool includeSystem = false;  // also events without a scope (national auditors)
    std::string actor;       // username, exact
    std::string action;      // exact ("officer.transfer"), a prefix ending in '.' ("user."), or a
                             // plain word any action contains ("transfer"); % and _ are literal
    std::string recordType;
    std::string recordId;
    std::string from;        // YYYY-MM-DD, inclusive
    std::string to;          // YYYY-MM-DD, inclusive
    int page = 1;
    int pageSize = 100;
};

struct AuditPage {
    std::vector<domain::AuditEvent> events;  // newest first
    int total = 0;
};

struct AuditVerification {
    std::int64_t verified = 0;
    std::optional<domain::ChainBreak> broken;
    std::int64_t pending = 0;         // recorded, not yet sealed
    std::string oldestPendingAt;      // occurred_at of the oldest pending event, when any
    std::int64_t checkpointsChecked = 0;
};

struct SealResult {
    std::int64_t sealed = 0;
    std::optional<std::string> refused;  // why sealing stopped (head unsigned, entry altered)
};

class AuditStore {
public:
    AuditStore(Db& db, const crypto::KeyRing& keys) : _db(db), _keys(keys) {}

    // Records inside the caller's transaction. occurredAt must be set
    // ("YYYY-MM-DD HH:MM:SS.ffffff").
    void append(Connection& c, const domain::AuditEvent& e);
    // Records several inside the caller's transaction (multi-row inserts).
    void appendMany(Connection& c, const std::vector<domain::AuditEvent>& events);
    // Records on its own (one autocommit insert).
    void record(const domain::AuditEvent& e);
    // Seals pending events, `batchSize` per transaction, until none is left or `maxBatches`
    // transactions ran. Safe to call from any number of threads and processes at once.
    SealResult seal(int batchSize = 500, int maxBatches = 1000);
    // Completes a master key rotation (kituo rotate-key only, never the server): seals pending
    // events whose entry MAC verifies under the current key or a previous one of the ring,
    // under the current key, and signs the head with the current key even when nothing is
    // pending. From then on the server's sealer, and verify(), accept the current key only:
    // a retired key can no longer add to the trail.
    SealResult adoptCurrentKey(int batchSize = 500, int maxBatches = 1000);
    // Signs the head of a trail written before heads were signed (trust on first use); a no-op
    // when the head is signed. Returns true when it signed.
    bool signUnsignedHead();
    // Events matching the filter within filter.scopePath, newest first (seals first).
    AuditPage list(const AuditFilter& filter);
    // Seals, then walks the whole trail in event order (in batches) and checks every link, the
    // head's MAC, every pending entry's MAC and that the trail reaches each checkpoint.
    AuditVerification verify(const std::vector<domain::AuditCheckpoint>& checkpoints = {});
    // Seals, then returns a signed checkpoint of the head as it is now.
    domain::AuditCheckpoint checkpoint(const std::string& takenAt);

private:
    SealResult sealAll(int batchSize, int maxBatches, bool adoptCurrentKey);
    SealResult sealBatch(int batchSize, bool adoptCurrentKey);
    Db& _db;
    const crypto::KeyRing& _keys;
};

// Reads the checkpoint lines of `path` (missing file: none). Throws std::runtime_error for a
// line that is not a checkpoint.
std::vector<domain::AuditCheckpoint> readCheckpointFile(const std::string& path);
// Appends one checkpoint line to `path` (created with mode 600) and flushes it to disk.
void appendCheckpointFile(const std::string& path, const domain::AuditCheckpoint& c);

}  // namespace kituo::store
