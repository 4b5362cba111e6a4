// Sign-in, sessions, CSRF and throttling against the real server and database.
#include "Support.h"

#include "store/UserStore.h"

#include <sodium.h>

#include <catch2/catch.hpp>

using namespace kituo;
using test::Browser;

namespace {
int countRows(store::Db& db, const std::string& sql) { return test::queryInt(db, sql); }
}  // namespace

TEST_CASE("signing in gives a new token, a planted token is never adopted", "[http][auth]") {
    test::TestServer s;
    s.seedDemo();
    Browser b(s);
    const std::string planted(64, 'a');
    b.setCookie("kituo_session", planted);
    auto r = b.login("hr");
    CHECK(r.status == 303);
    CHECK(r.header("location") == "/");
    const std::string first = b.cookie("kituo_session");
    CHECK(first.size() == 64);
    CHECK(first != planted);
    CHECK(b.get("/").status == 200);

    // A signed-in browser is sent from the sign-in page to its home; a sign-in posted over its
    // session without the sign-in page's token is refused. Signing out and in again gives a
    // new token, and the old one opens nothing.
    CHECK(b.get("/login").status == 302);
    CHECK(b.post("/login", {{"username", "hr"}, {"password", test::kDemoPassword}}).status == 403);
    CHECK(b.cookie("kituo_session") == first);
    REQUIRE(b.post("/logout", {}).status == 303);
    REQUIRE(b.login("hr").status == 303);
    const std::string second = b.cookie("kituo_session");
    CHECK(second.size() == 64);
    CHECK(second != first);
    Browser old(s);
    old.setCookie("kituo_session", first);
    CHECK(old.get("/").status == 302);
    // Only hashes are stored.
    CHECK(countRows(s.db(), "SELECT COUNT(*) FROM sessions WHERE token_hash = '" + second + "'") == 0);
}

TEST_CASE("the session cookie is HttpOnly, SameSite=Strict, Path=/, Secure only over TLS", "[http][auth]") {
    test::TestServer s;
    s.seedDemo();
    Browser b(s);
    b.login("hr");
    const std::string set = b.setCookies.at("kituo_session");
    CHECK_THAT(set, Catch::Contains("HttpOnly") && Catch::Contains("SameSite=Strict") &&
                        Catch::Contains("Path=/") && !Catch::Contains("Secure"));

    test::TestServer tls([](app::Config& c) { c.trustProxy = true; });
    tls.seedDemo();
    tls.get("/healthz");
    auto page = tls.send("GET", "/login", "", "", {{"X-Forwarded-Proto", "https"}});
    const std::string csrfCookie = page.header("set-cookie");
    CHECK_THAT(csrfCookie, Catch::Contains("Secure"));
    const std::string token = test::inputValue(page.body, "csrf_token");
    auto login = tls.send("POST", "/login",
                          test::formEncode({{"username", "hr"}, {"password", test::kDemoPassword},
                                            {"csrf_token", token}}),
                          "application/x-www-form-urlencoded",
                          {{"X-Forwarded-Proto", "https"}, {"Cookie", "kituo_login_csrf=" + token}});
    CHECK(login.status == 303);
    CHECK_THAT(login.header("set-cookie"), Catch::Contains("kituo_session=") && Catch::Contains("Secure"));
}

TEST_CASE("signing out ends the session on the server", "[http][auth]") {
    test::TestServer s;
    s.seedDemo();
    Browser b(s);
    b.login("ocs");
    const std::string token = b.cookie("kituo_session");
    b.get("/");
    auto out = b.post("/logout", {});
    CHECK(out.status == 303);
    CHECK(out.header("location") == "/login");
    CHECK(b.cookie("kituo_session").empty());  // cleared in the browser
    Browser replay(s);                         // and refused when replayed
    replay.setCookie("kituo_session", token);
    CHECK(replay.get("/").status == 302);
}

TEST_CASE("idle timeout: 15 minutes for counsellors, 30 for others", "[http][auth]") {
    test::TestServer s;
    s.seedDemo();
    Browser counsellor(s), hr(s);
    counsellor.login("counsellor");
    hr.login("hr");
    s.server().clock().advance(15 * 60 + 1);
    CHECK(counsellor.get("/").status == 302);
    CHECK(hr.get("/").status == 200);  // and this activity resets hr's idle clock
    s.server().clock().advance(29 * 60);
    CHECK(hr.get("/").status == 200);
    s.server().clock().advance(30 * 60 + 1);
    CHECK(hr.get("/").status == 302);
}

TEST_CASE("absolute timeout: 12 hours whatever the activity", "[http][auth]") {
    test::TestServer s;
    s.seedDemo();
    Browser hr(s);
    hr.login("hr");
    for (int i = 0; i < 35; ++i) {  // active every 20 minutes for 11 h 40 min
        s.server().clock().advance(20 * 60);
        REQUIRE(hr.get("/").status == 200);
    }
    s.server().clock().advance(20 * 60);
    CHECK(hr.get("/").status == 302);
}

TEST_CASE("a missing or wrong CSRF token is refused and changes nothing", "[http][auth]") {
    test::TestServer s;
    s.seedDemo();
    Browser admin(s);
    admin.login("admin");
    admin.get("/admin/users/new");
    const int before = countRows(s.db(), "SELECT COUNT(*) FROM users");
    const std::map<std::string, std::string> fields = {
        {"username", "csrf.victim"}, {"display_name", "Victim"}, {"role", "hr_officer"},
        {"org_unit_id", "1"}};
    auto missing = fields;
    missing["csrf_token"] = "";
    CHECK(admin.post("/admin/users", missing).status == 403);
    auto wrong = fields;
    wrong["csrf_token"] = std::string(64, 'f');
    CHECK(admin.post("/admin/users", wrong).status == 403);
    CHECK(countRows(s.db(), "SELECT COUNT(*) FROM users") == before);
    s.server().runMaintenance();  // recorded events are sealed into audit_events
    CHECK(countRows(s.db(), "SELECT COUNT(*) FROM audit_events WHERE action = 'csrf.rejected'") == 2);
    // Signing out needs the token too.
    auto logout = admin.post("/logout", {{"csrf_token", ""}});
    CHECK(logout.status == 403);
    CHECK(admin.get("/").status == 200);
    // The sign-in form needs its own token: without the cookie it is refused.
    Browser anon(s);
    anon.get("/login");
    anon.dropCookie("kituo_login_csrf");
    CHECK(anon.post("/login", {{"username", "hr"}, {"password", test::kDemoPassword}}).status == 403);
}

TEST_CASE("throttling: 5 failures lock the account from that address for 15 minutes", "[http][auth]") {
    test::TestServer s;
    s.seedDemo();
    Browser b(s);
    for (int i = 0; i < 5; ++i) CHECK(b.login("hr", "wrong password " + std::to_string(i)).status == 401);
    auto refused = b.login("hr");  // the right password, but locked
    CHECK(refused.status == 401);
    CHECK_THAT(refused.body, Catch::Contains("The username or password is wrong") &&
                                 Catch::Contains("There is a problem"));
    CHECK(b.cookie("kituo_session").empty());
    Browser other(s);
    CHECK(other.login("ocs").status == 303);  // another account is not affected
    s.server().clock().advance(15 * 60);
    CHECK(b.login("hr").status == 303);
    // Successes and failures are audited, never with the password.
    s.server().runMaintenance();  // recorded events are sealed into audit_events
    CHECK(countRows(s.db(), "SELECT COUNT(*) FROM audit_events WHERE action = 'login' AND outcome = 'failure'") == 5);
    CHECK(countRows(s.db(), "SELECT COUNT(*) FROM audit_events WHERE action = 'login' AND outcome = 'refused'") == 1);
    CHECK(countRows(s.db(), "SELECT COUNT(*) FROM audit_events WHERE detail LIKE '%wrong password 1%' "
                            "OR detail LIKE '%" + std::string(test::kDemoPassword) + "%'") == 0);
    // Neither typed names nor passwords are kept in the attempts table.
    CHECK(countRows(s.db(), "SELECT COUNT(*) FROM login_attempts WHERE username = 'hr'") == 0);
}

TEST_CASE("throttling: 20 failures from one address lock that address", "[http][auth]") {
    test::TestServer s;
    s.seedDemo();
    Browser b(s);
    for (int i = 0; i < 20; ++i) b.login("nobody" + std::to_string(i), "wrong password");
    CHECK(b.login("ocs").status == 401);
    s.server().clock().advance(15 * 60);
    CHECK(b.login("ocs").status == 303);
}

TEST_CASE("throttling: unknown and known usernames get identical answers, attempt after attempt", "[http][auth]") {
    test::TestServer s;
    s.seedDemo();
    // Each name from its own address, so the per-address limit plays no part.
    auto attempt = [&](const std::string& name, const std::string& ip) {
        return s.send("POST", "/login",
                      test::formEncode({{"username", name}, {"password", "not the password"},
                                        {"csrf_token", std::string(64, 'a')}}),
                      "application/x-www-form-urlencoded",
                      {{"Cookie", "kituo_login_csrf=" + std::string(64, 'a')}, {"X-Real-IP", ip}});
    };
    for (int i = 0; i < 10; ++i) {
        auto known = attempt("ocs", "192.0.2.10");
        auto unknown = attempt("no.such.person", "192.0.2.11");
        INFO("attempt " << i + 1);
        CHECK(known.status == 401);
        CHECK(known.status == unknown.status);
        auto strip = [](std::string body, const std::string& name) {
            for (auto at = body.find(name); at != std::string::npos; at = body.find(name)) body.erase(at, name.size());
            const auto rid = body.find(" · request ");
            return rid == std::string::npos ? body : body.substr(0, rid);
        };
        CHECK(strip(known.body, "ocs") == strip(unknown.body, "no.such.person"));
    }
    // Both names are now locked from their addresses (the unknown one counted the same).
    s.server().runMaintenance();  // recorded events are sealed into audit_events
    CHECK(countRows(s.db(), "SELECT COUNT(*) FROM audit_events WHERE action = 'login' AND outcome = 'refused'") == 10);
}

TEST_CASE("throttling: a stranger's failures lock the pair, not the account for everyone, IPv6 by /64", "[http][auth]") {
    test::TestServer s([](app::Config& c) { c.trustProxy = true; });
    s.seedDemo();
    auto attempt = [&](const std::string& password, const std::string& ip) {
        return s.send("POST", "/login",
                      test::formEncode({{"username", "ocs"}, {"password", password},
                                        {"csrf_token", std::string(64, 'b')}}),
                      "application/x-www-form-urlencoded",
                      {{"Cookie", "kituo_login_csrf=" + std::string(64, 'b')}, {"X-Real-IP", ip}});
    };
    for (int i = 0; i < 5; ++i) CHECK(attempt("guess " + std::to_string(i), "203.0.113.9").status == 401);
    CHECK(attempt(test::kDemoPassword, "203.0.113.9").status == 401);  // address A: locked
    CHECK(attempt(test::kDemoPassword, "198.51.100.20").status == 303);  // address B: signs in

    // IPv6: one /64 is one address group, another /64 is not.
    for (int i = 0; i < 5; ++i) {
        CHECK(attempt("guess", "2001:db8:aa:1::" + std::to_string(i + 1)).status == 401);
    }
    CHECK(attempt(test::kDemoPassword, "2001:db8:aa:1:ffff::9").status == 401);  // same /64
    CHECK(attempt(test::kDemoPassword, "2001:db8:aa:2::1").status == 303);       // next /64
}

TEST_CASE("stored passwords are argon2id and weaker hashes are upgraded at sign-in", "[http][auth]") {
    test::TestServer s;
    s.seedDemo();
    store::UserStore users(s.db());
    CHECK_THAT(users.findForSignIn("hr")->passwordHash, Catch::StartsWith("$argon2id$v=19$m=19456,t=2"));
    char weak[crypto_pwhash_STRBYTES];
    REQUIRE(crypto_pwhash_str_alg(weak, test::kDemoPassword, std::strlen(test::kDemoPassword), 1,
                                  8u * 1024 * 1024, crypto_pwhash_ALG_ARGON2ID13) == 0);
    s.db().run([&](store::Connection& c) {
        auto& st = c.prepare("UPDATE users SET password_hash = ? WHERE username = 'ocs'");
        st.setString(1, weak);
        st.executeUpdate();
    });
    Browser b(s);
    CHECK(b.login("ocs").status == 303);
    CHECK_THAT(users.findForSignIn("ocs")->passwordHash, Catch::StartsWith("$argon2id$v=19$m=19456,t=2"));
}

TEST_CASE("a user sees their sessions and can end another one", "[http][auth]") {
    test::TestServer s;
    s.seedDemo();
    Browser laptop(s), phone(s);
    laptop.login("hr");
    phone.login("hr");
    auto page = laptop.get("/account/sessions");
    CHECK(page.status == 200);
    CHECK_THAT(page.body, Catch::Contains("This session"));
    const auto form = page.body.find("/account/sessions/");
    REQUIRE(form != std::string::npos);
    const std::string action = page.body.substr(form, page.body.find('"', form) - form);
    CHECK(laptop.post(action, {}).status == 303);
    CHECK(phone.get("/").status == 302);
    CHECK(laptop.get("/").status == 200);
    // Another user's session cannot be ended: it does not exist for them.
    Browser other(s);
    other.login("ocs");
    other.get("/account/sessions");
    CHECK(other.post(action, {}).status == 404);
}

TEST_CASE("after sign-in only plain same-site paths are followed", "[http][auth]") {
    test::TestServer s;
    s.seedDemo();
    auto landing = [&](const std::string& next) {
        test::Browser b(s);
        b.get("/login");
        return b.post("/login", {{"username", "hr"}, {"password", test::kDemoPassword}, {"next", next}})
            .header("location");
    };
    CHECK(landing("/officers?page=2") == "/officers?page=2");
    CHECK(landing("//evil.example/") == "/");
    CHECK(landing("/\t/evil.example") == "/");
    CHECK(landing("/\\evil.example") == "/");
    CHECK(landing("https://evil.example/") == "/");
    CHECK(landing("/x\r\nSet-Cookie: a=b") == "/");
    // Control characters never reach a handler through the path either.
    CHECK(s.get("/login%0D%0ASet-Cookie:%20a=b").status == 400);
    CHECK(s.get("/a%09b").status == 400);
}
