// TOTP, HOTP, SHA-1 and base32; see Totp.h.
#include "domain/Totp.h"

#include <array>
#include <cctype>

namespace kituo::domain {
namespace {

std::uint32_t rotl(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

}  // namespace

std::string sha1(std::string_view data) {
    std::uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    std::string msg(data);
    const std::uint64_t bitLength = static_cast<std::uint64_t>(data.size()) * 8;
    msg.push_back(static_cast<char>(0x80));
    while (msg.size() % 64 != 56) msg.push_back('\0');
    for (int i = 7; i >= 0; --i) msg.push_back(static_cast<char>((bitLength >> (i * 8)) & 0xFF));
    for (std::size_t chunk = 0; chunk < msg.size(); chunk += 64) {
        std::uint32_t w[80];
        for (int i = 0; i < 16; ++i) {
            const auto* p = reinterpret_cast<const unsigned char*>(msg.data() + chunk + i * 4);
            w[i] = (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) |
                   (std::uint32_t(p[2]) << 8) | std::uint32_t(p[3]);
        }
        for (int i = 16; i < 80; ++i) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; ++i) {
            std::uint32_t f, k;
            if (i < 20) {
                f = (b & c) | (~b & d);
                k = 0x5A827999;
            } else if (i < 40) {
                f = b ^ c ^ d;
                k = 0x6ED9EBA1;
            } else if (i < 60) {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8F1BBCDC;
            } else {
                f = b ^ c ^ d;
                k = 0xCA62C1D6;
            }
            const std::uint32_t t = rotl(a, 5) + f + e + k + w[i];
            e = d;
            d = c;
            c = rotl(b, 30);
            b = a;
            a = t;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
    }
    std::string out;
    for (std::uint32_t v : h) {
        for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((v >> (i * 8)) & 0xFF));
    }
    return out;
}

std::string hmacSha1(std::string_view key, std::string_view message) {
    std::string k(key);
    if (k.size() > 64) k = sha1(k);
    k.resize(64, '\0');
    std::string inner(64, '\0'), outer(64, '\0');
    for (int i = 0; i < 64; ++i) {
        inner[i] = static_cast<char>(k[i] ^ 0x36);
        outer[i] = static_cast<char>(k[i] ^ 0x5c);
    }
    return sha1(outer + sha1(inner + std::string(message)));
}

std::string base32Encode(std::string_view bytes) {
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 5) {
            out.push_back(alphabet[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
    }
    if (bits > 0) out.push_back(alphabet[(buffer << (5 - bits)) & 31]);
    return out;
}

std::optional<std::string> base32Decode(std::string_view text) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    bool padding = false;
    for (char raw : text) {
        if (raw == ' ') continue;
        if (raw == '=') {
            padding = true;
            continue;
        }
        if (padding) return std::nullopt;
        const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(raw)));
        int v;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        else if (c >= '2' && c <= '7') v = c - '2' + 26;
        else return std::nullopt;
        buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
        bits += 5;
        if (bits >= 8) {
            out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xFF));
            bits -= 8;
        }
    }
    return out;
}

std::int64_t totpStep(std::int64_t epochSeconds) {
    return epochSeconds >= 0 ? epochSeconds / kTotpStepSec
                             : -((-epochSeconds + kTotpStepSec - 1) / kTotpStepSec);
}

std::string hotp(std::string_view key, std::int64_t counter, int digits) {
    std::string msg(8, '\0');
    for (int i = 7; i >= 0; --i) {
        msg[static_cast<std::size_t>(i)] = static_cast<char>(counter & 0xFF);
        counter >>= 8;
    }
    const std::string mac = hmacSha1(key, msg);
    const int offset = mac[19] & 0x0F;
    const auto b = [&](int i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(mac[static_cast<std::size_t>(i)])); };
    const std::uint32_t binary = ((b(offset) & 0x7F) << 24) | (b(offset + 1) << 16) |
                                 (b(offset + 2) << 8) | b(offset + 3);
    std::uint32_t mod = 1;
    for (int i = 0; i < digits; ++i) mod *= 10;
    std::string code = std::to_string(binary % mod);
    return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::string totpAt(std::string_view key, std::int64_t epochSeconds, int digits) {
    return hotp(key, totpStep(epochSeconds), digits);
}

std::optional<std::int64_t> verifyTotp(std::string_view key, const std::string& typed,
                                       std::int64_t now, std::int64_t lastAcceptedStep) {
    std::string code;
    for (char c : typed) {
        if (c == ' ' || c == '-') continue;
        if (c < '0' || c > '9') return std::nullopt;
        code.push_back(c);
    }
    if (code.size() != static_cast<std::size_t>(kTotpDigits) || key.empty()) return std::nullopt;
    const std::int64_t current = totpStep(now);
    std::optional<std::int64_t> match;
    // Every candidate is computed, so the time taken does not say which step matched.
    for (std::int64_t step = current + kTotpWindow; step >= current - kTotpWindow; --step) {
        const std::string expected = hotp(key, step);
        unsigned diff = 0;
        for (std::size_t i = 0; i < expected.size(); ++i) diff |= static_cast<unsigned>(expected[i] ^ code[i]);
        if (diff == 0 && step > lastAcceptedStep) match = step;
    }
    return match;
}

std::string otpauthUri(const std::string& issuer, const std::string& account,
                       const std::string& base32Secret) {
    auto enc = [](const std::string& s) {
        static const char* hex = "0123456789ABCDEF";
        std::string out;
        for (unsigned char c : s) {
            if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
                out.push_back(static_cast<char>(c));
            } else {
                out += '%';
                out += hex[c >> 4];
                out += hex[c & 15];
            }
        }
        return out;
    };
    return "otpauth://totp/" + enc(issuer) + ":" + enc(account) + "?secret=" + base32Secret +
           "&issuer=" + enc(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

std::string normaliseRecoveryCode(const std::string& typed) {
    std::string out;
    for (char c : typed) {
        if (c == ' ' || c == '-') continue;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

}  // namespace kituo::domain
