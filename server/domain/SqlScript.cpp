// Statement splitter for migration files; see SqlScript.h.
#include "domain/SqlScript.h"

#include <cctype>

namespace kituo::domain {
namespace {

std::string trimmed(const std::string& s) {
    std::size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return s.substr(b, e - b);
}

}  // namespace

std::vector<std::string> splitSqlStatements(std::string_view sql) {
    std::vector<std::string> out;
    std::string current;
    const std::size_t n = sql.size();
    std::size_t i = 0;
    auto flush = [&] {
        std::string t = trimmed(current);
        if (!t.empty()) out.push_back(std::move(t));
        current.clear();
    };
    while (i < n) {
        const char c = sql[i];
        if (c == '\'' || c == '"' || c == '`') {
            const char q = c;
            current += c;
            ++i;
            while (i < n) {
                const char d = sql[i];
                current += d;
                ++i;
                if (d == '\\' && q != '`' && i < n) {
                    current += sql[i];
                    ++i;
                } else if (d == q) {
                    if (i < n && sql[i] == q) {  // doubled quote is an escaped quote
                        current += sql[i];
                        ++i;
                    } else {
                        break;
                    }
                }
            }
        } else if (c == '-' && i + 1 < n && sql[i + 1] == '-' &&
                   (i + 2 >= n || std::isspace(static_cast<unsigned char>(sql[i + 2])))) {
            while (i < n && sql[i] != '\n') ++i;
        } else if (c == '#') {
            while (i < n && sql[i] != '\n') ++i;
        } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
            i += 2;
            while (i + 1 < n && !(sql[i] == '*' && sql[i + 1] == '/')) ++i;
            i = (i + 1 < n) ? i + 2 : n;
            current += ' ';
        } else if (c == ';') {
            flush();
            ++i;
        } else {
            current += c;
            ++i;
        }
    }
    flush();
    return out;
}

}  // namespace kituo::domain
