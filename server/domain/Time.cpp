// UTC formatting; see Time.h. Uses the proleptic Gregorian calendar arithmetic of
// H. Hinnant's days_from_civil, so no time-zone database or global state is involved.
#include "domain/Time.h"

#include <vector>

#include <cstdio>

namespace kituo::domain {
namespace {

std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civilFromDays(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

unsigned daysInMonth(std::int64_t y, unsigned m) {
    static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

}  // namespace

std::string formatUtc(std::int64_t t) {
    std::int64_t days = t / 86400, secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        --days;
    }
    std::int64_t y;
    unsigned m, d;
    civilFromDays(days, y, m, d);
    if (y < 0 || y > 9999) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u %02lld:%02lld:%02lld",
                      static_cast<long long>(y), m, d, static_cast<long long>(secs / 3600),
                      static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
        return buf;
    }
    // "YYYY-MM-DD HH:MM:SS" written digit by digit (see parseUtc: this runs per matrix cell).
    std::string out = "0000-00-00 00:00:00";
    auto put = [&](std::size_t at, std::size_t width, std::int64_t value) {
        for (std::size_t i = width; i-- > 0; value /= 10) out[at + i] = static_cast<char>('0' + value % 10);
    };
    put(0, 4, y);
    put(5, 2, m);
    put(8, 2, d);
    put(11, 2, secs / 3600);
    put(14, 2, secs / 60 % 60);
    put(17, 2, secs % 60);
    return out;
}

std::string formatUtcMicros(std::int64_t us) {
    std::int64_t secs = us / 1000000, frac = us % 1000000;
    if (frac < 0) {
        frac += 1000000;
        --secs;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(frac));
    return formatUtc(secs) + buf;
}

std::optional<std::int64_t> parseUtc(const std::string& s) {
    // Digits at fixed places, read by hand: dates are parsed for every cell of a compliance
    // matrix, and sscanf costs more than the arithmetic around it.
    auto number = [&](std::size_t at, std::size_t width, int& out) {
        out = 0;
        for (std::size_t i = at; i < at + width; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    if (s.size() != 10 && s.size() < 19) return std::nullopt;
    if (!number(0, 4, y) || s[4] != '-' || !number(5, 2, mo) || s[7] != '-' || !number(8, 2, d)) return std::nullopt;
    if (s.size() >= 19 && (s[10] != ' ' || !number(11, 2, h) || s[13] != ':' || !number(14, 2, mi) || s[16] != ':' ||
                           !number(17, 2, se))) {
        return std::nullopt;
    }
    if (mo < 1 || mo > 12 || d < 1 || static_cast<unsigned>(d) > daysInMonth(y, static_cast<unsigned>(mo))) {
        return std::nullopt;
    }
    if (h > 23 || mi > 59 || se > 59) return std::nullopt;
    return daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
           h * 3600 + mi * 60 + se;
}

bool isIsoDate(const std::string& text) {
    if (text.size() != 10) return false;
    for (std::size_t i = 0; i < 10; ++i) {
        if (i == 4 || i == 7) {
            if (text[i] != '-') return false;
        } else if (text[i] < '0' || text[i] > '9') {
            return false;
        }
    }
    return parseUtc(text).has_value();
}

std::string formatDateText(const std::string& isoDate) {
    if (!isIsoDate(isoDate)) return isoDate;
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const int day = std::stoi(isoDate.substr(8, 2));
    return std::to_string(day) + " " + months[std::stoi(isoDate.substr(5, 2)) - 1] + " " + isoDate.substr(0, 4);
}

std::string formatEatText(std::int64_t epochSeconds, bool seconds) {
    const std::string local = formatUtc(epochSeconds + 3 * 3600);  // "YYYY-MM-DD HH:MM:SS"
    return formatDateText(local.substr(0, 10)) + " " + local.substr(11, seconds ? 8 : 5) + " EAT";
}

std::optional<std::string> parseDateInput(const std::string& raw) {
    std::size_t a = raw.find_first_not_of(" \t"), b = raw.find_last_not_of(" \t");
    if (a == std::string::npos) return std::nullopt;
    const std::string text = raw.substr(a, b - a + 1);
    if (isIsoDate(text)) return text;
    // d/m/yyyy with 1-2 digit day and month.
    std::vector<std::string> parts;
    std::string cur;
    char sep = 0;
    for (char c : text) {
        if (c == '/') {
            if (sep && c != sep) return std::nullopt;
            sep = c;
            parts.push_back(cur);
            cur.clear();
        } else if (c >= '0' && c <= '9') {
            cur += c;
        } else {
            return std::nullopt;
        }
    }
    parts.push_back(cur);
    if (parts.size() != 3 || parts[0].empty() || parts[0].size() > 2 || parts[1].empty() ||
        parts[1].size() > 2 || parts[2].size() != 4) {
        return std::nullopt;
    }
    auto two = [](const std::string& s) { return s.size() == 1 ? "0" + s : s; };
    const std::string iso = parts[2] + "-" + two(parts[1]) + "-" + two(parts[0]);
    if (!isIsoDate(iso)) return std::nullopt;
    return iso;
}

}  // namespace kituo::domain

namespace kituo::domain {

std::optional<std::int64_t> parseEatInput(const std::string& raw) {
    std::size_t a = raw.find_first_not_of(" \t"), b = raw.find_last_not_of(" \t");
    if (a == std::string::npos) return std::nullopt;
    const std::string text = raw.substr(a, b - a + 1);
    const std::size_t split = text.find_last_of("T ");
    if (split == std::string::npos) return std::nullopt;
    const auto date = parseDateInput(text.substr(0, split));
    std::string time = text.substr(split + 1);
    if (!date || (time.size() != 5 && time.size() != 8)) return std::nullopt;
    if (time.size() == 5) time += ":00";
    for (std::size_t i : {0u, 1u, 3u, 4u, 6u, 7u}) {
        if (time[i] < '0' || time[i] > '9') return std::nullopt;
    }
    if (time[2] != ':' || time[5] != ':' || time.substr(0, 2) > "23" || time.substr(3, 2) > "59" ||
        time.substr(6, 2) > "59") {
        return std::nullopt;
    }
    const auto utc = parseUtc(*date + " " + time);
    if (!utc) return std::nullopt;
    return *utc - 3 * 3600;  // Kenya is UTC+3 all year
}

std::string formatEatInput(std::int64_t epochSeconds) {
    std::string s = formatUtc(epochSeconds + 3 * 3600).substr(0, 16);
    s[10] = 'T';
    return s;
}

}  // namespace kituo::domain
