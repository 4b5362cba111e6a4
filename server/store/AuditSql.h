// SQL shared by the audit trail's two halves (AuditStore.cpp: recording and listing;
// AuditSealing.cpp: sealing, verification and checkpoints). Store-internal.
#pragma once

#include "domain/AuditChain.h"
#include "store/Connection.h"

#include <string>

namespace kituo::store::audit_sql {

inline const std::string kEventColumns =
    "event_id, DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s.%f') AS occurred, actor_user_id, "
    "actor_username, action, record_type, record_id, ip, outcome, detail, prev_hash, row_hash, scope_path";

inline const std::string kInboxColumns =
    "inbox_id, DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s.%f') AS occurred, actor_user_id, "
    "actor_username, action, record_type, record_id, ip, outcome, detail, scope_path, entry_mac";

// The recorded fields both tables store, in this order: occurred_at, actor_user_id,
// actor_username, action, record_type, record_id, ip, outcome, detail.
inline int bindRecorded(sql::PreparedStatement& st, int i, const domain::AuditEvent& e) {
    st.setString(i++, e.occurredAt);
    if (e.actorUserId) st.setInt64(i++, *e.actorUserId);
    else st.setNull(i++, sql::DataType::BIGINT);
    for (const std::string* v : {&e.actorUsername, &e.action, &e.recordType, &e.recordId, &e.ip, &e.outcome, &e.detail}) {
        st.setString(i++, *v);
    }
    return i;
}

// Reads the same fields from position i (after the row's id); returns the next position.
inline int readRecorded(sql::ResultSet& rs, int i, domain::AuditEvent& e) {
    e.occurredAt = rs.getString(i++);
    if (!rs.isNull(i)) e.actorUserId = rs.getInt64(i);
    ++i;
    for (std::string* v : {&e.actorUsername, &e.action, &e.recordType, &e.recordId, &e.ip, &e.outcome, &e.detail}) {
        *v = rs.getString(i++);
    }
    return i;
}

// A row of kEventColumns.
inline domain::AuditEvent readEvent(sql::ResultSet& rs) {
    domain::AuditEvent e;
    e.id = rs.getInt64(1);
    int i = readRecorded(rs, 2, e);
    e.prevHash = rs.getString(i++);
    e.rowHash = rs.getString(i++);
    e.scopePath = rs.getString(i++);
    return e;
}

struct InboxRow {
    std::int64_t inboxId = 0;
    domain::AuditEvent event;
    std::string entryMac;
};

// A row of kInboxColumns.
inline InboxRow readInbox(sql::ResultSet& rs) {
    InboxRow r;
    r.inboxId = rs.getInt64(1);
    int i = readRecorded(rs, 2, r.event);
    r.event.scopePath = rs.getString(i++);
    r.entryMac = rs.getString(i++);
    return r;
}

}  // namespace kituo::store::audit_sql
