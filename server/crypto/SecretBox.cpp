// Sealing secrets at rest; see SecretBox.h.
#include "crypto/SecretBox.h"

#include "crypto/Hash.h"

#include <sodium.h>

#include <stdexcept>

namespace kituo::crypto {

SecretBox::SecretBox(const KeyRing& keys, unsigned long long subkeyId, const char context[8])
    : _key(keys.derive(subkeyId, context)) {}

SecretBox SecretBox::withKey(std::string key32) {
    if (key32.size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES) throw std::invalid_argument("a data key is 32 bytes");
    return SecretBox(std::move(key32));
}

std::string SecretBox::seal(const std::string& plain, const std::string& associated) const {
    ensureSodium();
    std::string out(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plain.size() +
                        crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    auto* nonce = reinterpret_cast<unsigned char*>(out.data());
    randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    unsigned long long len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &len,
        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
        reinterpret_cast<const unsigned char*>(associated.data()), associated.size(), nullptr, nonce,
        reinterpret_cast<const unsigned char*>(_key.data()));
    out.resize(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + len);
    std::string hex(out.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(out.data()), out.size());
    hex.resize(out.size() * 2);
    return hex;
}

std::optional<std::string> SecretBox::open(const std::string& sealedHex,
                                           const std::string& associated) const {
    ensureSodium();
    std::string sealed(sealedHex.size() / 2, '\0');
    std::size_t binLen = 0;
    if (sodium_hex2bin(reinterpret_cast<unsigned char*>(sealed.data()), sealed.size(),
                       sealedHex.data(), sealedHex.size(), nullptr, &binLen, nullptr) != 0 ||
        binLen != sealed.size()) {
        return std::nullopt;
    }
    constexpr std::size_t head = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    if (sealed.size() < head + crypto_aead_xchacha20poly1305_ietf_ABYTES) return std::nullopt;
    std::string plain(sealed.size() - head - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long len = 0;
    const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data());
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(plain.data()), &len, nullptr, nonce + head,
            sealed.size() - head, reinterpret_cast<const unsigned char*>(associated.data()),
            associated.size(), nonce, reinterpret_cast<const unsigned char*>(_key.data())) != 0) {
        return std::nullopt;
    }
    plain.resize(len);
    return plain;
}

SecretBox secondFactorBox(const KeyRing& keys) { return SecretBox(keys, 2, "kituotfa"); }

std::string secondFactorBinding(long long userId) { return "user:" + std::to_string(userId); }

std::string randomBytes(std::size_t n) {
    ensureSodium();
    std::string out(n, '\0');
    randombytes_buf(out.data(), n);
    return out;
}

}  // namespace kituo::crypto
