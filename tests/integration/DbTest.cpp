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
