// Sealing small secrets at rest (second-factor seeds): XChaCha20-Poly1305 (libsodium AEAD)
// under a purpose key derived from the master key ring (KeyRing::derive), with a fresh random
// 24-byte nonce per sealing. The sealed form is hex of nonce || ciphertext+tag. The
// associated data binds a sealed value to its row (e.g. "user:42"), so a sealed secret copied
// to another account's row does not open.
#pragma once

#include "crypto/Keys.h"

#include <optional>
#include <string>

namespace kituo::crypto {

class SecretBox {
public:
    // `subkeyId` and `context` select the purpose key (see KeyRing::derive).
    SecretBox(const KeyRing& keys, unsigned long long subkeyId, const char context[8]);
    // A box under a 32-byte key of its own (a case's data key).
    static SecretBox withKey(std::string key32);
    std::string seal(const std::string& plain, const std::string& associated) const;
    // Nothing when the value was not sealed by this key for this associated data.
    std::optional<std::string> open(const std::string& sealed, const std::string& associated) const;

private:
    explicit SecretBox(std::string key) : _key(std::move(key)) {}
    std::string _key;
};

// The box for second-factor secrets, and the associated data that binds one to its account.
SecretBox secondFactorBox(const KeyRing& keys);
std::string secondFactorBinding(long long userId);

// `n` random bytes.
std::string randomBytes(std::size_t n);

}  // namespace kituo::crypto
