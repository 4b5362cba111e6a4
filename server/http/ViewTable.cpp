// Column-stored list rows; see ViewTable.h.
#include "http/ViewTable.h"

#include "http/ViewBuild.h"

#include <stdexcept>

namespace kituo::http {

ViewTable::ViewTable(std::vector<std::string> columns, std::size_t expectedRows) : _columns(std::move(columns)) {
    if (_columns.empty()) throw std::logic_error("a view table needs at least one column");
    _cells.reserve(expectedRows * _columns.size());
}

void ViewTable::addRow() {
    for (std::size_t i = 0; i < _columns.size(); ++i) _cells.emplace_back(View::type::invalid);  // unset
}

std::size_t ViewTable::indexOf(const std::string& column) const {
    // A handful of columns: a scan costs less than hashing the name.
    std::size_t i = 0;
    while (i < _columns.size() && _columns[i] != column) ++i;
    return i;
}

View& ViewTable::lastRowCell(const std::string& column) {
    const std::size_t i = indexOf(column);
    if (i == _columns.size()) throw std::logic_error("view table has no column " + column);
    if (_cells.empty()) throw std::logic_error("view table: set() before addRow()");
    return _cells[_cells.size() - _columns.size() + i];
}

void ViewTable::set(const std::string& column, std::string value) { lastRowCell(column) = View(value); }

void ViewTable::set(const std::string& column, bool value) { lastRowCell(column) = View(value); }

const View* ViewTable::cell(std::size_t row, const std::string& column) const {
    const std::size_t i = indexOf(column);
    if (i == _columns.size()) return nullptr;
    const View& c = _cells[row * _columns.size() + i];
    return c.is_invalid() ? nullptr : &c;
}

View listOf(std::shared_ptr<const ViewTable> table) {
    View list(View::type::list);
    auto& items = listItems(list);
    const std::size_t n = table->rows();
    items.reserve(n);
    for (std::size_t row = 0; row < n; ++row) {
        items.emplace_back(kainjow::mustache::partial(ViewTableRow{table, row}));
    }
    return list;
}

const ViewTableRow* tableRow(const View& item) {
    return item.is_partial() ? item.partial_value().target<ViewTableRow>() : nullptr;
}

}  // namespace kituo::http
