// Counts in words: one is singular, everything else (zero included) plural.
#include "domain/Words.h"

#include <catch2/catch.hpp>

using namespace kituo::domain;

TEST_CASE("counts read as people write them", "[unit]") {
    CHECK(countOf(1, "officer", "officers") == "1 officer");
    CHECK(countOf(0, "officer", "officers") == "0 officers");
    CHECK(countOf(2, "row", "rows") == "2 rows");
    CHECK(countOf(10000, "officer", "officers") == "10000 officers");
    CHECK(nounFor(1, "entry", "entries") == "entry");
    CHECK(nounFor(3, "entry", "entries") == "entries");
}
