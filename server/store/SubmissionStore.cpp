// Form submission SQL; see SubmissionStore.h.
#include "store/SubmissionStore.h"

#include "domain/Time.h"
#include "store/Connection.h"

namespace kituo::store {

SubmissionClaim SubmissionStore::claim(const std::string& key, std::int64_t sessionId, std::int64_t now) {
    return _db.run([&](Connection& c) {
        auto& old = c.prepare("DELETE FROM form_submissions WHERE created_at < ?");
        old.setString(1, domain::formatUtc(now - 600));
        old.executeUpdate();
        auto& ins = c.prepare(
            "INSERT IGNORE INTO form_submissions (submission_key, session_id, created_at) VALUES (?, ?, ?)");
        ins.setString(1, key);
        ins.setInt64(2, sessionId);
        ins.setString(3, domain::formatUtc(now));
        if (ins.executeUpdate() == 1) return SubmissionClaim{};
        auto& st = c.prepare("SELECT location, flash FROM form_submissions WHERE submission_key = ?");
        st.setString(1, key);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (rs->next() && !rs->isNull(1)) {
            return SubmissionClaim{SubmissionClaim::State::Done, rs->getString(1), getStringOr(*rs, "flash", "")};
        }
        return SubmissionClaim{SubmissionClaim::State::Pending, "", ""};
    });
}

void SubmissionStore::complete(const std::string& key, const std::string& location, const std::string& flash) {
    _db.run([&](Connection& c) {
        auto& st = c.prepare("UPDATE form_submissions SET location = ?, flash = ? WHERE submission_key = ?");
        st.setString(1, location.substr(0, 512));
        if (flash.empty() || flash.size() > 1024) st.setNull(2, sql::DataType::VARCHAR);
        else st.setString(2, flash);
        st.setString(3, key);
        st.executeUpdate();
    });
}

void SubmissionStore::release(const std::string& key) {
    _db.run([&](Connection& c) {
        auto& st = c.prepare("DELETE FROM form_submissions WHERE submission_key = ?");
        st.setString(1, key);
        st.executeUpdate();
    });
}

std::optional<SubmissionClaim> SubmissionStore::result(const std::string& key) {
    return _db.run([&](Connection& c) -> std::optional<SubmissionClaim> {
        auto& st = c.prepare("SELECT location, flash FROM form_submissions WHERE submission_key = ?");
        st.setString(1, key);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (rs->next() && !rs->isNull(1)) {
            return SubmissionClaim{SubmissionClaim::State::Done, rs->getString(1), getStringOr(*rs, "flash", "")};
        }
        return std::nullopt;
    });
}

}  // namespace kituo::store
