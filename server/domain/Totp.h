// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA-1, 6 digits, 30-second
// steps, base32 secrets (RFC 4648, no padding). Pure: the caller passes the time; nothing here
// reads the clock or keeps state. Replay protection is the caller's: verifyTotp() returns the
// matched time step, and the caller refuses any step not greater than the last one it accepted
// for the account.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kituo::domain {

constexpr std::int64_t kTotpStepSec = 30;
constexpr int kTotpDigits = 6;
// Steps accepted either side of the current one (clock drift between server and phone).
constexpr int kTotpWindow = 1;

// SHA-1 of `data` (20 raw bytes) and HMAC-SHA-1 (RFC 2104). Only for HOTP, which RFC 6238
// defines over SHA-1; never for anything else.
std::string sha1(std::string_view data);
std::string hmacSha1(std::string_view key, std::string_view message);

// RFC 4648 base32 (upper-case A-Z2-7, no padding). decode accepts lower case, spaces and
// trailing '=' (as people type them) and returns nothing for any other character.
std::string base32Encode(std::string_view bytes);
std::optional<std::string> base32Decode(std::string_view text);

// The time step for `epochSeconds` (floor(t / 30)).
std::int64_t totpStep(std::int64_t epochSeconds);
// The code for a step, zero-padded to `digits` (RFC 4226 dynamic truncation).
std::string hotp(std::string_view key, std::int64_t counter, int digits = kTotpDigits);
std::string totpAt(std::string_view key, std::int64_t epochSeconds, int digits = kTotpDigits);

// The step within ±kTotpWindow of `now` whose code equals `code` (6 digits; spaces ignored)
// and that is greater than `lastAcceptedStep` (the replay rule), or nothing. When several
// would match, the earliest allowed is returned.
std::optional<std::int64_t> verifyTotp(std::string_view key, const std::string& code,
                                       std::int64_t now, std::int64_t lastAcceptedStep);

// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30, the
// URI authenticator apps read from the QR code (issuer and account percent-encoded).
std::string otpauthUri(const std::string& issuer, const std::string& account,
                       const std::string& base32Secret);

// Normalises a typed recovery code: lower case, spaces and dashes dropped.
std::string normaliseRecoveryCode(const std::string& typed);

}  // namespace kituo::domain
