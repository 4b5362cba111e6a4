// URL-encoded decoding: values, escapes, and refusal of malformed or non-UTF-8 input.
#include "domain/Errors.h"
#include "http/Forms.h"
#include "http/Templates.h"

#include <catch2/catch.hpp>

using namespace kituo::http;
using kituo::domain::BadRequest;

TEST_CASE("form bodies decode in order with + as space", "[unit]") {
    auto p = parseUrlEncoded("q=Wanjir%C5%A9+M%C5%A9thoni&rank=&rank=2&flag");
    CHECK(Request::first(p, "q") == "Wanjirũ Mũthoni");
    CHECK(p.count("rank") == 2);
    CHECK(p.count("flag") == 1);
    CHECK(Request::first(p, "flag").empty());
    CHECK(Request::first(p, "missing").empty());
}

TEST_CASE("SQL and HTML metacharacters pass through as plain text", "[unit]") {
    auto p = parseUrlEncoded("q=%27%3B+DROP+TABLE+officers%3B--+%3Cscript%3E");
    CHECK(Request::first(p, "q") == "'; DROP TABLE officers;-- <script>");
}

TEST_CASE("malformed escapes and invalid UTF-8 are bad requests", "[unit]") {
    CHECK_THROWS_AS(parseUrlEncoded("a=%zz"), BadRequest);
    CHECK_THROWS_AS(parseUrlEncoded("a=%4"), BadRequest);
    CHECK_THROWS_AS(parseUrlEncoded("a=%"), BadRequest);
    CHECK_THROWS_AS(parseUrlEncoded("a=%FF"), BadRequest);
    CHECK_THROWS_AS(parseUrlEncoded("a=%C0%80"), BadRequest);
    CHECK_THROWS_AS(percentDecode("/x%ED%A0%80", false), BadRequest);
    CHECK(percentDecode("/a+b", false) == "/a+b");
}

TEST_CASE("cookies parse by name", "[unit]") {
    auto c = parseCookies("kituo_session=abc123; theme=dark;  broken; =x; kituo_session=second");
    CHECK(c.at("kituo_session") == "abc123");
    CHECK(c.at("theme") == "dark");
    CHECK(c.size() == 2);
}

TEST_CASE("form parsing stops at the field count and field size caps", "[unit]") {
    std::string many;
    for (int i = 0; i < 1001; ++i) many += "a&";
    CHECK_THROWS_AS(parseUrlEncoded(many, 1000, 1024), kituo::domain::TooLarge);
    CHECK(parseUrlEncoded(many.substr(0, 2000), 1000, 1024).size() == 1000);
    CHECK_THROWS_AS(parseUrlEncoded("a=" + std::string(1025, 'x'), 1000, 1024), kituo::domain::TooLarge);
    CHECK_THROWS_AS(parseUrlEncoded(std::string(1025, 'n') + "=1", 1000, 1024), kituo::domain::TooLarge);
    CHECK(parseUrlEncoded("a=" + std::string(1024, 'x'), 1000, 1024).size() == 1);
}

TEST_CASE("HTML escaping matches kainjow's for every special character", "[unit]") {
    const std::string all = "a&b<c>d\"e'f plain Wanjirũ 👮";
    CHECK(escapeHtml(all) == kainjow::mustache::html_escape(all));
    CHECK(escapeHtml("") == "");
    CHECK(escapeHtml("nothing special") == "nothing special");
    CHECK(escapeHtml("<script>alert('x')</script>") == "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;");
    CHECK(escapeHtml("&&") == "&amp;&amp;");
}
