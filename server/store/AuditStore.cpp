// Audit trail SQL: recording and listing (sealing and verification: AuditSealing.cpp); see
// AuditStore.h.
#include "store/AuditStore.h"

#include "store/AuditSql.h"
#include "store/Connection.h"
#include "store/SqlLists.h"

namespace kituo::store {
namespace {

std::string clip(const std::string& s, std::size_t n) {
    if (s.size() <= n) return s;
    std::size_t cut = n;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
    return s.substr(0, cut);
}

// The stored form of an event: every field within its column's size, so that what is MACed is
// exactly what is stored.
domain::AuditEvent clipped(domain::AuditEvent e) {
    e.actorUsername = clip(e.actorUsername, 64);
    e.action = clip(e.action, 64);
    e.recordType = clip(e.recordType, 64);
    e.recordId = clip(e.recordId, 64);
    e.ip = clip(e.ip, 64);
    e.scopePath = clip(e.scopePath, 760);
    e.detail = clip(e.detail, 1000);
    return e;
}

}  // namespace

void AuditStore::append(Connection& c, const domain::AuditEvent& event) { appendMany(c, {event}); }

void AuditStore::appendMany(Connection& c, const std::vector<domain::AuditEvent>& events) {
    const std::string row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    for (std::size_t start = 0, n = 0; start < events.size(); start += n) {
        n = batchSize(std::min<std::size_t>(64, events.size() - start));
        auto& ins = c.prepare(
            "INSERT INTO audit_inbox (occurred_at, actor_user_id, actor_username, action, record_type, "
            "record_id, ip, outcome, detail, scope_path, entry_mac) VALUES " + placeholders(n, row));
        int i = 1;
        for (std::size_t k = 0; k < n; ++k) {
            const auto e = clipped(events[start + k]);
            i = audit_sql::bindRecorded(ins, i, e);
            ins.setString(i++, e.scopePath);
            ins.setString(i++, _keys.auditMac(domain::canonicalEntry(e)));
        }
        ins.executeUpdate();
    }
}

void AuditStore::record(const domain::AuditEvent& e) {
    _db.run([&](Connection& c) { append(c, e); });
}

AuditPage AuditStore::list(const AuditFilter& f) {
    seal();
    return _db.run([&](Connection& c) {
        // "user." is a prefix, "officer.transfer" an exact action, a plain word ("transfer")
        // any action that contains it.
        const bool prefix = !f.action.empty() && f.action.back() == '.';
        const bool word = !f.action.empty() && f.action.find('.') == std::string::npos;
        const std::string where =
            "WHERE (scope_path LIKE CONCAT(?, '%') OR (? AND scope_path = '')) "
            "AND (? = '' OR actor_username = ?) "
            "AND (? = '' OR " + std::string(prefix ? "action LIKE CONCAT(?, '%')"
                                            : word ? "action LIKE CONCAT('%', ?, '%')" : "action = ?") + ") "
            "AND (? = '' OR record_type = ?) AND (? = '' OR record_id = ?) "
            "AND (? = '' OR occurred_at >= ?) "
            "AND (? = '' OR occurred_at < DATE_ADD(?, INTERVAL 1 DAY)) ";
        auto bind = [&](sql::PreparedStatement& st) {
            int i = 1;
            // An empty scope would match everything: a filter without one sees nothing.
            st.setString(i++, scopePattern(f.scopePath));
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
        auto& st = c.prepare("SELECT " + audit_sql::kEventColumns + " FROM audit_events " + where +
                             "ORDER BY event_id DESC LIMIT ? OFFSET ?");
        bind(st);
        st.setInt(15, f.pageSize);
        st.setInt(16, (std::max(f.page, 1) - 1) * f.pageSize);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        while (rs->next()) page.events.push_back(audit_sql::readEvent(*rs));
        return page;
    });
}

}  // namespace kituo::store
