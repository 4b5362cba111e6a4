// Rows of a list section, kept by column: the view model for any list with many rows of the
// same fields (table rows, select options). A template reads them exactly as a list of
// objects ({{#officers}}{{surname}}{{/officers}}), and {{x}} is escaped as everywhere.
//
// Why: a kainjow object is a hash map whose every value is a separate heap object, and
// filling one key allocates an empty map it then throws away; callgrind counted about 22,000
// instructions to build and free each 9-field officer row, 40 % of an uncached list page.
// Here a row costs one list item plus one small string per non-empty cell.
//
// How: each item of the list is a kainjow "partial" holding {table, row}; Templates renders
// with a context (ViewContext) that reads a name on such an item from that row's cells. A cell
// never set reads as a missing key (the name is looked up further out, as kainjow does). The
// table is shared by the view (shared_ptr), so views stay copyable and own what they show.
#pragma once

#include "http/Templates.h"

#include <memory>
#include <string>
#include <vector>

namespace kituo::http {

class ViewTable {
public:
    // `columns`: the names rows may set; `expectedRows` reserves room.
    explicit ViewTable(std::vector<std::string> columns, std::size_t expectedRows = 0);

    // Starts a new row at the end; its cells are unset.
    void addRow();
    // Sets a cell of the last row. Throws std::logic_error for a name not among the columns
    // (a programming error, caught by the first render of the page in its tests).
    void set(const std::string& column, std::string value);
    void set(const std::string& column, const char* value) { set(column, std::string(value)); }
    void set(const std::string& column, bool value);

    std::size_t rows() const { return _cells.size() / _columns.size(); }
    // The cell of `row` named `column`, or nullptr when there is no such column or it is unset.
    const View* cell(std::size_t row, const std::string& column) const;

private:
    std::size_t indexOf(const std::string& column) const;  // _columns.size() when absent
    View& lastRowCell(const std::string& column);

    std::vector<std::string> _columns;
    std::vector<View> _cells;  // row after row, _columns.size() cells each
};

// A list item's reference to its row (what the item's partial holds).
struct ViewTableRow {
    std::shared_ptr<const ViewTable> table;
    std::size_t row;
    std::string operator()() const { return {}; }  // a partial's signature; never called
};

// The table as a list section (one item per row), to put under a key of a view.
View listOf(std::shared_ptr<const ViewTable> table);

// The row an item of listOf() stands for, or nullptr for any other view.
const ViewTableRow* tableRow(const View& item);

}  // namespace kituo::http
