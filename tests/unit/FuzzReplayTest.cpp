// Replays every fuzz target over its committed corpus (tests/fuzz/corpus/<target>/: seeds and
// the reproducers of crashes found and fixed) and over deterministic pseudo-random inputs, so
// the parsers' contract is checked in every ops/test run by the ordinary build, not only by
// the clang fuzz build (ops/fuzz).
#include "../fuzz/FuzzTargets.h"

#include "app/Server.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <vector>

namespace {

using Target = std::function<void(const std::uint8_t*, std::size_t)>;

void run(const Target& target, const std::string& s) {
    target(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

// Every file of the target's committed corpus; returns how many were replayed.
int replayCorpus(const std::string& name, const Target& target) {
    const std::filesystem::path dir = std::filesystem::path(KITUO_SOURCE_DIR) / "tests/fuzz/corpus" / name;
    int n = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        run(target, bytes.str());
        ++n;
    }
    return n;
}

// Deterministic random inputs over an alphabet of the characters the parsers treat specially.
void replayRandom(const Target& target, const std::string& alphabet, int count, std::size_t maxLength) {
    std::mt19937 rng(20261123);
    for (int i = 0; i < count; ++i) {
        std::string s(rng() % maxLength, '\0');
        for (auto& c : s) c = (rng() % 4 == 0) ? static_cast<char>(rng()) : alphabet[rng() % alphabet.size()];
        run(target, s);
    }
}

}  // namespace

TEST_CASE("request parsers survive random and hostile bytes", "[unit]") {
    const std::vector<std::string> seeds = {
        "", "%", "%%", "%0", "a=%zz&b", "a=1&&&=&=b", "q=%F0%9F%91%AE", "\xF0\x9F",
        "/officers/%2e%2e/%00", "k=v; k2=v2; ;=;", "'\";--/*", "0001_a.sql", "SELECT ';' -- x\n;",
        std::string(1, '\0'), std::string(4096, '%')};
    for (const auto& s : seeds) run(kituo::fuzz::parseUntrusted, s);
    CHECK(replayCorpus("request_parsing", kituo::fuzz::parseUntrusted) > 0);
    replayRandom(kituo::fuzz::parseUntrusted, "%=&;+/'\"`-#*\n\\aZ09\xC3\xA9\xED\xA0\x80\xFF", 20000, 64);
}

TEST_CASE("form bodies, url-encoded and multipart, survive the fuzz corpus and random bytes", "[unit]") {
    CHECK(replayCorpus("forms", kituo::fuzz::parseForms) > 0);
    replayRandom(kituo::fuzz::parseForms, "B\n\r-%=&;:\"name=filename=Content-Disposition: form-data\xC3\xFF", 5000, 200);
}

TEST_CASE("roll import files survive the fuzz corpus and random bytes", "[unit]") {
    CHECK(replayCorpus("csv_import", kituo::fuzz::parseCsvImport) > 0);
    replayRandom(kituo::fuzz::parseCsvImport, ",;\"\r\n'=+-@ \tservice_number123KIL\xEF\xBB\xBF", 5000, 300);
}

TEST_CASE("request targets, cookies and the real route table survive the fuzz corpus and random bytes", "[unit]") {
    kituo::http::Router router;
    kituo::app::addRoutes(router);
    const Target target = [&](const std::uint8_t* data, std::size_t size) {
        kituo::fuzz::routeRequest(router, data, size);
    };
    CHECK(replayCorpus("session_routing", target) > 0);
    replayRandom(target, "GETPOS\n/officers?=&%;{}.csv12 kituo_session=\xC3\xFF", 5000, 120);
}
