// The connection pool against the real database: transactions, recovery from a killed
// connection, and a bounded pool that answers Unavailable instead of hanging.
#include "Support.h"

#include <catch2/catch.hpp>

#include <future>
#include <thread>

using namespace kituo;

namespace {
long long connectionId(store::Connection& c) {
    std::unique_ptr<sql::ResultSet> rs(c.prepare("SELECT CONNECTION_ID()").executeQuery());
    rs->next();
    return rs->getInt64(1);
}
int countRows(store::Db& db) {
    return db.run([](store::Connection& c) {
        std::unique_ptr<sql::ResultSet> rs(c.prepare("SELECT COUNT(*) FROM t").executeQuery());
        rs->next();
        return rs->getInt(1);
    });
}
}  // namespace

TEST_CASE("a transaction commits, and rolls back everything when its body throws", "[db]") {
    test::TestSchema schema;
    store::Db db(schema.settings());
    db.run([](store::Connection& c) { c.execute("CREATE TABLE t (id INT PRIMARY KEY) ENGINE=InnoDB"); });
    db.transaction([](store::Connection& c) {
        c.execute("INSERT INTO t VALUES (1)");
        c.execute("INSERT INTO t VALUES (2)");
    });
    CHECK(countRows(db) == 2);
    CHECK_THROWS_AS(db.transaction([](store::Connection& c) {
                        c.execute("INSERT INTO t VALUES (3)");
                        throw domain::Conflict("stop half-way");
                    }),
                    domain::Conflict);
    CHECK(countRows(db) == 2);
}

TEST_CASE("a killed connection is replaced and its statements re-prepared", "[db]") {
    test::TestSchema schema;
    auto settings = schema.settings();
    settings.poolSize = 1;
    store::Db db(settings);
    const long long first = db.run([](store::Connection& c) { return connectionId(c); });
    store::Db killer(schema.settings());
    killer.run([&](store::Connection& c) { c.execute("KILL CONNECTION " + std::to_string(first)); });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    // The pooled connection (and its cached prepared statement) is dead; the next call must
    // still succeed, on a new connection.
    const long long second = db.run([](store::Connection& c) { return connectionId(c); });
    CHECK(second != first);
    CHECK(db.openConnections() == 1);
}

TEST_CASE("a busy pool answers Unavailable after the borrow timeout", "[db]") {
    test::TestSchema schema;
    auto settings = schema.settings();
    settings.poolSize = 1;
    settings.borrowTimeoutMs = 200;
    store::Db db(settings);
    std::promise<void> holding, release;
    std::thread holder([&] {
        db.run([&](store::Connection&) {
            holding.set_value();
            release.get_future().wait();
        });
    });
    holding.get_future().wait();
    CHECK_THROWS_AS(db.run([](store::Connection&) {}), domain::Unavailable);
    release.set_value();
    holder.join();
    CHECK_NOTHROW(db.run([](store::Connection&) {}));
}

TEST_CASE("an unreachable database is Unavailable, and ping says false", "[db]") {
    store::DbSettings s;
    s.host = "unix:///nonexistent/kituo.sock";
    s.user = "nobody";
    s.database = "none";
    store::Db db(s);
    CHECK_FALSE(db.ping());
    CHECK_THROWS_AS(db.run([](store::Connection&) {}), domain::Unavailable);
    CHECK(db.openConnections() == 0);
}

TEST_CASE("500 distinct statements on one connection keep the prepared-statement cache bounded", "[db]") {
    test::TestSchema schema;
    auto settings = schema.settings();
    settings.poolSize = 1;
    store::Db db(settings);
    auto serverCount = [&] {
        return db.run([](store::Connection& c) {
            std::unique_ptr<sql::ResultSet> rs(
                c.prepare("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
                          "WHERE VARIABLE_NAME = 'PREPARED_STMT_COUNT'").executeQuery());
            rs->next();
            return std::stol(rs->getString(1));
        });
    };
    const long before = serverCount();
    db.run([](store::Connection& c) {
        for (int n = 1; n <= 500; ++n) {
            std::string list = "1";
            for (int i = 1; i < n; ++i) list += ",1";
            std::unique_ptr<sql::ResultSet> rs(c.prepare("SELECT 1 FROM DUAL WHERE 1 IN (" + list + ")").executeQuery());
        }
        CHECK(c.cachedStatements() == store::Connection::kStatementCacheSize);
    });
    // Other tests run beside this one, so the server-wide count is only bounded loosely; without
    // the cache bound it would grow by 500.
    CHECK(serverCount() - before < 300);
}

TEST_CASE("a deadlock is retried as a whole transaction and both writers succeed", "[db]") {
    test::TestSchema schema;
    store::Db db(schema.settings());
    db.run([](store::Connection& c) {
        c.execute("CREATE TABLE t (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB");
        c.execute("INSERT INTO t VALUES (1, 0), (2, 0)");
    });
    std::promise<void> aLocked, bLocked;
    auto aReady = aLocked.get_future().share(), bReady = bLocked.get_future().share();
    std::atomic<int> attemptsA{0}, attemptsB{0};
    auto writer = [&](int first, int second, std::atomic<int>& attempts, std::promise<void>& mine,
                      std::shared_future<void> theirs) {
        db.transaction([&](store::Connection& c) {
            const bool firstAttempt = attempts++ == 0;
            c.execute("UPDATE t SET n = n + 1 WHERE id = " + std::to_string(first));
            if (firstAttempt) {
                mine.set_value();
                theirs.wait();  // both hold their first row: opposite order, a deadlock
            }
            c.execute("UPDATE t SET n = n + 1 WHERE id = " + std::to_string(second));
        });
    };
    auto a = std::async(std::launch::async, [&] { writer(1, 2, attemptsA, aLocked, bReady); });
    auto b = std::async(std::launch::async, [&] { writer(2, 1, attemptsB, bLocked, aReady); });
    CHECK_NOTHROW(a.get());
    CHECK_NOTHROW(b.get());
    CHECK(attemptsA + attemptsB == 3);  // one of them ran twice
    CHECK(test::queryInt(db, "SELECT SUM(n) FROM t") == 4);
}

TEST_CASE("a connection lost during COMMIT is never retried", "[db]") {
    test::TestSchema schema;
    store::Db db(schema.settings());
    store::Db killer(schema.settings());
    db.run([](store::Connection& c) { c.execute("CREATE TABLE t (id INT PRIMARY KEY) ENGINE=InnoDB"); });
    int calls = 0;
    try {
        db.transaction([&](store::Connection& c) {
            ++calls;
            c.execute("INSERT INTO t VALUES (1)");
            const auto id = connectionId(c);
            killer.run([&](store::Connection& k) { k.execute("KILL " + std::to_string(id)); });
        });
        FAIL("the transaction reported success");
    } catch (const domain::Unavailable& e) {
        CHECK_THAT(e.what(), Catch::Contains("lost while saving"));
    }
    CHECK(calls == 1);
    CHECK(countRows(db) == 0);
}

TEST_CASE("an unmapped database error names its code, never the data it quotes", "[db]") {
    test::TestSchema schema;
    store::Db db(schema.settings());
    db.run([](store::Connection& c) {
        c.execute("CREATE TABLE t (id VARCHAR(20) PRIMARY KEY) ENGINE=InnoDB");
        c.execute("INSERT INTO t VALUES ('12345678')");
    });
    try {
        db.run([](store::Connection& c) { c.execute("INSERT INTO t VALUES ('12345678')"); });
        FAIL("the duplicate was accepted");
    } catch (const store::DatabaseError& e) {
        CHECK(e.code() == 1062);
        CHECK_THAT(e.what(), !Catch::Contains("12345678") && Catch::Contains("1062"));
    }
}
