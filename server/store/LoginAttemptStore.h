// SQL for sign-in attempts, read by the throttling rule (domain/LoginThrottle.h).
#pragma once

#include "store/Db.h"

#include <vector>

namespace kituo::store {

class LoginAttemptStore {
public:
    explicit LoginAttemptStore(Db& db) : _db(db) {}

    // outcome: "success", "failure" or "refused" (throttled; never counted as a failure).
    void record(const std::string& username, const std::string& ip, const std::string& outcome,
                std::int64_t now);
    // Failure times (epoch seconds) since `since`, for one account and for one address.
    std::vector<std::int64_t> accountFailuresSince(const std::string& username, std::int64_t since);
    std::vector<std::int64_t> addressFailuresSince(const std::string& ip, std::int64_t since);

private:
    std::vector<std::int64_t> failures(const std::string& column, const std::string& value,
                                       std::int64_t since);
    Db& _db;
};

}  // namespace kituo::store
