// Connection pool and retry rules; see Db.h for the contract.
#include "store/Connection.h"

#include <Poco/Logger.h>
#include <Poco/URI.h>

#include <cppconn/driver.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>

#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>

namespace kituo::store {
namespace {

sql::Driver* driver() {
    static std::once_flag once;
    static sql::Driver* instance = nullptr;
    std::call_once(once, [] { instance = get_driver_instance(); });
    return instance;
}

// Connector/C++ needs threadInit()/threadEnd() around each thread's use of the client library.
struct ThreadRegistration {
    ThreadRegistration() { driver()->threadInit(); }
    ~ThreadRegistration() { driver()->threadEnd(); }
};

domain::Unavailable unavailable(const DbSettings& settings, const sql::SQLException& e);

void registerThread() {
    thread_local ThreadRegistration registration;
    (void)registration;
}

}  // namespace

DbSettings parseDbUrl(const std::string& url) {
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception&) {
        throw std::invalid_argument("database URL is not a valid URI");
    }
    if (uri.getScheme() != "mysql" && uri.getScheme() != "mariadb") {
        throw std::invalid_argument("database URL must start with mysql://");
    }
    DbSettings s;
    const std::string info = uri.getUserInfo();
    const auto colon = info.find(':');
    Poco::URI::decode(info.substr(0, colon), s.user);
    if (colon != std::string::npos) Poco::URI::decode(info.substr(colon + 1), s.password);
    if (s.user.empty()) throw std::invalid_argument("database URL has no user");
    std::string path = uri.getPath();
    if (path.size() < 2) throw std::invalid_argument("database URL has no database name");
    s.database = path.substr(1);
    std::string socket;
    for (const auto& [key, value] : uri.getQueryParameters()) {
        if (key == "socket") socket = value;
        else if (key == "pool") s.poolSize = std::stoi(value);
        else throw std::invalid_argument("database URL has an unknown parameter: " + key);
    }
    if (!socket.empty()) {
        s.host = "unix://" + socket;
    } else {
        if (uri.getHost().empty()) throw std::invalid_argument("database URL has no host");
        const unsigned short port = uri.getPort() ? uri.getPort() : 3306;
        s.host = "tcp://" + uri.getHost() + ":" + std::to_string(port);
    }
    return s;
}

std::string describe(const DbSettings& s) { return s.user + "@" + s.host + "/" + s.database; }

bool isConnectionError(int code) {
    switch (code) {
        case 1040:  // too many connections
        case 1053:  // server shutdown in progress
        case 1152: case 1158: case 1159: case 1160: case 1161:  // network read/write
        case 1927:  // connection killed
        case 2002: case 2003: case 2005: case 2006: case 2013: case 2026: case 2055:
            return true;
        default:
            return false;
    }
}

Connection::Connection(std::unique_ptr<sql::Connection> raw, std::atomic<std::uint64_t>* counter)
    : lastUsed(std::chrono::steady_clock::now()), _raw(std::move(raw)), _counter(counter) {}

Connection::~Connection() {
    _small.entries.clear();
    _large.entries.clear();
    try {
        if (_raw) _raw->close();
    } catch (const sql::SQLException&) {
        // The server is already gone; nothing to close.
    }
}

std::int64_t Connection::lastInsertId() {
    std::unique_ptr<sql::ResultSet> rs(prepare("SELECT LAST_INSERT_ID()").executeQuery());
    rs->next();
    return rs->getInt64(1);
}

sql::PreparedStatement& Connection::prepare(const std::string& text) {
    if (_counter) ++*_counter;
    return prepareIn(text.size() > kLargeStatementChars ? _large : _small, text);
}

sql::PreparedStatement& Connection::prepareIn(StatementCache& cache, const std::string& text) {
    auto it = cache.entries.find(text);
    if (it != cache.entries.end()) {
        cache.recency.splice(cache.recency.begin(), cache.recency, it->second.recency);
    } else {
        std::unique_ptr<sql::PreparedStatement> statement(_raw->prepareStatement(text));
        while (cache.entries.size() >= cache.capacity) {
            cache.entries.erase(cache.recency.back());  // closes the server-side statement
            cache.recency.pop_back();
        }
        cache.recency.push_front(text);
        it = cache.entries.emplace(text, Cached{std::move(statement), cache.recency.begin()}).first;
    }
    it->second.statement->clearParameters();
    return *it->second.statement;
}

void Connection::execute(const std::string& text) {
    if (_counter) ++*_counter;
    std::unique_ptr<sql::Statement> st(_raw->createStatement());
    st->execute(text);
    // Drain any result so the connection is ready for the next command.
    do {
        std::unique_ptr<sql::ResultSet> rs(st->getResultSet());
    } while (st->getMoreResults());
}

bool Connection::valid() {
    try {
        return _raw && _raw->isValid();
    } catch (const sql::SQLException&) {
        return false;
    }
}

Db::Db(DbSettings settings) : _settings(std::move(settings)) {
    if (_settings.poolSize < 1) throw std::invalid_argument("database pool size must be >= 1");
    driver();
}

Db::~Db() {
    std::lock_guard<std::mutex> lock(_mutex);
    _idle.clear();
}

int Db::openConnections() const {
    std::lock_guard<std::mutex> lock(_mutex);
    return _total;
}

std::unique_ptr<Connection> Db::connect() {
    registerThread();
    sql::ConnectOptionsMap opts;
    opts["hostName"] = sql::SQLString(_settings.host);
    opts["userName"] = sql::SQLString(_settings.user);
    opts["password"] = sql::SQLString(_settings.password);
    opts["schema"] = sql::SQLString(_settings.database);
    opts["OPT_CONNECT_TIMEOUT"] = _settings.connectTimeoutSec;
    opts["OPT_READ_TIMEOUT"] = _settings.readTimeoutSec;
    opts["OPT_WRITE_TIMEOUT"] = _settings.writeTimeoutSec;
    opts["OPT_RECONNECT"] = false;  // the pool replaces dead connections itself
    opts["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    std::unique_ptr<sql::Connection> raw(driver()->connect(opts));
    auto c = std::make_unique<Connection>(std::move(raw), &_statementsRun);
    c->execute(
        "SET SESSION time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,"
        "NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION,ONLY_FULL_GROUP_BY'");
    return c;
}

std::unique_ptr<Connection> Db::borrow() {
    registerThread();
    std::unique_ptr<Connection> c;
    {
        std::unique_lock<std::mutex> lock(_mutex);
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(_settings.borrowTimeoutMs);
        while (_idle.empty() && _total >= _settings.poolSize) {
            if (_freed.wait_until(lock, deadline) == std::cv_status::timeout &&
                _idle.empty() && _total >= _settings.poolSize) {
                throw domain::Unavailable("All database connections are busy; try again shortly.");
            }
        }
        if (!_idle.empty()) {
            c = std::move(_idle.back());
            _idle.pop_back();
        } else {
            ++_total;  // reserve a slot; connect() happens outside the lock
        }
    }
    if (c) {
        // A connection idle for less than a second was fine when it was returned; skip the ping.
        const auto idleFor = std::chrono::steady_clock::now() - c->lastUsed;
        if (idleFor < std::chrono::seconds(1) || c->valid()) return c;
        c.reset();  // dead (server restarted, idle timeout): replace it in the same slot
    }
    try {
        return connect();
    } catch (const sql::SQLException& e) {
        giveBack(nullptr);
        throw unavailable(_settings, e);
    } catch (...) {
        giveBack(nullptr);
        throw;
    }
}

void Db::giveBack(std::unique_ptr<Connection> c) {
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (c) {
            c->lastUsed = std::chrono::steady_clock::now();
            _idle.push_back(std::move(c));
        } else {
            --_total;
        }
    }
    _freed.notify_one();
}

void Connection::beginTransaction() {
    _bumps.clear();
    execute("START TRANSACTION");
    _inTransaction = true;
}

void Connection::bumpAtCommit(const std::string& counter) {
    if (_inTransaction) {
        _bumps.insert(counter);
        return;
    }
    auto& st = prepare("UPDATE data_versions SET version = version + 1 WHERE name = ?");
    st.setString(1, counter);
    st.executeUpdate();
}

void Connection::writeBumps() {
    for (const auto& counter : _bumps) {
        auto& st = prepare("UPDATE data_versions SET version = version + 1 WHERE name = ?");
        st.setString(1, counter);
        st.executeUpdate();
    }
    _bumps.clear();
}

namespace {

// The connection failed while COMMIT was in flight: the transaction may or may not have been
// applied.
struct CommitOutcomeUnknown {
    int code;
};

void commit(Connection& c) {
    c.writeBumps();
    try {
        c.execute("COMMIT");
        c.endTransaction();
    } catch (const sql::SQLException& e) {
        if (isConnectionError(e.getErrorCode())) throw CommitOutcomeUnknown{e.getErrorCode()};
        throw;
    }
}

void rollbackQuietly(Connection& c) noexcept {
    c.endTransaction();
    try {
        c.execute("ROLLBACK");
    } catch (...) {
        // A failed rollback means the connection is gone, and the server rolled back for us.
    }
}

void pauseBeforeRetry(int attempt) {
    thread_local std::minstd_rand random(std::random_device{}());
    std::uniform_int_distribution<int> jitter(0, 20 * attempt);
    std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt + jitter(random)));
}

domain::Unavailable commitUnknown(const DbSettings& settings, int code) {
    Poco::Logger::get("kituo.db").error("connection lost during COMMIT (%s): error %d; the change "
                                        "may or may not have been saved, and is not retried",
                                        describe(settings), code);
    return domain::Unavailable("The database connection was lost while saving. Check whether your "
                               "change was saved before trying again.");
}

domain::Unavailable unavailable(const DbSettings& settings, const sql::SQLException& e) {
    Poco::Logger::get("kituo.db").warning("database unavailable (%s): error %d (SQLSTATE %s)",
                                          describe(settings), e.getErrorCode(),
                                          std::string(e.getSQLStateCStr()));
    return domain::Unavailable("The database is not answering; try again shortly.");
}

}  // namespace

void Db::execute(const std::function<void(Connection&)>& body, bool inTransaction) {
    if (!_primary) return executeHere(body, inTransaction);
    if (!_usable) return _primary->execute(body, inTransaction);
    try {
        executeHere(body, inTransaction);
    } catch (const domain::Unavailable&) {
        _usable = false;  // until the monitor sees the replica answer again
        _primary->execute(body, inTransaction);
    }
}

std::optional<long> Db::replicationLagSeconds() noexcept {
    // SHOW REPLICA STATUS: MariaDB 10.5+ and MySQL 8.0.22+ (the account needs REPLICA MONITOR,
    // or REPLICATION CLIENT on MySQL). No row: no replica. NULL lag: replication stopped.
    std::optional<long> lag;
    try {
        executeHere(
            [&](Connection& c) {
                std::unique_ptr<sql::Statement> st(c.raw().createStatement());
                std::unique_ptr<sql::ResultSet> rs(st->executeQuery("SHOW REPLICA STATUS"));
                if (!rs->next()) {
                    lag = 0;
                    return;
                }
                auto* meta = rs->getMetaData();
                for (unsigned int i = 1; i <= meta->getColumnCount(); ++i) {
                    const std::string name = meta->getColumnLabel(i);
                    if (name == "Seconds_Behind_Master" || name == "Seconds_Behind_Source") {
                        if (!rs->isNull(i)) lag = static_cast<long>(rs->getInt64(i));
                    }
                }
            },
            false);
    } catch (...) {
        return std::nullopt;
    }
    return lag;
}

void Db::executeHere(const std::function<void(Connection&)>& body, bool inTransaction) {
    // Returns the connection to the pool (or drops it when it is broken) whatever happens.
    struct Lease {
        Db& db;
        std::unique_ptr<Connection> c;
        ~Lease() { db.giveBack(std::move(c)); }
    };
    int connectionRetries = 0, lockRetries = 0;
    for (;;) {
        Lease lease{*this, borrow()};
        Connection& c = *lease.c;
        try {
            if (!inTransaction) {
                body(c);
                return;
            }
            c.beginTransaction();
            try {
                body(c);
                commit(c);
                return;
            } catch (const CommitOutcomeUnknown&) {
                c.endTransaction();
                throw;
            } catch (...) {
                rollbackQuietly(c);
                throw;
            }
        } catch (const CommitOutcomeUnknown& unknown) {
            lease.c.reset();
            throw commitUnknown(_settings, unknown.code);
        } catch (const sql::SQLException& e) {
            const int code = e.getErrorCode();
            if (code == 1243 || isConnectionError(code)) lease.c.reset();
            const bool connectionRetry = code == 1243 || code == 2006 || (inTransaction && code == 2013);
            if (connectionRetry && connectionRetries++ == 0) continue;
            if (inTransaction && (code == 1213 || code == 1205) && lockRetries++ < kDeadlockRetries) {
                pauseBeforeRetry(lockRetries);
                continue;
            }
            if (isConnectionError(code)) throw unavailable(_settings, e);
            throw DatabaseError(code, std::string(e.getSQLStateCStr()));
        }
    }
}

bool Db::ping() noexcept {
    try {
        return run([](Connection& c) {
            std::unique_ptr<sql::ResultSet> rs(c.prepare("SELECT 1").executeQuery());
            return rs->next() && rs->getInt(1) == 1;
        });
    } catch (...) {
        return false;
    }
}

std::string getStringOr(sql::ResultSet& rs, const std::string& column, const std::string& fallback) {
    if (rs.isNull(column)) return fallback;
    return rs.getString(column);
}

}  // namespace kituo::store
