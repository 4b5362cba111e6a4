// Strict UTF-8 validation (RFC 3629): rejects overlong forms, surrogates, code points above
// U+10FFFF and truncated sequences. Used on every request body and decoded form value.
#pragma once

#include <string>
#include <string_view>

namespace kituo::domain {

bool isValidUtf8(std::string_view bytes);

// At most maxBytes of valid UTF-8 text, never cutting a character in two.
std::string truncateUtf8(const std::string& text, std::size_t maxBytes);

}  // namespace kituo::domain
