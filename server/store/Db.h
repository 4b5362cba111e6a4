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
//  - Connector/C++ stays inside the store layer: this header names no sql:: type, Connection
//    is only declared here, and store code includes store/Connection.h for its definition.
//    Code above the store (handlers, http, auth) can hold a Connection& (Tx&) and pass it to a
//    store, but cannot run SQL: the build gives those layers a <cppconn/...> that refuses to
//    compile (CMakeLists.txt, tests/layers).
#pragma once

#include "domain/Errors.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
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

// One pooled connection (defined in store/Connection.h, for store code only).
class Connection;
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
        return call(std::forward<F>(f), false);
    }

    // Calls f(Connection&) inside START TRANSACTION ... COMMIT; any exception rolls back and is
    // rethrown. f may be called more than once (see above), so it must not have effects
    // outside the DB.
    template <class F>
    auto transaction(F&& f) -> decltype(f(std::declval<Connection&>())) {
        return call(std::forward<F>(f), true);
    }

    static constexpr int kDeadlockRetries = 3;

    // True when the database answers a trivial query within the timeouts. Never throws.
    bool ping() noexcept;

    // Read replicas. makeReplicaOf(primary) makes this pool a replica's: while the replica is
    // marked unusable (down, or lagging beyond the bound: see app/ReplicaMonitor.h), run() and
    // transaction() run on `primary` instead, and a call that fails here with
    // domain::Unavailable is marked unusable and run again on `primary`. Hand a replica's pool
    // only to read-only queries whose f returns its result (f may run twice). Call before use.
    void makeReplicaOf(Db& primary) { _primary = &primary; }
    bool isReplica() const { return _primary != nullptr; }
    void markUsable(bool usable) { _usable = usable; }
    bool usable() const { return _usable; }
    // How many seconds the server behind this pool is behind its replication source: 0 when it
    // is no replica, nothing when it does not answer or its replication is stopped.
    std::optional<long> replicationLagSeconds() noexcept;

    const DbSettings& settings() const { return _settings; }
    int openConnections() const;
    // Statements run so far through this pool (prepare() and execute() calls). Tests use it
    // to prove a page runs a fixed number of queries whatever the data.
    std::uint64_t statementsRun() const { return _statementsRun.load(); }

private:
    template <class F>
    auto call(F&& f, bool inTransaction) -> decltype(f(std::declval<Connection&>())) {
        using R = decltype(f(std::declval<Connection&>()));
        if constexpr (std::is_void_v<R>) {
            execute([&](Connection& c) { f(c); }, inTransaction);
        } else {
            std::optional<R> result;
            execute([&](Connection& c) { result.emplace(f(c)); }, inTransaction);
            return std::move(*result);
        }
    }

    // Runs body here, or on the primary when this is an unusable replica (see makeReplicaOf).
    void execute(const std::function<void(Connection&)>& body, bool inTransaction);
    // Runs body on a leased connection with the retry rules above (in a transaction or not).
    void executeHere(const std::function<void(Connection&)>& body, bool inTransaction);

    std::unique_ptr<Connection> borrow();
    void giveBack(std::unique_ptr<Connection> c);
    std::unique_ptr<Connection> connect();

    DbSettings _settings;
    mutable std::mutex _mutex;
    std::condition_variable _freed;
    std::vector<std::unique_ptr<Connection>> _idle;
    int _total = 0;  // idle + leased
    std::atomic<std::uint64_t> _statementsRun{0};
    Db* _primary = nullptr;
    std::atomic<bool> _usable{true};
};

}  // namespace kituo::store
