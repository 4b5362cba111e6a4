// Master key loading and derivation; see Keys.h.
#include "crypto/Keys.h"

#include "crypto/Hash.h"

#include <sodium.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kituo::crypto {

KeyRing KeyRing::fromFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("master key file not found: " + path +
                                 " (set KITUO_KEY_FILE; ops/run creates var/master.key)");
    }
    std::string hex;
    in >> hex;
    std::string bin(32, '\0');
    size_t len = 0;
    if (hex.size() != 64 ||
        sodium_hex2bin(reinterpret_cast<unsigned char*>(bin.data()), bin.size(), hex.data(),
                       hex.size(), nullptr, &len, nullptr) != 0 ||
        len != 32) {
        throw std::runtime_error("master key file " + path + " must hold 64 hex characters");
    }
    return KeyRing(bin);
}

KeyRing KeyRing::fromBytes(const std::string& masterKey32) {
    if (masterKey32.size() != 32) throw std::invalid_argument("master key must be 32 bytes");
    return KeyRing(masterKey32);
}

KeyRing::KeyRing(std::string master) : _master(std::move(master)) {
    ensureSodium();
    _auditKey = derive(1, "kituoaud");
}

std::string KeyRing::derive(unsigned long long subkeyId, const char context[8]) const {
    std::string key(32, '\0');
    crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(key.data()), key.size(), subkeyId,
                               context, reinterpret_cast<const unsigned char*>(_master.data()));
    return key;
}

std::string KeyRing::auditMac(std::string_view message) const {
    return hmacSha256Hex(_auditKey, message);
}

std::string hmacSha256Hex(std::string_view key, std::string_view message) {
    ensureSodium();
    unsigned char out[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()),
                                  message.size());
    crypto_auth_hmacsha256_final(&st, out);
    char hex[sizeof out * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, out, sizeof out);
    return std::string(hex, sizeof out * 2);
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace kituo::crypto
