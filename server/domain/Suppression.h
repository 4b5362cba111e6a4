// Small-cell suppression for counselling statistics shown outside the counselling team
// (commanders and HR): counts of sessions by station, month, type or concern, with totals.
// Pure: no I/O, no clock; the caller passes the counts and, for periods, today's date.
//
// What a reader sees in a cell:
// - "0" for no sessions, the count itself ("12", "1,204") for k or more;
// - "<k" ("<5") for 1 to k-1 sessions: a small cell. Decided on the raw count, before any
//   rounding. k defaults to 5 and is at least 3 (with k = 2, "<2" would mean exactly 1);
// - "—" for a cell hidden to protect a small one (a protective cell).
//
// Why protective cells. Every row and every column of the table, the totals row and totals
// column included, is a sum a reader can redo: the total equals its cells. A line with one
// hidden cell gives it away (total minus the rest), so a second cell of that line is hidden:
// its smallest non-zero shown cell, ties by position, cells before totals and the grand total
// last; but first a cell whose other line also has a lone hidden cell, so that one cell protects
// both. A zero is never chosen: it is shown as "0", so hiding it would protect nothing. This
// repeats until no line has exactly one hidden cell.
// Two hidden cells per line are not always enough: lines can be combined (the cells of two rows
// minus those of two columns can leave a single hidden cell), and readers know the bounds: a
// "<5" is 1 to 4, and a "—" is at least 5, since protective cells are only ever chosen among
// shown cells, which are 0 or at least k. So each hidden cell is then checked exactly: it is
// safe when some other table, consistent with everything shown and with those bounds, gives it
// a different count. While one is not safe, another cell is hidden (one that makes it safe if
// there is one, else the smallest non-zero shown cell of its row or column; in both cases cells
// before totals), and the check runs again.
//
// When nothing can protect a table:
// - a table adding up to fewer than k sessions shows only its grand total, "<k": a breakdown of
//   a handful of sessions cannot be shown safely (and withholding every such table, rather than
//   only the ones that would give something away, keeps the withholding itself from telling);
// - a table where even hiding every non-zero cell leaves a count that can be worked out (four
//   concerns with one session each, in a station whose total is then "<5": each is exactly 1)
//   is withheld: only its grand total is shown.
//
// Stations and counties. A county's figures minus those of its stations must not reveal a
// station, so the county is the totals row of its stations' table and both are suppressed
// together (suppressWithinParent). A place's figures are shown from one table only: a station
// commander sees the station's row of the county table, not a table suppressed on its own,
// or the two could hide different cells and together give a count away.
//
// Periods. Statistics cover whole calendar months that have ended. An arbitrary window is
// refused: two windows differing by one day would give that day's count by subtraction, and a
// month still under way changes day by day, which is the same subtraction over time. Months
// alone are not enough either when a range is suppressed as one table: Jan–Mar and Feb–Mar may
// pick different protective cells, and Jan–Mar's total minus Feb–Mar's is January. So each
// month is suppressed on its own, the same way in whatever range it is shown, and a figure for
// a range of months is shown only when every month figure it adds up is shown: a range never
// tells more than its months.
//
// Percentages are shown only when both the part and the whole are shown.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace kituo::domain {

// Counts at or above this are shown; 1 to k-1 are small.
constexpr int kDefaultSmallCount = 5;
// The text of a hidden figure that is not shown as "<k", and of a hidden percentage.
extern const char* const kHiddenText;  // "—"

// Raw counts: cells[row][column], one row per rowLabels entry, one count per column. Totals are
// computed, never passed in, so they always add up.
struct CountTable {
    std::vector<std::string> rowLabels;
    std::vector<std::string> columnLabels;
    std::vector<std::vector<long>> cells;
};

enum class Hiding {
    Shown,       // the count is shown
    Small,       // 1 to k-1: shown as "<k"
    Protective,  // hidden so that a small figure cannot be worked out: "—"
    Withheld,    // the table cannot be shown safely: "—"
};

struct Figure {
    std::string text;  // "0", "12", "<5" or "—"
    Hiding hiding = Hiding::Shown;
    std::optional<long> value;  // the count, only when shown
    bool hidden() const { return hiding != Hiding::Shown; }
};

// A figure of a table: row and column index, kTotal for a total (both kTotal: the grand total).
constexpr std::size_t kTotal = static_cast<std::size_t>(-1);
struct Cell {
    std::size_t row = 0;
    std::size_t column = 0;
};
inline bool operator==(const Cell& a, const Cell& b) { return a.row == b.row && a.column == b.column; }
inline bool operator!=(const Cell& a, const Cell& b) { return !(a == b); }

// What readers outside the counselling team may see. Holds no hidden count, so it can go to a
// page as it is.
struct SuppressedTable {
    std::vector<std::string> rowLabels;
    std::vector<std::string> columnLabels;
    std::vector<std::vector<Figure>> cells;  // [row][column]
    std::vector<Figure> rowTotals;           // one per row
    std::vector<Figure> columnTotals;        // one per column: the totals row
    Figure grandTotal;
    bool withheld = false;  // only the grand total is shown (see the header comment)

    // The figure at `cell`; throws std::out_of_range outside the table.
    const Figure& at(Cell cell) const;
};

// The table as it may be shown, with small and protective cells hidden. Deterministic: the
// same counts and k always hide the same cells. Throws std::invalid_argument for k below 3,
// a negative count, or rows and labels that do not match.
SuppressedTable suppress(const CountTable& counts, int k = kDefaultSmallCount);

// The hidden figures of `shown` (made from `counts` with threshold k) that a reader could still
// work out exactly from the shown figures, the sums and the bounds ("<k" is 1 to k-1, "—" is at
// least k): row by row, each row's total after its cells, the totals row last. Empty for every
// table `suppress` returns: it is the check `suppress` runs, public so that audits and tests can
// run it. Empty for a withheld table.
std::vector<Cell> recoverableCells(const SuppressedTable& shown, const CountTable& counts, int k = kDefaultSmallCount);

// The stations' table with the county (or any parent place) as its totals row: `children` has one
// row per child place and `parentCounts` one count per column. Sessions of the parent that no
// child accounts for (seen at the county office, say) become one more row, `elsewhereLabel`,
// suppressed like any station; no such row when there are none. Throws std::invalid_argument
// when the parent has fewer sessions than its children in some column, or the columns differ.
CountTable withParent(const CountTable& children, const std::vector<long>& parentCounts,
                      const std::string& elsewhereLabel);
// suppress(withParent(...)): a county total minus the shown stations never gives a hidden
// station's count. The county's own figures are this table's totals row.
SuppressedTable suppressWithinParent(const CountTable& children, const std::vector<long>& parentCounts,
                                     const std::string& elsewhereLabel, int k = kDefaultSmallCount);

// A part as a percentage of a whole, both figures of `shown`: "23%", or "23.4%" with
// decimals = 1 (0 to 3; half rounds up). kHiddenText when either is hidden, or the whole is 0.
std::string percentText(const SuppressedTable& shown, Cell part, Cell whole, int decimals = 0);

// Whole calendar months: from the first day of the first month to the last day of the last.
struct MonthRange {
    std::string from;                 // "YYYY-MM-01"
    std::string to;                   // "YYYY-MM-DD", that month's last day
    std::vector<std::string> months;  // "YYYY-MM", first to last
};
// The whole months a request from `from` to `to` ("YYYY-MM-DD", both inclusive) may show on
// `today`: from the start of from's month to the end of to's month, ending with the last month
// that has ended before `today`. Nothing when a date is not a real date, `to` is before `from`,
// or no month of the range has ended yet.
std::optional<MonthRange> alignedPeriod(const std::string& from, const std::string& to, const std::string& today);

// A range of months as one table: each figure is the sum of the months' figures, shown only when
// every one of them is shown, else hidden ("—", Protective). `months` are tables from `suppress`
// (or suppressWithinParent), one per month, with the same labels; throws std::invalid_argument
// when there are none or the labels differ.
SuppressedTable combineMonths(const std::vector<SuppressedTable>& months);

// One place's counts by month: one row per month (label "YYYY-MM", say), one column per
// category. Each month is suppressed on its own as a one-row table; the totals row holds the
// range's figures, shown only where every month is shown (as combineMonths). A month's total is
// its row total.
SuppressedTable suppressByMonth(const CountTable& byMonth, int k = kDefaultSmallCount);

}  // namespace kituo::domain
