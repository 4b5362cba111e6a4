// Password rules; see PasswordRules.h.
#include "domain/PasswordRules.h"

#include <algorithm>
#include <cctype>

namespace kituo::domain {

std::size_t codePointCount(const std::string& utf8) {
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::optional<std::string> passwordProblem(const std::string& password, const std::string& username) {
    const std::size_t n = codePointCount(password);
    if (n < kPasswordMinChars) {
        return "Use at least " + std::to_string(kPasswordMinChars) + " characters.";
    }
    if (n > kPasswordMaxChars) {
        return "Use at most " + std::to_string(kPasswordMaxChars) + " characters.";
    }
    std::string lower = password;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string user = username;
    std::transform(user.begin(), user.end(), user.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!user.empty() && lower.find(user) != std::string::npos) {
        return "The password must not contain the username.";
    }
    if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password[0]; })) {
        return "The password must not be one character repeated.";
    }
    return std::nullopt;
}

}  // namespace kituo::domain
