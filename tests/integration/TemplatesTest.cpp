// Every template compiles and renders; a broken one stops the start, naming itself.
#include "Support.h"

#include "http/ErrorPages.h"
#include "http/Templates.h"

#include <Poco/File.h>
#include <Poco/TemporaryFile.h>

#include <catch2/catch.hpp>

#include <fstream>

using namespace kituo;

TEST_CASE("every template in web/templates renders with an empty view", "[templates]") {
    http::Templates t(test::sourceDir() + "/web/templates");
    REQUIRE(t.names().size() >= 3);
    for (const auto& name : t.names()) {
        INFO(name);
        CHECK_NOTHROW(t.render(name, http::View{}));
    }
}

TEST_CASE("values are HTML-escaped, except the layout body slot", "[templates]") {
    http::Templates t(test::sourceDir() + "/web/templates");
    http::View page;
    page.set("title", "<script>alert('x')</script>");
    const std::string html = t.renderPage("errors/error", http::View{}, page);
    CHECK(html.find("<script>alert") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&apos;x&apos;)") != std::string::npos);
    auto r = http::errorPage(t, 400, "Bad <b>input</b>", "rid", {{"name", "<img src=x>"}});
    CHECK(r.body.find("<img src=x>") == std::string::npos);
    CHECK(r.body.find("Bad &lt;b&gt;input") != std::string::npos);
}

TEST_CASE("a broken template or unknown partial stops loading, naming the file", "[templates]") {
    const std::string dir = Poco::TemporaryFile::tempName();
    Poco::File(dir + "/partials").createDirectories();
    std::ofstream(dir + "/layout.mustache") << "{{{body}}}";
    std::ofstream(dir + "/officers/index.mustache");  // folder missing: stays unwritten
    Poco::File(dir + "/officers").createDirectories();
    std::ofstream(dir + "/officers/index.mustache") << "{{#rows}}unclosed section";
    CHECK_THROWS_WITH(http::Templates(dir), Catch::Contains("officers/index.mustache"));
    std::ofstream(dir + "/officers/index.mustache") << "{{> missing_partial}}";
    CHECK_THROWS_WITH(http::Templates(dir), Catch::Contains("missing_partial"));
    std::ofstream(dir + "/officers/index.mustache") << "ok";
    CHECK_NOTHROW(http::Templates(dir));
    Poco::File(dir).remove(true);
}
