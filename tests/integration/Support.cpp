// Integration test support; see Support.h.
#include "Support.h"

#include "crypto/Hash.h"
#include "crypto/Keys.h"
#include "crypto/PasswordHasher.h"
#include "crypto/SecretBox.h"
#include "domain/SecondFactor.h"
#include "domain/Totp.h"
#include "store/DemoSeed.h"
#include "store/Migrator.h"
#include "store/OrgStore.h"
#include "store/SecondFactorStore.h"
#include "store/UserStore.h"

#include <Poco/File.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Path.h>
#include <Poco/URI.h>

#include <fstream>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <sstream>

namespace kituo::test {
namespace {

std::string baseUrl() {
    const char* url = std::getenv("KITUO_TEST_DB_URL");
    if (!url || !*url) {
        FAIL("KITUO_TEST_DB_URL is not set: run the suite through ops/test, which starts the "
             "private MariaDB and sets it");
    }
    return url;
}

std::atomic<int> counter{0};

}  // namespace

std::string sourceDir() { return KITUO_SOURCE_DIR; }

int shell(const std::string& command) {
    const int rc = std::system(command.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

TempDir::TempDir(const std::string& prefix) : path(Poco::Path::temp() + prefix + crypto::randomHex(6)) {
    Poco::File(path).createDirectories();
}

TempDir::~TempDir() {
    try {
        Poco::File(path).remove(true);
    } catch (...) {
        // A leftover directory under the temporary directory is harmless.
    }
}

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

TestSchema::TestSchema() {
    const std::string base = baseUrl();
    store::DbSettings admin = store::parseDbUrl(base);
    admin.poolSize = 1;
    const std::string name = "kituo_t" + std::to_string(Poco::Process::id()) + "_" +
                             std::to_string(counter++);
    store::Db db(admin);
    db.run([&](store::Connection& c) {
        c.execute("DROP DATABASE IF EXISTS `" + name + "`");
        c.execute("CREATE DATABASE `" + name +
                  "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    });
    _settings = admin;
    _settings.database = name;
    _settings.poolSize = 8;
    const auto slash = base.find('/', base.find("://") + 3);
    const auto query = base.find('?');
    _url = base.substr(0, slash + 1) + name + (query == std::string::npos ? "" : base.substr(query));
}

TestSchema::~TestSchema() {
    try {
        store::DbSettings admin = store::parseDbUrl(baseUrl());
        admin.poolSize = 1;
        store::Db db(admin);
        db.run([&](store::Connection& c) { c.execute("DROP DATABASE IF EXISTS `" + name() + "`"); });
    } catch (...) {
        // A leftover schema is harmless; the next ops/test run does not reuse its name.
    }
}

std::string testKeyFile() {
    static const std::string path = [] {
        const std::string p = Poco::Path::temp() + "kituo-test-" +
                              std::to_string(Poco::Process::id()) + ".key";
        std::ofstream(p) << crypto::randomHex(32) << "\n";
        return p;
    }();
    return path;
}

app::Config testConfig(const std::string& dbUrl) {
    app::Config c;
    c.root = sourceDir();
    c.port = 0;
    c.threads = 8;
    c.dbUrl = dbUrl;
    c.dbPoolSize = 8;
    c.accessLog = false;
    c.logLevel = "warning";
    c.maxBodyBytes = 64 * 1024;
    c.keyFile = testKeyFile();
    c.auditCheckpointFile = "";  // a developer's var/ checkpoints belong to another database
    return c;
}

TestServer::TestServer() : TestServer([](app::Config&) {}) {}

TestServer::TestServer(std::function<void(app::Config&)> adjust) {
    app::Config config = testConfig(_schema.url());
    adjust(config);
    _server = app::makeServer(config);
    store::Migrator(_server->db(), config.resolve(config.migrationsDir)).migrate();
}

TestServer::~TestServer() {
    if (_server) _server->stop();
}

HttpResult TestServer::send(const std::string& method, const std::string& path,
                            const std::string& body, const std::string& contentType,
                            const std::map<std::string, std::string>& headers) {
    if (_server->port() == 0) _server->start();
    Poco::Net::HTTPClientSession session("127.0.0.1", _server->port());
    session.setTimeout(Poco::Timespan(20, 0));
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty() || method == "POST") {
        req.setContentType(contentType);
        req.setContentLength64(static_cast<Poco::Int64>(body.size()));
    }
    std::ostream& out = session.sendRequest(req);
    out << body;
    Poco::Net::HTTPResponse res;
    std::istream& in = session.receiveResponse(res);
    HttpResult r;
    r.status = res.getStatus();
    for (const auto& [k, v] : res) {
        auto& slot = r.headers[Poco::toLower(k)];
        slot = slot.empty() ? v : slot + "\n" + v;  // several Set-Cookie headers
    }
    std::ostringstream ss;
    Poco::StreamCopier::copyStream(in, ss);
    r.body = ss.str();
    return r;
}

void TestServer::seedDemo() {
    crypto::PasswordHasher hasher;
    store::seedDemo(_server->db(), hasher, _server->services().keys, kDemoPassword, kTestTotpSecret, kToday);
}

HttpResult TestServer::get(const std::string& path, const std::map<std::string, std::string>& h) {
    return send("GET", path, "", "", h);
}

HttpResult TestServer::head(const std::string& path) { return send("HEAD", path, "", "", {}); }

HttpResult TestServer::post(const std::string& path, const std::string& body,
                            const std::string& contentType) {
    return send("POST", path, body, contentType, {});
}

HttpResult TestServer::raw(const std::string& bytes) {
    if (_server->port() == 0) _server->start();
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", _server->port()));
    socket.setReceiveTimeout(Poco::Timespan(20, 0));
    socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
    std::string all;
    char buf[8192];
    int n;
    while ((n = socket.receiveBytes(buf, sizeof buf)) > 0) {
        all.append(buf, static_cast<std::size_t>(n));
        const auto headerEnd = all.find("\r\n\r\n");
        if (headerEnd == std::string::npos) continue;
        const auto cl = Poco::toLower(all.substr(0, headerEnd)).find("content-length:");
        if (cl == std::string::npos) continue;
        const std::size_t length = std::stoul(all.substr(cl + 15));
        if (all.size() >= headerEnd + 4 + length) break;
    }
    HttpResult r;
    std::istringstream lines(all);
    std::string line;
    std::getline(lines, line);
    if (line.size() >= 12) r.status = std::stoi(line.substr(9, 3));
    while (std::getline(lines, line) && line != "\r") {
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string value = line.substr(colon + 1);
        Poco::trimInPlace(value);
        r.headers[Poco::toLower(line.substr(0, colon))] = value;
    }
    const auto headerEnd = all.find("\r\n\r\n");
    if (headerEnd != std::string::npos) r.body = all.substr(headerEnd + 4);
    return r;
}

}  // namespace kituo::test

namespace kituo::test {

std::string queryValue(store::Db& db, const std::string& sql) {
    return db.run([&](store::Connection& c) {
        std::unique_ptr<sql::ResultSet> rs(c.prepare(sql).executeQuery());
        REQUIRE(rs->next());
        return rs->isNull(1) ? std::string() : std::string(rs->getString(1));
    });
}

int queryInt(store::Db& db, const std::string& sql) { return std::stoi(queryValue(db, sql)); }

std::vector<std::string> queryColumn(store::Db& db, const std::string& sql) {
    return db.run([&](store::Connection& c) {
        std::unique_ptr<sql::ResultSet> rs(c.prepare(sql).executeQuery());
        std::vector<std::string> out;
        while (rs->next()) out.push_back(rs->isNull(1) ? std::string("NULL") : std::string(rs->getString(1)));
        return out;
    });
}

void execute(store::Db& db, const std::string& sql) {
    db.run([&](store::Connection& c) { c.execute(sql); });
}

void createAccount(store::Db& db, const std::string& username, domain::Role role, const std::string& orgCode,
                   bool enrol) {
    crypto::PasswordHasher hasher;
    store::NewUser u;
    u.username = username;
    u.displayName = username;
    u.role = role;
    u.orgUnitId = store::OrgStore(db).findByCode(orgCode)->id;
    u.passwordHash = hasher.hash(kDemoPassword);
    u.mustChangePassword = false;
    const auto id = store::UserStore(db).create(u);
    if (enrol && domain::requiresSecondFactor(role)) {
        const auto keys = crypto::KeyRing::fromFile(testKeyFile());
        db.transaction([&](store::Connection& c) {
            store::SecondFactorStore(db).enrol(
                c, id, crypto::secondFactorBox(keys).seal(kTestTotpSecret, crypto::secondFactorBinding(id)), 0, {});
        });
    }
}

std::string formEncode(const std::map<std::string, std::string>& fields) {
    std::string body;
    for (const auto& [k, v] : fields) {
        std::string ek, ev;
        Poco::URI::encode(k, "!#$&'()*+,/:;=?@[]%", ek);
        Poco::URI::encode(v, "!#$&'()*+,/:;=?@[]%", ev);
        body += (body.empty() ? "" : "&") + ek + "=" + ev;
    }
    return body;
}

std::string inputValue(const std::string& html, const std::string& name) {
    const auto at = html.find("name=\"" + name + "\"");
    if (at == std::string::npos) return "";
    const auto tagEnd = html.find('>', at);
    const auto value = html.find("value=\"", at);
    if (value == std::string::npos || value > tagEnd) return "";
    const auto start = value + 7;
    return html.substr(start, html.find('"', start) - start);
}

HttpResult Browser::send(const std::string& method, const std::string& path, const std::string& body,
                         const std::string& contentType) {
    std::map<std::string, std::string> headers;
    std::string cookieHeader;
    for (const auto& [k, v] : _cookies) cookieHeader += (cookieHeader.empty() ? "" : "; ") + k + "=" + v;
    if (!cookieHeader.empty()) headers["Cookie"] = cookieHeader;
    headers["User-Agent"] = "KituoTest/1.0";
    auto r = _server.send(method, path, body, contentType, headers);
    setCookies.clear();
    std::istringstream lines(r.header("set-cookie"));
    std::string line;
    while (std::getline(lines, line)) {
        const auto eq = line.find('=');
        const auto semi = line.find(';');
        const std::string name = line.substr(0, eq);
        const std::string value = line.substr(eq + 1, semi - eq - 1);
        setCookies[name] = line;
        if (line.find("Max-Age=0") != std::string::npos) _cookies.erase(name);
        else _cookies[name] = value;
    }
    const std::string token = inputValue(r.body, "csrf_token");
    if (!token.empty()) _csrf = token;
    // Like a browser, land on the redirect target (its cookies and form token count), but
    // report the first answer so tests see the redirect itself.
    const std::string location = r.header("location");
    if ((r.status == 302 || r.status == 303) && !location.empty() && location[0] == '/' && _hops < 3) {
        ++_hops;
        const auto saved = setCookies;
        HttpResult target = send("GET", location, "");
        setCookies = saved;
        --_hops;
        if (_hops == 0) landed = std::move(target);
    } else if (_hops == 0) {
        landed = HttpResult{};
    }
    return r;
}

HttpResult Browser::get(const std::string& path) { return send("GET", path, ""); }

HttpResult Browser::upload(const std::string& path, const std::string& field, const std::string& fileName,
                           const std::string& content) {
    const std::string boundary = "----KituoTestBoundary" + crypto::randomHex(8);
    std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" +
                       _csrf + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field +
                       "\"; filename=\"" + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n" + content +
                       "\r\n--" + boundary + "--\r\n";
    return send("POST", path, body, "multipart/form-data; boundary=" + boundary);
}

HttpResult Browser::post(const std::string& path, std::map<std::string, std::string> fields) {
    if (!fields.count("csrf_token")) fields["csrf_token"] = _csrf;
    return send("POST", path, formEncode(fields));
}

HttpResult Browser::loginPasswordOnly(const std::string& username, const std::string& password) {
    get("/login");
    return post("/login", {{"username", username}, {"password", password}});
}

HttpResult Browser::login(const std::string& username, const std::string& password) {
    auto first = loginPasswordOnly(username, password);
    if (first.status != 303 || first.header("location") != "/login/two-factor") return first;
    return post("/login/two-factor", {{"code", nextTotpCode(username)}});
}

std::string Browser::nextTotpCode(const std::string& username) {
    std::string escaped;
    for (char c : username) {
        if (c == '\'' || c == '\\') escaped += '\\';
        escaped += c;
    }
    const std::int64_t last = std::stoll(queryValue(
        _server.db(), "SELECT COALESCE(MAX(f.last_step), 0) FROM users u LEFT JOIN user_second_factors f "
                      "ON f.user_id = u.user_id WHERE u.username = '" + escaped + "'"));
    std::int64_t step = domain::totpStep(_server.server().clock().now());
    // The current step, or the next one when the current was used; beyond that, wait a step.
    std::int64_t candidate = std::max(step, last + 1);
    if (candidate > step + 1) {
        _server.server().clock().advance((candidate - step - 1) * domain::kTotpStepSec);
        step = domain::totpStep(_server.server().clock().now());
        candidate = std::max(step, last + 1);
    }
    return domain::hotp(kTestTotpSecret, candidate);
}

std::string Browser::cookie(const std::string& name) const {
    auto it = _cookies.find(name);
    return it == _cookies.end() ? std::string() : it->second;
}

}  // namespace kituo::test
