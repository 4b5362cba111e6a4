// CSV reading and writing (RFC 4180 with the variations spreadsheets produce): UTF-8 with or
// without a byte-order mark, comma or semicolon delimiter (detected from the header line),
// quoted fields with doubled quotes and embedded newlines, CRLF or LF line ends.
// Writing quotes fields that need it and defuses spreadsheet formulas: a cell starting with
// = + - @ (or tab/CR) is prefixed with an apostrophe; reading removes exactly that prefix,
// so exported files re-import unchanged. Pure.
#pragma once

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kituo::domain {

class CsvError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct CsvTable {
    char delimiter = ',';
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;  // each as long as it was in the file
    std::vector<int> lineNumbers;                // the file line where each row starts
};

// Parses the whole text. Throws CsvError for an unterminated quote or an empty file.
// Rows that are entirely empty are skipped.
CsvTable parseCsv(std::string_view text);

// One CSV line (with CRLF) for the values, using `delimiter`.
std::string csvLine(const std::vector<std::string>& values, char delimiter = ',');

// A cell value as written by csvLine before quoting (formula defused).
std::string defuseFormula(const std::string& value);
// The inverse of defuseFormula for a read cell.
std::string restoreFormula(const std::string& value);

// A table's columns by name, for reading an import file whose columns may come in any order:
// header cells are matched lower-cased and trimmed (the first of two equal names wins).
class CsvColumns {
public:
    explicit CsvColumns(const CsvTable& table);
    bool has(const std::string& name) const { return _index.count(name) > 0; }
    // The row's cell in column `name`, trimmed, with the formula guard removed; "" when the file
    // has no such column or the row is shorter.
    std::string cell(const std::vector<std::string>& row, const std::string& name) const;
    // What makes the whole file unusable: each of `columns` the header lacks (except those in
    // `optional`), and more than `maxRows` rows.
    std::vector<std::string> fileProblems(const std::vector<std::string>& columns,
                                          const std::vector<std::string>& optional, std::size_t maxRows) const;

private:
    const CsvTable& _table;
    std::map<std::string, std::size_t> _index;
};

}  // namespace kituo::domain
