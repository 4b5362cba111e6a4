// A list query's optional conditions and their parameters (store-internal): the roll and the
// reserve roster build their WHERE clauses with it.
#pragma once

#include <cppconn/prepared_statement.h>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace kituo::store {

// The filter as SQL: only the conditions the filter uses, each with its parameters, so the
// optimizer sees plain predicates it can use an index for. Measured: the same filter written
// once for every case ("? = '' OR ...", about 30 parameters) made MariaDB evaluate the whole
// expression on every row and scan the table for the count (120 us of server CPU for the
// count and 150 us for the page's ids, against 40-50 us each this way). There are few shapes
// (search kind x filters x sort), each one prepared statement per connection.
class Where {
public:
    using Param = std::variant<std::string, std::int64_t>;
    // Appends "AND <condition>" and the condition's parameters, in the order of its "?".
    void add(const std::string& condition, std::vector<Param> params) {
        _sql += "AND " + condition + " ";
        for (auto& p : params) _params.push_back(std::move(p));
    }
    const std::string& sql() const { return _sql; }
    // Binds the parameters from position i; returns the next position.
    int bindAt(sql::PreparedStatement& st, int i) const {
        for (const auto& p : _params) {
            if (const auto* text = std::get_if<std::string>(&p)) st.setString(i++, *text);
            else st.setInt64(i++, std::get<std::int64_t>(p));
        }
        return i;
    }

private:
    std::string _sql;
    std::vector<Param> _params;
};

inline std::string escapeLike(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace kituo::store
