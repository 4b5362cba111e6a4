// URL-encoded decoding; see Forms.h.
#include "http/Forms.h"

#include "domain/Errors.h"
#include "domain/Utf8.h"

namespace kituo::http {
namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::string percentDecode(std::string_view s, bool plusAsSpace) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '%') {
            if (i + 2 >= s.size()) {
                throw domain::BadRequest("Malformed percent-encoding in the request.");
            }
            const int hi = hexValue(s[i + 1]);
            const int lo = hexValue(s[i + 2]);
            if (hi < 0 || lo < 0) throw domain::BadRequest("Malformed percent-encoding in the request.");
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plusAsSpace) {
            out += ' ';
        } else {
            out += c;
        }
    }
    if (!domain::isValidUtf8(out)) {
        throw domain::BadRequest("The request contains text that is not valid UTF-8.");
    }
    return out;
}

Params parseUrlEncoded(std::string_view s, int maxFields, std::size_t maxFieldBytes) {
    Params params;
    int fields = 0;
    while (!s.empty()) {
        const auto amp = s.find('&');
        std::string_view pair = s.substr(0, amp);
        s = amp == std::string_view::npos ? std::string_view() : s.substr(amp + 1);
        if (pair.empty()) continue;
        if (++fields > maxFields) {
            throw domain::TooLarge("The form has more than " + std::to_string(maxFields) + " fields.");
        }
        const auto eq = pair.find('=');
        std::string name = percentDecode(pair.substr(0, eq), true);
        std::string value =
            eq == std::string_view::npos ? std::string() : percentDecode(pair.substr(eq + 1), true);
        if (name.size() > maxFieldBytes || value.size() > maxFieldBytes) {
            throw domain::TooLarge("A form field is longer than " + std::to_string(maxFieldBytes / 1024) + " KiB.");
        }
        params.emplace(std::move(name), std::move(value));
    }
    return params;
}

void parseRequestTarget(std::string_view target, Request& request) {
    if (target.empty() || target.front() != '/' || target.size() > 8192) {
        throw domain::BadRequest("The request address is malformed.");
    }
    const auto q = target.find('?');
    request.path = percentDecode(target.substr(0, q), false);
    for (unsigned char c : request.path) {
        if (c < 0x20 || c == 0x7F) throw domain::BadRequest("The request address is malformed.");
    }
    if (q != std::string_view::npos) request.query = parseUrlEncoded(target.substr(q + 1));
}

std::map<std::string, std::string> parseCookies(std::string_view header) {
    std::map<std::string, std::string> cookies;
    while (!header.empty()) {
        const auto semi = header.find(';');
        std::string_view item = trim(header.substr(0, semi));
        header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
        const auto eq = item.find('=');
        if (eq == std::string_view::npos || eq == 0) continue;
        cookies.emplace(std::string(trim(item.substr(0, eq))), std::string(trim(item.substr(eq + 1))));
    }
    return cookies;
}

}  // namespace kituo::http
