// Counts in words; see Words.h.
#include "domain/Words.h"

namespace kituo::domain {

const std::string& nounFor(long long n, const std::string& singular, const std::string& plural) {
    return n == 1 ? singular : plural;
}

std::string countOf(long long n, const std::string& singular, const std::string& plural) {
    return std::to_string(n) + " " + nounFor(n, singular, plural);
}

std::string groupThousands(long long n) {
    const std::string digits = std::to_string(n < 0 ? -(n + 1) + 1ULL : static_cast<unsigned long long>(n));
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

}  // namespace kituo::domain
