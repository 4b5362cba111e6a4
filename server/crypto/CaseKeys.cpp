// Counselling note keys; see CaseKeys.h.
#include "crypto/CaseKeys.h"

#include "crypto/SecretBox.h"

#include <algorithm>
#include <vector>

namespace kituo::crypto {
namespace {

SecretBox wrappingBox(const KeyRing& keys) { return SecretBox(keys, 3, "kituocse"); }

}  // namespace

std::string masterKeyId(const KeyRing& keys) {
    return hmacSha256Hex(keys.derive(4, "kituokid"), "master key id").substr(0, 16);
}

std::string newCaseKey() { return randomBytes(32); }

std::string wrapCaseKey(const KeyRing& keys, const std::string& dataKey, long long caseId) {
    return wrappingBox(keys).seal(dataKey, "welfare_case:" + std::to_string(caseId));
}

std::optional<std::string> unwrapCaseKey(const KeyRing& keys, const std::string& wrapped, long long caseId) {
    auto key = wrappingBox(keys).open(wrapped, "welfare_case:" + std::to_string(caseId));
    if (key && key->size() != 32) return std::nullopt;
    return key;
}

std::optional<std::string> unwrapCaseKeyWithRing(const KeyRing& keys, const std::string& wrapped, long long caseId,
                                                 const std::string& wrappedBy) {
    std::vector<const KeyRing*> order = {&keys};
    for (const auto& p : keys.previous()) order.push_back(&p);
    std::stable_partition(order.begin(), order.end(), [&](const KeyRing* k) { return masterKeyId(*k) == wrappedBy; });
    for (const KeyRing* k : order) {
        if (auto key = unwrapCaseKey(*k, wrapped, caseId)) return key;
    }
    return std::nullopt;
}

std::string sealNote(const std::string& dataKey, const std::string& note, long long sessionId) {
    return SecretBox::withKey(dataKey).seal(note, "welfare_session:" + std::to_string(sessionId));
}

std::optional<std::string> openNote(const std::string& dataKey, const std::string& sealed, long long sessionId) {
    return SecretBox::withKey(dataKey).open(sealed, "welfare_session:" + std::to_string(sessionId));
}

}  // namespace kituo::crypto
