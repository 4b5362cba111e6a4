// Password hashing with argon2id (libsodium crypto_pwhash_str). The parameters are stored in
// the hash string, so they can be raised later: needsRehash() says when a stored hash uses
// weaker parameters than the current ones, and the sign-in code re-hashes on success.
// Defaults follow OWASP: 19 MiB of memory and 2 passes at least.
#pragma once

#include <cstddef>
#include <string>

namespace kituo::crypto {

struct PasswordParams {
    unsigned long long opsLimit = 2;
    std::size_t memLimitBytes = 19u * 1024 * 1024;
};

class PasswordHasher {
public:
    explicit PasswordHasher(PasswordParams params = {});
    // The argon2id string ("$argon2id$v=19$m=...,t=...,p=1$salt$hash").
    std::string hash(const std::string& password) const;
    // Constant-time check; false for any malformed hash.
    bool verify(const std::string& storedHash, const std::string& password) const;
    bool needsRehash(const std::string& storedHash) const;
    // A hash of a random password, to spend the same time when the account does not exist.
    const std::string& dummyHash() const { return _dummy; }

private:
    PasswordParams _params;
    std::string _dummy;
};

// A random password for resets: 20 characters from an unambiguous alphabet (~115 bits).
std::string generatePassword();

}  // namespace kituo::crypto
