// Counts as people write them: "1 officer", "3 officers" (UI.md: plurals written out). Pure.
#pragma once

#include <string>

namespace kituo::domain {

// The noun for n: `singular` for exactly one, else `plural` ("0 officers", "2 officers").
const std::string& nounFor(long long n, const std::string& singular, const std::string& plural);
// n and its noun: "1 officer", "12 officers".
std::string countOf(long long n, const std::string& singular, const std::string& plural);
// n with a comma between thousands, as tables of large counts are read: "99,118", "-1,000", "42".
std::string groupThousands(long long n);

}  // namespace kituo::domain
