// The route table: matching, captures, 405 information and deny-by-default validation.
#include "http/Router.h"

#include <catch2/catch.hpp>

using namespace kituo::http;
using kituo::auth::Permission;

namespace {
Response ok(RequestContext&) { return Response::text("ok"); }
}  // namespace

TEST_CASE("literal segments beat captures and captures are returned", "[unit]") {
    Router r;
    r.add("GET", "/officers/{id}", Permission::Public, ok);
    r.add("GET", "/officers/new", Permission::Public, ok);
    r.add("POST", "/officers/{id}", Permission::Public, ok);
    auto m = r.match("GET", "/officers/new");
    REQUIRE(m.route);
    CHECK(m.route->pattern == "/officers/new");
    m = r.match("GET", "/officers/42");
    REQUIRE(m.route);
    CHECK(m.route->pattern == "/officers/{id}");
    CHECK(m.params.at("id") == "42");
    m = r.match("GET", "/officers/42/");  // trailing slash is the same address
    CHECK(m.route);
}

TEST_CASE("a known path with another method reports the allowed methods", "[unit]") {
    Router r;
    r.add("GET", "/healthz", Permission::Public, ok);
    auto m = r.match("POST", "/healthz");
    CHECK_FALSE(m.route);
    CHECK(m.allowedMethods == std::set<std::string>{"GET"});
    auto none = r.match("GET", "/nowhere");
    CHECK_FALSE(none.route);
    CHECK(none.allowedMethods.empty());
}

TEST_CASE("a route without a permission stops the start", "[unit]") {
    Router r;
    r.add("GET", "/open", Permission::Public, ok);
    r.add(Route{"GET", "/forgotten", std::nullopt, ok});
    CHECK_THROWS_WITH(r.validate(), Catch::Contains("/forgotten"));
}

TEST_CASE("a route defined twice stops the start", "[unit]") {
    Router r;
    r.add("GET", "/a", Permission::Public, ok);
    r.add("GET", "/a", Permission::Public, ok);
    CHECK_THROWS_WITH(r.validate(), Catch::Contains("twice"));
}

TEST_CASE("a path with an empty segment matches no route", "[unit]") {
    Router r;
    r.add("GET", "/officers", Permission::Public, ok);
    CHECK(r.match("GET", "/officers").route);
    CHECK_FALSE(r.match("GET", "//officers").route);
    CHECK_FALSE(r.match("GET", "/officers//").route);
    CHECK(r.match("GET", "//officers").allowedMethods.empty());
}
