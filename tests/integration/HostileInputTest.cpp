// Hostile input against every route, generated from the route table itself, so a new route is
// covered without editing this file:
//  - each route is requested as the first demo account whose role holds the route's
//    permission (anonymous for public routes), its path parameters filled with 1;
//  - every form found on the route's page is sent back with each payload (cross-site
//    scripting, SQL injection) in every field, with its own fresh form token, and every
//    route gets the payloads in its page's query fields and in the usual filter names;
//  - file upload routes get a CSV whose cells are the payloads.
// Every answer (and the page a redirect leads to) must be below 500, must not carry a
// payload's markup unescaped, and must not show database error text.
//
// Then malformed, oversized and slow requests: each gets a 4xx or a closed connection, and the
// server keeps answering.
#include "Support.h"

#include "auth/Policy.h"
#include "domain/Csv.h"

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

using namespace kituo;

namespace {

const std::vector<std::string> kXss = {"<script>alert(1)</script>", "\"><svg onload=alert(1)>",
                                       "'><img src=x onerror=alert(1)>"};
const std::vector<std::string> kSqli = {"' OR '1'='1", "1; DROP TABLE officers; --",
                                        "1' UNION SELECT password_hash FROM users -- ", "\\'; SELECT SLEEP(5); #"};
// Query names the pages filter on (besides those of the forms found on each page).
const std::vector<std::string> kQueryNames = {"q", "station", "county", "rank", "status", "page", "from", "to",
                                              "as_of", "code", "number", "module", "section", "state", "id"};
const std::vector<std::string> kSqlErrorText = {"SQL syntax", "SQLSTATE", "MariaDB server", "sql::", "mysql_",
                                                "You have an error in your"};

// The accounts in the order a role is chosen for a route: the demo accounts (whose records the
// pages show), but a second admin in place of the demo one, so that the account the admin
// pages act on (id 1, the demo admin) is never the one signed in.
const std::vector<std::string> kAccounts = {"hr", "hostile.admin", "counsellor", "supervisor", "ocs", "auditor",
                                            "commander"};

struct FormField {
    std::string name;
    std::string value;  // hidden fields' values
    bool hidden = false;
};

struct HtmlForm {
    std::string action;
    std::string method;  // lower case
    std::vector<FormField> fields;
    bool upload = false;
};

std::string attribute(const std::string& tag, const std::string& name) {
    const auto at = tag.find(" " + name + "=\"");
    if (at == std::string::npos) return "";
    const auto start = at + name.size() + 3;
    std::string value = tag.substr(start, tag.find('"', start) - start);
    for (std::string::size_type amp; (amp = value.find("&amp;")) != std::string::npos;) value.replace(amp, 5, "&");
    return value;
}

// The forms of a page: their action, method and named fields (input, select, textarea).
std::vector<HtmlForm> formsOf(const std::string& html, const std::string& pagePath) {
    std::vector<HtmlForm> forms;
    for (auto open = html.find("<form"); open != std::string::npos; open = html.find("<form", open + 1)) {
        const auto tagEnd = html.find('>', open);
        const auto close = html.find("</form>", tagEnd);
        if (tagEnd == std::string::npos || close == std::string::npos) break;
        const std::string tag = html.substr(open, tagEnd - open);
        HtmlForm form;
        form.action = attribute(tag, "action");
        if (form.action.empty()) form.action = pagePath;
        form.method = attribute(tag, "method") == "post" ? "post" : "get";
        form.upload = tag.find("multipart/form-data") != std::string::npos;
        const std::string inner = html.substr(tagEnd, close - tagEnd);
        for (auto lt = inner.find('<'); lt != std::string::npos; lt = inner.find('<', lt + 1)) {
            const auto gt = inner.find('>', lt);
            if (gt == std::string::npos) break;
            const std::string field = inner.substr(lt, gt - lt);
            if (field.rfind("<input", 0) != 0 && field.rfind("<select", 0) != 0 && field.rfind("<textarea", 0) != 0) continue;
            const std::string name = attribute(field, "name");
            if (name.empty()) continue;
            const std::string type = attribute(field, "type");
            if (type == "file" || type == "submit") continue;
            form.fields.push_back({name, attribute(field, "value"), type == "hidden"});
        }
        forms.push_back(std::move(form));
    }
    return forms;
}

std::string fillPath(const std::string& pattern) {
    std::string path;
    for (const auto& segment : http::splitPath(pattern)) {
        path += "/" + (segment.front() == '{' ? std::string("1") : segment);
    }
    return path.empty() ? "/" : path;
}

std::string encode(const std::string& s) {
    return test::formEncode({{"x", s}}).substr(2);
}

std::string lastRequest;  // for the message when a request signed its account out

bool isLogout(const std::string& pattern) { return pattern.find("logout") != std::string::npos; }

// One signed-in browser per demo account, signed in again whenever a request ended its session.
class Visitors {
public:
    explicit Visitors(test::TestServer& s) : _s(s) {}
    // The browser of the first account whose role holds `permission`; anonymous for public routes.
    test::Browser& forPermission(auth::Permission permission) {
        if (permission == auth::Permission::Public) return browser("");
        for (const auto& account : kAccounts) {
            const auto role = domain::roleFromString(test::queryValue(
                _s.db(), "SELECT role FROM users WHERE username = '" + account + "'"));
            if (role && auth::allows(*role, permission)) return browser(account);
        }
        FAIL("no demo account holds permission " << auth::toString(permission));
        throw std::logic_error("unreachable");
    }
    test::Browser& browser(const std::string& account) {
        auto it = _browsers.find(account);
        if (it == _browsers.end()) {
            it = _browsers.emplace(account, std::make_unique<test::Browser>(_s)).first;
            if (!account.empty()) REQUIRE(it->second->login(account).status == 303);
        }
        if (!account.empty() && it->second->get("/account/sessions").status != 200) {
            WARN(account << " was signed out by " << lastRequest << "; signing in again");
            it->second = std::make_unique<test::Browser>(_s);
            REQUIRE(it->second->login(account).status == 303);
        }
        return *it->second;
    }

private:
    test::TestServer& _s;
    std::map<std::string, std::unique_ptr<test::Browser>> _browsers;
};

// Checks one answer (and where its redirect led).
void checkAnswer(const std::string& what, const test::HttpResult& r, const test::HttpResult& landed) {
    lastRequest = what;
    for (const auto* answer : {&r, &landed}) {
        INFO(what << " -> " << answer->status << "\n" << answer->body.substr(0, 600));
        CHECK(answer->status < 500);
        if (answer->header("content-type").rfind("text/html", 0) == 0) {
            for (const auto& p : kXss) CHECK(answer->body.find(p) == std::string::npos);
        }
        for (const auto& t : kSqlErrorText) CHECK(answer->body.find(t) == std::string::npos);
    }
}

}  // namespace

TEST_CASE("every route, as a role that reaches it, answers hostile fields and query values without a 5xx, "
          "unescaped markup or database error text",
          "[http][hostile]") {
    test::TestServer s;
    s.seedDemo();
    test::createAccount(s.db(), "hostile.admin", domain::Role::Admin,
                        test::queryValue(s.db(), "SELECT o.code FROM users u JOIN org_units o ON o.org_unit_id = "
                                                 "u.org_unit_id WHERE u.username = 'admin'"));
    REQUIRE(test::queryValue(s.db(), "SELECT username FROM users WHERE user_id = 1") == "admin");
    Visitors visitors(s);
    // Sign every account in before the sign-in form gets hostile names (which throttle the address).
    for (const auto& account : kAccounts) visitors.browser(account);

    std::vector<std::string> payloads = kXss;
    payloads.insert(payloads.end(), kSqli.begin(), kSqli.end());
    int requests = 0, formsSent = 0;
    // The sign-in routes come last: hostile names throttle sign-in from this address, and a
    // request that ends a session (its id filled with 1) needs a fresh sign-in.
    std::vector<const http::Route*> routes;
    for (const auto& route : s.server().router().routes()) routes.push_back(&route);
    std::stable_partition(routes.begin(), routes.end(),
                          [](const http::Route* r) { return r->pattern.rfind("/login", 0) != 0; });
    for (const auto* routeP : routes) {
        const http::Route& route = *routeP;
        const std::string path = fillPath(route.pattern);
        if (isLogout(route.pattern)) continue;  // signing out takes no input
        test::Browser& b = visitors.forPermission(*route.permission);
        const std::string what = route.method + " " + route.pattern + " as " + auth::toString(*route.permission);

        // Query values: the usual filter names, and those of the page's own search forms.
        std::set<std::string> names(kQueryNames.begin(), kQueryNames.end());
        std::vector<HtmlForm> forms;
        if (route.method == "GET") {
            auto page = b.get(path);
            checkAnswer(what, page, b.landed);
            forms = formsOf(page.body, path);
            for (const auto& f : forms) {
                if (f.method == "get") for (const auto& field : f.fields) names.insert(field.name);
            }
        }
        for (const auto& payload : payloads) {
            std::string query;
            for (const auto& n : names) query += (query.empty() ? "?" : "&") + n + "=" + encode(payload);
            if (route.method == "GET") {
                checkAnswer(what + query, b.get(path + query), b.landed);
            } else {
                b.get("/");  // a fresh form token
                std::map<std::string, std::string> fields;
                for (const auto& n : names) fields[n] = payload;
                checkAnswer(what + " form " + payload, b.post(path + query, fields), b.landed);
            }
            ++requests;
        }

        // Every form of the page back to its action, each payload in every field but the token.
        for (const auto& form : forms) {
            if (isLogout(form.action) || form.method == "get") continue;
            for (const auto& payload : payloads) {
                b.get(path);  // a fresh form token
                std::map<std::string, std::string> fields;
                for (const auto& f : form.fields) {
                    if (f.name != "csrf_token") fields[f.name] = payload;
                }
                const auto r = form.upload
                                   ? b.upload(form.action, "file", "hostile.csv",
                                              domain::csvLine({"service_number", "surname", "other_names"}) +
                                                  domain::csvLine({"123456", payload, payload}))
                                   : b.post(form.action, fields);
                checkAnswer(what + " form to " + form.action + " with " + payload, r, b.landed);
                ++formsSent;
            }
        }
    }
    INFO(requests << " hostile query requests, " << formsSent << " hostile forms");
    CHECK(requests > 200);
    CHECK(formsSent > 50);
    CHECK(s.get("/healthz").status == 200);
}

namespace {

// The status of a raw request's answer; 0 when the server closed the connection unanswered.
int rawStatus(test::TestServer& s, const std::string& bytes) { return s.raw(bytes).status; }

}  // namespace

TEST_CASE("malformed, oversized and slow requests get a 4xx or a closed connection, and the server keeps serving",
          "[http][hostile]") {
    test::TestServer s([](app::Config& c) { c.receiveTimeoutSec = 2; });
    s.seedDemo();
    REQUIRE(s.get("/healthz").status == 200);

    const std::vector<std::pair<std::string, std::string>> malformed = {
        {"garbage request line", "HELLO\r\n\r\n"},
        {"no version", "GET /\r\n\r\n"},
        {"unknown version", "GET / HTTP/9.9\r\nHost: x\r\n\r\n"},
        {"space in a header name", "GET / HTTP/1.1\r\nHost: x\r\nBad Header: x\r\n\r\n"},
        {"NUL in the target", std::string("GET /off") + '\0' + "icers HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"control byte in the path", "GET /officers%01 HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"bad escape", "GET /officers?q=%zz HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"not UTF-8", "GET /officers?q=%ff%fe HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"relative target", "GET officers HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"absolute-form target", "GET http://evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"negative length", "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"},
        {"huge length", "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n"},
        {"bad chunk", "POST /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"},
        {"length and chunked", "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
        {"long target", "GET /officers?q=" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"long header", "GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + std::string(100000, 'b') + "\r\n\r\n"},
        {"many headers", "GET / HTTP/1.1\r\nHost: x\r\n" + [] {
             std::string h;
             for (int i = 0; i < 2000; ++i) h += "X-" + std::to_string(i) + ": v\r\n";
             return h;
         }() + "\r\n"},
        {"oversized body", "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                           "Content-Length: 10000000\r\n\r\n" + std::string(100000, 'a')},
        {"oversized form field", "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                 "Content-Length: 70006\r\n\r\nuser=" + std::string(70001, 'a')},
        {"truncated multipart", "POST /officers/import HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; "
                                "boundary=zz\r\nContent-Length: 20\r\n\r\n--zz\r\nContent-Dispo"},
    };
    for (const auto& [what, bytes] : malformed) {
        const int status = rawStatus(s, bytes);
        INFO(what << " -> " << status);
        CHECK((status == 0 || (status >= 400 && status < 500)));
        CHECK(s.get("/healthz").status == 200);
    }

    // Slow clients: connections that send part of a request and then nothing are closed after
    // the receive timeout, and while they hang the server answers others.
    std::vector<std::unique_ptr<Poco::Net::StreamSocket>> slow;
    for (int i = 0; i < 4; ++i) {
        slow.push_back(std::make_unique<Poco::Net::StreamSocket>(Poco::Net::SocketAddress("127.0.0.1", s.port())));
        const std::string part = "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n" +
                                 std::string(i % 2 ? "\r\nusername=" : "X-Slow: ");
        slow.back()->sendBytes(part.data(), static_cast<int>(part.size()));
    }
    const auto start = std::chrono::steady_clock::now();
    CHECK(s.get("/healthz").status == 200);
    CHECK(s.get("/login").status == 200);
    for (auto& socket : slow) {
        socket->setReceiveTimeout(Poco::Timespan(10, 0));
        char buf[4096];
        int n = 0;
        std::string answer;
        try {
            while ((n = socket->receiveBytes(buf, sizeof buf)) > 0) answer.append(buf, static_cast<std::size_t>(n));
        } catch (const Poco::Exception& e) {
            FAIL("the slow connection was not closed: " << e.displayText());
        }
        INFO(answer.substr(0, 200));
        CHECK((answer.empty() || answer.rfind("HTTP/1.1 4", 0) == 0));
    }
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(8));
    CHECK(s.get("/healthz").status == 200);
}
