// Account SQL; see UserStore.h.
#include "store/UserStore.h"
#include "store/Connection.h"

namespace kituo::store {
namespace {

const std::string kSelect =
    "SELECT u.user_id, u.username, u.display_name, u.role, u.org_unit_id, o.name AS org_name, "
    "o.path, u.must_change_password, u.disabled_at IS NOT NULL AS disabled, u.version, "
    "u.password_hash, u.created_at FROM users u JOIN org_units o ON o.org_unit_id = u.org_unit_id ";

domain::User readUser(sql::ResultSet& rs, bool withHash) {
    domain::User u;
    u.id = rs.getInt64("user_id");
    u.username = rs.getString("username");
    u.displayName = rs.getString("display_name");
    u.role = domain::roleFromString(rs.getString("role")).value_or(domain::Role::Auditor);
    u.orgUnitId = rs.getInt64("org_unit_id");
    u.orgUnitName = rs.getString("org_name");
    u.scopePath = rs.getString("path");
    u.mustChangePassword = rs.getBoolean("must_change_password");
    u.disabled = rs.getBoolean("disabled");
    u.version = rs.getInt("version");
    if (withHash) u.passwordHash = rs.getString("password_hash");
    u.createdAt = rs.getString("created_at");
    return u;
}

std::string escapeLike(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

std::optional<domain::User> UserStore::findForSignIn(const std::string& username) {
    return _db.run([&](Connection& c) -> std::optional<domain::User> {
        auto& st = c.prepare(kSelect + "WHERE u.username = ?");
        st.setString(1, username);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (!rs->next()) return std::nullopt;
        return readUser(*rs, true);
    });
}

std::optional<domain::User> UserStore::findVisibleTo(const domain::Actor& actor, std::int64_t id) {
    return _db.run([&](Connection& c) -> std::optional<domain::User> {
        auto& st = c.prepare(kSelect + "WHERE u.user_id = ? AND o.path LIKE CONCAT(?, '%')");
        st.setInt64(1, id);
        st.setString(2, actor.scopePath);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (!rs->next()) return std::nullopt;
        return readUser(*rs, false);
    });
}

UserPage UserStore::listVisibleTo(const domain::Actor& actor, const UserFilter& f) {
    return _db.run([&](Connection& c) {
        const std::string where =
            "WHERE o.path LIKE CONCAT(?, '%') "
            "AND (? = '' OR u.username LIKE CONCAT('%', ?, '%') OR u.display_name LIKE CONCAT('%', ?, '%')) "
            "AND (? = '' OR u.role = ?) "
            "AND (? = '' OR (? = 'active' AND u.disabled_at IS NULL) "
            "     OR (? = 'disabled' AND u.disabled_at IS NOT NULL)) ";
        auto bind = [&](sql::PreparedStatement& st) {
            const std::string like = escapeLike(f.q);
            st.setString(1, actor.scopePath);
            st.setString(2, f.q);
            st.setString(3, like);
            st.setString(4, like);
            st.setString(5, f.role);
            st.setString(6, f.role);
            st.setString(7, f.status);
            st.setString(8, f.status);
            st.setString(9, f.status);
        };
        UserPage page;
        auto& count = c.prepare("SELECT COUNT(*) FROM users u JOIN org_units o ON "
                                "o.org_unit_id = u.org_unit_id " + where);
        bind(count);
        std::unique_ptr<sql::ResultSet> crs(count.executeQuery());
        crs->next();
        page.total = crs->getInt(1);
        auto& st = c.prepare(kSelect + where + "ORDER BY u.username LIMIT ? OFFSET ?");
        bind(st);
        st.setInt(10, f.pageSize);
        st.setInt(11, (std::max(f.page, 1) - 1) * f.pageSize);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        while (rs->next()) page.users.push_back(readUser(*rs, false));
        return page;
    });
}

std::int64_t UserStore::create(Connection& c, const NewUser& u) {
    auto& st = c.prepare(
        "INSERT INTO users (username, display_name, role, org_unit_id, password_hash, "
        "must_change_password) VALUES (?, ?, ?, ?, ?, ?)");
    st.setString(1, u.username);
    st.setString(2, u.displayName);
    st.setString(3, domain::toString(u.role));
    st.setInt64(4, u.orgUnitId);
    st.setString(5, u.passwordHash);
    st.setBoolean(6, u.mustChangePassword);
    try {
        st.executeUpdate();
    } catch (const sql::SQLException& e) {
        if (e.getErrorCode() == 1062) {
            throw domain::ValidationError("username", "This username is already taken.");
        }
        throw;
    }
    std::unique_ptr<sql::ResultSet> rs(c.prepare("SELECT LAST_INSERT_ID()").executeQuery());
    rs->next();
    return rs->getInt64(1);
}

std::int64_t UserStore::create(const NewUser& user) {
    return _db.transaction([&](Connection& c) { return create(c, user); });
}

namespace {

// After a scoped write changed no row: NotFound when the account is out of the actor's scope
// (it does not exist for them), else Conflict (someone else changed it first).
[[noreturn]] void noRowChanged(Connection& c, const domain::Actor& actor, std::int64_t id,
                               const std::string& conflictMessage) {
    auto& st = c.prepare("SELECT COUNT(*) FROM users u JOIN org_units o ON o.org_unit_id = u.org_unit_id "
                         "WHERE u.user_id = ? AND o.path LIKE CONCAT(?, '%')");
    st.setInt64(1, id);
    st.setString(2, actor.scopePath);
    std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
    rs->next();
    if (rs->getInt(1) == 0) throw domain::NotFound("user not found");
    throw domain::Conflict(conflictMessage);
}

}  // namespace

void UserStore::update(Connection& c, const domain::Actor& actor, std::int64_t id, int version,
                       const std::string& displayName, domain::Role role, std::int64_t orgUnitId) {
    {
        auto& unit = c.prepare("SELECT COUNT(*) FROM org_units WHERE org_unit_id = ? "
                               "AND path LIKE CONCAT(?, '%')");
        unit.setInt64(1, orgUnitId);
        unit.setString(2, actor.scopePath);
        std::unique_ptr<sql::ResultSet> rs(unit.executeQuery());
        rs->next();
        if (rs->getInt(1) == 0) throw domain::NotFound("org unit not found");
    }
    auto& st = c.prepare(
        "UPDATE users u JOIN org_units o ON o.org_unit_id = u.org_unit_id "
        "JOIN org_units n ON n.org_unit_id = ? AND n.path LIKE CONCAT(?, '%') "
        "SET u.display_name = ?, u.role = ?, u.org_unit_id = n.org_unit_id, u.version = u.version + 1 "
        "WHERE u.user_id = ? AND u.version = ? AND o.path LIKE CONCAT(?, '%')");
    st.setInt64(1, orgUnitId);
    st.setString(2, actor.scopePath);
    st.setString(3, displayName);
    st.setString(4, domain::toString(role));
    st.setInt64(5, id);
    st.setInt(6, version);
    st.setString(7, actor.scopePath);
    if (st.executeUpdate() == 0) {
        noRowChanged(c, actor, id, "This account was changed by someone else while you were editing it.");
    }
}

void UserStore::setPassword(Connection& c, std::int64_t id, const std::string& hash, bool mustChange) {
    auto& st = c.prepare(
        "UPDATE users SET password_hash = ?, must_change_password = ?, "
        "password_changed_at = UTC_TIMESTAMP(), version = version + 1 WHERE user_id = ?");
    st.setString(1, hash);
    st.setBoolean(2, mustChange);
    st.setInt64(3, id);
    st.executeUpdate();
}

void UserStore::resetPassword(Connection& c, const domain::Actor& actor, std::int64_t id,
                              const std::string& hash) {
    auto& st = c.prepare(
        "UPDATE users u JOIN org_units o ON o.org_unit_id = u.org_unit_id "
        "SET u.password_hash = ?, u.must_change_password = 1, "
        "u.password_changed_at = UTC_TIMESTAMP(), u.version = u.version + 1 "
        "WHERE u.user_id = ? AND o.path LIKE CONCAT(?, '%')");
    st.setString(1, hash);
    st.setInt64(2, id);
    st.setString(3, actor.scopePath);
    if (st.executeUpdate() == 0) throw domain::NotFound("user not found");
}

void UserStore::setDisabled(Connection& c, const domain::Actor& actor, std::int64_t id, int version,
                            bool disabled) {
    auto& st = c.prepare(
        "UPDATE users u JOIN org_units o ON o.org_unit_id = u.org_unit_id "
        "SET u.disabled_at = IF(?, UTC_TIMESTAMP(), NULL), u.version = u.version + 1 "
        "WHERE u.user_id = ? AND u.version = ? AND o.path LIKE CONCAT(?, '%')");
    st.setBoolean(1, disabled);
    st.setInt64(2, id);
    st.setInt(3, version);
    st.setString(4, actor.scopePath);
    if (st.executeUpdate() == 0) {
        noRowChanged(c, actor, id, "This account was changed by someone else; reload and try again.");
    }
}

std::optional<domain::User> UserStore::findForSecondStep(std::int64_t id) {
    return _db.run([&](Connection& c) -> std::optional<domain::User> {
        auto& st = c.prepare(kSelect + "WHERE u.user_id = ?");
        st.setInt64(1, id);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (!rs->next()) return std::nullopt;
        return readUser(*rs, false);
    });
}

int UserStore::countAll() {
    return _db.run([](Connection& c) {
        std::unique_ptr<sql::ResultSet> rs(c.prepare("SELECT COUNT(*) FROM users").executeQuery());
        rs->next();
        return rs->getInt(1);
    });
}

}  // namespace kituo::store
