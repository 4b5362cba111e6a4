// The real server on an ephemeral port: pages, error pages, size and encoding limits,
// security headers, graceful stop.
#include "Support.h"

#include "http/RequestContext.h"

#include <Poco/InflatingStream.h>

#include <iterator>
#include <sstream>

#include <catch2/catch.hpp>

#include <future>
#include <thread>

using namespace kituo;
using test::HttpResult;

namespace {

void requireSecurityHeaders(const HttpResult& r) {
    INFO("status " << r.status);
    const std::string csp = r.header("content-security-policy");
    CHECK(csp.find("default-src 'self'") != std::string::npos);
    CHECK(csp.find("script-src 'self'") != std::string::npos);
    CHECK(csp.find("unsafe-inline") == std::string::npos);
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(r.header("x-content-type-options") == "nosniff");
    CHECK(r.header("referrer-policy") == "same-origin");
    CHECK(r.header("x-frame-options") == "DENY");
    CHECK(r.header("x-request-id").size() == 16);
}

}  // namespace

TEST_CASE("healthz answers ok while the database answers", "[http]") {
    test::TestServer s;
    auto r = s.get("/healthz");
    CHECK(r.status == 200);
    CHECK(r.body == "ok\n");
    CHECK(r.header("cache-control") == "no-store");
    requireSecurityHeaders(r);
}

TEST_CASE("the sign-in page renders inside the layout with the stylesheet", "[http]") {
    test::TestServer s;
    auto r = s.get("/login");
    CHECK(r.status == 200);
    CHECK(r.header("content-type") == "text/html; charset=utf-8");
    CHECK(r.body.find("<title>Sign in · Kituo</title>") != std::string::npos);
    CHECK(r.body.find("/static/app.css") != std::string::npos);
    CHECK(r.body.find("name=\"csrf_token\"") != std::string::npos);
    requireSecurityHeaders(r);
}

TEST_CASE("pages that need a sign-in send anonymous visitors to the sign-in page", "[http]") {
    test::TestServer s;
    auto r = s.get("/admin/users");
    CHECK(r.status == 302);
    CHECK(r.header("location") == "/login?next=/admin/users");
    requireSecurityHeaders(r);
}

TEST_CASE("static files are served with an ETag and revalidate with 304", "[http]") {
    test::TestServer s;
    auto r = s.get("/static/app.css");
    CHECK(r.status == 200);
    CHECK(r.header("content-type") == "text/css; charset=utf-8");
    CHECK(r.header("cache-control").find("max-age") != std::string::npos);
    const std::string etag = r.header("etag");
    REQUIRE_FALSE(etag.empty());
    auto again = s.get("/static/app.css", {{"If-None-Match", etag}});
    CHECK(again.status == 304);
    CHECK(again.body.empty());
    CHECK(s.get("/static/../CMakeLists.txt").status == 404);
    CHECK(s.get("/static/%2e%2e%2fCMakeLists.txt").status == 404);
    CHECK(s.get("/static/missing.css").status == 404);
}

TEST_CASE("unknown addresses get the 404 page with security headers", "[http]") {
    test::TestServer s;
    auto r = s.get("/no/such/page");
    CHECK(r.status == 404);
    CHECK(r.body.find("Not found") != std::string::npos);
    CHECK(r.body.find(r.header("x-request-id")) != std::string::npos);
    requireSecurityHeaders(r);
}

TEST_CASE("a known address with the wrong method gets 405 and Allow", "[http]") {
    test::TestServer s;
    auto r = s.post("/healthz", "a=1");
    CHECK(r.status == 405);
    CHECK(r.header("allow") == "GET, HEAD");
    CHECK(r.body.find("Method not allowed") != std::string::npos);
    requireSecurityHeaders(r);
}

TEST_CASE("HEAD answers like GET without a body", "[http]") {
    test::TestServer s;
    auto r = s.head("/login");
    CHECK(r.status == 200);
    CHECK(r.body.empty());
    CHECK_FALSE(r.header("content-length").empty());
}

TEST_CASE("bodies over the limit get 413 whether declared or chunked", "[http]") {
    test::TestServer s;  // limit 64 KiB in tests
    auto declared = s.post("/", std::string(65 * 1024, 'a'));
    CHECK(declared.status == 413);
    CHECK(declared.body.find("Request too large") != std::string::npos);
    requireSecurityHeaders(declared);

    std::string chunked = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                          "Content-Type: text/plain\r\nConnection: close\r\n\r\n";
    for (int i = 0; i < 70; ++i) chunked += "400\r\n" + std::string(1024, 'b') + "\r\n";
    chunked += "0\r\n\r\n";
    CHECK(s.raw(chunked).status == 413);

    // Just under the limit is read (and then refused for the method, not the size).
    CHECK(s.post("/", std::string(60 * 1024, 'a')).status == 405);
}

TEST_CASE("invalid UTF-8 in the body, path or query gets 400", "[http]") {
    test::TestServer s;
    // Bodies are read only for a route that takes them (POST /login is public).
    auto body = s.post("/login", "name=\xC3\x28", "text/plain");
    CHECK(body.status == 400);
    CHECK(body.body.find("not valid UTF-8") != std::string::npos);
    requireSecurityHeaders(body);
    CHECK(s.post("/login", "name=%FF%FE").status == 400);      // valid bytes, invalid once decoded
    CHECK(s.get("/officers/%C0%AF").status == 400);            // overlong '/' in the path
    CHECK(s.get("/login?q=%ED%A0%80").status == 400);          // surrogate in the query
    CHECK(s.get("/login?q=%zz").status == 400);                // malformed escape
    CHECK(s.raw("GET /caf\xE9 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status == 400);
}

TEST_CASE("a failing handler gets a 500 page with only the request id", "[http]") {
    test::TestServer s;
    s.server().router().add("GET", "/test/boom", auth::Permission::Public,
                            [](http::RequestContext&) -> http::Response {
                                throw std::runtime_error("SELECT secret FROM internals");
                            });
    auto r = s.get("/test/boom");
    CHECK(r.status == 500);
    CHECK(r.body.find("SELECT secret") == std::string::npos);
    CHECK(r.body.find(r.header("x-request-id")) != std::string::npos);
    requireSecurityHeaders(r);
}

TEST_CASE("domain errors map to their statuses in one place", "[http]") {
    test::TestServer s;
    auto& router = s.server().router();
    router.add("GET", "/test/conflict", auth::Permission::Public,
               [](http::RequestContext&) -> http::Response { throw domain::Conflict("stale"); });
    router.add("GET", "/test/forbidden", auth::Permission::Public,
               [](http::RequestContext&) -> http::Response { throw domain::Forbidden("no"); });
    router.add("GET", "/test/unavailable", auth::Permission::Public,
               [](http::RequestContext&) -> http::Response { throw domain::Unavailable("down"); });
    router.add("GET", "/test/invalid", auth::Permission::Public,
               [](http::RequestContext&) -> http::Response {
                   throw domain::ValidationError("surname", "Surname is required.");
               });
    CHECK(s.get("/test/conflict").status == 409);
    CHECK(s.get("/test/forbidden").status == 403);
    auto down = s.get("/test/unavailable");
    CHECK(down.status == 503);
    CHECK(down.header("retry-after") == "5");
    auto invalid = s.get("/test/invalid");
    CHECK(invalid.status == 400);
    CHECK(invalid.body.find("Surname is required.") != std::string::npos);
}

TEST_CASE("stopping the server lets an in-flight request finish", "[http]") {
    test::TestServer s;
    s.server().router().add("GET", "/test/slow", auth::Permission::Public,
                            [](http::RequestContext&) {
                                std::this_thread::sleep_for(std::chrono::milliseconds(600));
                                return http::Response::text("done");
                            });
    s.get("/healthz");  // starts the server
    auto inFlight = std::async(std::launch::async, [&] { return s.get("/test/slow"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    const auto stopStarted = std::chrono::steady_clock::now();
    s.server().stop();
    const auto r = inFlight.get();
    CHECK(r.status == 200);
    CHECK(r.body == "done");
    CHECK(std::chrono::steady_clock::now() - stopStarted >= std::chrono::milliseconds(300));
}

TEST_CASE("error pages keep the navigation and Sign out for a signed-in user", "[http]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser hr(s);
    hr.login("hr");
    const std::string far = test::queryValue(
        s.db(), "SELECT o.officer_id FROM officers o JOIN org_units st ON st.org_unit_id = o.station_id "
                "WHERE st.code = 'CPH' LIMIT 1");
    auto notFound = hr.get("/officers/" + far);
    CHECK(notFound.status == 404);
    auto forbidden = hr.get("/admin/users");
    CHECK(forbidden.status == 403);
    auto nowhere = hr.get("/no/such/page");
    CHECK(nowhere.status == 404);
    auto badToken = hr.post("/officers", {{"csrf_token", "forged"}, {"surname", "X"}});
    CHECK(badToken.status == 403);
    for (const auto* page : {&notFound, &forbidden, &nowhere, &badToken}) {
        CHECK_THAT(page->body, Catch::Contains("Sign out") && Catch::Contains("href=\"/officers\"") &&
                                   Catch::Contains("Request id"));
    }
    // Anonymous visitors get the plain layout.
    auto anonymous = s.get("/no/such/page");
    CHECK(anonymous.status == 404);
    CHECK_THAT(anonymous.body, !Catch::Contains("Sign out"));
}

TEST_CASE("pages and stylesheets are gzipped for clients that accept it, a list page and its CSS weigh under 30 KB",
          "[http]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser hr(s);
    hr.login("hr");
    const auto plain = hr.get("/officers");
    REQUIRE(plain.status == 200);
    const auto cookie = "kituo_session=" + hr.cookie("kituo_session");
    auto zipped = s.get("/officers", {{"Accept-Encoding", "gzip, deflate"}, {"Cookie", cookie}});
    REQUIRE(zipped.status == 200);
    CHECK(zipped.header("content-encoding") == "gzip");
    CHECK(zipped.header("vary") == "Accept-Encoding");
    std::istringstream in(zipped.body);
    Poco::InflatingInputStream gunzip(in, Poco::InflatingStreamBuf::STREAM_GZIP);
    std::string unzipped((std::istreambuf_iterator<char>(gunzip)), std::istreambuf_iterator<char>());
    CHECK_THAT(unzipped, Catch::Contains("class=\"roll\"") && Catch::Contains("officers"));
    auto css = s.get("/static/app.css", {{"Accept-Encoding", "gzip"}});
    CHECK(css.header("content-encoding") == "gzip");
    INFO("list page " << zipped.body.size() << " bytes, stylesheet " << css.body.size() << " bytes, gzipped");
    CHECK(zipped.body.size() + css.body.size() <= 30 * 1024);
    // Without Accept-Encoding nothing changes.
    CHECK(s.get("/static/app.css").header("content-encoding").empty());
}
