// Test support for integration tests: a fresh schema per test on the private MariaDB
// (KITUO_TEST_DB_URL, set by ops/test), the real server on an ephemeral port, and a small
// HTTP client. Nothing here skips: without KITUO_TEST_DB_URL the tests fail and say why.
#pragma once

#include "app/Server.h"
#include "domain/Role.h"
#include "store/Connection.h"  // integration tests may run SQL to set up and check data

#include <map>
#include <memory>
#include <string>
#include <vector>

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

// The demo accounts' password in tests.
constexpr const char* kDemoPassword = "Kituo-test-password-1";
// The demo accounts' second-factor secret in tests (raw bytes; admin, counsellor, counsellor2,
// supervisor and auditor are enrolled with it, and so are accounts made by createAccount()).
constexpr const char* kTestTotpSecret = "12345678901234567890";
// The date the demo roll is generated for in tests.
constexpr const char* kToday = "2026-11-23";

// A master key file for tests (created once per process).
std::string testKeyFile();

// A browser-like client: keeps cookies, and can fetch a page's CSRF token.
class Browser;

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
    HttpResult send(const std::string& method, const std::string& path, const std::string& body,
                    const std::string& contentType, const std::map<std::string, std::string>& headers);

    // Seeds the demo station and its accounts (password kDemoPassword).
    void seedDemo();
    store::Db& db() { return _server->db(); }
    const store::DbSettings& schemaSettings() const { return _schema.settings(); }
    std::string schemaUrl() const { return _schema.url(); }

private:
    TestSchema _schema;
    std::unique_ptr<app::Server> _server;
};

class Browser {
public:
    explicit Browser(TestServer& server) : _server(server) {}
    HttpResult get(const std::string& path);
    // POSTs form fields (URL-encoded); adds csrf_token unless the fields have one.
    HttpResult post(const std::string& path, std::map<std::string, std::string> fields);
    // POSTs a multipart/form-data form with one file (and the csrf_token).
    HttpResult upload(const std::string& path, const std::string& field, const std::string& fileName,
                      const std::string& content);
    // Signs in through the real forms: POST /login, then, when the account has a second factor,
    // POST /login/two-factor with the next unused TOTP code (kTestTotpSecret). Returns the last
    // POST's answer (a 303 to the landing page on success).
    HttpResult login(const std::string& username, const std::string& password = kDemoPassword);
    // Only the first step (POST /login); returns its answer.
    HttpResult loginPasswordOnly(const std::string& username, const std::string& password = kDemoPassword);
    // A TOTP code for `username` that the server has not accepted yet, at the server's time
    // (moves the server clock on by a step when this account used up the window).
    std::string nextTotpCode(const std::string& username);
    std::string cookie(const std::string& name) const;
    void setCookie(const std::string& name, const std::string& value) { _cookies[name] = value; }
    void dropCookie(const std::string& name) { _cookies.erase(name); }
    // The csrf_token of the last page fetched (empty when it had none).
    const std::string& csrf() const { return _csrf; }
    std::map<std::string, std::string> setCookies;  // raw Set-Cookie values of the last answer
    // The page a redirect of the last answer led to (status 0 when it was no redirect).
    HttpResult landed;

private:
    HttpResult send(const std::string& method, const std::string& path, const std::string& body,
                    const std::string& contentType = "application/x-www-form-urlencoded");
    TestServer& _server;
    std::map<std::string, std::string> _cookies;
    std::string _csrf;
    int _hops = 0;
};

// URL-encodes form fields.
std::string formEncode(const std::map<std::string, std::string>& fields);
// The value of the first <input name="name" value="..."> in the page, or empty.
std::string inputValue(const std::string& html, const std::string& name);

// The first column of the first row of a query (test data set-up and checks only).
std::string queryValue(store::Db& db, const std::string& sql);
int queryInt(store::Db& db, const std::string& sql);
// The first column of every row, in the query's order (NULL as "NULL").
std::vector<std::string> queryColumn(store::Db& db, const std::string& sql);
// Runs a statement (test data set-up only).
void execute(store::Db& db, const std::string& sql);

// Creates an account (password kDemoPassword, no forced change) at the org unit with `orgCode`.
// A role that needs a second factor is enrolled with kTestTotpSecret unless `enrol` is false.
void createAccount(store::Db& db, const std::string& username, domain::Role role, const std::string& orgCode,
                   bool enrol = true);

// Runs a shell command; returns its exit status.
int shell(const std::string& command);

// A directory of one test's own under the system's temporary directory, removed with
// everything in it at the end.
class TempDir {
public:
    explicit TempDir(const std::string& prefix);
    ~TempDir();
    const std::string path;
};

// A whole file's contents (empty when it cannot be read).
std::string readFile(const std::string& path);

}  // namespace kituo::test
