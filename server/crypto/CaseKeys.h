// Keys of counselling process notes. Each case has its own random 32-byte data key; it is
// stored only wrapped (XChaCha20-Poly1305) under a key derived from the master key, with the
// case id as associated data. A note is sealed under its case's data key with its session id
// as associated data, so a sealed note copied to another row, or altered, does not open.
// masterKeyId names the master key that wrapped a data key (a fingerprint, not the key), so a
// rotation can tell which keys are still to re-wrap.
#pragma once

#include "crypto/Keys.h"

#include <optional>
#include <string>

namespace kituo::crypto {

// The data key version notes are sealed with today (stored with each sealed note).
constexpr int kCaseKeyVersion = 1;

// 16 hex characters that identify the master key (derived from it one way).
std::string masterKeyId(const KeyRing& keys);
// A fresh random data key.
std::string newCaseKey();
std::string wrapCaseKey(const KeyRing& keys, const std::string& dataKey, long long caseId);
// Nothing when the wrapped key was not wrapped by this master key for this case.
std::optional<std::string> unwrapCaseKey(const KeyRing& keys, const std::string& wrapped, long long caseId);
// For key rotation only (the server opens with the current key alone): the data key unwrapped
// with whichever key of the ring wrapped it, the one whose masterKeyId is `wrappedBy` first.
std::optional<std::string> unwrapCaseKeyWithRing(const KeyRing& keys, const std::string& wrapped, long long caseId,
                                                 const std::string& wrappedBy);
std::string sealNote(const std::string& dataKey, const std::string& note, long long sessionId);
// Nothing when the sealed note is not this session's under this key (moved, altered, wrong key).
std::optional<std::string> openNote(const std::string& dataKey, const std::string& sealed, long long sessionId);

}  // namespace kituo::crypto
