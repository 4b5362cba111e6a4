// argon2id password hashing; see PasswordHasher.h.
#include "crypto/PasswordHasher.h"

#include "crypto/Hash.h"

#include <sodium.h>

#include <stdexcept>

namespace kituo::crypto {

PasswordHasher::PasswordHasher(PasswordParams params) : _params(params) {
    ensureSodium();
    if (_params.opsLimit < 2 || _params.memLimitBytes < 19u * 1024 * 1024) {
        throw std::invalid_argument("argon2id parameters below 19 MiB / 2 passes are not allowed");
    }
    _dummy = hash(randomHex(16));
}

std::string PasswordHasher::hash(const std::string& password) const {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), _params.opsLimit,
                              _params.memLimitBytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("out of memory while hashing a password");
    }
    return out;
}

bool PasswordHasher::verify(const std::string& storedHash, const std::string& password) const {
    if (storedHash.empty() || storedHash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(storedHash.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needsRehash(const std::string& storedHash) const {
    return crypto_pwhash_str_needs_rehash(storedHash.c_str(), _params.opsLimit,
                                          _params.memLimitBytes) != 0;
}

std::string generatePassword() {
    ensureSodium();
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    const std::size_t n = sizeof alphabet - 1;
    std::string out;
    for (int i = 0; i < 20; ++i) out += alphabet[randombytes_uniform(static_cast<uint32_t>(n))];
    return out;
}

}  // namespace kituo::crypto
