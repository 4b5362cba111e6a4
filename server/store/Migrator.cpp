// Migration runner; see Migrator.h.
#include "store/Migrator.h"
#include "store/Connection.h"

#include "crypto/Hash.h"
#include "domain/SqlScript.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <fstream>
#include <sstream>

namespace kituo::store {
namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw domain::MigrationError("cannot read migration file " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

class NamedLock {
public:
    NamedLock(Connection& c) : _c(c) {
        auto& st = _c.prepare("SELECT GET_LOCK('kituo.migrate', 60)");
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (!rs->next() || rs->getInt(1) != 1) {
            throw domain::MigrationError("another process holds the migration lock");
        }
    }
    ~NamedLock() {
        try {
            std::unique_ptr<sql::ResultSet> rs(
                _c.prepare("SELECT RELEASE_LOCK('kituo.migrate')").executeQuery());
        } catch (...) {
            // The lock dies with the connection.
        }
    }

private:
    Connection& _c;
};

}  // namespace

Migrator::Migrator(Db& db, std::string directory) : _db(db), _directory(std::move(directory)) {}

std::vector<domain::MigrationFile> Migrator::filesOnDisk() const {
    std::vector<domain::MigrationFile> files;
    Poco::File dir(_directory);
    if (!dir.exists() || !dir.isDirectory()) {
        throw domain::MigrationError("migrations folder not found: " + _directory);
    }
    for (Poco::DirectoryIterator it(_directory), end; it != end; ++it) {
        const std::string name = it.name();
        if (name.size() < 4 || name.substr(name.size() - 4) != ".sql") continue;
        auto version = domain::migrationVersion(name);
        if (!version) {
            throw domain::MigrationError("migration file name must look like 0001_name.sql: " +
                                         name);
        }
        files.push_back({*version, name, crypto::sha256Hex(readFile(it.path().toString()))});
    }
    return files;
}

void Migrator::ensureTable(Connection& c) {
    c.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INT UNSIGNED NOT NULL PRIMARY KEY,"
        " name VARCHAR(255) NOT NULL,"
        " checksum CHAR(64) NOT NULL,"
        " applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP"
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
}

std::vector<domain::AppliedMigration> Migrator::applied() {
    return _db.run([this](Connection& c) {
        ensureTable(c);
        std::vector<domain::AppliedMigration> rows;
        std::unique_ptr<sql::ResultSet> rs(
            c.prepare("SELECT version, name, checksum FROM schema_migrations ORDER BY version")
                .executeQuery());
        while (rs->next()) {
            rows.push_back({rs->getInt("version"), rs->getString("name"),
                            rs->getString("checksum")});
        }
        return rows;
    });
}

std::vector<std::string> Migrator::migrate() {
    const auto files = filesOnDisk();
    return _db.run([&](Connection& c) {
        NamedLock lock(c);
        ensureTable(c);
        std::vector<domain::AppliedMigration> done;
        {
            std::unique_ptr<sql::ResultSet> rs(
                c.prepare("SELECT version, name, checksum FROM schema_migrations ORDER BY version")
                    .executeQuery());
            while (rs->next()) {
                done.push_back({rs->getInt("version"), rs->getString("name"),
                                rs->getString("checksum")});
            }
        }
        std::vector<std::string> appliedNow;
        for (const auto& m : domain::planMigrations(files, done)) {
            const std::string text = readFile(Poco::Path(_directory, m.name).toString());
            if (crypto::sha256Hex(text) != m.checksum) {
                throw domain::MigrationError("migration " + m.name + " changed while migrating");
            }
            for (const auto& statement : domain::splitSqlStatements(text)) {
                try {
                    c.execute(statement);
                } catch (const sql::SQLException& e) {
                    if (isConnectionError(e.getErrorCode())) throw;
                    throw domain::MigrationError("migration " + m.name + " failed: " + e.what());
                }
            }
            auto& record = c.prepare(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)");
            record.setInt(1, m.version);
            record.setString(2, m.name);
            record.setString(3, m.checksum);
            record.executeUpdate();
            appliedNow.push_back(m.name);
        }
        return appliedNow;
    });
}

}  // namespace kituo::store
