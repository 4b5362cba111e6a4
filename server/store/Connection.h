// One pooled MySQL/MariaDB connection and its prepared-statement cache: the Connector/C++
// surface, for store code only (store/*.cpp and the store's tests). See Db.h for the pool's
// contract.
#pragma once

#include "store/Db.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <list>
#include <set>
#include <unordered_map>
#include <vector>

namespace kituo::store {

// Used by one thread at a time.
class Connection {
public:
    // `statementCounter` (may be null) counts every statement run through prepare/execute.
    Connection(std::unique_ptr<sql::Connection> raw, std::atomic<std::uint64_t>* statementCounter);
    ~Connection();

    // The cached prepared statement for this SQL text (prepared on first use). The reference
    // stays valid until kStatementCacheSize other statements have been prepared on this
    // connection (least recently used are closed first). Long statements (multi-row inserts
    // of a batch, over kLargeStatementChars) hold large parameter buffers: at most
    // kLargeStatementCacheSize of them are kept, so use each before preparing the next few.
    sql::PreparedStatement& prepare(const std::string& sql);
    // Runs one statement that returns no rows (DDL, SET, ...), without caching it.
    void execute(const std::string& sql);
    // The AUTO_INCREMENT id of this connection's latest insert.
    std::int64_t lastInsertId();
    sql::Connection& raw() { return *_raw; }
    bool valid();
    // Counters in data_versions this transaction changes. They are written by the commit, as
    // the transaction's last statements (in name order), so data_versions is always the last
    // lock a transaction takes; outside a transaction the counter is written at once.
    void bumpAtCommit(const std::string& counter);
    void beginTransaction();
    void writeBumps();
    void endTransaction() { _inTransaction = false; _bumps.clear(); }

    // Prepared statements held now (at most kStatementCacheSize + kLargeStatementCacheSize).
    std::size_t cachedStatements() const { return _small.entries.size() + _large.entries.size(); }

    static constexpr std::size_t kStatementCacheSize = 128;
    static constexpr std::size_t kLargeStatementChars = 2048;
    static constexpr std::size_t kLargeStatementCacheSize = 4;
    std::chrono::steady_clock::time_point lastUsed;

private:
    struct Cached {
        std::unique_ptr<sql::PreparedStatement> statement;
        std::list<std::string>::iterator recency;
    };
    // Least recently used statements are closed first.
    struct StatementCache {
        std::size_t capacity;
        std::unordered_map<std::string, Cached> entries;
        std::list<std::string> recency;  // most recently used first
    };
    sql::PreparedStatement& prepareIn(StatementCache& cache, const std::string& text);

    std::unique_ptr<sql::Connection> _raw;
    StatementCache _small{kStatementCacheSize, {}, {}};
    StatementCache _large{kLargeStatementCacheSize, {}, {}};
    std::atomic<std::uint64_t>* _counter;
    bool _inTransaction = false;
    std::set<std::string> _bumps;
};

// The value bound to "path LIKE CONCAT(?, '%')" for an actor's scope: an empty scope (an
// account with no unit) matches no path at all rather than every path.
inline std::string scopePattern(const std::string& scopePath) {
    return scopePath.empty() ? std::string("\x01") : scopePath;
}

// Rows of `sql`, whose two parameters are the actor's scope pattern then `id`, each read with
// `read(ResultSet&)`: the shape of every "this record's rows, within the actor's scope" query.
template <class Read>
auto scopedRows(Db& db, const std::string& scopePath, std::int64_t id, const std::string& sql, Read read) {
    return db.run([&](Connection& c) {
        auto& st = c.prepare(sql);
        st.setString(1, scopePattern(scopePath));
        st.setInt64(2, id);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<decltype(read(*rs))> out;
        while (rs->next()) out.push_back(read(*rs));
        return out;
    });
}

// Reads a nullable string column: `fallback` for SQL NULL.
std::string getStringOr(sql::ResultSet& rs, const std::string& column, const std::string& fallback);

}  // namespace kituo::store
