// Sign-in attempt SQL; see LoginAttemptStore.h.
#include "store/LoginAttemptStore.h"
#include "store/Connection.h"

#include "domain/Time.h"

namespace kituo::store {

void LoginAttemptStore::record(const std::string& account, const std::string& ip,
                               const std::string& group, const std::string& outcome,
                               std::int64_t now) {
    _db.run([&](Connection& c) {
        auto& st = c.prepare(
            "INSERT INTO login_attempts (username, ip, address_group, outcome, attempted_at) "
            "VALUES (?, ?, ?, ?, ?)");
        st.setString(1, account.substr(0, 64));
        st.setString(2, ip.substr(0, 64));
        st.setString(3, group.substr(0, 64));
        st.setString(4, outcome);
        st.setString(5, domain::formatUtc(now));
        st.executeUpdate();
    });
}

domain::ThrottleHistory LoginAttemptStore::failuresSince(const std::string& account,
                                                         const std::string& group,
                                                         std::int64_t since) {
    return _db.run([&](Connection& c) {
        // One statement per key, each on its own index; at most 200 rows each (more than any
        // limit, fewer than an attacker could make us read).
        auto read = [&](const std::string& where, std::vector<std::string> values) {
            auto& st = c.prepare("SELECT UNIX_TIMESTAMP(attempted_at) FROM login_attempts WHERE " +
                                 where + " AND outcome = 'failure' AND attempted_at >= ? "
                                 "ORDER BY attempted_at DESC LIMIT 200");
            int i = 1;
            for (const auto& v : values) st.setString(i++, v.substr(0, 64));
            st.setString(i, domain::formatUtc(since));
            std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
            std::vector<std::int64_t> out;
            while (rs->next()) out.push_back(rs->getInt64(1));
            return out;
        };
        domain::ThrottleHistory h;
        h.pair = read("username = ? AND address_group = ?", {account, group});
        h.account = read("username = ?", {account});
        h.address = read("address_group = ?", {group});
        return h;
    });
}

}  // namespace kituo::store
