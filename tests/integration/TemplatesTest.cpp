// Every template compiles and renders; a broken one stops the start, naming itself.
#include "Support.h"

#include "http/ErrorPages.h"
#include "http/Templates.h"
#include "http/ViewTable.h"

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

TEST_CASE("a ViewTable renders like a list of objects: cells escaped, unset cells looked up outside", "[templates]") {
    const std::string dir = Poco::TemporaryFile::tempName();
    Poco::File(dir).createDirectories();
    std::ofstream(dir + "/layout.mustache") << "{{{body}}}";
    std::ofstream(dir + "/rows.mustache")
        << "{{#rows}}[{{name}}|{{#unit}}unit {{unit}}{{/unit}}{{^unit}}no unit{{/unit}}|{{#on}}on{{/on}}|{{note}}]{{/rows}}"
           "{{^rows}}none{{/rows}}";
    http::Templates t(dir);
    auto rows = std::make_shared<http::ViewTable>(std::vector<std::string>{"name", "unit", "on", "note"});
    http::View objects(http::View::type::list);
    rows->addRow();
    rows->set("name", "<b>O'Neil</b>");
    rows->set("unit", "CID");
    rows->set("on", true);
    http::View first;
    first.set("name", "<b>O'Neil</b>");
    first.set("unit", "CID");
    first.set("on", true);
    objects.push_back(first);
    rows->addRow();  // no unit: read from outside, where there is none
    rows->set("name", "Wanjirũ");
    rows->set("on", false);
    rows->set("note", "own");
    http::View second;
    second.set("name", "Wanjirũ");
    second.set("on", false);
    second.set("note", "own");
    objects.push_back(second);
    CHECK_THROWS_AS(rows->set("nonesuch", "x"), std::logic_error);

    http::View v;
    v.set("note", "outer");
    v.set("rows", http::listOf(rows));
    rows.reset();  // the view shares the table
    const std::string expected = "[&lt;b&gt;O&apos;Neil&lt;/b&gt;|unit CID|on|outer][Wanjirũ|no unit||own]";
    CHECK(t.render("rows", v) == expected);
    http::View asObjects;
    asObjects.set("note", "outer");
    asObjects.set("rows", objects);
    CHECK(t.render("rows", asObjects) == expected);
    http::View copy = v;  // views stay copyable
    v = http::View();
    CHECK(t.render("rows", copy) == expected);
    http::View empty;
    empty.set("rows", http::listOf(std::make_shared<http::ViewTable>(std::vector<std::string>{"name"})));
    CHECK(t.render("rows", empty) == "none");
    Poco::File(dir).remove(true);
}
