// Hashing and random helpers over libsodium. Every caller goes through these so that
// sodium_init() is guaranteed to have run once before any libsodium call.
#pragma once

#include <string>
#include <string_view>

namespace kituo::crypto {

// Initializes libsodium once; safe to call from any thread, any number of times.
void ensureSodium();

// Lower-case hex SHA-256 of the bytes.
std::string sha256Hex(std::string_view bytes);

// n random bytes as lower-case hex (2n characters), from the OS CSPRNG.
std::string randomHex(std::size_t n);

// `n` characters from an alphabet without look-alikes (no 0/O, 1/I/L): codes people type
// from paper, such as certificate verification codes (about 5 bits a character).
std::string randomCode(std::size_t n);

// A new 256-bit random token (64 hex characters): session cookies, pending sign-ins.
inline std::string newToken() { return randomHex(32); }
// What the database stores for a token: its SHA-256 (a stolen table holds no usable token).
inline std::string tokenHash(const std::string& token) { return sha256Hex(token); }

}  // namespace kituo::crypto
