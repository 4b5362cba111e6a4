// Audit trail SQL; see AuditStore.h.
#include "store/AuditStore.h"

namespace kituo::store {
namespace {

const std::string kColumns =
    "event_id, DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s.%f') AS occurred, actor_user_id, "
    "actor_username, action, record_type, record_id, ip, outcome, detail, prev_hash, row_hash, scope_path";

domain::AuditEvent readEvent(sql::ResultSet& rs) {
    domain::AuditEvent e;
    e.id = rs.getInt64("event_id");
    e.occurredAt = rs.getString("occurred");
    if (!rs.isNull("actor_user_id")) e.actorUserId = rs.getInt64("actor_user_id");
    e.actorUsername = rs.getString("actor_username");
    e.action = rs.getString("action");
    e.recordType = rs.getString("record_type");
    e.recordId = rs.getString("record_id");
    e.ip = rs.getString("ip");
    e.outcome = rs.getString("outcome");
    e.detail = rs.getString("detail");
    e.prevHash = rs.getString("prev_hash");
    e.rowHash = rs.getString("row_hash");
    e.scopePath = rs.getString("scope_path");
    return e;
}

std::string clip(const std::string& s, std::size_t n) {
    if (s.size() <= n) return s;
    std::size_t cut = n;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
    return s.substr(0, cut);
}

}  // namespace

std::int64_t AuditStore::append(Connection& c, domain::AuditEvent e) {
    {
        std::unique_ptr<sql::ResultSet> rs(
            c.prepare("SELECT last_event_id, last_hash FROM audit_chain_head WHERE head_id = 1 "
                      "FOR UPDATE").executeQuery());
        if (!rs->next()) throw std::runtime_error("audit_chain_head row is missing");
        e.id = rs->getInt64(1) + 1;
        e.prevHash = rs->getString(2);
    }
    e.actorUsername = clip(e.actorUsername, 64);
    e.action = clip(e.action, 64);
    e.recordType = clip(e.recordType, 64);
    e.recordId = clip(e.recordId, 64);
    e.ip = clip(e.ip, 64);
    e.scopePath = clip(e.scopePath, 760);
    e.detail = clip(e.detail, 1000);
    e.rowHash = _keys.auditMac(domain::canonicalAuditContent(e));
    auto& ins = c.prepare(
        "INSERT INTO audit_events (event_id, occurred_at, actor_user_id, actor_username, action, "
        "record_type, record_id, ip, outcome, detail, prev_hash, row_hash, scope_path) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.setInt64(1, e.id);
    ins.setString(2, e.occurredAt);
    if (e.actorUserId) ins.setInt64(3, *e.actorUserId);
    else ins.setNull(3, sql::DataType::BIGINT);
    ins.setString(4, e.actorUsername);
    ins.setString(5, e.action);
    ins.setString(6, e.recordType);
    ins.setString(7, e.recordId);
    ins.setString(8, e.ip);
    ins.setString(9, e.outcome);
    ins.setString(10, e.detail);
    ins.setString(11, e.prevHash);
    ins.setString(12, e.rowHash);
    ins.setString(13, e.scopePath);
    ins.executeUpdate();
    auto& head = c.prepare(
        "UPDATE audit_chain_head SET last_event_id = ?, last_hash = ? WHERE head_id = 1");
    head.setInt64(1, e.id);
    head.setString(2, e.rowHash);
    head.executeUpdate();
    return e.id;
}

std::int64_t AuditStore::record(const domain::AuditEvent& e) {
    return _db.transaction([&](Connection& c) { return append(c, e); });
}

AuditPage AuditStore::list(const AuditFilter& f) {
    return _db.run([&](Connection& c) {
        const bool prefix = !f.action.empty() && f.action.back() == '.';
        const std::string where =
            "WHERE (scope_path LIKE CONCAT(?, '%') OR (? AND scope_path = '')) "
            "AND (? = '' OR actor_username = ?) "
            "AND (? = '' OR " + std::string(prefix ? "action LIKE CONCAT(?, '%')" : "action = ?") + ") "
            "AND (? = '' OR record_type = ?) AND (? = '' OR record_id = ?) "
            "AND (? = '' OR occurred_at >= ?) "
            "AND (? = '' OR occurred_at < DATE_ADD(?, INTERVAL 1 DAY)) ";
        auto bind = [&](sql::PreparedStatement& st) {
            int i = 1;
            // An empty scope would match everything: a filter without one sees nothing.
            st.setString(i++, f.scopePath.empty() ? std::string("\x01") : f.scopePath);
            st.setBoolean(i++, f.includeSystem);
            for (const std::string* v : {&f.actor, &f.action, &f.recordType, &f.recordId}) {
                st.setString(i++, *v);
                st.setString(i++, *v);
            }
            st.setString(i++, f.from);
            st.setString(i++, f.from.empty() ? std::string("1970-01-01") : f.from);
            st.setString(i++, f.to);
            st.setString(i++, f.to.empty() ? std::string("1970-01-01") : f.to);
        };
        AuditPage page;
        auto& count = c.prepare("SELECT COUNT(*) FROM audit_events " + where);
        bind(count);
        std::unique_ptr<sql::ResultSet> crs(count.executeQuery());
        crs->next();
        page.total = crs->getInt(1);
        auto& st = c.prepare("SELECT " + kColumns + " FROM audit_events " + where +
                             "ORDER BY event_id DESC LIMIT ? OFFSET ?");
        bind(st);
        st.setInt(15, f.pageSize);
        st.setInt(16, (std::max(f.page, 1) - 1) * f.pageSize);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        while (rs->next()) page.events.push_back(readEvent(*rs));
        return page;
    });
}

AuditVerification AuditStore::verify() {
    return _db.run([&](Connection& c) {
        // One consistent snapshot: appends made while verifying are not half-seen.
        c.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        AuditVerification result;
        domain::AuditChainVerifier verifier([this](const std::string& m) { return _keys.auditMac(m); });
        std::int64_t after = -1;
        bool more = true;
        while (more) {
            auto& st = c.prepare("SELECT " + kColumns +
                                 " FROM audit_events WHERE event_id > ? ORDER BY event_id LIMIT 5000");
            st.setInt64(1, after);
            std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
            more = false;
            while (rs->next()) {
                more = true;
                const auto e = readEvent(*rs);
                after = e.id;
                if (!verifier.add(e)) {
                    more = false;
                    break;
                }
            }
        }
        domain::ChainHead head;
        std::unique_ptr<sql::ResultSet> hr(
            c.prepare("SELECT last_event_id, last_hash FROM audit_chain_head WHERE head_id = 1")
                .executeQuery());
        if (hr->next()) {
            head.lastEventId = hr->getInt64(1);
            head.lastHash = hr->getString(2);
        }
        c.execute("COMMIT");
        result.broken = verifier.finish(head);
        result.verified = verifier.verifiedCount();
        return result;
    });
}

}  // namespace kituo::store
