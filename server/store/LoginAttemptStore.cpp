// Sign-in attempt SQL; see LoginAttemptStore.h.
#include "store/LoginAttemptStore.h"

#include "domain/Time.h"

namespace kituo::store {

void LoginAttemptStore::record(const std::string& username, const std::string& ip,
                               const std::string& outcome, std::int64_t now) {
    _db.run([&](Connection& c) {
        auto& st = c.prepare(
            "INSERT INTO login_attempts (username, ip, outcome, attempted_at) VALUES (?, ?, ?, ?)");
        st.setString(1, username.substr(0, 64));
        st.setString(2, ip.substr(0, 64));
        st.setString(3, outcome);
        st.setString(4, domain::formatUtc(now));
        st.executeUpdate();
    });
}

std::vector<std::int64_t> LoginAttemptStore::failures(const std::string& column,
                                                      const std::string& value, std::int64_t since) {
    return _db.run([&](Connection& c) {
        // column is one of two fixed names chosen below, never user input.
        auto& st = c.prepare("SELECT UNIX_TIMESTAMP(attempted_at) FROM login_attempts WHERE " +
                             column + " = ? AND outcome = 'failure' AND attempted_at >= ? "
                             "ORDER BY attempted_at DESC LIMIT 200");
        st.setString(1, value.substr(0, 64));
        st.setString(2, domain::formatUtc(since));
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<std::int64_t> out;
        while (rs->next()) out.push_back(rs->getInt64(1));
        return out;
    });
}

std::vector<std::int64_t> LoginAttemptStore::accountFailuresSince(const std::string& username,
                                                                  std::int64_t since) {
    return failures("username", username, since);
}

std::vector<std::int64_t> LoginAttemptStore::addressFailuresSince(const std::string& ip,
                                                                  std::int64_t since) {
    return failures("ip", ip, since);
}

}  // namespace kituo::store
