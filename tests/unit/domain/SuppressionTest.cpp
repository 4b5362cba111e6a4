// Small-cell suppression of counselling statistics: small and protective cells, totals, the
// exact check against a brute-force search, percentages, stations within a county, and months.
#include "domain/Suppression.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <set>

using namespace kituo::domain;

namespace {

CountTable table(const std::vector<std::vector<long>>& cells) {
    CountTable t;
    for (std::size_t r = 0; r < cells.size(); ++r) t.rowLabels.push_back("row " + std::to_string(r));
    for (std::size_t c = 0; c < (cells.empty() ? 0 : cells[0].size()); ++c)
        t.columnLabels.push_back("column " + std::to_string(c));
    t.cells = cells;
    return t;
}

// The table as a reader sees it: cells, then "|" and the row total; the totals row last.
std::string render(const SuppressedTable& t) {
    std::string out;
    for (std::size_t r = 0; r < t.cells.size(); ++r) {
        for (const Figure& f : t.cells[r]) out += f.text + " ";
        out += "| " + t.rowTotals[r].text + "\n";
    }
    for (const Figure& f : t.columnTotals) out += f.text + " ";
    return out + "| " + t.grandTotal.text;
}

std::string name(Cell c) {
    const auto index = [](std::size_t i) { return i == kTotal ? std::string("T") : std::to_string(i); };
    return "(" + index(c.row) + "," + index(c.column) + ")";
}

std::vector<std::string> names(const std::vector<Cell>& cells) {
    std::vector<std::string> out;
    for (Cell c : cells) out.push_back(name(c));
    return out;
}

// Every figure of a table, in the order recoverableCells reports: row by row with each row's
// total after its cells, the totals row last.
std::vector<Cell> allFigures(const CountTable& counts) {
    std::vector<Cell> out;
    const std::size_t R = counts.rowLabels.size(), C = counts.columnLabels.size();
    for (std::size_t r = 0; r <= R; ++r)
        for (std::size_t c = 0; c <= C; ++c) out.push_back(Cell{r == R ? kTotal : r, c == C ? kTotal : c});
    return out;
}

long trueCount(const CountTable& counts, Cell cell) {
    long sum = 0;
    for (std::size_t r = 0; r < counts.cells.size(); ++r)
        for (std::size_t c = 0; c < counts.cells[r].size(); ++c)
            if ((cell.row == kTotal || cell.row == r) && (cell.column == kTotal || cell.column == c))
                sum += counts.cells[r][c];
    return sum;
}

// Every count each figure could have in a table that looks the same to a reader: shown figures
// as shown, "<k" from 1 to k-1, "—" k or more, every row and column adding up to its total.
// Hidden cells are tried from 1 to k-1 ("<k") or within `window` of their true count ("—"), so a
// second count found for a figure proves it cannot be worked out. Shares no code with the
// suppression it checks.
class BruteForce {
public:
    BruteForce(const CountTable& counts, const SuppressedTable& shown, int k, long window = 3)
        : _counts(counts),
          _shown(shown),
          _k(k),
          _window(window),
          _rows(counts.rowLabels.size()),
          _columns(counts.columnLabels.size()),
          _x(_rows * _columns, 0) {
        visit(0);
    }

    // The counts figure `cell` takes over all tables that look the same.
    const std::set<long>& possible(Cell cell) const { return _possible.at(name(cell)); }

    // Hidden figures with a single possible count, in recoverableCells' order.
    std::vector<Cell> pinned() const {
        std::vector<Cell> out;
        for (Cell cell : allFigures(_counts))
            if (_shown.at(cell).hidden() && possible(cell).size() < 2) out.push_back(cell);
        return out;
    }

private:
    bool fits(const Figure& f, long v) const {
        switch (f.hiding) {
            case Hiding::Shown: return f.value && *f.value == v;
            case Hiding::Small: return v >= 1 && v < _k;
            case Hiding::Protective: return v >= _k;
            case Hiding::Withheld: return v >= 0;
        }
        return false;
    }

    void visit(std::size_t i) {
        if (i == _rows * _columns) return record();
        const std::size_t r = i / _columns, c = i % _columns;
        const Figure& f = _shown.cells[r][c];
        const long v = _counts.cells[r][c];
        long lo = v, hi = v;
        if (f.hiding == Hiding::Small) {
            lo = 1;
            hi = _k - 1;
        } else if (f.hiding != Hiding::Shown) {
            lo = std::max<long>(f.hiding == Hiding::Protective ? _k : 0, v - _window);
            hi = v + _window;
        }
        const Figure& rowTotal = _shown.rowTotals[r];
        for (long y = lo; y <= hi; ++y) {
            _x[i] = y;
            long sum = 0;
            for (std::size_t cc = 0; cc <= c; ++cc) sum += _x[r * _columns + cc];
            if (rowTotal.value && sum > *rowTotal.value) break;
            if (c + 1 == _columns && !fits(rowTotal, sum)) continue;
            visit(i + 1);
        }
    }

    void record() {
        std::vector<long> columnSums(_columns, 0);
        long grand = 0;
        for (std::size_t r = 0; r < _rows; ++r)
            for (std::size_t c = 0; c < _columns; ++c) columnSums[c] += _x[r * _columns + c];
        for (std::size_t c = 0; c < _columns; ++c) {
            if (!fits(_shown.columnTotals[c], columnSums[c])) return;
            grand += columnSums[c];
        }
        if (!fits(_shown.grandTotal, grand)) return;
        for (std::size_t r = 0; r < _rows; ++r) {
            long sum = 0;
            for (std::size_t c = 0; c < _columns; ++c) {
                _possible[name(Cell{r, c})].insert(_x[r * _columns + c]);
                sum += _x[r * _columns + c];
            }
            _possible[name(Cell{r, kTotal})].insert(sum);
        }
        for (std::size_t c = 0; c < _columns; ++c) _possible[name(Cell{kTotal, c})].insert(columnSums[c]);
        _possible[name(Cell{kTotal, kTotal})].insert(grand);
    }

    const CountTable& _counts;
    const SuppressedTable& _shown;
    int _k;
    long _window;
    std::size_t _rows, _columns;
    std::vector<long> _x;
    std::map<std::string, std::set<long>> _possible;
};

// Checks that nothing hidden in `shown` can be worked out, by the brute-force search and by the
// module's own check, and that the search found the real table.
void checkProtected(const CountTable& counts, const SuppressedTable& shown, int k) {
    const BruteForce search(counts, shown, k);
    for (Cell cell : allFigures(counts)) {
        INFO("figure " << name(cell));
        REQUIRE(search.possible(cell).count(trueCount(counts, cell)) == 1);
    }
    CHECK(names(search.pinned()).empty());
    CHECK(names(recoverableCells(shown, counts, k)).empty());
}

// A reader's view of `counts` with small figures "<k" and the figures `protective` picks "—".
SuppressedTable hiddenAs(const CountTable& counts, int k, const std::function<bool(Cell)>& protective) {
    SuppressedTable t;
    t.rowLabels = counts.rowLabels;
    t.columnLabels = counts.columnLabels;
    const auto figure = [&](Cell cell) {
        const long v = trueCount(counts, cell);
        if (v >= 1 && v < k) return Figure{"<" + std::to_string(k), Hiding::Small, std::nullopt};
        if (v >= k && protective(cell)) return Figure{kHiddenText, Hiding::Protective, std::nullopt};
        return Figure{std::to_string(v), Hiding::Shown, v};
    };
    const std::size_t R = counts.rowLabels.size(), C = counts.columnLabels.size();
    t.cells.resize(R);
    for (std::size_t r = 0; r < R; ++r) {
        for (std::size_t c = 0; c < C; ++c) t.cells[r].push_back(figure(Cell{r, c}));
        t.rowTotals.push_back(figure(Cell{r, kTotal}));
    }
    for (std::size_t c = 0; c < C; ++c) t.columnTotals.push_back(figure(Cell{kTotal, c}));
    t.grandTotal = figure(Cell{kTotal, kTotal});
    return t;
}

// A fixed pseudo-random sequence, so every run checks the same tables.
class Sequence {
public:
    std::uint32_t next(std::uint32_t n) {
        _state = _state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(_state >> 33) % n;
    }

private:
    std::uint64_t _state = 20261124;
};

// Small tables of 1 to 6 cells, counts weighted towards the small ones.
CountTable randomTable(Sequence& seq) {
    static const long counts[] = {0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 9, 12};
    const std::size_t rows = 1 + seq.next(3);
    const std::size_t columns = 1 + seq.next(rows == 3 ? 2 : 3);
    std::vector<std::vector<long>> cells(rows, std::vector<long>(columns));
    for (auto& row : cells)
        for (long& n : row) n = counts[seq.next(sizeof counts / sizeof counts[0])];
    return table(cells);
}

}  // namespace

TEST_CASE("a zero is shown as 0, a count of 1 to 4 as <5, and 5 or more as it is", "[unit]") {
    const SuppressedTable t = suppress(table({{0, 1, 2, 3, 4, 0}, {5, 10, 10, 10, 10, 1204}}));
    CHECK(t.cells[0][0].text == "0");
    CHECK(t.cells[0][0].hiding == Hiding::Shown);
    CHECK(t.cells[0][0].value == 0L);
    for (std::size_t c = 1; c <= 4; ++c) {
        CHECK(t.cells[0][c].text == "<5");
        CHECK(t.cells[0][c].hiding == Hiding::Small);
        CHECK_FALSE(t.cells[0][c].value);
    }
    CHECK(t.cells[1][5].text == "1,204");
    CHECK(t.cells[1][5].value == 1204L);
    CHECK(t.rowTotals[0].text == "10");  // the small cells add up to 10: shown, and the row has four hidden
    CHECK_FALSE(t.withheld);
}

TEST_CASE("the small-count threshold is configurable, and at least 3", "[unit]") {
    const CountTable counts = table({{2, 9, 9}, {8, 8, 3}});
    const SuppressedTable three = suppress(counts, 3);
    CHECK(three.cells[0][0].text == "<3");
    CHECK(three.cells[1][2].text == "3");
    const SuppressedTable ten = suppress(counts, 10);
    CHECK(ten.cells[0][1].text == "<10");
    CHECK(ten.cells[1][0].text == "<10");
    CHECK(ten.rowTotals[0].text == "20");
    CHECK(suppress(counts).cells[0][0].text == "<5");
    CHECK_THROWS_AS(suppress(counts, 2), std::invalid_argument);  // "<2" would mean exactly 1
    CHECK_THROWS_AS(suppress(counts, 0), std::invalid_argument);
}

TEST_CASE("a row with one small cell hides its smallest other cell too", "[unit]") {
    const CountTable counts = table({{3, 20, 12}, {10, 11, 13}, {15, 16, 17}});
    const SuppressedTable t = suppress(counts);
    // Row 0 would read 35 - 20 - 12 = 3: its smallest other cell, 12, is hidden. Column 0 and
    // column 2 then each need a second hidden cell: 10 and 13, in row 1.
    CHECK(render(t) ==
          "<5 20 — | 35\n"
          "— 11 — | 34\n"
          "15 16 17 | 48\n"
          "28 47 42 | 117");
    CHECK(t.cells[0][2].hiding == Hiding::Protective);
    CHECK(t.rowTotals[0].hiding == Hiding::Shown);  // cells are hidden before totals
    checkProtected(counts, t, 5);
}

TEST_CASE("a column with one small cell hides its smallest other cell too", "[unit]") {
    const CountTable counts = table({{3, 20, 30}, {9, 25, 40}, {6, 7, 50}});
    const SuppressedTable t = suppress(counts);
    // Column 0 would read 18 - 9 - 6 = 3: its smallest other cell, 6, is hidden (not 9).
    CHECK(t.cells[2][0].hiding == Hiding::Protective);
    CHECK(t.cells[1][0].hiding == Hiding::Shown);
    CHECK(render(t) ==
          "<5 — 30 | 53\n"
          "9 25 40 | 74\n"
          "— — 50 | 63\n"
          "18 52 120 | 190");
    checkProtected(counts, t, 5);
}

TEST_CASE("a small total is hidden as <5 and its own line protected", "[unit]") {
    SECTION("a row total") {
        const CountTable counts = table({{1, 2, 0}, {10, 12, 15}, {8, 9, 11}});
        const SuppressedTable t = suppress(counts);
        CHECK(t.rowTotals[0].text == "<5");
        CHECK(t.rowTotals[0].hiding == Hiding::Small);
        // The row totals are a line too (they add up to the grand total): a second one is hidden.
        CHECK(render(t) ==
              "<5 <5 0 | <5\n"
              "10 12 15 | 37\n"
              "— — 11 | —\n"
              "19 23 26 | 68");
        checkProtected(counts, t, 5);
    }
    SECTION("a column total") {
        const CountTable counts = table({{1, 10, 8}, {3, 12, 9}, {0, 15, 11}});
        const SuppressedTable t = suppress(counts);
        CHECK(t.columnTotals[0].text == "<5");
        CHECK(render(t) ==
              "<5 10 — | 19\n"
              "<5 12 — | 24\n"
              "0 15 11 | 26\n"
              "<5 37 — | 69");
        checkProtected(counts, t, 5);
    }
}

TEST_CASE("no hidden figure can be worked out from what is shown: brute-force search", "[unit]") {
    const std::vector<std::pair<std::vector<std::vector<long>>, int>> cases = {
        {{{3, 10, 12}, {10, 11, 12}, {15, 16, 17}}, 5},
        {{{2, 3}, {1, 2}}, 5},        // every cell small
        {{{1, 2, 3}, {4, 1, 2}}, 5},  // every cell small, larger totals
        {{{1, 5}}, 5},                // a single row
        {{{2, 7, 0, 9}}, 5},          // a single row with a zero
        {{{1}, {5}}, 5},              // a single column
        {{{3}, {8}, {0}, {12}}, 5},   // a single column with a zero
        {{{4}, {3}, {6}}, 5},         // a single column, small total neighbours
        {{{1, 2, 5}, {3, 1, 4}}, 3},  // another threshold
        {{{3}}, 3},                   // one cell
        {{{0, 0}, {0, 9}}, 5},        // zeros around one shown cell
        {{{5, 5}, {5, 5}}, 5},        // protective cells at exactly k cannot shrink
        {{{4, 5, 6}, {1, 0, 9}}, 5},
    };
    for (const auto& [cells, k] : cases) {
        const CountTable counts = table(cells);
        const SuppressedTable t = suppress(counts, k);
        INFO(render(t));
        REQUIRE_FALSE(t.withheld);
        checkProtected(counts, t, k);
    }
}

TEST_CASE("random small tables: every hidden figure has another possible count", "[unit]") {
    Sequence seq;
    int withheld = 0;
    for (int n = 0; n < 400; ++n) {
        const CountTable counts = randomTable(seq);
        const int k = seq.next(2) == 0 ? 3 : 5;
        const SuppressedTable t = suppress(counts, k);
        INFO("k = " << k << "\n" << render(t));
        if (t.withheld) {
            ++withheld;
            CHECK_FALSE(t.grandTotal.hiding == Hiding::Protective);
            continue;
        }
        for (Cell cell : allFigures(counts)) {
            const long v = trueCount(counts, cell);
            const Figure& f = t.at(cell);
            if (v >= 1 && v < k) CHECK(f.hiding == Hiding::Small);
            if (v == 0) CHECK(f.text == "0");  // a zero protects nothing, so it is never hidden
            if (f.hiding == Hiding::Protective) CHECK(v >= k);
            if (!f.hidden()) CHECK(f.value == v);
        }
        checkProtected(counts, t, k);
    }
    CHECK(withheld < 200);  // the search above covered a good share of tables that are shown
}

TEST_CASE("the exact check agrees with the brute-force search, also where two hidden cells per line fail", "[unit]") {
    SECTION("a protective cell is at least k, which a reader knows") {
        // The row reads 6 = "<5" + "—", and "—" is at least 5: the small cell is 1, the other 5.
        const CountTable counts = table({{1, 5}});
        const SuppressedTable shown = hiddenAs(counts, 5, [](Cell c) {
            return c == Cell{0, 1} || c == Cell{kTotal, 1};
        });
        const std::vector<std::string> all = {"(0,0)", "(0,1)", "(T,0)", "(T,1)"};
        CHECK(names(recoverableCells(shown, counts, 5)) == all);
        CHECK(names(BruteForce(counts, shown, 5).pinned()) == all);
        CHECK(render(suppress(counts)) == "<5 — | —\n<5 — | —");  // what suppress does instead
    }
    SECTION("two rows minus two columns leave one hidden cell") {
        // Every line has 0 or at least 2 hidden cells, yet rows 0 and 1 minus columns 0 and 1
        // leave cell (1,2) alone.
        std::vector<std::vector<long>> cells(4, std::vector<long>(4, 10));
        const CountTable counts = table(cells);
        const std::set<std::string> hidden = {"(0,0)", "(0,1)", "(1,0)", "(1,1)", "(1,2)",
                                              "(2,2)", "(2,3)", "(3,2)", "(3,3)"};
        const SuppressedTable shown = hiddenAs(counts, 5, [&](Cell c) { return hidden.count(name(c)) > 0; });
        CHECK(names(recoverableCells(shown, counts, 5)) == std::vector<std::string>{"(1,2)"});
        CHECK(names(BruteForce(counts, shown, 5).pinned()) == std::vector<std::string>{"(1,2)"});
    }
    SECTION("random tables with random protective cells") {
        Sequence seq;
        for (int n = 0; n < 300; ++n) {
            const CountTable counts = randomTable(seq);
            const int k = seq.next(2) == 0 ? 3 : 5;
            std::set<std::string> hidden;
            for (Cell cell : allFigures(counts))
                if (seq.next(2) == 0) hidden.insert(name(cell));
            const SuppressedTable shown = hiddenAs(counts, k, [&](Cell c) { return hidden.count(name(c)) > 0; });
            INFO("k = " << k << "\n" << render(shown));
            CHECK(names(recoverableCells(shown, counts, k)) == names(BruteForce(counts, shown, k).pinned()));
        }
    }
}

TEST_CASE("a table adding up to fewer than k shows only its total", "[unit]") {
    const SuppressedTable t = suppress(table({{1, 2}, {0, 1}}));
    CHECK(t.withheld);
    CHECK(render(t) == "— — | —\n— — | —\n— — | <5");
    CHECK(t.cells[1][0].hiding == Hiding::Withheld);  // zeros too: only the total is shown
    CHECK(t.grandTotal.hiding == Hiding::Small);
    CHECK(recoverableCells(t, table({{1, 2}, {0, 1}})).empty());
    CHECK_FALSE(suppress(table({{0, 0}, {0, 0}})).withheld);  // nothing at all is not small
}

TEST_CASE("a table no hidden cells can protect is withheld, its grand total shown", "[unit]") {
    // Row 0: four cells of at least 1 under a total of at most 4: each is 1, whatever else is hidden.
    const CountTable counts = table({{1, 1, 1, 1}, {10, 10, 10, 10}});
    const SuppressedTable everything = hiddenAs(counts, 5, [](Cell) { return true; });
    CHECK(names(BruteForce(counts, everything, 5).pinned()) ==
          std::vector<std::string>{"(0,0)", "(0,1)", "(0,2)", "(0,3)", "(0,T)"});
    const SuppressedTable t = suppress(counts);
    CHECK(t.withheld);
    CHECK(render(t) == "— — — — | —\n— — — — | —\n— — — — | 44");
}

TEST_CASE("percentages are shown only when both figures are shown", "[unit]") {
    const SuppressedTable t = suppress(table({{3, 20, 12}, {10, 11, 13}, {15, 16, 17}}));
    CHECK(percentText(t, Cell{2, 2}, Cell{2, kTotal}) == "35%");  // 17 of 48
    CHECK(percentText(t, Cell{2, 2}, Cell{2, kTotal}, 1) == "35.4%");
    CHECK(percentText(t, Cell{2, kTotal}, Cell{kTotal, kTotal}) == "41%");  // 48 of 117
    CHECK(percentText(t, Cell{0, 0}, Cell{0, kTotal}) == kHiddenText);      // small numerator
    CHECK(percentText(t, Cell{0, 2}, Cell{kTotal, 2}) == kHiddenText);      // protective numerator
    CHECK(percentText(t, Cell{0, 1}, Cell{0, kTotal}) == "57%");

    const SuppressedTable totals = suppress(table({{1, 2, 0}, {10, 12, 15}, {8, 9, 11}}));
    CHECK(percentText(totals, Cell{2, 2}, Cell{2, kTotal}) == kHiddenText);  // hidden denominator
    CHECK(percentText(totals, Cell{0, 2}, Cell{kTotal, 2}) == "0%");
    CHECK(percentText(totals, Cell{0, 2}, Cell{0, kTotal}) == kHiddenText);  // a small whole

    const SuppressedTable eighth = suppress(table({{5, 35}, {0, 0}}));
    CHECK(percentText(eighth, Cell{0, 0}, Cell{0, kTotal}) == "13%");  // 12.5 rounds up
    CHECK(percentText(eighth, Cell{0, 0}, Cell{0, kTotal}, 3) == "12.500%");
    CHECK(percentText(eighth, Cell{0, kTotal}, Cell{kTotal, kTotal}) == "100%");
    CHECK(percentText(eighth, Cell{1, 0}, Cell{1, kTotal}) == kHiddenText);  // of nothing

    CHECK(percentText(suppress(table({{1, 2}, {0, 1}})), Cell{0, 0}, Cell{kTotal, kTotal}) == kHiddenText);
    CHECK_THROWS_AS(percentText(t, Cell{3, 0}, Cell{kTotal, kTotal}), std::out_of_range);
}

TEST_CASE("a county total minus its shown stations never gives a station's hidden count", "[unit]") {
    CountTable stations = table({{2, 9, 14}, {8, 7, 20}, {11, 6, 9}});
    stations.rowLabels = {"Kilimani", "Capitol Hill", "Kibera"};
    const std::vector<long> county = {21, 22, 43};  // the stations' sessions, nothing else
    const SuppressedTable t = suppressWithinParent(stations, county, "County office");
    REQUIRE(t.rowLabels == stations.rowLabels);  // no sessions elsewhere: no extra row
    CHECK(t.cells[0][0].text == "<5");
    // The county's figures are the totals row. Where the county shows column 0, another
    // station's cell of column 0 is hidden, so 21 minus the shown stations is not Kilimani's.
    CHECK(t.columnTotals[0].text == "21");
    int hiddenInColumn = 0;
    for (std::size_t r = 0; r < 3; ++r) hiddenInColumn += t.cells[r][0].hidden();
    CHECK(hiddenInColumn >= 2);
    checkProtected(withParent(stations, county, "County office"), t, 5);

    // A station suppressed on its own (as its commander might want it) would show Kilimani's
    // row total but protect nothing against the county; from the county table it is protected.
    const SuppressedTable alone = suppress(CountTable{{"Kilimani"}, stations.columnLabels, {stations.cells[0]}});
    CHECK(alone.rowTotals[0].text == "25");
}

TEST_CASE("county sessions no station accounts for get a row of their own", "[unit]") {
    const CountTable stations = table({{12, 9, 14}, {8, 7, 20}});
    const CountTable withCounty = withParent(stations, {24, 16, 34}, "County office");
    REQUIRE(withCounty.rowLabels.size() == 3);
    CHECK(withCounty.rowLabels[2] == "County office");
    CHECK(withCounty.cells[2] == std::vector<long>{4, 0, 0});
    const SuppressedTable t = suppressWithinParent(stations, {24, 16, 34}, "County office");
    CHECK(t.cells[2][0].text == "<5");  // the county minus its stations would be 4
    CHECK(t.columnTotals[0].text == "24");
    checkProtected(withCounty, t, 5);
    CHECK_THROWS_AS(withParent(stations, {19, 16, 34}, "County office"), std::invalid_argument);
    CHECK_THROWS_AS(withParent(stations, {24, 16}, "County office"), std::invalid_argument);
}

TEST_CASE("requested dates become whole months that have ended", "[unit]") {
    const auto range = alignedPeriod("2026-03-14", "2026-05-02", "2026-07-10");
    REQUIRE(range);
    CHECK(range->from == "2026-03-01");
    CHECK(range->to == "2026-05-31");
    CHECK(range->months == std::vector<std::string>{"2026-03", "2026-04", "2026-05"});

    // Two windows a day apart ask for the same months: no day can be subtracted out.
    CHECK(alignedPeriod("2026-03-02", "2026-05-31", "2026-07-10")->from == "2026-03-01");
    CHECK(alignedPeriod("2026-03-02", "2026-05-30", "2026-07-10")->to == "2026-05-31");

    CHECK(alignedPeriod("2024-02-10", "2024-02-10", "2024-06-01")->to == "2024-02-29");
    CHECK(alignedPeriod("2025-02-10", "2025-02-10", "2025-06-01")->to == "2025-02-28");
    const auto across = alignedPeriod("2025-11-20", "2026-01-05", "2026-03-01");
    REQUIRE(across);
    CHECK(across->months == std::vector<std::string>{"2025-11", "2025-12", "2026-01"});
    CHECK(across->to == "2026-01-31");

    // The month under way is left out: it changes every day.
    const auto current = alignedPeriod("2026-05-01", "2026-07-31", "2026-07-15");
    REQUIRE(current);
    CHECK(current->to == "2026-06-30");
    CHECK(alignedPeriod("2026-06-01", "2026-06-30", "2026-07-01")->to == "2026-06-30");
    CHECK_FALSE(alignedPeriod("2026-07-01", "2026-07-31", "2026-07-15"));
    CHECK_FALSE(alignedPeriod("2026-08-01", "2026-09-30", "2026-07-15"));

    CHECK_FALSE(alignedPeriod("2026-05-02", "2026-05-01", "2026-07-15"));
    CHECK_FALSE(alignedPeriod("2026-02-30", "2026-05-01", "2026-07-15"));
    CHECK_FALSE(alignedPeriod("", "2026-05-01", "2026-07-15"));
    CHECK_FALSE(alignedPeriod("2026-01-01", "2026-05-01", "15/07/2026"));
}

TEST_CASE("overlapping ranges of months cannot be subtracted to give a month away", "[unit]") {
    const std::vector<std::vector<long>> jan = {{2, 12, 8}}, feb = {{9, 15, 7}}, mar = {{11, 6, 20}};

    // Suppressed as one table, each range picks its own protective cells, and both ranges show
    // their category 0 total: 22 - 20 is January's 2.
    const SuppressedTable janToMarAsOne = suppress(table({jan[0], feb[0], mar[0]}));
    const SuppressedTable febToMarAsOne = suppress(table({feb[0], mar[0]}));
    CHECK(janToMarAsOne.cells[0][0].text == "<5");
    CHECK(janToMarAsOne.columnTotals[0].text == "22");
    CHECK(febToMarAsOne.columnTotals[0].text == "20");

    // Month by month, a range's figure is shown only when every month behind it is.
    CountTable byMonth = table({jan[0], feb[0], mar[0]});
    byMonth.rowLabels = {"2026-01", "2026-02", "2026-03"};
    const SuppressedTable janToMar = suppressByMonth(byMonth);
    byMonth.rowLabels.erase(byMonth.rowLabels.begin());
    byMonth.cells.erase(byMonth.cells.begin());
    const SuppressedTable febToMar = suppressByMonth(byMonth);
    CHECK(render(janToMar) ==
          "<5 12 — | 22\n"
          "9 15 7 | 31\n"
          "11 6 20 | 37\n"
          "— 33 — | 90");
    CHECK(render(febToMar) ==
          "9 15 7 | 31\n"
          "11 6 20 | 37\n"
          "20 21 27 | 68");
    for (std::size_t c = 0; c < 3; ++c) {
        // Both range totals shown means January's cell was shown anyway.
        if (janToMar.columnTotals[c].value && febToMar.columnTotals[c].value) CHECK(janToMar.cells[0][c].value);
    }
    // February and March read the same in both ranges.
    CHECK(render(janToMar).find("9 15 7 | 31\n11 6 20 | 37") != std::string::npos);

    // A month with fewer than 5 sessions shows only its total.
    const SuppressedTable quiet = suppressByMonth(CountTable{{"2026-04"}, byMonth.columnLabels, {{1, 0, 2}}});
    CHECK(render(quiet) == "— — — | <5\n— — — | —");
}

TEST_CASE("a range of county tables is the sum of its months where every month is shown", "[unit]") {
    CountTable january = table({{2, 9, 14}, {8, 7, 20}, {11, 6, 9}});
    CountTable february = table({{12, 9, 14}, {8, 7, 20}, {11, 6, 9}});
    const SuppressedTable jan = suppress(january), feb = suppress(february);
    const SuppressedTable range = combineMonths({jan, feb});
    for (Cell cell : allFigures(january)) {
        INFO(name(cell));
        const bool bothShown = !jan.at(cell).hidden() && !feb.at(cell).hidden();
        CHECK(range.at(cell).hidden() == !bothShown);
        if (bothShown) {
            CHECK(range.at(cell).value == *jan.at(cell).value + *feb.at(cell).value);
        } else {
            CHECK(range.at(cell).text == kHiddenText);
        }
    }
    CHECK(range.cells[0][0].hiding == Hiding::Protective);  // 14 in all, but January's 2 is hidden
    CHECK(combineMonths({feb}).cells[0][0].text == "12");
    CHECK_THROWS_AS(combineMonths({}), std::invalid_argument);
    CHECK_THROWS_AS(combineMonths({jan, suppress(table({{12, 9}}))}), std::invalid_argument);
}

TEST_CASE("tables that do not add up are refused", "[unit]") {
    CountTable missingRow = table({{1, 2}});
    missingRow.rowLabels.push_back("row 1");
    CHECK_THROWS_AS(suppress(missingRow), std::invalid_argument);
    CountTable shortRow = table({{1, 2}, {3}});
    CHECK_THROWS_AS(suppress(shortRow), std::invalid_argument);
    CHECK_THROWS_AS(suppress(table({{1, -2}})), std::invalid_argument);
    const SuppressedTable empty = suppress(CountTable{});
    CHECK(empty.grandTotal.text == "0");
    CHECK(empty.cells.empty());
    CHECK_THROWS_AS(recoverableCells(suppress(table({{1, 2}})), table({{1, 2}, {3, 4}})), std::invalid_argument);
}
