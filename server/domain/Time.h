// UTC time formatting and parsing for the database's DATETIME text form. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace kituo::domain {

// "YYYY-MM-DD HH:MM:SS" for seconds since the epoch (UTC).
std::string formatUtc(std::int64_t epochSeconds);
// "YYYY-MM-DD HH:MM:SS.ffffff" for microseconds since the epoch (UTC).
std::string formatUtcMicros(std::int64_t epochMicros);
// Parses "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS" (UTC) into seconds since the epoch.
std::optional<std::int64_t> parseUtc(const std::string& text);
// "24 Nov 2026" for "2026-11-24" (how dates read in text); the input unchanged when it is not
// a date.
std::string formatDateText(const std::string& isoDate);
// "24 Nov 2026 14:05 EAT" for a moment (seconds since the epoch): Kenya is UTC+3 all year.
// With seconds ("24 Nov 2026 14:05:09 EAT") when `seconds` is set (audit trails).
std::string formatEatText(std::int64_t epochSeconds, bool seconds = false);
// A date as people and spreadsheets write it: "yyyy-mm-dd", or day first as "dd/mm/yyyy" or
// "d/m/yyyy", the Kenyan convention a spreadsheet in the en-KE locale saves. Surrounding spaces are ignored. The ISO date, or nothing when it is not a real date.
std::optional<std::string> parseDateInput(const std::string& text);
// A moment typed in East Africa Time: "YYYY-MM-DDTHH:MM" (a datetime-local field), with a
// space instead of the T, or a day-first date then the time ("24/11/2026 14:05"); seconds
// since the epoch, or nothing when it is not a real date and time.
std::optional<std::int64_t> parseEatInput(const std::string& text);
// The moment as a datetime-local field's value in East Africa Time: "YYYY-MM-DDTHH:MM".
std::string formatEatInput(std::int64_t epochSeconds);
// Whether text is a real calendar date "YYYY-MM-DD".
bool isIsoDate(const std::string& text);

}  // namespace kituo::domain
