// What the fuzzers exercise: every parser that sees untrusted bytes before a handler does.
// Shared by the libFuzzer entry point (RequestParsingFuzz.cpp, built with -DKITUO_FUZZ=ON and
// clang) and the unit test that replays random inputs in every ops/test run. The contract
// checked: no crash, no sanitizer report, and only domain::BadRequest escapes.
#pragma once

#include "domain/Errors.h"
#include "domain/MigrationPlan.h"
#include "domain/SqlScript.h"
#include "domain/Utf8.h"
#include "http/Forms.h"
#include "http/Router.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace kituo::fuzz {

inline void parseUntrusted(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const bool valid = domain::isValidUtf8(input);
    try {
        auto params = http::parseUrlEncoded(input);
        for (const auto& [k, v] : params) {
            if (!domain::isValidUtf8(k) || !domain::isValidUtf8(v)) __builtin_trap();
        }
    } catch (const domain::BadRequest&) {
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
    (void)valid;
}

}  // namespace kituo::fuzz
