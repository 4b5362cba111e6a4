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

TEST_CASE("large counts are grouped by thousands", "[unit]") {
    CHECK(kituo::domain::groupThousands(0) == "0");
    CHECK(kituo::domain::groupThousands(999) == "999");
    CHECK(kituo::domain::groupThousands(1000) == "1,000");
    CHECK(kituo::domain::groupThousands(99118) == "99,118");
    CHECK(kituo::domain::groupThousands(1000771) == "1,000,771");
    CHECK(kituo::domain::groupThousands(-1234) == "-1,234");
}
