// CSV parsing and writing; see Csv.h.
#include "domain/Csv.h"

#include <algorithm>
#include <cctype>

namespace kituo::domain {
namespace {

bool formulaStart(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; }

char detectDelimiter(std::string_view text) {
    int commas = 0, semicolons = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r')) break;
        else if (!quoted && c == ',') ++commas;
        else if (!quoted && c == ';') ++semicolons;
    }
    return semicolons > commas ? ';' : ',';
}

std::string trimmed(const std::string& s) {
    const auto a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
    return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

}  // namespace

CsvColumns::CsvColumns(const CsvTable& table) : _table(table) {
    for (std::size_t i = 0; i < table.header.size(); ++i) {
        std::string name = trimmed(table.header[i]);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        _index.emplace(std::move(name), i);
    }
}

std::string CsvColumns::cell(const std::vector<std::string>& row, const std::string& name) const {
    const auto it = _index.find(name);
    if (it == _index.end() || it->second >= row.size()) return "";
    return trimmed(restoreFormula(row[it->second]));
}

std::vector<std::string> CsvColumns::fileProblems(const std::vector<std::string>& columns,
                                                  const std::vector<std::string>& optional,
                                                  std::size_t maxRows) const {
    std::vector<std::string> problems;
    for (const auto& c : columns) {
        if (std::find(optional.begin(), optional.end(), c) != optional.end()) continue;
        if (!has(c)) problems.push_back("The file has no \"" + c + "\" column.");
    }
    if (_table.rows.size() > maxRows) {
        problems.push_back("The file has " + std::to_string(_table.rows.size()) + " rows; at most " +
                           std::to_string(maxRows) + " can be imported at once.");
    }
    return problems;
}

std::string defuseFormula(const std::string& v) {
    if (!v.empty() && formulaStart(v[0])) return "'" + v;
    return v;
}

std::string restoreFormula(const std::string& v) {
    if (v.size() >= 2 && v[0] == '\'' && formulaStart(v[1])) return v.substr(1);
    return v;
}

CsvTable parseCsv(std::string_view text) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    CsvTable table;
    table.delimiter = detectDelimiter(text);
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, fieldStarted = false, anyContent = false;
    int line = 1, rowLine = 1;
    auto endField = [&] {
        row.push_back(std::move(field));
        field.clear();
        fieldStarted = false;
    };
    auto endRow = [&] {
        endField();
        bool empty = true;
        for (const auto& f : row) empty = empty && f.find_first_not_of(" \t") == std::string::npos;
        if (!empty) {
            if (table.header.empty() && !anyContent) {
                table.header = std::move(row);
                anyContent = true;
            } else {
                table.rows.push_back(std::move(row));
                table.lineNumbers.push_back(rowLine);
            }
        }
        row.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else if (c == table.delimiter) {
            endField();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            endRow();
            ++line;
            rowLine = line;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted) throw CsvError("a quoted field that starts on line " + std::to_string(rowLine) + " never ends");
    if (fieldStarted || !row.empty()) endRow();
    if (table.header.empty()) throw CsvError("the file is empty");
    return table;
}

std::string csvLine(const std::vector<std::string>& values, char delimiter) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += delimiter;
        const std::string v = defuseFormula(values[i]);
        const bool quote = v.find_first_of(std::string("\"\r\n") + delimiter) != std::string::npos ||
                           (!v.empty() && (v.front() == ' ' || v.back() == ' '));
        if (!quote) {
            out += v;
            continue;
        }
        out += '"';
        for (char c : v) {
            if (c == '"') out += '"';
            out += c;
        }
        out += '"';
    }
    out += "\r\n";
    return out;
}

}  // namespace kituo::domain
