// What the fuzzers exercise: every parser that sees untrusted bytes before a handler does.
// Each function here is one libFuzzer target's body (tests/fuzz/*Fuzz.cpp, built with clang,
// ASan and UBSan by ops/fuzz) and is also replayed by the unit tests in every ops/test run over
// the committed corpus (tests/fuzz/corpus/<target>/) and deterministic random inputs.
// The contract checked: no crash, no sanitizer report, only the domain's own errors escape
// (BadRequest, TooLarge, CsvError), and what comes out keeps the parser's promises (valid UTF-8,
// within the limits, a route's parameters are whole path segments).
#pragma once

#include "domain/Csv.h"
#include "domain/Errors.h"
#include "domain/MigrationPlan.h"
#include "domain/OfficerImport.h"
#include "domain/SqlScript.h"
#include "domain/Utf8.h"
#include "http/Forms.h"
#include "http/Multipart.h"
#include "http/Router.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kituo::fuzz {

// Splits off the first line (up to '\n') of `rest`; `rest` keeps what follows it.
inline std::string_view takeLine(std::string_view& rest) {
    const auto nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    return line;
}

inline void requireUtf8(const http::Params& params) {
    for (const auto& [k, v] : params) {
        if (!domain::isValidUtf8(k) || !domain::isValidUtf8(v)) __builtin_trap();
    }
}

// Target "request_parsing": query strings, percent-decoding, cookies, paths, and the
// migration file names and SQL scripts read at start.
inline void parseUntrusted(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    try {
        requireUtf8(http::parseUrlEncoded(input));
    } catch (const domain::BadRequest&) {
    } catch (const domain::TooLarge&) {  // more than 1000 fields: the server answers 413
    }
    try {
        const std::string decoded = http::percentDecode(input, false);
        if (!domain::isValidUtf8(decoded)) __builtin_trap();
    } catch (const domain::BadRequest&) {
    }
    http::parseCookies(input);
    http::splitPath(input);
    domain::migrationVersion(input);
    for (const auto& statement : domain::splitSqlStatements(input)) {
        if (statement.empty()) __builtin_trap();
    }
}

// Target "forms": a form body, URL-encoded (under a route's field limits) and as
// multipart/form-data. Input: the boundary on the first line, the body after it.
inline void parseForms(const std::uint8_t* data, std::size_t size) {
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    const std::string boundary(takeLine(rest));
    constexpr int kMaxFields = 8;
    constexpr std::size_t kMaxFieldBytes = 64;
    try {
        const auto fields = http::parseUrlEncoded(rest, kMaxFields, kMaxFieldBytes);
        if (fields.size() > static_cast<std::size_t>(kMaxFields)) __builtin_trap();
        for (const auto& [k, v] : fields) {
            if (k.size() > kMaxFieldBytes || v.size() > kMaxFieldBytes) __builtin_trap();
        }
        requireUtf8(fields);
    } catch (const domain::BadRequest&) {
    } catch (const domain::TooLarge&) {
    }
    http::Request request;
    request.method = "POST";
    request.contentType = "multipart/form-data; boundary=" + boundary;
    request.body = std::string(rest);
    try {
        const auto form = http::parseMultipart(request);
        requireUtf8(form.fields);
    } catch (const domain::BadRequest&) {
    }
}

// The reference data an import is planned against: a station in scope with a unit, a station
// out of scope, an officer in scope and one outside it.
inline const domain::ImportContext& importContext() {
    static const domain::ImportContext context = [] {
        domain::ImportContext c;
        c.today = "2026-11-23";
        c.ranks = {{1, "CON", "Constable", 1, {"KPS", "APS"}},
                   {2, "CPL", "Corporal", 2, {"KPS", "APS"}},
                   {3, "SGT", "Sergeant", 3, {"KPS"}}};
        c.orgByCode["KIL"] = {10, "KIL", true, 0, true};
        c.orgByCode["KIL-GD"] = {11, "KIL-GD", false, 10, true};
        c.orgByCode["CAP"] = {20, "CAP", true, 0, false};
        const auto officer = [&](std::int64_t id, const std::string& number, const std::string& nationalId,
                                 std::int64_t station, bool inScope) {
            domain::ExistingOfficer o;
            o.id = id;
            o.fields.serviceNumber = number;
            o.fields.nationalId = nationalId;
            o.stationId = station;
            o.inScope = inScope;
            c.existingByNumber[number] = o;
        };
        officer(1, "123456", "12345678", 10, true);
        officer(2, "654321", "87654321", 20, false);
        c.ownerByNationalId["12345678"] = {"123456", true};
        c.ownerByNationalId["87654321"] = {"654321", false};
        return c;
    }();
    return context;
}

// Target "csv_import": a roll import file, parsed and planned; every written line reads back
// as the values it was written from.
inline void parseCsvImport(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    domain::CsvTable table;
    try {
        table = domain::parseCsv(text);
    } catch (const domain::CsvError&) {
        return;
    }
    if (table.rows.size() != table.lineNumbers.size()) __builtin_trap();
    std::vector<std::string> numbers, ids;
    domain::collectKeys(table, numbers, ids);
    const auto plan = domain::planImport(table, importContext(), 200);
    if (plan.creates + plan.updates + plan.unchanged + plan.errors != static_cast<int>(plan.rows.size())) {
        __builtin_trap();
    }
    for (const auto& row : table.rows) {
        if (row.empty() || row.size() > 64) continue;
        // The header carries the delimiter, so that reading detects the same one.
        const std::string header = domain::csvLine({"a", "b"}, table.delimiter);
        const auto back = domain::parseCsv(header + domain::csvLine(row, table.delimiter));
        if (back.rows.empty()) continue;  // a row of blank cells is skipped on reading
        if (back.rows.size() != 1 || back.rows[0].size() != row.size()) __builtin_trap();
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (domain::restoreFormula(back.rows[0][i]) != domain::restoreFormula(row[i])) __builtin_trap();
        }
    }
}

// Target "session_routing": a request line's method and target, and a Cookie header, as the
// Dispatcher reads them before any handler: the target decoded, the cookies split, the flash
// cookie decoded, the route matched in the real route table. Input: method, target and
// Cookie header on three lines.
inline void routeRequest(const http::Router& router, const std::uint8_t* data, std::size_t size) {
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    const std::string method(takeLine(rest));
    const std::string_view target = takeLine(rest);
    http::Request request;
    request.cookies = http::parseCookies(takeLine(rest));
    for (const auto& [name, value] : request.cookies) {
        if (name.empty()) __builtin_trap();
        try {
            http::percentDecode(value, false);
        } catch (const domain::BadRequest&) {
        }
    }
    try {
        http::parseRequestTarget(target, request);
    } catch (const domain::BadRequest&) {
        return;
    } catch (const domain::TooLarge&) {  // a query of more than 1000 fields: 413
        return;
    }
    for (unsigned char c : request.path) {
        if (c < 0x20 || c == 0x7F) __builtin_trap();
    }
    requireUtf8(request.query);
    const auto match = router.match(method, request.path);
    if (match.route) {
        if (match.route->method != method) __builtin_trap();
        for (const auto& [name, value] : match.params) {
            if (value.empty() || value.find('/') != std::string::npos) __builtin_trap();
        }
    } else if (!match.params.empty()) {
        __builtin_trap();
    }
}

}  // namespace kituo::fuzz
