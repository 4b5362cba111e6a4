// Test support for integration tests: a fresh schema per test on the private MariaDB
// (KITUO_TEST_DB_URL, set by ops/test), the real server on an ephemeral port, and a small
// HTTP client. Nothing here skips: without KITUO_TEST_DB_URL the tests fail and say why.
#pragma once

#include "app/Server.h"
#include "store/Db.h"

#include <map>
#include <memory>
#include <string>

namespace kituo::test {

// The repository root (templates, migrations, ops scripts).
std::string sourceDir();

// A schema created for one test and dropped at the end of it.
class TestSchema {
public:
    TestSchema();
    ~TestSchema();
    const store::DbSettings& settings() const { return _settings; }
    std::string url() const { return _url; }
    const std::string& name() const { return _settings.database; }

private:
    store::DbSettings _settings;
    std::string _url;
};

// A test configuration: port 0, quiet logs, the repository's templates and migrations.
app::Config testConfig(const std::string& dbUrl);

struct HttpResult {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

// A migrated schema and a started server, stopped and dropped at the end.
class TestServer {
public:
    TestServer();
    explicit TestServer(std::function<void(app::Config&)> adjust);
    ~TestServer();
    app::Server& server() { return *_server; }
    unsigned short port() const { return _server->port(); }

    HttpResult get(const std::string& path, const std::map<std::string, std::string>& headers = {});
    HttpResult head(const std::string& path);
    HttpResult post(const std::string& path, const std::string& body,
                    const std::string& contentType = "application/x-www-form-urlencoded");
    // Sends raw bytes as the whole request and parses the answer (for malformed requests).
    HttpResult raw(const std::string& bytes);

private:
    HttpResult send(const std::string& method, const std::string& path, const std::string& body,
                    const std::string& contentType, const std::map<std::string, std::string>& headers);
    TestSchema _schema;
    std::unique_ptr<app::Server> _server;
};

// Runs a shell command; returns its exit status.
int shell(const std::string& command);

}  // namespace kituo::test
