// SQL for sign-in attempts, read by the throttling rule (domain/LoginThrottle.h). `account` is
// the caller's keyed digest of the typed name (auth/SignIn.h), never the name or a password;
// `group` is domain::addressGroup() of the address.
#pragma once

#include "domain/LoginThrottle.h"
#include "store/Db.h"

#include <vector>

namespace kituo::store {

class LoginAttemptStore {
public:
    explicit LoginAttemptStore(Db& db) : _db(db) {}

    // outcome: "success", "failure" or "refused" (throttled; never counted as a failure).
    void record(const std::string& account, const std::string& ip, const std::string& group,
                const std::string& outcome, std::int64_t now);
    // Failure times (epoch seconds) since `since` for the pair, the account and the group.
    domain::ThrottleHistory failuresSince(const std::string& account, const std::string& group,
                                          std::int64_t since);

private:
    Db& _db;
};

}  // namespace kituo::store
