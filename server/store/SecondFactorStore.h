// SQL for second factors: the sealed TOTP secret per account (crypto/SecretBox.h seals and
// opens it; this store only moves bytes), the replay guard (last accepted step), recovery
// code hashes, sign-ins waiting for their second factor, two-admin reset requests and the
// notices an account sees at its next sign-in. Methods taking a Connection& run inside the
// caller's transaction (with its audit event); the others run on their own.
#pragma once

#include "store/Db.h"

#include <optional>
#include <string>
#include <vector>

namespace kituo::store {

struct SecondFactorRecord {
    std::string secret;         // sealed; empty when not enrolled
    std::string pendingSecret;  // sealed; empty when no enrolment is under way
    std::int64_t lastStep = 0;
    bool enrolled() const { return !secret.empty(); }
};

struct PendingSignIn {
    std::int64_t id = 0;
    std::int64_t userId = 0;
    std::string nextPath;
    int failures = 0;
    std::int64_t expiresAt = 0;
    bool ended = false;
};

struct SecondFactorReset {
    std::int64_t id = 0;
    std::int64_t userId = 0;
    std::int64_t requestedBy = 0;
    std::string requestedByName;
    std::string reason;
    std::string requestedAt;
};

class SecondFactorStore {
public:
    explicit SecondFactorStore(Db& db) : _db(db) {}

    std::optional<SecondFactorRecord> find(std::int64_t userId);
    // Keeps `sealed` as the secret being enrolled (replacing an earlier unconfirmed one).
    void setPending(std::int64_t userId, const std::string& sealed);
    // Makes `sealed` the account's secret, `step` its last accepted step, and replaces its
    // recovery codes with `codeHashes`.
    void enrol(Connection& c, std::int64_t userId, const std::string& sealed, std::int64_t step,
               const std::vector<std::string>& codeHashes);
    // Records `step` as accepted; false when a step at or after it was already accepted (the
    // replay guard holds under concurrency: one UPDATE decides).
    bool acceptStep(Connection& c, std::int64_t userId, std::int64_t step);
    // Marks an unused recovery code used; false when there is none with this hash.
    bool useRecoveryCode(Connection& c, std::int64_t userId, const std::string& codeHash);
    int unusedRecoveryCodes(std::int64_t userId);
    // Removes the secret and every recovery code.
    void clear(Connection& c, std::int64_t userId);

    std::int64_t createPending(std::int64_t userId, const std::string& tokenHash,
                               const std::string& nextPath,
                               const std::string& ip, std::int64_t now, std::int64_t expiresAt);
    std::optional<PendingSignIn> findPending(const std::string& tokenHash);
    void pendingFailed(std::int64_t id);
    // Ends the pending sign-in; false when it had already ended (used twice at once).
    bool endPending(Connection& c, std::int64_t id, std::int64_t now);
    void endPendingForUser(Connection& c, std::int64_t userId, std::int64_t now);

    // The open (not approved, not cancelled) reset request for an account, if any.
    std::optional<SecondFactorReset> openReset(std::int64_t userId);
    std::int64_t requestReset(Connection& c, std::int64_t userId, std::int64_t requestedBy,
                              const std::string& reason, std::int64_t now);
    // Approves the request when it is still open and `approver` is not its requester.
    bool approveReset(Connection& c, std::int64_t resetId, std::int64_t approver, std::int64_t now);

    void addNotice(Connection& c, std::int64_t userId, const std::string& message, std::int64_t now);
    // The account's notices not shown yet, oldest first; marks them shown.
    std::vector<std::string> takeNotices(std::int64_t userId, std::int64_t now);

private:
    Db& _db;
};

}  // namespace kituo::store
