// Master key rotation SQL; see KeyRotation.h.
#include "store/KeyRotation.h"

#include "crypto/CaseKeys.h"
#include "crypto/SecretBox.h"
#include "store/Connection.h"

#include <memory>
#include <optional>

namespace kituo::store {
namespace {

void add(CaseKeyRewrap& total, const CaseKeyRewrap& batch) {
    total.rewrapped += batch.rewrapped;
    total.unreadable.insert(total.unreadable.end(), batch.unreadable.begin(), batch.unreadable.end());
}

void add(SecretReseal& total, const SecretReseal& batch) {
    total.resealed += batch.resealed;
    total.current += batch.current;
    total.unreadable.insert(total.unreadable.end(), batch.unreadable.begin(), batch.unreadable.end());
}

template <class Counts>
struct Batch {
    int rows = 0;           // rows read
    std::int64_t last = 0;  // the last id read
    Counts counts;
};

// Runs `batch(c, after)` in one transaction per batch, `after` being the last id the batch
// before read, until a batch reads fewer than `batchSize` rows. A batch's counts are added to
// `total` once its transaction has committed: a retried transaction starts its batch afresh.
template <class Counts, class F>
void inBatches(Db& db, int batchSize, Counts& total, F batch) {
    for (std::int64_t after = 0;;) {
        const Batch<Counts> b = db.transaction([&](Connection& c) { return batch(c, after); });
        add(total, b.counts);
        if (b.rows < batchSize) return;
        after = b.last;
    }
}

// A sealed secret of `userId` moved under the ring's current key: the same text when it is
// already there, nothing when no key of the ring opens it.
std::optional<std::string> resealed(const crypto::KeyRing& keys, std::int64_t userId, const std::string& sealed) {
    const std::string binding = crypto::secondFactorBinding(userId);
    if (crypto::secondFactorBox(keys).open(sealed, binding)) return sealed;
    for (const auto& previous : keys.previous()) {
        if (auto plain = crypto::secondFactorBox(previous).open(sealed, binding)) {
            return crypto::secondFactorBox(keys).seal(*plain, binding);
        }
    }
    return std::nullopt;
}

}  // namespace

CaseKeyRewrap rewrapCaseKeys(Db& db, const crypto::KeyRing& keys, int batchSize) {
    const std::string currentId = crypto::masterKeyId(keys);
    CaseKeyRewrap out;
    inBatches(db, batchSize, out, [&](Connection& c, std::int64_t after) {
        Batch<CaseKeyRewrap> b;
        struct Row {
            std::int64_t id;
            std::string wrapped, wrappedBy;
        };
        std::vector<Row> rows;
        {
            auto& st = c.prepare(
                "SELECT welfare_case_id, data_key_wrapped, master_key_id FROM welfare_cases "
                "WHERE welfare_case_id > ? AND data_key_wrapped IS NOT NULL AND master_key_id <> ? "
                "ORDER BY welfare_case_id LIMIT ? FOR UPDATE");
            st.setInt64(1, after);
            st.setString(2, currentId);
            st.setInt(3, batchSize);
            std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
            while (rs->next()) rows.push_back({rs->getInt64(1), rs->getString(2), rs->getString(3)});
        }
        b.rows = static_cast<int>(rows.size());
        for (const auto& r : rows) {
            b.last = r.id;
            const auto key = crypto::unwrapCaseKeyWithRing(keys, r.wrapped, r.id, r.wrappedBy);
            if (!key) {
                b.counts.unreadable.push_back(r.id);
                continue;
            }
            auto& up = c.prepare("UPDATE welfare_cases SET data_key_wrapped = ?, master_key_id = ? WHERE welfare_case_id = ?");
            up.setString(1, crypto::wrapCaseKey(keys, *key, r.id));
            up.setString(2, currentId);
            up.setInt64(3, r.id);
            up.executeUpdate();
            ++b.counts.rewrapped;
        }
        return b;
    });
    db.run([&](Connection& c) {
        auto& st = c.prepare(
            "SELECT COALESCE(SUM(data_key_wrapped IS NOT NULL AND master_key_id = ?), 0), "
            "COALESCE(SUM(data_key_wrapped IS NULL), 0) FROM welfare_cases");
        st.setString(1, currentId);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        rs->next();
        out.current = rs->getInt64(1);
        out.purged = rs->getInt64(2);
    });
    return out;
}

SecretReseal resealSecondFactors(Db& db, const crypto::KeyRing& keys, int batchSize) {
    SecretReseal out;
    inBatches(db, batchSize, out, [&](Connection& c, std::int64_t after) {
        Batch<SecretReseal> b;
        struct Row {
            std::int64_t userId;
            std::string secret, pending;
        };
        std::vector<Row> rows;
        {
            auto& st = c.prepare(
                "SELECT user_id, COALESCE(secret, ''), COALESCE(pending_secret, '') FROM user_second_factors "
                "WHERE user_id > ? ORDER BY user_id LIMIT ? FOR UPDATE");
            st.setInt64(1, after);
            st.setInt(2, batchSize);
            std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
            while (rs->next()) rows.push_back({rs->getInt64(1), rs->getString(2), rs->getString(3)});
        }
        b.rows = static_cast<int>(rows.size());
        for (const auto& r : rows) {
            b.last = r.userId;
            std::string secret = r.secret, pending = r.pending;
            if (!r.secret.empty()) {
                const auto moved = resealed(keys, r.userId, r.secret);
                if (!moved) b.counts.unreadable.push_back(r.userId);
                else if (*moved == r.secret) ++b.counts.current;
                else secret = *moved;
            }
            if (!r.pending.empty()) {
                if (const auto moved = resealed(keys, r.userId, r.pending)) pending = *moved;
            }
            const std::int64_t changed = (secret != r.secret) + (pending != r.pending);
            if (changed == 0) continue;
            auto& up = c.prepare(
                "UPDATE user_second_factors SET secret = NULLIF(?, ''), pending_secret = NULLIF(?, '') WHERE user_id = ?");
            up.setString(1, secret);
            up.setString(2, pending);
            up.setInt64(3, r.userId);
            up.executeUpdate();
            b.counts.resealed += changed;
        }
        return b;
    });
    return out;
}

}  // namespace kituo::store
