// Replays the fuzz target over deterministic pseudo-random and hand-picked inputs, so the
// parsers' no-crash contract is checked in every ops/test run, not only when fuzzing.
#include "../fuzz/FuzzTargets.h"

#include <catch2/catch.hpp>

#include <random>
#include <vector>

TEST_CASE("request parsers survive random and hostile bytes", "[unit]") {
    const std::vector<std::string> seeds = {
        "", "%", "%%", "%0", "a=%zz&b", "a=1&&&=&=b", "q=%F0%9F%91%AE", "\xF0\x9F",
        "/officers/%2e%2e/%00", "k=v; k2=v2; ;=;", "'\";--/*", "0001_a.sql", "SELECT ';' -- x\n;",
        std::string(1, '\0'), std::string(4096, '%')};
    for (const auto& s : seeds) {
        kituo::fuzz::parseUntrusted(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
    }
    std::mt19937 rng(20261123);
    const std::string alphabet = "%=&;+/'\"`-#*\n\\aZ09\xC3\xA9\xED\xA0\x80\xFF";
    for (int i = 0; i < 20000; ++i) {
        std::string s(rng() % 64, '\0');
        for (auto& c : s) c = (rng() % 4 == 0) ? static_cast<char>(rng()) : alphabet[rng() % alphabet.size()];
        kituo::fuzz::parseUntrusted(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
    }
    SUCCEED("no crash");
}
