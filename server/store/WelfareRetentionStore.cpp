// Counselling retention SQL; see WelfareRetentionStore.h.
#include "store/WelfareRetentionStore.h"

#include "domain/Welfare.h"
#include "store/Connection.h"

#include <memory>

namespace kituo::store {
namespace {

// domain::pastRetention as SQL over case alias c, not yet purged; one parameter, the cutoff.
const char* kExpired = "c.status = 'closed' AND c.closed_on <= ? AND c.purged_at IS NULL";

}  // namespace

std::vector<std::int64_t> WelfareRetentionStore::expired(const std::string& cutoff) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare(std::string("SELECT c.welfare_case_id FROM welfare_cases c WHERE ") + kExpired +
                             " ORDER BY c.welfare_case_id");
        st.setString(1, cutoff);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<std::int64_t> out;
        while (rs->next()) out.push_back(rs->getInt64(1));
        return out;
    });
}

std::optional<int> WelfareRetentionStore::purge(Connection& c, std::int64_t caseId, int retentionDays,
                                                const std::string& today) {
    {
        auto& lock = c.prepare(
            "SELECT status, COALESCE(closed_on, ''), purged_at IS NOT NULL FROM welfare_cases "
            "WHERE welfare_case_id = ? FOR UPDATE");
        lock.setInt64(1, caseId);
        std::unique_ptr<sql::ResultSet> rs(lock.executeQuery());
        if (!rs->next() || rs->getBoolean(3) ||
            !domain::pastRetention(rs->getString(1), rs->getString(2), retentionDays, today)) {
            return std::nullopt;
        }
    }
    auto& notes = c.prepare(
        "UPDATE welfare_sessions SET note_sealed = NULL, note_key_version = NULL "
        "WHERE welfare_case_id = ? AND note_sealed IS NOT NULL");
    notes.setInt64(1, caseId);
    const int removed = notes.executeUpdate();
    auto& key = c.prepare(
        "UPDATE welfare_cases SET data_key_wrapped = NULL, purged_at = UTC_TIMESTAMP(), version = version + 1 "
        "WHERE welfare_case_id = ?");
    key.setInt64(1, caseId);
    key.executeUpdate();
    return removed;
}

}  // namespace kituo::store
