// libsodium-backed hashing and randomness; see Hash.h.
#include "crypto/Hash.h"

#include <sodium.h>

#include <mutex>
#include <stdexcept>
#include <vector>

namespace kituo::crypto {

void ensureSodium() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
    });
}

namespace {
std::string toHex(const unsigned char* bytes, std::size_t n) {
    std::string hex(n * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes, n);
    hex.resize(n * 2);
    return hex;
}
}  // namespace

std::string sha256Hex(std::string_view bytes) {
    ensureSodium();
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return toHex(out, sizeof out);
}

std::string randomHex(std::size_t n) {
    ensureSodium();
    std::vector<unsigned char> buf(n);
    randombytes_buf(buf.data(), n);
    return toHex(buf.data(), n);
}

std::string randomCode(std::size_t n) {
    ensureSodium();
    static const char kAlphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";  // 31 characters
    std::string out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
    return out;
}

}  // namespace kituo::crypto
