// What a password must be (OWASP ASVS 2.1): at least 12 characters, at most 128, counted in
// Unicode code points; any characters allowed; not the username. Pure.
#pragma once

#include <optional>
#include <string>

namespace kituo::domain {

constexpr std::size_t kPasswordMinChars = 12;
constexpr std::size_t kPasswordMaxChars = 128;

// The problem with the password, in words for the person choosing it, or nothing.
std::optional<std::string> passwordProblem(const std::string& password, const std::string& username);

// Number of Unicode code points in valid UTF-8 text.
std::size_t codePointCount(const std::string& utf8);

}  // namespace kituo::domain
