// Counts in words; see Words.h.
#include "domain/Words.h"

namespace kituo::domain {

const std::string& nounFor(long long n, const std::string& singular, const std::string& plural) {
    return n == 1 ? singular : plural;
}

std::string countOf(long long n, const std::string& singular, const std::string& plural) {
    return std::to_string(n) + " " + nounFor(n, singular, plural);
}

}  // namespace kituo::domain
