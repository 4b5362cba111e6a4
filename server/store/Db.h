// The MySQL/MariaDB connection pool and the one way code reaches the database.
//
// Contract:
//  - Connector/C++ connections are never shared between threads: a Connection is leased to one
//    caller for the duration of run()/transaction() and returned afterwards.
//  - The pool is bounded (DbSettings::poolSize); a caller waits up to borrowTimeoutMs for a free
//    connection, then gets domain::Unavailable.
//  - Every borrowed connection is validated (ping); a dead one is replaced transparently, so
//    the server recovers by itself when the database comes back.
//  - run(f) re-runs f once on a fresh connection when the failure proves nothing was executed
//    (1243 unknown prepared statement, 2006 server gone away); transaction(f) also re-runs after
//    2013 (lost connection) before COMMIT, because the server rolled the transaction back, and
//    re-runs the whole transaction (up to kDeadlockRetries times, with a short random pause)
//    after a deadlock (1213) or a lock wait timeout (1205). A connection lost *during* COMMIT is
//    never retried: the commit may have applied, so running it again could apply it twice; the
//    caller gets domain::Unavailable saying the outcome is unknown.
//  - A connection failure that persists becomes domain::Unavailable. A store may catch
//    sql::SQLException inside f to map it (1062 duplicate key -> ValidationError/Conflict); any
//    other leaves as store::DatabaseError, whose message holds only the error code and SQLSTATE:
//    the server's own text can quote the data (a duplicate national ID), so it never reaches a
//    log or a page.
//  - Lock order, everywhere: the rows a change is about first, data_versions last (see
//    DataVersions.h), so two transactions never wait on each other in opposite order.
//  - Each connection keeps at most kStatementCacheSize prepared statements (least recently
//    used dropped first), so MariaDB's server-wide max_prepared_stmt_count is never reached.
//  - The Db object must outlive every thread that uses it, and be destroyed before the process
//    exits (own it in the application object, never as a static).
#pragma once

#include "domain/Errors.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <list>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kituo::store {

struct DbSettings {
    std::string host;  // Connector/C++ form: "tcp://127.0.0.1:3306" or "unix:///path/to/sock"
    std::string user;
    std::string password;
    std::string database;
    int poolSize = 16;
    int connectTimeoutSec = 3;
    int readTimeoutSec = 30;
    int writeTimeoutSec = 30;
    int borrowTimeoutMs = 3000;
};

// Parses mysql://USER:PASSWORD@HOST[:PORT]/DATABASE or
// mysql://USER:PASSWORD@localhost/DATABASE?socket=/path/to/sock (user and password
// percent-encoded). Throws std::invalid_argument with a message that never echoes the password.
DbSettings parseDbUrl(const std::string& url);

// "user@host/database", for logs; never the password.
std::string describe(const DbSettings& settings);

// True for error codes meaning the connection (not the statement) failed.
bool isConnectionError(int mysqlErrorCode);

// A database error no store mapped. what() is "database error CODE (SQLSTATE S)": never the
// server's message text, which may quote data.
class DatabaseError : public std::runtime_error {
public:
    DatabaseError(int code, std::string sqlState)
        : std::runtime_error("database error " + std::to_string(code) + " (SQLSTATE " + sqlState + ")"),
          _code(code) {}
    int code() const { return _code; }

private:
    int _code;
};

// One pooled connection with its prepared-statement cache. Used by one thread at a time.
class Connection {
public:
    // `statementCounter` (may be null) counts every statement run through prepare/execute.
    Connection(std::unique_ptr<sql::Connection> raw, std::atomic<std::uint64_t>* statementCounter);
    ~Connection();

    // The cached prepared statement for this SQL text (prepared on first use).
    sql::PreparedStatement& prepare(const std::string& sql);
    // Runs one statement that returns no rows (DDL, SET, ...), without caching it.
    void execute(const std::string& sql);
    sql::Connection& raw() { return *_raw; }
    bool valid();
    // Counters in data_versions this transaction changes. They are written by the commit, as
    // the transaction's last statements (in name order), so data_versions is always the last
    // lock a transaction takes; outside a transaction the counter is written at once.
    void bumpAtCommit(const std::string& counter);
    void beginTransaction();
    void writeBumps();
    void endTransaction() { _inTransaction = false; _bumps.clear(); }

    // Prepared statements held now (at most kStatementCacheSize).
    std::size_t cachedStatements() const { return _statements.size(); }

    static constexpr std::size_t kStatementCacheSize = 128;
    std::chrono::steady_clock::time_point lastUsed;

private:
    struct Cached {
        std::unique_ptr<sql::PreparedStatement> statement;
        std::list<std::string>::iterator recency;
    };
    std::unique_ptr<sql::Connection> _raw;
    std::unordered_map<std::string, Cached> _statements;
    std::list<std::string> _recency;  // most recently used first
    std::atomic<std::uint64_t>* _counter;
    bool _inTransaction = false;
    std::set<std::string> _bumps;
};

// A connection inside a transaction, as the write path hands it to a change.
using Tx = Connection;

class Db {
public:
    explicit Db(DbSettings settings);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    // Calls f(Connection&) on a leased connection (autocommit on). See the retry rules above.
    template <class F>
    auto run(F&& f) -> decltype(f(std::declval<Connection&>())) {
        return withRetry(std::forward<F>(f), false);
    }

    // Calls f(Connection&) inside START TRANSACTION ... COMMIT; any exception rolls back and is
    // rethrown. f may be called twice (see above), so it must not have effects outside the DB.
    template <class F>
    auto transaction(F&& f) -> decltype(f(std::declval<Connection&>())) {
        return withRetry(
            [&](Connection& c) -> decltype(f(std::declval<Connection&>())) {
                c.beginTransaction();
                try {
                    if constexpr (std::is_void_v<decltype(f(c))>) {
                        f(c);
                        commit(c);
                    } else {
                        auto result = f(c);
                        commit(c);
                        return result;
                    }
                } catch (const CommitOutcomeUnknown&) {
                    c.endTransaction();
                    throw;
                } catch (...) {
                    rollbackQuietly(c);
                    throw;
                }
            },
            true);
    }

    static constexpr int kDeadlockRetries = 3;

    // True when the database answers a trivial query within the timeouts. Never throws.
    bool ping() noexcept;

    const DbSettings& settings() const { return _settings; }
    int openConnections() const;
    // Statements run so far through this pool (prepare() and execute() calls). Tests use it
    // to prove a page runs a fixed number of queries whatever the data.
    std::uint64_t statementsRun() const { return _statementsRun.load(); }

private:
    class Lease {
    public:
        Lease(Db& db, std::unique_ptr<Connection> c) : _db(db), _c(std::move(c)) {}
        ~Lease() { _db.giveBack(std::move(_c)); }
        Connection& operator*() { return *_c; }
        void discard() { _c.reset(); }

    private:
        Db& _db;
        std::unique_ptr<Connection> _c;
    };

    // The connection failed while COMMIT was in flight: the transaction may or may not have
    // been applied.
    struct CommitOutcomeUnknown {
        int code;
    };

    template <class F>
    auto withRetry(F&& f, bool inTransaction) -> decltype(f(std::declval<Connection&>())) {
        int connectionRetries = 0, lockRetries = 0;
        for (;;) {
            Lease lease(*this, borrow());
            try {
                return f(*lease);
            } catch (const CommitOutcomeUnknown& unknown) {
                lease.discard();
                throw commitUnknown(unknown.code);
            } catch (const sql::SQLException& e) {
                const int code = e.getErrorCode();
                if (code == 1243 || isConnectionError(code)) lease.discard();
                const bool connectionRetry = code == 1243 || code == 2006 || (inTransaction && code == 2013);
                if (connectionRetry && connectionRetries++ == 0) continue;
                if (inTransaction && (code == 1213 || code == 1205) && lockRetries++ < kDeadlockRetries) {
                    pauseBeforeRetry(lockRetries);
                    continue;
                }
                if (isConnectionError(code)) throw unavailable(e);
                throw DatabaseError(code, std::string(e.getSQLStateCStr()));
            }
        }
    }

    static void commit(Connection& c);
    static void pauseBeforeRetry(int attempt);
    domain::Unavailable commitUnknown(int code) const;

    std::unique_ptr<Connection> borrow();
    void giveBack(std::unique_ptr<Connection> c);
    std::unique_ptr<Connection> connect();
    static void rollbackQuietly(Connection& c) noexcept;
    domain::Unavailable unavailable(const sql::SQLException& e) const;

    DbSettings _settings;
    mutable std::mutex _mutex;
    std::condition_variable _freed;
    std::vector<std::unique_ptr<Connection>> _idle;
    int _total = 0;  // idle + leased
    std::atomic<std::uint64_t> _statementsRun{0};
};

// Reads a nullable string column: empty optional for SQL NULL.
std::string getStringOr(sql::ResultSet& rs, const std::string& column, const std::string& fallback);

}  // namespace kituo::store
