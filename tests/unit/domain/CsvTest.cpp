// CSV: BOM, comma or semicolon, quoted fields, formula defusing that round-trips.
#include "domain/Csv.h"

#include <catch2/catch.hpp>

using namespace kituo::domain;

TEST_CASE("comma files with a BOM, quotes and embedded newlines", "[unit]") {
    auto t = parseCsv("\xEF\xBB\xBFservice_number,surname,other_names\r\n"
                      "12345,\"O'Brien, \"\"Jr\"\"\",\"Two\nLines\"\r\n"
                      "\r\n"
                      "23456,Wanjirũ,Mũthoni\n");
    CHECK(t.delimiter == ',');
    CHECK(t.header == std::vector<std::string>{"service_number", "surname", "other_names"});
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0][1] == "O'Brien, \"Jr\"");
    CHECK(t.rows[0][2] == "Two\nLines");
    CHECK(t.rows[1][1] == "Wanjirũ");
    CHECK(t.lineNumbers == std::vector<int>{2, 5});
}

TEST_CASE("semicolon files are detected from the header", "[unit]") {
    auto t = parseCsv("a;b;c\n1;2,5;3\n");
    CHECK(t.delimiter == ';');
    CHECK(t.rows[0] == std::vector<std::string>{"1", "2,5", "3"});
}

TEST_CASE("an unterminated quote or an empty file is an error", "[unit]") {
    CHECK_THROWS_AS(parseCsv("a,b\n1,\"open\n"), CsvError);
    CHECK_THROWS_AS(parseCsv(""), CsvError);
    CHECK_THROWS_AS(parseCsv("\xEF\xBB\xBF\r\n\r\n"), CsvError);
}

TEST_CASE("written lines quote what needs it and defuse formulas, and read back", "[unit]") {
    const std::vector<std::string> values = {"plain", "a,b", "say \"hi\"", "=SUM(A1)", "-5", "line\nbreak", ""};
    const std::string line = csvLine(values);
    CHECK(line == "plain,\"a,b\",\"say \"\"hi\"\"\",'=SUM(A1),'-5,\"line\nbreak\",\r\n");
    auto t = parseCsv("h1,h2,h3,h4,h5,h6,h7\r\n" + line);
    REQUIRE(t.rows.size() == 1);
    for (std::size_t i = 0; i < values.size(); ++i) CHECK(restoreFormula(t.rows[0][i]) == values[i]);
}
