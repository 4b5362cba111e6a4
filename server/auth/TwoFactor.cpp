// Second-factor enrolment and checks; see TwoFactor.h.
#include "auth/TwoFactor.h"

#include "crypto/SecretBox.h"
#include "domain/SecondFactor.h"
#include "domain/Time.h"
#include "domain/Totp.h"
#include "store/AuditStore.h"
#include "store/SecondFactorStore.h"

#include <cctype>

namespace kituo::auth {
namespace {

std::string boundTo(std::int64_t userId) { return crypto::secondFactorBinding(userId); }

std::optional<std::string> openSecret(app::Services& s, std::int64_t userId, const std::string& sealed) {
    if (sealed.empty()) return std::nullopt;
    return crypto::secondFactorBox(s.keys).open(sealed, boundTo(userId));
}

domain::AuditEvent event(app::Services& s, const domain::Actor& actor, const std::string& action,
                         const std::string& ip, const std::string& outcome, const std::string& detail) {
    domain::AuditEvent e;
    e.occurredAt = domain::formatUtcMicros(s.clock.nowMicros());
    e.actorUserId = actor.userId;
    e.actorUsername = actor.username;
    e.scopePath = actor.scopePath;
    e.action = action;
    e.recordType = "user";
    e.recordId = std::to_string(actor.userId);
    e.ip = ip;
    e.outcome = outcome;
    e.detail = detail;
    return e;
}

// A recovery code: 10 characters of the base32 alphabet (lower case), shown as xxxxx-xxxxx.
std::string newRecoveryCode() {
    std::string raw = domain::base32Encode(crypto::randomBytes(8)).substr(0, 10);
    for (auto& c : raw) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return raw.substr(0, 5) + "-" + raw.substr(5);
}

}  // namespace

std::string recoveryCodeHash(const crypto::KeyRing& keys, std::int64_t userId, const std::string& typed) {
    return crypto::hmacSha256Hex(keys.derive(3, "kituorec"),
                                 std::to_string(userId) + ":" + domain::normaliseRecoveryCode(typed));
}

EnrolmentStart beginEnrolment(app::Services& s, const domain::Actor& actor) {
    store::SecondFactorStore store(s.db);
    std::optional<std::string> secret;
    if (auto existing = store.find(actor.userId)) secret = openSecret(s, actor.userId, existing->pendingSecret);
    if (!secret) {
        secret = crypto::randomBytes(20);
        store.setPending(actor.userId, crypto::secondFactorBox(s.keys).seal(*secret, boundTo(actor.userId)));
    }
    EnrolmentStart out;
    out.secretBase32 = domain::base32Encode(*secret);
    out.otpauthUri = domain::otpauthUri("Kituo", actor.username, out.secretBase32);
    return out;
}

std::optional<std::vector<std::string>> confirmEnrolment(app::Services& s, const domain::Actor& actor,
                                                         const std::string& code, const std::string& ip) {
    store::SecondFactorStore store(s.db);
    const auto record = store.find(actor.userId);
    const auto secret = record ? openSecret(s, actor.userId, record->pendingSecret) : std::nullopt;
    const std::int64_t now = s.clock.now();
    const auto step = secret ? domain::verifyTotp(*secret, code, now, 0) : std::nullopt;
    store::AuditStore audit(s.db, s.keys);
    if (!step) {
        audit.record(event(s, actor, "second_factor.enrol", ip, "failure", "wrong code"));
        return std::nullopt;
    }
    std::vector<std::string> codes, hashes;
    for (int i = 0; i < domain::kRecoveryCodeCount; ++i) {
        codes.push_back(newRecoveryCode());
        hashes.push_back(recoveryCodeHash(s.keys, actor.userId, codes.back()));
    }
    s.db.transaction([&](store::Connection& c) {
        store.enrol(c, actor.userId, record->pendingSecret, *step, hashes);
        audit.append(c, event(s, actor, "second_factor.enrol", ip, "success",
                              std::to_string(codes.size()) + " recovery codes issued"));
    });
    return codes;
}

CodeCheck useSecondFactorCode(store::Connection& c, app::Services& s, std::int64_t userId,
                              const std::string& code, std::int64_t now) {
    store::SecondFactorStore store(s.db);
    const auto record = store.find(userId);
    if (!record || !record->enrolled()) return CodeCheck::Wrong;
    std::string digits;
    for (char ch : code) {
        if (ch != ' ') digits.push_back(ch);
    }
    if (digits.size() == 6 && digits.find_first_not_of("0123456789") == std::string::npos) {
        const auto secret = openSecret(s, userId, record->secret);
        if (!secret) return CodeCheck::Wrong;
        const auto step = domain::verifyTotp(*secret, digits, now, record->lastStep);
        return step && store.acceptStep(c, userId, *step) ? CodeCheck::Totp : CodeCheck::Wrong;
    }
    if (domain::normaliseRecoveryCode(code).size() != 10) return CodeCheck::Wrong;
    // Codes issued before a master key rotation are hashed under a previous key: a keyed hash
    // cannot be moved to the new key, so each previous key is tried after the current one.
    if (store.useRecoveryCode(c, userId, recoveryCodeHash(s.keys, userId, code))) return CodeCheck::RecoveryCode;
    for (const auto& previous : s.keys.previous()) {
        if (store.useRecoveryCode(c, userId, recoveryCodeHash(previous, userId, code))) return CodeCheck::RecoveryCode;
    }
    return CodeCheck::Wrong;
}

bool hasSecondFactor(app::Services& s, std::int64_t userId) {
    const auto record = store::SecondFactorStore(s.db).find(userId);
    return record && record->enrolled();
}

}  // namespace kituo::auth
