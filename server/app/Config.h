// Typed configuration. Layers, lowest first: built-in defaults < ops/kituo.properties (or the
// file named by KITUO_CONFIG) < environment variables. Relative paths are resolved against
// `root` (KITUO_ROOT, default: the working directory), so the server can start from anywhere.
//
// Environment variables (the contract other people rely on):
//   KITUO_PORT, KITUO_HOST, KITUO_DB_URL, KITUO_KEY_FILE, KITUO_ROOT, KITUO_CONFIG,
//   KITUO_THREADS, KITUO_MAX_BODY_BYTES, KITUO_LOG_LEVEL, KITUO_ACCESS_LOG, KITUO_TRUST_PROXY,
//   KITUO_SECURE_COOKIES, KITUO_AUDIT_CHECKPOINT_FILE, KITUO_WELFARE_RETENTION_DAYS
#pragma once

#include <Poco/Util/AbstractConfiguration.h>

#include <cstddef>
#include <map>
#include <string>

namespace kituo::app {

using Environment = std::map<std::string, std::string>;

struct Config {
    std::string root = ".";
    // HTTP
    std::string host = "127.0.0.1";
    int port = 8080;               // 0 picks a free port (tests)
    int threads = 32;              // worker threads; one per open keep-alive connection
    int maxQueued = 128;           // accepted connections waiting for a worker
    int keepAliveTimeoutSec = 5;
    int receiveTimeoutSec = 30;
    std::size_t maxBodyBytes = 4 * 1024 * 1024;
    bool trustProxy = false;       // take the client address from X-Real-IP (behind nginx)
    bool secureCookies = false;    // always mark cookies Secure (served over TLS only)
    bool accessLog = true;
    std::string logLevel = "information";
    // Database
    std::string dbUrl;                         // mysql://user:pass@host:port/db
    std::string dbUrlFile = "var/db/app.url";  // read when dbUrl is empty (private instance)
    int dbPoolSize = 32;
    // A read replica for read-only list queries (empty: none). Its reads go to the primary
    // while it lags more than dbReadMaxLagSec or does not answer, and for readYourWritesSec
    // after each write a session makes (on any Kituo process: the session carries a cookie).
    std::string dbReadUrl;
    int dbReadMaxLagSec = 5;
    int readYourWritesSec = 10;
    int dbConnectTimeoutSec = 3;
    int dbReadTimeoutSec = 30;
    bool migrateOnStart = true;
    // Files
    std::string templatesDir = "web/templates";
    std::string staticDir = "web/static";
    std::string migrationsDir = "sql/migrations";
    std::string keyFile = "var/master.key";
    // Audit: where `kituo audit-checkpoint` appends signed checkpoints (keep copies off the
    // database host), and how often the server seals recorded events into the chain.
    std::string auditCheckpointFile = "var/audit.checkpoints";
    int auditSealIntervalMs = 200;
    // Whether viewing an officer's profile is audited (default yes). ops/bench turns it off in
    // a second server to measure what auditing a read costs; confidential areas audit every
    // read whatever this says.
    bool auditOfficerReads = true;
    // Anonymous refusals (403 before sign-in, bad CSRF without a session) are counted, not each
    // audited: one summary event per interval; an address over the limit per interval gets 429.
    int anonymousSummarySec = 60;
    int anonymousRefusalsPerAddress = 120;
    // Public certificate verifications an address may make per summary interval (then 429).
    int certificateChecksPerAddress = 30;
    // Counselling statistics outside the counselling team: counts of 1 to smallCount-1 are shown
    // as "<smallCount" (domain/Suppression.h); at least 3.
    int welfareSmallCount = 5;
    // Days a closed counselling case's notes are kept from its closing date before
    // `kituo purge-expired` destroys them with the case's data key (domain/Welfare.h).
    int welfareRetentionDays = 2555;

    // `path` made absolute against root (absolute paths are returned unchanged).
    std::string resolve(const std::string& path) const;
    // The database URL: dbUrl, or the contents of dbUrlFile. Throws std::runtime_error.
    std::string databaseUrl() const;
};

// Builds a Config from a configuration layer (the properties file) and the environment.
// Throws std::invalid_argument naming the key and the bad value.
Config makeConfig(const Poco::Util::AbstractConfiguration& file, const Environment& env);

// Reads the properties file (KITUO_CONFIG, else <root>/ops/kituo.properties; a missing default
// file is fine, a missing named one is an error) and applies the environment.
Config loadConfig(const Environment& env);

// The process environment as a map.
Environment processEnvironment();

}  // namespace kituo::app
