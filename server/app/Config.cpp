// Configuration layering and validation; see Config.h.
#include "app/Config.h"

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/Util/MapConfiguration.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace kituo::app {
namespace {

class Reader {
public:
    Reader(const Poco::Util::AbstractConfiguration& file, const Environment& env)
        : _file(file), _env(env) {}

    std::string str(const std::string& key, const std::string& envName, const std::string& def) {
        auto it = _env.find(envName);
        if (!envName.empty() && it != _env.end()) return it->second;
        return _file.getString(key, def);
    }

    long integer(const std::string& key, const std::string& envName, long def, long lo, long hi) {
        const std::string raw = str(key, envName, std::to_string(def));
        long value = 0;
        std::size_t used = 0;
        try {
            value = std::stol(raw, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != raw.size()) {
            throw std::invalid_argument(name(key, envName) + " must be a whole number, got '" +
                                        raw + "'");
        }
        if (value < lo || value > hi) {
            throw std::invalid_argument(name(key, envName) + " must be between " +
                                        std::to_string(lo) + " and " + std::to_string(hi) +
                                        ", got " + raw);
        }
        return value;
    }

    bool boolean(const std::string& key, const std::string& envName, bool def) {
        const std::string raw = str(key, envName, def ? "true" : "false");
        if (raw == "true" || raw == "1" || raw == "yes" || raw == "on") return true;
        if (raw == "false" || raw == "0" || raw == "no" || raw == "off") return false;
        throw std::invalid_argument(name(key, envName) + " must be true or false, got '" + raw + "'");
    }

private:
    static std::string name(const std::string& key, const std::string& envName) {
        return envName.empty() ? key : key + " (" + envName + ")";
    }
    const Poco::Util::AbstractConfiguration& _file;
    const Environment& _env;
};

}  // namespace

std::string Config::resolve(const std::string& path) const {
    Poco::Path p(path);
    if (p.isAbsolute()) return path;
    return Poco::Path(Poco::Path(root).makeAbsolute().makeDirectory(), p).toString();
}

std::string Config::databaseUrl() const {
    if (!dbUrl.empty()) return dbUrl;
    const std::string file = resolve(dbUrlFile);
    std::ifstream in(file);
    if (!in) {
        throw std::runtime_error("no database configured: set KITUO_DB_URL, or start the private "
                                 "instance with ops/db start (it writes " + file + ")");
    }
    std::string url;
    std::getline(in, url);
    if (url.empty()) throw std::runtime_error("database URL file is empty: " + file);
    return url;
}

Config makeConfig(const Poco::Util::AbstractConfiguration& file, const Environment& env) {
    Reader r(file, env);
    Config c;
    c.root = r.str("kituo.root", "KITUO_ROOT", c.root);
    c.host = r.str("http.host", "KITUO_HOST", c.host);
    c.port = static_cast<int>(r.integer("http.port", "KITUO_PORT", c.port, 0, 65535));
    c.threads = static_cast<int>(r.integer("http.threads", "KITUO_THREADS", c.threads, 2, 1024));
    c.maxQueued = static_cast<int>(r.integer("http.maxQueued", "", c.maxQueued, 1, 100000));
    c.keepAliveTimeoutSec =
        static_cast<int>(r.integer("http.keepAliveTimeoutSec", "", c.keepAliveTimeoutSec, 1, 300));
    c.receiveTimeoutSec =
        static_cast<int>(r.integer("http.receiveTimeoutSec", "", c.receiveTimeoutSec, 1, 600));
    c.maxBodyBytes = static_cast<std::size_t>(r.integer(
        "http.maxBodyBytes", "KITUO_MAX_BODY_BYTES", static_cast<long>(c.maxBodyBytes), 1024,
        1024L * 1024 * 1024));
    c.trustProxy = r.boolean("http.trustProxy", "KITUO_TRUST_PROXY", c.trustProxy);
    c.secureCookies = r.boolean("http.secureCookies", "KITUO_SECURE_COOKIES", c.secureCookies);
    c.accessLog = r.boolean("log.access", "KITUO_ACCESS_LOG", c.accessLog);
    c.logLevel = r.str("log.level", "KITUO_LOG_LEVEL", c.logLevel);
    static const char* levels[] = {"none",    "fatal",       "critical", "error", "warning",
                                   "notice",  "information", "debug",    "trace"};
    bool knownLevel = false;
    for (const char* l : levels) knownLevel = knownLevel || c.logLevel == l;
    if (!knownLevel) {
        throw std::invalid_argument("log.level (KITUO_LOG_LEVEL) must be one of none, fatal, "
                                    "critical, error, warning, notice, information, debug, "
                                    "trace; got '" + c.logLevel + "'");
    }
    c.dbUrl = r.str("db.url", "KITUO_DB_URL", c.dbUrl);
    c.dbUrlFile = r.str("db.urlFile", "", c.dbUrlFile);
    c.dbPoolSize = static_cast<int>(r.integer("db.poolSize", "", c.dbPoolSize, 1, 1000));
    c.dbReadUrl = r.str("db.readUrl", "KITUO_DB_READ_URL", c.dbReadUrl);
    c.dbReadMaxLagSec =
        static_cast<int>(r.integer("db.readMaxLagSec", "KITUO_DB_READ_MAX_LAG_SEC", c.dbReadMaxLagSec, 0, 3600));
    c.readYourWritesSec =
        static_cast<int>(r.integer("db.readYourWritesSec", "KITUO_READ_YOUR_WRITES_SEC", c.readYourWritesSec, 0, 3600));
    c.dbConnectTimeoutSec =
        static_cast<int>(r.integer("db.connectTimeoutSec", "", c.dbConnectTimeoutSec, 1, 120));
    c.dbReadTimeoutSec =
        static_cast<int>(r.integer("db.readTimeoutSec", "", c.dbReadTimeoutSec, 1, 3600));
    c.migrateOnStart = r.boolean("db.migrateOnStart", "", c.migrateOnStart);
    c.templatesDir = r.str("paths.templates", "", c.templatesDir);
    c.staticDir = r.str("paths.static", "", c.staticDir);
    c.migrationsDir = r.str("paths.migrations", "", c.migrationsDir);
    c.keyFile = r.str("paths.keyFile", "KITUO_KEY_FILE", c.keyFile);
    c.auditCheckpointFile =
        r.str("audit.checkpointFile", "KITUO_AUDIT_CHECKPOINT_FILE", c.auditCheckpointFile);
    c.auditOfficerReads = r.boolean("audit.officerReads", "KITUO_AUDIT_OFFICER_READS", c.auditOfficerReads);
    c.auditSealIntervalMs =
        static_cast<int>(r.integer("audit.sealIntervalMs", "", c.auditSealIntervalMs, 10, 60000));
    c.anonymousSummarySec =
        static_cast<int>(r.integer("audit.anonymousSummarySec", "", c.anonymousSummarySec, 1, 3600));
    c.anonymousRefusalsPerAddress = static_cast<int>(
        r.integer("audit.anonymousRefusalsPerAddress", "", c.anonymousRefusalsPerAddress, 1, 1000000));
    c.certificateChecksPerAddress = static_cast<int>(
        r.integer("training.certificateChecksPerAddress", "", c.certificateChecksPerAddress, 1, 1000000));
    c.welfareSmallCount = static_cast<int>(r.integer("welfare.smallCount", "", c.welfareSmallCount, 3, 100));
    c.welfareRetentionDays = static_cast<int>(
        r.integer("welfare.retentionDays", "KITUO_WELFARE_RETENTION_DAYS", c.welfareRetentionDays, 1, 36525));
    return c;
}

Config loadConfig(const Environment& env) {
    auto named = env.find("KITUO_CONFIG");
    std::string path;
    if (named != env.end()) {
        path = named->second;
        if (!Poco::File(path).exists()) {
            throw std::invalid_argument("KITUO_CONFIG names a file that does not exist: " + path);
        }
    } else {
        auto root = env.find("KITUO_ROOT");
        path = Poco::Path(root == env.end() ? "." : root->second, "ops/kituo.properties").toString();
    }
    Poco::AutoPtr<Poco::Util::AbstractConfiguration> file;
    if (Poco::File(path).exists()) {
        file = new Poco::Util::PropertyFileConfiguration(path);
    } else {
        file = new Poco::Util::MapConfiguration;
    }
    return makeConfig(*file, env);
}

Environment processEnvironment() {
    Environment env;
    for (char** e = environ; e && *e; ++e) {
        const std::string entry(*e);
        const auto eq = entry.find('=');
        if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
    }
    return env;
}

}  // namespace kituo::app
