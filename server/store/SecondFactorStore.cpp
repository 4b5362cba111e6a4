// Second-factor SQL; see SecondFactorStore.h.
#include "store/SecondFactorStore.h"
#include "store/Connection.h"

#include "domain/Time.h"

namespace kituo::store {

std::optional<SecondFactorRecord> SecondFactorStore::find(std::int64_t userId) {
    return _db.run([&](Connection& c) -> std::optional<SecondFactorRecord> {
        auto& st = c.prepare("SELECT secret, pending_secret, last_step FROM user_second_factors "
                             "WHERE user_id = ?");
        st.setInt64(1, userId);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (!rs->next()) return std::nullopt;
        SecondFactorRecord r;
        r.secret = getStringOr(*rs, "secret", "");
        r.pendingSecret = getStringOr(*rs, "pending_secret", "");
        r.lastStep = rs->getInt64("last_step");
        return r;
    });
}

void SecondFactorStore::setPending(std::int64_t userId, const std::string& sealed) {
    _db.run([&](Connection& c) {
        auto& st = c.prepare("INSERT INTO user_second_factors (user_id, pending_secret) VALUES (?, ?) "
                             "ON DUPLICATE KEY UPDATE pending_secret = VALUES(pending_secret)");
        st.setInt64(1, userId);
        st.setString(2, sealed);
        st.executeUpdate();
    });
}

void SecondFactorStore::enrol(Connection& c, std::int64_t userId, const std::string& sealed,
                              std::int64_t step, const std::vector<std::string>& codeHashes) {
    auto& st = c.prepare(
        "INSERT INTO user_second_factors (user_id, secret, pending_secret, last_step, enrolled_at) "
        "VALUES (?, ?, NULL, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE secret = VALUES(secret), "
        "pending_secret = NULL, last_step = VALUES(last_step), enrolled_at = UTC_TIMESTAMP()");
    st.setInt64(1, userId);
    st.setString(2, sealed);
    st.setInt64(3, step);
    st.executeUpdate();
    auto& del = c.prepare("DELETE FROM recovery_codes WHERE user_id = ?");
    del.setInt64(1, userId);
    del.executeUpdate();
    auto& ins = c.prepare("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)");
    for (const auto& h : codeHashes) {
        ins.setInt64(1, userId);
        ins.setString(2, h);
        ins.executeUpdate();
    }
}

bool SecondFactorStore::acceptStep(Connection& c, std::int64_t userId, std::int64_t step) {
    auto& st = c.prepare("UPDATE user_second_factors SET last_step = ? "
                         "WHERE user_id = ? AND last_step < ? AND secret IS NOT NULL");
    st.setInt64(1, step);
    st.setInt64(2, userId);
    st.setInt64(3, step);
    return st.executeUpdate() == 1;
}

bool SecondFactorStore::useRecoveryCode(Connection& c, std::int64_t userId, const std::string& codeHash) {
    auto& st = c.prepare("UPDATE recovery_codes SET used_at = UTC_TIMESTAMP() "
                         "WHERE user_id = ? AND code_hash = ? AND used_at IS NULL");
    st.setInt64(1, userId);
    st.setString(2, codeHash);
    return st.executeUpdate() == 1;
}

int SecondFactorStore::unusedRecoveryCodes(std::int64_t userId) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare("SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL");
        st.setInt64(1, userId);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        rs->next();
        return rs->getInt(1);
    });
}

void SecondFactorStore::clear(Connection& c, std::int64_t userId) {
    auto& st = c.prepare("DELETE FROM user_second_factors WHERE user_id = ?");
    st.setInt64(1, userId);
    st.executeUpdate();
    auto& codes = c.prepare("DELETE FROM recovery_codes WHERE user_id = ?");
    codes.setInt64(1, userId);
    codes.executeUpdate();
}

std::int64_t SecondFactorStore::createPending(std::int64_t userId, const std::string& tokenHash,
                                              const std::string& nextPath,
                                              const std::string& ip, std::int64_t now,
                                              std::int64_t expiresAt) {
    return _db.transaction([&](Connection& c) {
        auto& st = c.prepare(
            "INSERT INTO pending_sign_ins (token_hash, user_id, next_path, ip, created_at, "
            "expires_at) VALUES (?, ?, ?, ?, ?, ?)");
        st.setString(1, tokenHash);
        st.setInt64(2, userId);
        st.setString(3, nextPath.substr(0, 512));
        st.setString(4, ip.substr(0, 64));
        st.setString(5, domain::formatUtc(now));
        st.setString(6, domain::formatUtc(expiresAt));
        st.executeUpdate();
        std::unique_ptr<sql::ResultSet> rs(c.prepare("SELECT LAST_INSERT_ID()").executeQuery());
        rs->next();
        return static_cast<std::int64_t>(rs->getInt64(1));
    });
}

std::optional<PendingSignIn> SecondFactorStore::findPending(const std::string& tokenHash) {
    return _db.run([&](Connection& c) -> std::optional<PendingSignIn> {
        auto& st = c.prepare(
            "SELECT pending_sign_in_id, user_id, next_path, failures, "
            "UNIX_TIMESTAMP(expires_at) AS expires, ended_at IS NOT NULL AS ended "
            "FROM pending_sign_ins WHERE token_hash = ?");
        st.setString(1, tokenHash);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (!rs->next()) return std::nullopt;
        PendingSignIn p;
        p.id = rs->getInt64(1);
        p.userId = rs->getInt64(2);
        p.nextPath = rs->getString(3);
        p.failures = rs->getInt(4);
        p.expiresAt = rs->getInt64(5);
        p.ended = rs->getBoolean(6);
        return p;
    });
}

void SecondFactorStore::pendingFailed(std::int64_t id) {
    _db.run([&](Connection& c) {
        auto& st = c.prepare("UPDATE pending_sign_ins SET failures = failures + 1 WHERE pending_sign_in_id = ?");
        st.setInt64(1, id);
        st.executeUpdate();
    });
}

bool SecondFactorStore::endPending(Connection& c, std::int64_t id, std::int64_t now) {
    auto& st = c.prepare("UPDATE pending_sign_ins SET ended_at = ? "
                         "WHERE pending_sign_in_id = ? AND ended_at IS NULL");
    st.setString(1, domain::formatUtc(now));
    st.setInt64(2, id);
    return st.executeUpdate() == 1;
}

void SecondFactorStore::endPendingForUser(Connection& c, std::int64_t userId, std::int64_t now) {
    auto& st = c.prepare("UPDATE pending_sign_ins SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL");
    st.setString(1, domain::formatUtc(now));
    st.setInt64(2, userId);
    st.executeUpdate();
}

std::optional<SecondFactorReset> SecondFactorStore::openReset(std::int64_t userId) {
    return _db.run([&](Connection& c) -> std::optional<SecondFactorReset> {
        auto& st = c.prepare(
            "SELECT r.second_factor_reset_id, r.user_id, r.requested_by, u.username, r.reason, "
            "r.requested_at FROM second_factor_resets r JOIN users u ON u.user_id = r.requested_by "
            "WHERE r.user_id = ? AND r.approved_at IS NULL AND r.cancelled_at IS NULL "
            "ORDER BY r.second_factor_reset_id DESC LIMIT 1");
        st.setInt64(1, userId);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (!rs->next()) return std::nullopt;
        SecondFactorReset r;
        r.id = rs->getInt64(1);
        r.userId = rs->getInt64(2);
        r.requestedBy = rs->getInt64(3);
        r.requestedByName = rs->getString(4);
        r.reason = rs->getString(5);
        r.requestedAt = rs->getString(6);
        return r;
    });
}

std::int64_t SecondFactorStore::requestReset(Connection& c, std::int64_t userId, std::int64_t requestedBy,
                                             const std::string& reason, std::int64_t now) {
    auto& st = c.prepare("INSERT INTO second_factor_resets (user_id, requested_by, reason, requested_at) "
                         "VALUES (?, ?, ?, ?)");
    st.setInt64(1, userId);
    st.setInt64(2, requestedBy);
    st.setString(3, reason);
    st.setString(4, domain::formatUtc(now));
    st.executeUpdate();
    std::unique_ptr<sql::ResultSet> rs(c.prepare("SELECT LAST_INSERT_ID()").executeQuery());
    rs->next();
    return rs->getInt64(1);
}

bool SecondFactorStore::approveReset(Connection& c, std::int64_t resetId, std::int64_t approver,
                                     std::int64_t now) {
    auto& st = c.prepare(
        "UPDATE second_factor_resets SET approved_by = ?, approved_at = ? "
        "WHERE second_factor_reset_id = ? AND requested_by <> ? AND approved_at IS NULL "
        "AND cancelled_at IS NULL");
    st.setInt64(1, approver);
    st.setString(2, domain::formatUtc(now));
    st.setInt64(3, resetId);
    st.setInt64(4, approver);
    return st.executeUpdate() == 1;
}

void SecondFactorStore::addNotice(Connection& c, std::int64_t userId, const std::string& message,
                                  std::int64_t now) {
    auto& st = c.prepare("INSERT INTO user_notices (user_id, message, created_at) VALUES (?, ?, ?)");
    st.setInt64(1, userId);
    st.setString(2, message.substr(0, 500));
    st.setString(3, domain::formatUtc(now));
    st.executeUpdate();
}

std::vector<std::string> SecondFactorStore::takeNotices(std::int64_t userId, std::int64_t now) {
    return _db.transaction([&](Connection& c) {
        auto& st = c.prepare("SELECT user_notice_id, message FROM user_notices "
                             "WHERE user_id = ? AND shown_at IS NULL ORDER BY user_notice_id FOR UPDATE");
        st.setInt64(1, userId);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<std::string> out;
        while (rs->next()) out.push_back(rs->getString(2));
        auto& upd = c.prepare("UPDATE user_notices SET shown_at = ? WHERE user_id = ? AND shown_at IS NULL");
        upd.setString(1, domain::formatUtc(now));
        upd.setInt64(2, userId);
        upd.executeUpdate();
        return out;
    });
}

}  // namespace kituo::store
