// SQL for the audit trail (audit_events, audit_chain_head). Appends lock the chain head row,
// so events are numbered 1, 2, 3, ... without gaps and each links to the one before it.
// An append may share the transaction of the change it records (append(Connection&, ...)),
// so a change and its audit event commit or roll back together.
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
    std::string action;      // exact, or a prefix ending in '.' ("user.")
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
};

class AuditStore {
public:
    AuditStore(Db& db, const crypto::KeyRing& keys) : _db(db), _keys(keys) {}

    // Appends inside the caller's transaction; fills id, prevHash and rowHash. occurredAt must
    // be set ("YYYY-MM-DD HH:MM:SS.ffffff").
    std::int64_t append(Connection& c, domain::AuditEvent e);
    // Appends in a transaction of its own.
    std::int64_t record(const domain::AuditEvent& e);
    // Events matching the filter within filter.scopePath, newest first.
    AuditPage list(const AuditFilter& filter);
    // Walks the whole trail in event order (in batches) and checks every link and the head.
    AuditVerification verify();

private:
    Db& _db;
    const crypto::KeyRing& _keys;
};

}  // namespace kituo::store
