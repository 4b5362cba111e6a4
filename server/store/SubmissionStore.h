// Form submissions already received (see sql/migrations/0036_form_submissions.sql): the same
// form sent twice by one session is done once, and the second submission is answered with the
// first one's result. Shared by every server process through the database.
#pragma once

#include "store/Db.h"

#include <cstdint>
#include <optional>
#include <string>

namespace kituo::store {

struct SubmissionClaim {
    enum class State { Claimed, Done, Pending } state = State::Claimed;
    std::string location;  // Done: where the first submission sent the browser
    std::string flash;     // Done: the message it left for the next page ("" for none)
};

class SubmissionStore {
public:
    explicit SubmissionStore(Db& db) : _db(db) {}

    // Claims `key` for this submission, or reports the earlier one with the same key. Forgets
    // submissions older than ten minutes on the way.
    SubmissionClaim claim(const std::string& key, std::int64_t sessionId, std::int64_t now);
    // The claimed submission succeeded and sent the browser to `location`, leaving `flash`.
    void complete(const std::string& key, const std::string& location, const std::string& flash);
    // The claimed submission did not succeed: the same form may be sent again.
    void release(const std::string& key);
    // The submission with `key` once it has succeeded (state Done), else nothing.
    std::optional<SubmissionClaim> result(const std::string& key);

private:
    Db& _db;
};

}  // namespace kituo::store
