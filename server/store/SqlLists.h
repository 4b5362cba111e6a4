// Placeholder lists for IN (...) and multi-row VALUES, in a bounded number of shapes. Every
// distinct SQL text is one prepared statement per connection (Db.h), so a list of n values
// is prepared with bucketed(n) placeholders, padded by repeating its last value (harmless in
// IN), and multi-row inserts go in power-of-two batches: 1..500 values make 10 shapes, not 500.
// Store-internal.
#pragma once

#include <cppconn/prepared_statement.h>

#include <cstdint>
#include <string>
#include <vector>

namespace kituo::store {

// The placeholder count for a list of n values: the next power of two (n >= 1).
inline std::size_t bucketed(std::size_t n) {
    std::size_t b = 1;
    while (b < n) b <<= 1;
    return b;
}

// The largest power of two that is at most n (n >= 1): the size of the next insert batch.
inline std::size_t batchSize(std::size_t n) {
    std::size_t b = 1;
    while ((b << 1) <= n) b <<= 1;
    return b;
}

// "?,?,?" (n times `one`).
inline std::string placeholders(std::size_t n, const std::string& one = "?") {
    std::string s;
    s.reserve(n * (one.size() + 1));
    for (std::size_t i = 0; i < n; ++i) {
        if (i) s += ',';
        s += one;
    }
    return s;
}

// Binds values[0..n) at first, first+1, ... padded to bucketed(n) by repeating the last value;
// returns the next parameter index. values must not be empty.
inline int bindList(sql::PreparedStatement& st, int first, const std::vector<std::int64_t>& values) {
    const std::size_t n = bucketed(values.size());
    for (std::size_t i = 0; i < n; ++i) st.setInt64(first++, values[std::min(i, values.size() - 1)]);
    return first;
}
inline int bindList(sql::PreparedStatement& st, int first, const std::vector<std::string>& values) {
    const std::size_t n = bucketed(values.size());
    for (std::size_t i = 0; i < n; ++i) st.setString(first++, values[std::min(i, values.size() - 1)]);
    return first;
}

}  // namespace kituo::store
