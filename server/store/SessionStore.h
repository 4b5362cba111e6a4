// SQL for sign-in sessions. Tokens are never stored: callers pass the SHA-256 of the token.
// Times are seconds since the epoch (UTC); the caller's clock decides, so tests can move it.
#pragma once

#include "domain/User.h"
#include "store/Db.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kituo::store {

struct SessionRecord {
    std::int64_t sessionId = 0;
    std::string csrfToken;
    std::string ip;
    std::string userAgent;
    std::int64_t createdAt = 0;
    std::int64_t lastSeenAt = 0;
    bool ended = false;
    bool secondFactorEnrolled = false;  // the account has a confirmed second factor
    domain::User user;  // the account as it is now (disabled, role and scope included)
    // Every data_versions counter (DataVersions.h) as it was when the session was read: a
    // page that caches by version needs one, and reading them here saves it a statement.
    std::map<std::string, std::uint64_t> dataVersions;
};

class SessionStore {
public:
    explicit SessionStore(Db& db) : _db(db) {}

    std::int64_t create(std::int64_t userId, const std::string& tokenHash,
                        const std::string& csrfToken, const std::string& ip,
                        const std::string& userAgent, std::int64_t now);
    // The session with this token hash (ended or not), with its account.
    std::optional<SessionRecord> findByTokenHash(const std::string& tokenHash);
    // Records activity; only writes when the stored time is at least `granularitySec` older,
    // so a busy page does not write on every request.
    void touch(std::int64_t sessionId, std::int64_t lastSeenAt, std::int64_t now,
               std::int64_t granularitySec = 30);
    void end(std::int64_t sessionId, const std::string& reason, std::int64_t now);
    // Ends the user's open sessions except `keep` (0: all). Returns how many ended.
    int endForUser(std::int64_t userId, std::int64_t keep, const std::string& reason, std::int64_t now);
    // Ends one of the user's own sessions; false when it is not theirs or already ended.
    bool endOwn(std::int64_t userId, std::int64_t sessionId, std::int64_t now);
    std::vector<SessionRecord> openForUser(std::int64_t userId);

private:
    Db& _db;
};

}  // namespace kituo::store
