// Small-cell suppression; see Suppression.h for the rules and why.
#include "domain/Suppression.h"

#include "domain/Time.h"
#include "domain/Words.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <tuple>

namespace kituo::domain {

const char* const kHiddenText = "\u2014";

namespace {

constexpr long kUnbounded = std::numeric_limits<long>::max() / 4;

// The table and its totals as one grid of (rows + 1) x (columns + 1) figures: the last row holds
// the column totals, the last column the row totals, the corner the grand total. Every line of
// the grid, row or column, is a sum a reader can redo: its last figure is the sum of the others.
struct Grid {
    std::size_t rows = 0;     // the totals row included
    std::size_t columns = 0;  // the totals column included
    std::vector<long> value;
    std::vector<Hiding> hiding;

    std::size_t index(std::size_t r, std::size_t c) const { return r * columns + c; }
    std::size_t rowOf(std::size_t i) const { return i / columns; }
    std::size_t columnOf(std::size_t i) const { return i % columns; }
    // 0 for a cell, 1 for a row or column total, 2 for the grand total.
    int rank(std::size_t i) const { return (rowOf(i) + 1 == rows) + (columnOf(i) + 1 == columns); }
    bool hidden(std::size_t i) const { return hiding[i] != Hiding::Shown; }
    bool sameLine(std::size_t a, std::size_t b) const { return rowOf(a) == rowOf(b) || columnOf(a) == columnOf(b); }
};

void checkThreshold(int k) {
    if (k < 3) throw std::invalid_argument("the small-count threshold must be at least 3");
}

void checkShape(const CountTable& counts) {
    if (counts.cells.size() != counts.rowLabels.size())
        throw std::invalid_argument("a count table needs one row of counts per row label");
    for (const auto& row : counts.cells) {
        if (row.size() != counts.columnLabels.size())
            throw std::invalid_argument("a count table needs one count per column label in every row");
        for (long n : row)
            if (n < 0) throw std::invalid_argument("a count cannot be negative");
    }
}

Grid gridOf(const CountTable& counts) {
    Grid g;
    g.rows = counts.rowLabels.size() + 1;
    g.columns = counts.columnLabels.size() + 1;
    g.value.assign(g.rows * g.columns, 0);
    g.hiding.assign(g.rows * g.columns, Hiding::Shown);
    const std::size_t R = g.rows - 1, C = g.columns - 1;
    for (std::size_t r = 0; r < R; ++r) {
        for (std::size_t c = 0; c < C; ++c) {
            const long n = counts.cells[r][c];
            g.value[g.index(r, c)] = n;
            g.value[g.index(r, C)] += n;
            g.value[g.index(R, c)] += n;
            g.value[g.index(R, C)] += n;
        }
    }
    return g;
}

// Whether a reader could give hidden figure h another count. Seen as flows: grid row r and grid
// column c are nodes, and each hidden figure (r, c) an edge between them. Counting the cells of
// a line with a plus and its total with a minus (the grand total, a total twice, with a plus),
// every line sums to zero, so changes that keep every sum are circulations on those edges. One
// that changes h and keeps every hidden figure within its bounds exists exactly when one of a
// single unit does, around a simple loop through h (split a circulation into loops that each
// go the same way as it on every edge); that is a path search in the graph of the moves by one
// that each figure allows.
bool canChange(const Grid& g, std::size_t h, int k) {
    const std::size_t nodes = g.rows + g.columns;
    std::vector<std::vector<std::size_t>> arcs(nodes);
    long upH = 0, downH = 0;
    for (std::size_t i = 0; i < g.value.size(); ++i) {
        if (g.hiding[i] != Hiding::Small && g.hiding[i] != Hiding::Protective) continue;
        const long lo = g.hiding[i] == Hiding::Small ? 1 : k;
        const long hi = g.hiding[i] == Hiding::Small ? k - 1 : kUnbounded;
        const bool plus = g.rank(i) != 1;
        const long up = plus ? hi - g.value[i] : g.value[i] - lo;    // room for a move row -> column
        const long down = plus ? g.value[i] - lo : hi - g.value[i];  // room for a move column -> row
        const std::size_t rowNode = g.rowOf(i), columnNode = g.rows + g.columnOf(i);
        if (i == h) {
            upH = up;
            downH = down;
            continue;
        }
        if (up >= 1) arcs[rowNode].push_back(columnNode);
        if (down >= 1) arcs[columnNode].push_back(rowNode);
    }
    const auto reaches = [&](std::size_t from, std::size_t to) {
        std::vector<bool> seen(nodes, false);
        std::vector<std::size_t> todo{from};
        seen[from] = true;
        while (!todo.empty()) {
            const std::size_t n = todo.back();
            todo.pop_back();
            if (n == to) return true;
            for (std::size_t m : arcs[n]) {
                if (!seen[m]) {
                    seen[m] = true;
                    todo.push_back(m);
                }
            }
        }
        return false;
    };
    const std::size_t rowNode = g.rowOf(h), columnNode = g.rows + g.columnOf(h);
    return (upH >= 1 && reaches(columnNode, rowNode)) || (downH >= 1 && reaches(rowNode, columnNode));
}

std::optional<std::size_t> firstRecoverable(const Grid& g, int k) {
    for (std::size_t i = 0; i < g.value.size(); ++i)
        if (g.hidden(i) && !canChange(g, i, k)) return i;
    return std::nullopt;
}

// Shown non-zero figures, the ones a protective cell may be chosen from, best first by `key`.
template <typename Key>
std::vector<std::size_t> candidates(const Grid& g, Key key) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < g.value.size(); ++i)
        if (!g.hidden(i) && g.value[i] > 0) out.push_back(i);
    std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    return out;
}

// Hides a second figure in every line that has exactly one hidden, until none has. The figure is
// the line's smallest non-zero shown one, cells before totals and the grand total last, ties by
// position; but first one whose other line also has exactly one hidden figure, as hiding it
// protects both lines at once (two small cells in a row and a column close a loop of four rather
// than set off a chain across the table).
void protectLines(Grid& g) {
    const auto hiddenIn = [&g](std::size_t i, bool row) {
        std::size_t n = 0;
        for (std::size_t j = 0; j < g.value.size(); ++j)
            n += g.hidden(j) && (row ? g.rowOf(j) == g.rowOf(i) : g.columnOf(j) == g.columnOf(i));
        return n;
    };
    const auto protectLine = [&](const std::vector<std::size_t>& line, bool isRow) {
        std::size_t hidden = 0;
        for (std::size_t i : line) hidden += g.hidden(i);
        if (hidden != 1) return false;
        std::optional<std::size_t> best;
        std::tuple<bool, int, long> bestKey;
        for (std::size_t i : line) {
            if (g.hidden(i) || g.value[i] == 0) continue;
            const std::tuple<bool, int, long> key{hiddenIn(i, !isRow) != 1, g.rank(i), g.value[i]};
            if (!best || key < bestKey) {
                best = i;
                bestKey = key;
            }
        }
        if (!best) return false;
        g.hiding[*best] = Hiding::Protective;
        return true;
    };
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t r = 0; r < g.rows; ++r) {
            std::vector<std::size_t> line;
            for (std::size_t c = 0; c < g.columns; ++c) line.push_back(g.index(r, c));
            changed = protectLine(line, true) || changed;
        }
        for (std::size_t c = 0; c < g.columns; ++c) {
            std::vector<std::size_t> line;
            for (std::size_t r = 0; r < g.rows; ++r) line.push_back(g.index(r, c));
            changed = protectLine(line, false) || changed;
        }
    }
}

// Hides small figures, then protective ones until no hidden figure can be worked out. False when
// that cannot be done even with every non-zero figure hidden.
bool protect(Grid& g, int k) {
    for (std::size_t i = 0; i < g.value.size(); ++i)
        if (g.value[i] >= 1 && g.value[i] < k) g.hiding[i] = Hiding::Small;
    for (;;) {
        protectLines(g);
        const std::optional<std::size_t> exposed = firstRecoverable(g, k);
        if (!exposed) return true;
        const std::size_t h = *exposed;
        const auto order =
            candidates(g, [&](std::size_t i) { return std::make_tuple(!g.sameLine(i, h), g.rank(i), g.value[i], i); });
        if (order.empty()) return false;
        std::size_t chosen = order.front();
        for (std::size_t i : order) {
            g.hiding[i] = Hiding::Protective;
            const bool helps = canChange(g, h, k);
            g.hiding[i] = Hiding::Shown;
            if (helps) {
                chosen = i;
                break;
            }
        }
        g.hiding[chosen] = Hiding::Protective;
    }
}

Figure figureOf(long value, Hiding hiding, int k) {
    switch (hiding) {
        case Hiding::Shown: return Figure{groupThousands(value), hiding, value};
        case Hiding::Small: return Figure{"<" + std::to_string(k), hiding, std::nullopt};
        case Hiding::Protective:
        case Hiding::Withheld: break;
    }
    return Figure{kHiddenText, hiding, std::nullopt};
}

SuppressedTable tableOf(const CountTable& counts, const Grid& g, int k) {
    SuppressedTable t;
    t.rowLabels = counts.rowLabels;
    t.columnLabels = counts.columnLabels;
    const std::size_t R = g.rows - 1, C = g.columns - 1;
    const auto figure = [&](std::size_t r, std::size_t c) {
        const std::size_t i = g.index(r, c);
        return figureOf(g.value[i], g.hiding[i], k);
    };
    t.cells.resize(R);
    for (std::size_t r = 0; r < R; ++r) {
        for (std::size_t c = 0; c < C; ++c) t.cells[r].push_back(figure(r, c));
        t.rowTotals.push_back(figure(r, C));
    }
    for (std::size_t c = 0; c < C; ++c) t.columnTotals.push_back(figure(R, c));
    t.grandTotal = figure(R, C);
    return t;
}

// Only the grand total is shown: "<k" when it is small, else its count.
void withhold(Grid& g, int k) {
    std::fill(g.hiding.begin(), g.hiding.end(), Hiding::Withheld);
    const long grand = g.value.back();
    g.hiding.back() = grand >= 1 && grand < k ? Hiding::Small : Hiding::Shown;
}

Cell cellOf(const Grid& g, std::size_t i) {
    const std::size_t r = g.rowOf(i), c = g.columnOf(i);
    return Cell{r + 1 == g.rows ? kTotal : r, c + 1 == g.columns ? kTotal : c};
}

// The sum of figures, shown only when every one of them is shown.
Figure sumOfShown(const std::vector<const Figure*>& figures) {
    long sum = 0;
    for (const Figure* f : figures) {
        if (!f->value) return Figure{kHiddenText, Hiding::Protective, std::nullopt};
        sum += *f->value;
    }
    return Figure{groupThousands(sum), Hiding::Shown, sum};
}

bool isLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeapYear(y) ? 29 : days[m - 1];
}

std::string twoDigits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

const Figure& SuppressedTable::at(Cell cell) const {
    if (cell.row == kTotal && cell.column == kTotal) return grandTotal;
    if (cell.row == kTotal) return columnTotals.at(cell.column);
    if (cell.column == kTotal) return rowTotals.at(cell.row);
    return cells.at(cell.row).at(cell.column);
}

SuppressedTable suppress(const CountTable& counts, int k) {
    checkThreshold(k);
    checkShape(counts);
    Grid g = gridOf(counts);
    const long grand = g.value.back();
    const bool withheld = (grand >= 1 && grand < k) || !protect(g, k);
    if (withheld) withhold(g, k);
    SuppressedTable t = tableOf(counts, g, k);
    t.withheld = withheld;
    return t;
}

std::vector<Cell> recoverableCells(const SuppressedTable& shown, const CountTable& counts, int k) {
    checkThreshold(k);
    checkShape(counts);
    Grid g = gridOf(counts);
    const std::size_t R = g.rows - 1, C = g.columns - 1;
    bool matches = shown.cells.size() == R && shown.rowTotals.size() == R && shown.columnTotals.size() == C;
    for (const auto& row : shown.cells) matches = matches && row.size() == C;
    if (!matches) throw std::invalid_argument("the suppressed table does not match the counts");
    if (shown.withheld) return {};
    for (std::size_t i = 0; i < g.value.size(); ++i) g.hiding[i] = shown.at(cellOf(g, i)).hiding;
    std::vector<Cell> out;
    for (std::size_t i = 0; i < g.value.size(); ++i)
        if (g.hidden(i) && !canChange(g, i, k)) out.push_back(cellOf(g, i));
    return out;
}

CountTable withParent(const CountTable& children, const std::vector<long>& parentCounts,
                      const std::string& elsewhereLabel) {
    checkShape(children);
    if (parentCounts.size() != children.columnLabels.size())
        throw std::invalid_argument("the parent needs one count per column");
    std::vector<long> elsewhere = parentCounts;
    for (const auto& row : children.cells)
        for (std::size_t c = 0; c < row.size(); ++c) elsewhere[c] -= row[c];
    CountTable out = children;
    if (std::any_of(elsewhere.begin(), elsewhere.end(), [](long n) { return n < 0; }))
        throw std::invalid_argument("a parent cannot have fewer sessions than its children");
    if (std::any_of(elsewhere.begin(), elsewhere.end(), [](long n) { return n > 0; })) {
        out.rowLabels.push_back(elsewhereLabel);
        out.cells.push_back(elsewhere);
    }
    return out;
}

SuppressedTable suppressWithinParent(const CountTable& children, const std::vector<long>& parentCounts,
                                     const std::string& elsewhereLabel, int k) {
    return suppress(withParent(children, parentCounts, elsewhereLabel), k);
}

std::string percentText(const SuppressedTable& shown, Cell part, Cell whole, int decimals) {
    const Figure& p = shown.at(part);
    const Figure& w = shown.at(whole);
    if (!p.value || !w.value || *w.value == 0) return kHiddenText;
    decimals = std::clamp(decimals, 0, 3);
    long scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    const long rounded = (2 * *p.value * 100 * scale + *w.value) / (2 * *w.value);
    std::string text = std::to_string(rounded / scale);
    if (decimals > 0) {
        std::string fraction = std::to_string(rounded % scale);
        text += "." + std::string(decimals - fraction.size(), '0') + fraction;
    }
    return text + "%";
}

std::optional<MonthRange> alignedPeriod(const std::string& from, const std::string& to, const std::string& today) {
    if (!isIsoDate(from) || !isIsoDate(to) || !isIsoDate(today) || to < from) return std::nullopt;
    const auto year = [](const std::string& d) { return std::stoi(d.substr(0, 4)); };
    const auto month = [](const std::string& d) { return std::stoi(d.substr(5, 2)); };
    // Months counted from year 0, so that ranges are plain integer ranges.
    const int first = year(from) * 12 + month(from) - 1;
    const int last = std::min(year(to) * 12 + month(to) - 1, year(today) * 12 + month(today) - 2);
    if (last < first) return std::nullopt;
    MonthRange range;
    for (int m = first; m <= last; ++m) range.months.push_back(std::to_string(m / 12) + "-" + twoDigits(m % 12 + 1));
    range.from = range.months.front() + "-01";
    range.to = range.months.back() + "-" + twoDigits(daysInMonth(last / 12, last % 12 + 1));
    return range;
}

SuppressedTable combineMonths(const std::vector<SuppressedTable>& months) {
    if (months.empty()) throw std::invalid_argument("a range needs at least one month");
    const SuppressedTable& first = months.front();
    const std::size_t R = first.rowLabels.size(), C = first.columnLabels.size();
    for (const SuppressedTable& m : months) {
        bool same = m.rowLabels == first.rowLabels && m.columnLabels == first.columnLabels && m.cells.size() == R &&
                    m.rowTotals.size() == R && m.columnTotals.size() == C;
        for (const auto& row : m.cells) same = same && row.size() == C;
        if (!same) throw std::invalid_argument("the months of a range need the same rows and columns");
    }
    const auto combined = [&months](Cell cell) {
        std::vector<const Figure*> figures;
        for (const SuppressedTable& m : months) figures.push_back(&m.at(cell));
        return sumOfShown(figures);
    };
    SuppressedTable t;
    t.rowLabels = first.rowLabels;
    t.columnLabels = first.columnLabels;
    t.cells.resize(R);
    for (std::size_t r = 0; r < R; ++r) {
        for (std::size_t c = 0; c < C; ++c) t.cells[r].push_back(combined(Cell{r, c}));
        t.rowTotals.push_back(combined(Cell{r, kTotal}));
    }
    for (std::size_t c = 0; c < C; ++c) t.columnTotals.push_back(combined(Cell{kTotal, c}));
    t.grandTotal = combined(Cell{kTotal, kTotal});
    return t;
}

SuppressedTable suppressByMonth(const CountTable& byMonth, int k) {
    checkThreshold(k);
    checkShape(byMonth);
    const std::size_t C = byMonth.columnLabels.size();
    SuppressedTable t;
    t.rowLabels = byMonth.rowLabels;
    t.columnLabels = byMonth.columnLabels;
    std::vector<SuppressedTable> months;
    for (std::size_t r = 0; r < byMonth.rowLabels.size(); ++r) {
        months.push_back(suppress(CountTable{{byMonth.rowLabels[r]}, byMonth.columnLabels, {byMonth.cells[r]}}, k));
        // In a one-row table the grand total is the row total, and the one figure a withheld
        // month still shows.
        t.cells.push_back(months.back().cells.front());
        t.rowTotals.push_back(months.back().grandTotal);
    }
    for (std::size_t c = 0; c < C; ++c) {
        std::vector<const Figure*> figures;
        for (const SuppressedTable& m : months) figures.push_back(&m.cells.front()[c]);
        t.columnTotals.push_back(sumOfShown(figures));
    }
    std::vector<const Figure*> totals;
    for (const SuppressedTable& m : months) totals.push_back(&m.grandTotal);
    t.grandTotal = sumOfShown(totals);
    return t;
}

}  // namespace kituo::domain
