// Master key loading and derivation; see Keys.h.
#include "crypto/Keys.h"

#include "crypto/Hash.h"

#include <sodium.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace kituo::crypto {

namespace {

std::string trimmed(const std::string& line) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    return line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
}

// 32 bytes from 64 hex characters; nothing for anything else.
std::optional<std::string> keyFromHex(const std::string& hex) {
    std::string bin(32, '\0');
    size_t len = 0;
    if (hex.size() != 64 ||
        sodium_hex2bin(reinterpret_cast<unsigned char*>(bin.data()), bin.size(), hex.data(), hex.size(), nullptr,
                       &len, nullptr) != 0 ||
        len != 32) {
        return std::nullopt;
    }
    return bin;
}

std::string toHex(const std::string& bin) {
    std::string hex(bin.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bin.data()), bin.size());
    hex.resize(bin.size() * 2);
    return hex;
}

}  // namespace

KeyRing KeyRing::fromFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("master key file not found: " + path +
                                 " (set KITUO_KEY_FILE; ops/run creates var/master.key)");
    }
    std::stringstream text;
    text << in.rdbuf();
    return parse(text.str(), path);
}

KeyRing KeyRing::parse(const std::string& text, const std::string& source) {
    ensureSodium();
    std::optional<std::string> current;
    std::vector<std::string> previous;
    std::istringstream lines(text);
    std::string line;
    int number = 0;
    while (std::getline(lines, line)) {
        ++number;
        line = trimmed(line);
        if (line.empty() || line[0] == '#') continue;
        const std::string where = "line " + std::to_string(number) + " of the master key file " + source;
        if (!current) {
            current = keyFromHex(line);
            if (!current) throw std::runtime_error("master key file " + source + " must hold 64 hex characters");
            continue;
        }
        const std::string word = "previous";
        auto key = line.compare(0, word.size(), word) == 0 && line.size() > word.size() &&
                           (line[word.size()] == ' ' || line[word.size()] == '\t')
                       ? keyFromHex(trimmed(line.substr(word.size())))
                       : std::nullopt;
        if (!key) throw std::runtime_error(where + " must be \"previous\" and a previous key of 64 hex characters");
        for (const auto& k : previous) {
            if (constantTimeEquals(k, *key)) throw std::runtime_error(where + " repeats a previous key");
        }
        if (constantTimeEquals(*key, *current)) throw std::runtime_error(where + " lists the current key as a previous one");
        previous.push_back(*key);
    }
    if (!current) throw std::runtime_error("master key file " + source + " must hold 64 hex characters");
    std::vector<KeyRing> rings;
    for (auto& k : previous) rings.push_back(KeyRing(std::move(k), {}));
    return KeyRing(std::move(*current), std::move(rings));
}

KeyRing KeyRing::fromBytes(const std::string& masterKey32) {
    if (masterKey32.size() != 32) throw std::invalid_argument("master key must be 32 bytes");
    return KeyRing(masterKey32, {});
}

KeyRing::KeyRing(std::string master, std::vector<KeyRing> previous)
    : _master(std::move(master)), _previous(std::move(previous)) {
    ensureSodium();
    _auditKey = derive(1, "kituoaud");
}

bool KeyRing::sameCurrentKey(const KeyRing& other) const { return constantTimeEquals(_master, other._master); }

bool KeyRing::retired(const KeyRing& other) const {
    for (const auto& p : _previous) {
        if (p.sameCurrentKey(other)) return true;
    }
    return false;
}

KeyRing KeyRing::rotatedTo(const KeyRing& next) const {
    std::vector<KeyRing> previous;
    auto add = [&](const KeyRing& k) {
        if (k.sameCurrentKey(next)) return;
        for (const auto& p : previous) {
            if (p.sameCurrentKey(k)) return;
        }
        previous.push_back(KeyRing(k._master, {}));
    };
    for (const auto& p : next._previous) add(p);
    add(*this);
    for (const auto& p : _previous) add(p);
    return KeyRing(next._master, std::move(previous));
}

bool KeyRing::sameKeys(const KeyRing& other) const {
    if (!sameCurrentKey(other) || _previous.size() != other._previous.size()) return false;
    for (std::size_t i = 0; i < _previous.size(); ++i) {
        if (!_previous[i].sameCurrentKey(other._previous[i])) return false;
    }
    return true;
}

std::string KeyRing::fileText() const {
    std::string out = toHex(_master) + "\n";
    for (const auto& p : _previous) out += "previous " + toHex(p._master) + "\n";
    return out;
}

void writeKeyFile(const std::string& path, const KeyRing& ring) {
    const std::string temp = path + ".new";
    const std::string text = ring.fileText();
    struct stat before {};
    const bool existed = ::stat(path.c_str(), &before) == 0;
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot write the key file " + temp + ": " + std::strerror(errno));
    if (existed) {
        // The file keeps its owner when root writes it for the server's user; anyone else
        // cannot give it away, and their file was their own already.
        const int kept = ::fchown(fd, before.st_uid, before.st_gid);
        (void)kept;
    }
    const bool ok = ::fchmod(fd, 0600) == 0 &&
                    ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || std::rename(temp.c_str(), path.c_str()) != 0) {
        std::remove(temp.c_str());
        throw std::runtime_error("cannot write the key file " + path);
    }
    // The rename itself reaches the disk with the directory.
    const auto slash = path.find_last_of('/');
    const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
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
