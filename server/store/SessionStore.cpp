// Session SQL; see SessionStore.h.
#include "store/SessionStore.h"
#include "store/Connection.h"

#include "domain/Time.h"

namespace kituo::store {

std::int64_t SessionStore::create(std::int64_t userId, const std::string& tokenHash,
                                  const std::string& csrfToken, const std::string& ip,
                                  const std::string& userAgent, std::int64_t now) {
    return _db.transaction([&](Connection& c) {
        auto& st = c.prepare(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, ip, user_agent, created_at, "
            "last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        st.setString(1, tokenHash);
        st.setInt64(2, userId);
        st.setString(3, csrfToken);
        st.setString(4, ip.substr(0, 64));
        st.setString(5, userAgent.substr(0, 255));
        st.setString(6, domain::formatUtc(now));
        st.setString(7, domain::formatUtc(now));
        st.executeUpdate();
        std::unique_ptr<sql::ResultSet> rs(c.prepare("SELECT LAST_INSERT_ID()").executeQuery());
        rs->next();
        return static_cast<std::int64_t>(rs->getInt64(1));
    });
}

namespace {

// The session with its account; findByTokenHash() adds the data versions (columns 19 and 20).
const std::string kColumns =
    "SELECT s.session_id, s.csrf_token, s.ip, s.user_agent, UNIX_TIMESTAMP(s.created_at) AS created, "
    "UNIX_TIMESTAMP(s.last_seen_at) AS seen, s.ended_at IS NOT NULL AS ended, "
    "u.user_id, u.username, u.display_name, u.role, u.org_unit_id, o.name AS org_name, o.path, "
    "u.must_change_password, u.disabled_at IS NOT NULL AS disabled, u.version, "
    "f.secret IS NOT NULL AS second_factor ";
const std::string kFrom =
    "FROM sessions s JOIN users u ON u.user_id = s.user_id "
    "JOIN org_units o ON o.org_unit_id = u.org_unit_id "
    // At most one row per user (its primary key): a join costs MariaDB less than EXISTS.
    "LEFT JOIN user_second_factors f ON f.user_id = u.user_id ";
const std::string kSelect = kColumns + kFrom;

// Columns by position, in kColumns' order.
SessionRecord readSession(sql::ResultSet& rs) {
    SessionRecord s;
    s.sessionId = rs.getInt64(1);
    s.csrfToken = rs.getString(2);
    s.ip = rs.getString(3);
    s.userAgent = rs.getString(4);
    s.createdAt = rs.getInt64(5);
    s.lastSeenAt = rs.getInt64(6);
    s.ended = rs.getBoolean(7);
    auto& u = s.user;
    u.id = rs.getInt64(8);
    u.username = rs.getString(9);
    u.displayName = rs.getString(10);
    u.role = domain::roleFromString(rs.getString(11)).value_or(domain::Role::Auditor);
    u.orgUnitId = rs.getInt64(12);
    u.orgUnitName = rs.getString(13);
    u.scopePath = rs.getString(14);
    u.mustChangePassword = rs.getBoolean(15);
    u.disabled = rs.getBoolean(16);
    u.version = rs.getInt(17);
    s.secondFactorEnrolled = rs.getBoolean(18);
    return s;
}

}  // namespace

std::optional<SessionRecord> SessionStore::findByTokenHash(const std::string& tokenHash) {
    return _db.run([&](Connection& c) -> std::optional<SessionRecord> {
        // One row per data_versions counter (a handful), the session repeated on each: measured,
        // this join costs MariaDB next to nothing, where a GROUP_CONCAT subquery of the same
        // counters cost 30-40 us, about what reading a counter on its own costs.
        auto& st = c.prepare(kColumns + ", dv.name, dv.version " + kFrom +
                             "LEFT JOIN data_versions dv ON 1 = 1 WHERE s.token_hash = ?");
        st.setString(1, tokenHash);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (!rs->next()) return std::nullopt;
        SessionRecord s = readSession(*rs);
        do {
            if (!rs->isNull(19)) s.dataVersions[rs->getString(19)] = rs->getUInt64(20);
        } while (rs->next());
        return s;
    });
}

void SessionStore::touch(std::int64_t sessionId, std::int64_t lastSeenAt, std::int64_t now,
                         std::int64_t granularitySec) {
    if (now - lastSeenAt < granularitySec) return;
    _db.run([&](Connection& c) {
        auto& st = c.prepare(
            "UPDATE sessions SET last_seen_at = ? WHERE session_id = ? AND ended_at IS NULL");
        st.setString(1, domain::formatUtc(now));
        st.setInt64(2, sessionId);
        st.executeUpdate();
    });
}

void SessionStore::end(std::int64_t sessionId, const std::string& reason, std::int64_t now) {
    _db.run([&](Connection& c) {
        auto& st = c.prepare(
            "UPDATE sessions SET ended_at = ?, end_reason = ? WHERE session_id = ? AND ended_at IS NULL");
        st.setString(1, domain::formatUtc(now));
        st.setString(2, reason);
        st.setInt64(3, sessionId);
        st.executeUpdate();
    });
}

int SessionStore::endForUser(std::int64_t userId, std::int64_t keep, const std::string& reason,
                             std::int64_t now) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare(
            "UPDATE sessions SET ended_at = ?, end_reason = ? "
            "WHERE user_id = ? AND session_id <> ? AND ended_at IS NULL");
        st.setString(1, domain::formatUtc(now));
        st.setString(2, reason);
        st.setInt64(3, userId);
        st.setInt64(4, keep);
        return st.executeUpdate();
    });
}

bool SessionStore::endOwn(std::int64_t userId, std::int64_t sessionId, std::int64_t now) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare(
            "UPDATE sessions SET ended_at = ?, end_reason = 'ended_by_user' "
            "WHERE session_id = ? AND user_id = ? AND ended_at IS NULL");
        st.setString(1, domain::formatUtc(now));
        st.setInt64(2, sessionId);
        st.setInt64(3, userId);
        return st.executeUpdate() == 1;
    });
}

std::vector<SessionRecord> SessionStore::openForUser(std::int64_t userId) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare(kSelect + "WHERE s.user_id = ? AND s.ended_at IS NULL "
                                       "ORDER BY s.last_seen_at DESC LIMIT 100");
        st.setInt64(1, userId);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<SessionRecord> out;
        while (rs->next()) out.push_back(readSession(*rs));
        return out;
    });
}

}  // namespace kituo::store
