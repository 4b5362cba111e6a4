// Organisation tree rules: which kind may sit under which, and scope by path prefix.
#include "domain/OrgUnit.h"

#include <catch2/catch.hpp>

using namespace kituo::domain;

TEST_CASE("each level sits under the one above, units under stations or units", "[unit]") {
    CHECK(mayContain(OrgKind::National, OrgKind::Region));
    CHECK(mayContain(OrgKind::Region, OrgKind::County));
    CHECK(mayContain(OrgKind::County, OrgKind::SubCounty));
    CHECK(mayContain(OrgKind::SubCounty, OrgKind::Station));
    CHECK(mayContain(OrgKind::Station, OrgKind::Unit));
    CHECK(mayContain(OrgKind::Unit, OrgKind::Unit));
    CHECK_FALSE(mayContain(OrgKind::County, OrgKind::Station));
    CHECK_FALSE(mayContain(OrgKind::Station, OrgKind::Station));
    CHECK_FALSE(mayContain(OrgKind::SubCounty, OrgKind::Unit));
}

TEST_CASE("scope is the node and everything below it", "[unit]") {
    CHECK(isWithin("/1/4/9/", "/1/4/"));
    CHECK(isWithin("/1/4/", "/1/4/"));
    CHECK_FALSE(isWithin("/1/41/", "/1/4/"));
    CHECK_FALSE(isWithin("/1/", "/1/4/"));
    CHECK_FALSE(isWithin("/1/4/", ""));
}

TEST_CASE("kind names round-trip", "[unit]") {
    for (auto k : {OrgKind::National, OrgKind::Region, OrgKind::County, OrgKind::SubCounty,
                   OrgKind::Station, OrgKind::Unit}) {
        CHECK(orgKindFromString(toString(k)) == k);
    }
    CHECK_FALSE(orgKindFromString("precinct"));
}
