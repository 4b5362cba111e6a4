// The second factor through the real pages: the two sign-in steps and each refusal (wrong
// code, replayed code, expired pending sign-in, recovery code used twice), enrolment from a
// restricted session, the admin's password reset that never bypasses the factor, the
// two-admin reset, the first sign-in after a reset, session rotation after a password change,
// the throttled current-password check, the one session cookie at sign-in, and scoped user
// updates in the SQL itself.
#include "Support.h"

#include "domain/Totp.h"
#include "store/OrgStore.h"
#include "store/SecondFactorStore.h"
#include "store/SessionStore.h"
#include "store/UserStore.h"

#include <catch2/catch.hpp>

using namespace kituo;
using test::Browser;

namespace {

std::string between(const std::string& s, const std::string& open, const std::string& close, std::size_t from = 0) {
    auto a = s.find(open, from);
    if (a == std::string::npos) return "";
    a += open.size();
    return s.substr(a, s.find(close, a) - a);
}

// Recorded audit events are sealed into audit_events first, so counts there are complete.
int count(test::TestServer& s, const std::string& sql) {
    s.server().runMaintenance();
    return test::queryInt(s.db(), sql);
}

std::string userId(test::TestServer& s, const std::string& username) {
    return std::to_string(store::UserStore(s.db()).findForSignIn(username)->id);
}

std::string codeAt(test::TestServer& s, const std::string& secret, int stepOffset = 0) {
    return domain::hotp(secret, domain::totpStep(s.server().clock().now()) + stepOffset);
}

int sessionCookies(const test::HttpResult& r) {
    int n = 0;
    const std::string all = r.header("set-cookie");
    for (auto at = all.find("kituo_session="); at != std::string::npos; at = all.find("kituo_session=", at + 1)) ++n;
    return n;
}

// Enrols the signed-in (restricted) browser through /account/two-factor; returns the secret
// (raw bytes) and fills `codes` with the recovery codes shown.
std::string enrol(test::TestServer& s, Browser& b, std::vector<std::string>& codes) {
    auto page = b.get("/account/two-factor");
    REQUIRE(page.status == 200);
    const auto secret = domain::base32Decode(between(page.body, "id=\"secret\">", "</code>"));
    REQUIRE(secret);
    REQUIRE(secret->size() == 20);
    auto done = b.post("/account/two-factor", {{"code", codeAt(s, *secret)}});
    REQUIRE(done.status == 200);
    for (auto at = done.body.find("<li><code>"); at != std::string::npos; at = done.body.find("<li><code>", at + 1)) {
        codes.push_back(between(done.body, "<li><code>", "</code>", at));
    }
    return *secret;
}

}  // namespace

TEST_CASE("2FA: the password alone gives no session, the right code does and lands on next", "[http][auth][2fa]") {
    test::TestServer s;
    s.seedDemo();
    Browser b(s);
    b.get("/login?next=/admin/users");
    auto first = b.post("/login", {{"username", "admin"}, {"password", test::kDemoPassword}, {"next", "/admin/users"}});
    CHECK(first.status == 303);
    CHECK(first.header("location") == "/login/two-factor");
    CHECK(b.cookie("kituo_session").empty());
    CHECK_FALSE(b.cookie("kituo_pending").empty());
    CHECK_THAT(b.setCookies.at("kituo_pending"), Catch::Contains("HttpOnly") && Catch::Contains("Max-Age=300"));
    CHECK(b.get("/admin/users").status == 302);  // not signed in yet
    auto form = b.get("/login/two-factor");
    CHECK(form.status == 200);
    CHECK_THAT(form.body, Catch::Contains("name=\"code\"") && Catch::Contains("name=\"csrf_token\""));
    // Only the hash of the pending token is stored.
    CHECK(count(s, "SELECT COUNT(*) FROM pending_sign_ins WHERE token_hash = '" + b.cookie("kituo_pending") + "'") == 0);

    auto done = b.post("/login/two-factor", {{"code", b.nextTotpCode("admin")}});
    CHECK(done.status == 303);
    CHECK(done.header("location") == "/admin/users");
    CHECK(b.cookie("kituo_session").size() == 64);
    CHECK(b.cookie("kituo_pending").empty());
    CHECK(b.get("/admin/users").status == 200);
    CHECK(count(s, "SELECT COUNT(*) FROM audit_events WHERE action = 'login' AND outcome = 'success' "
                   "AND detail LIKE '%authenticator code%'") == 1);
}

TEST_CASE("2FA: a wrong code re-renders with the error summary and is counted, a replayed code is refused", "[http][auth][2fa]") {
    test::TestServer s;
    s.seedDemo();
    Browser b(s);
    b.loginPasswordOnly("auditor");
    auto wrong = b.post("/login/two-factor", {{"code", "000000"}});
    CHECK(wrong.status == 401);
    CHECK_THAT(wrong.body, Catch::Contains("There is a problem") && Catch::Contains("href=\"#code\"") &&
                               Catch::Contains("aria-invalid=\"true\""));
    CHECK(count(s, "SELECT COUNT(*) FROM login_attempts WHERE outcome = 'failure'") == 1);
    const std::string code = b.nextTotpCode("auditor");
    CHECK(b.post("/login/two-factor", {{"code", code}}).status == 303);

    // The same code (same time step) again, from another browser with the password: refused.
    Browser thief(s);
    thief.loginPasswordOnly("auditor");
    auto replay = thief.post("/login/two-factor", {{"code", code}});
    CHECK(replay.status == 401);
    CHECK(thief.cookie("kituo_session").empty());
    // Wrong codes count with the password failures of the (account, address) pair: at five,
    // even the right code is refused, with the same answer.
    for (int i = 0; i < 3; ++i) CHECK(thief.post("/login/two-factor", {{"code", "111111"}}).status == 401);
    auto locked = thief.post("/login/two-factor", {{"code", thief.nextTotpCode("auditor")}});
    CHECK(locked.status == 401);
    CHECK_THAT(locked.body, Catch::Contains("There is a problem"));
    CHECK(thief.cookie("kituo_session").empty());
    CHECK(count(s, "SELECT COUNT(*) FROM audit_events WHERE action = 'login.second_factor' AND outcome = 'refused'") == 1);
    // And the pending sign-in does not outlive its 5 minutes.
    s.server().clock().advance(15 * 60);
    auto ended = thief.post("/login/two-factor", {{"code", thief.nextTotpCode("auditor")}});
    CHECK(ended.status == 303);
    CHECK(ended.header("location") == "/login");
    CHECK(thief.cookie("kituo_session").empty());
}

TEST_CASE("2FA: five wrong codes end the pending sign-in, even from addresses the throttle has not locked", "[http][auth][2fa]") {
    test::TestServer s([](app::Config& c) { c.trustProxy = true; });
    s.seedDemo();
    Browser b(s);
    b.loginPasswordOnly("counsellor2");
    const std::string cookies = "kituo_pending=" + b.cookie("kituo_pending") +
                                "; kituo_login_csrf=" + b.cookie("kituo_login_csrf");
    auto post = [&](const std::string& code, int i) {
        return s.send("POST", "/login/two-factor", test::formEncode({{"code", code}, {"csrf_token", b.csrf()}}),
                      "application/x-www-form-urlencoded",
                      {{"Cookie", cookies}, {"X-Real-IP", "198.51.100." + std::to_string(i)}});
    };
    for (int i = 1; i <= 4; ++i) CHECK(post("000000", i).status == 401);
    auto fifth = post("000000", 5);
    CHECK(fifth.status == 303);
    CHECK(fifth.header("location") == "/login");
    auto late = post(b.nextTotpCode("counsellor2"), 6);  // the right code, too late
    CHECK(late.header("location") == "/login");
    CHECK_THAT(late.header("set-cookie"), !Catch::Contains("kituo_session=") || Catch::Contains("kituo_session=;"));
    CHECK(count(s, "SELECT COUNT(*) FROM sessions s JOIN users u ON u.user_id = s.user_id "
                   "WHERE u.username = 'counsellor2'") == 0);
}

TEST_CASE("2FA: a pending sign-in expires after 5 minutes", "[http][auth][2fa]") {
    test::TestServer s;
    s.seedDemo();
    Browser b(s);
    b.loginPasswordOnly("supervisor");
    s.server().clock().advance(5 * 60 + 1);
    CHECK(b.get("/login/two-factor").status == 302);
    auto late = b.post("/login/two-factor", {{"code", b.nextTotpCode("supervisor")}});
    CHECK(late.status == 303);
    CHECK(late.header("location") == "/login");
    CHECK(b.cookie("kituo_session").empty());
    // A made-up pending cookie is no better.
    Browser forged(s);
    forged.get("/login");
    forged.setCookie("kituo_pending", std::string(64, 'c'));
    CHECK(forged.post("/login/two-factor", {{"code", "123456"}}).header("location") == "/login");
}

TEST_CASE("2FA: an unenrolled account gets a session restricted to enrolment, then recovery codes work once", "[http][auth][2fa]") {
    test::TestServer s;
    s.seedDemo();
    test::createAccount(s.db(), "auditor.new", domain::Role::Auditor, "KLM", false);
    Browser b(s);
    auto login = b.login("auditor.new");
    CHECK(login.status == 303);
    CHECK(b.get("/").status == 302);
    CHECK(b.get("/").header("location") == "/account/two-factor");
    CHECK(b.get("/audit").header("location") == "/account/two-factor");
    CHECK(b.get("/account/sessions").header("location") == "/account/two-factor");
    b.get("/account/two-factor");
    CHECK(b.post("/account/sessions/1/end", {}).status == 403);
    auto page = b.get("/account/two-factor");
    CHECK(page.status == 200);
    CHECK_THAT(page.body, Catch::Contains("src=\"data:image&#x2F;svg+xml;base64,") ||
                              Catch::Contains("src=\"data:image/svg+xml;base64,"));
    // A wrong confirmation code keeps the same secret and says what to do.
    const std::string secretText = between(page.body, "id=\"secret\">", "</code>");
    auto bad = b.post("/account/two-factor", {{"code", "000000"}});
    CHECK(bad.status == 400);
    CHECK_THAT(bad.body, Catch::Contains("There is a problem") && Catch::Contains(secretText));
    std::vector<std::string> codes;
    const std::string secret = enrol(s, b, codes);
    CHECK(codes.size() == 10);
    CHECK(b.get("/audit").status == 200);  // the same session, no longer restricted
    // Stored: the secret sealed, the codes hashed.
    CHECK(count(s, "SELECT COUNT(*) FROM recovery_codes WHERE code_hash LIKE '%" + codes[0].substr(0, 5) + "%'") == 0);
    CHECK(count(s, "SELECT COUNT(*) FROM user_second_factors WHERE secret LIKE '%" + secretText + "%'") == 0);

    // A recovery code signs in once.
    Browser phoneLost(s);
    phoneLost.loginPasswordOnly("auditor.new");
    CHECK(phoneLost.post("/login/two-factor", {{"code", codes[3]}}).status == 303);
    CHECK(phoneLost.get("/audit").status == 200);
    Browser again(s);
    again.loginPasswordOnly("auditor.new");
    CHECK(again.post("/login/two-factor", {{"code", codes[3]}}).status == 401);
    CHECK(again.post("/login/two-factor", {{"code", " " + codes[4].substr(0, 5) + " " + codes[4].substr(6) + " "}}).status == 303);
    CHECK(count(s, "SELECT COUNT(*) FROM recovery_codes WHERE used_at IS NULL") == 8);
    (void)secret;
}

TEST_CASE("2FA: an admin password reset keeps the counsellor second factor and the password alone gets the admin nowhere", "[http][auth][2fa]") {
    test::TestServer s;
    s.seedDemo();
    const std::string id = userId(s, "counsellor");
    Browser admin(s);
    admin.login("admin");
    admin.get("/admin/users/" + id);
    auto reset = admin.post("/admin/users/" + id + "/reset-password", {});
    REQUIRE(reset.status == 200);
    const std::string password = between(reset.body, "<p class=\"secret\"><code>", "</code>");
    REQUIRE(password.size() == 20);
    CHECK(count(s, "SELECT COUNT(*) FROM user_second_factors WHERE user_id = " + id + " AND secret IS NOT NULL") == 1);

    Browser impostor(s);
    auto step = impostor.loginPasswordOnly("counsellor", password);
    CHECK(step.header("location") == "/login/two-factor");
    CHECK(impostor.cookie("kituo_session").empty());
    CHECK(impostor.post("/login/two-factor", {{"code", "123456"}}).status == 401);
    CHECK(impostor.get("/").status == 302);
    CHECK(count(s, "SELECT COUNT(*) FROM sessions WHERE user_id = " + id + " AND ended_at IS NULL") == 0);
}

TEST_CASE("2FA: a counsellor's first sign-in after a reset ends every other session", "[http][auth][2fa]") {
    test::TestServer s;
    s.seedDemo();
    const std::string id = userId(s, "counsellor");
    Browser admin(s);
    admin.login("admin");
    admin.get("/admin/users/" + id);
    const std::string password =
        between(admin.post("/admin/users/" + id + "/reset-password", {}).body, "<p class=\"secret\"><code>", "</code>");
    // A session that survived somewhere (planted directly: e.g. opened in the reset's last moment).
    store::SessionStore(s.db()).create(std::stoll(id), std::string(64, 'd'), std::string(64, 'e'), "10.0.0.1", "old",
                                       s.server().clock().now());
    Browser counsellor(s);
    auto in = counsellor.login("counsellor", password);
    CHECK(in.header("location") == "/account/password");
    CHECK(count(s, "SELECT COUNT(*) FROM sessions WHERE user_id = " + id + " AND ended_at IS NULL") == 1);
    CHECK(count(s, "SELECT COUNT(*) FROM sessions WHERE user_id = " + id + " AND end_reason = 'first_sign_in_after_reset'") == 1);
}

TEST_CASE("2FA: an unenrolled account that must change its password does that first, then enrols", "[http][auth][2fa]") {
    test::TestServer s;
    s.seedDemo();
    test::createAccount(s.db(), "counsellor.new", domain::Role::Counsellor, "KLM", false);
    s.db().run([&](store::Connection& c) { c.execute("UPDATE users SET must_change_password = 1 WHERE username = 'counsellor.new'"); });
    Browser b(s);
    CHECK(b.login("counsellor.new").header("location") == "/account/password");
    CHECK(b.get("/account/password").status == 200);  // no redirect loop with enrolment
    CHECK(b.get("/account/two-factor").header("location") == "/account/password");
    auto changed = b.post("/account/password", {{"current_password", test::kDemoPassword},
                                                {"new_password", "Mvua ya masika 2026"},
                                                {"confirm_password", "Mvua ya masika 2026"}});
    CHECK(changed.status == 303);
    CHECK(b.get("/").header("location") == "/account/two-factor");
    CHECK(b.get("/account/two-factor").status == 200);
}

TEST_CASE("2FA reset: one admin alone cannot, the requester cannot approve, a second admin can", "[http][auth][2fa]") {
    test::TestServer s;
    s.seedDemo();
    test::createAccount(s.db(), "admin2", domain::Role::Admin, "KLM");
    const std::string id = userId(s, "counsellor");
    Browser counsellor(s);
    counsellor.login("counsellor");
    REQUIRE(counsellor.get("/").status == 200);

    Browser first(s);
    first.login("admin");
    auto page = first.get("/admin/users/" + id);
    CHECK_THAT(page.body, Catch::Contains("Request a second-factor reset"));
    auto noReason = first.post("/admin/users/" + id + "/two-factor-reset", {{"reason", "  "}});
    CHECK(noReason.status == 400);
    CHECK_THAT(noReason.body, Catch::Contains("There is a problem") && Catch::Contains("Enter why"));
    CHECK(first.post("/admin/users/" + id + "/two-factor-reset", {{"reason", "Phone stolen, reported 24/11/2026"}}).status == 303);
    CHECK_THAT(first.get("/admin/users/" + id).body, Catch::Contains("a different administrator must approve"));
    auto self = first.post("/admin/users/" + id + "/two-factor-reset/approve", {});
    CHECK(self.status == 403);
    CHECK_THAT(self.body, Catch::Contains("There is a problem"));
    CHECK(count(s, "SELECT COUNT(*) FROM user_second_factors WHERE user_id = " + id) == 1);
    CHECK(counsellor.get("/").status == 200);  // nothing happened

    Browser second(s);
    second.login("admin2");
    CHECK_THAT(second.get("/admin/users/" + id).body, Catch::Contains("Approve the reset"));
    CHECK(second.post("/admin/users/" + id + "/two-factor-reset/approve", {}).status == 303);
    CHECK(count(s, "SELECT COUNT(*) FROM user_second_factors WHERE user_id = " + id) == 0);
    CHECK(count(s, "SELECT COUNT(*) FROM recovery_codes WHERE user_id = " + id) == 0);
    CHECK(counsellor.get("/").status == 302);  // signed out everywhere
    CHECK(count(s, "SELECT COUNT(*) FROM audit_events WHERE action LIKE 'user.second_factor_reset.%' "
                   "AND outcome = 'success'") == 2);
    CHECK(count(s, "SELECT COUNT(*) FROM audit_events WHERE action = 'user.second_factor_reset.approve' "
                   "AND outcome = 'refused'") == 1);

    // At the next sign-in: told once, and sent to enrol again.
    Browser back(s);
    auto in = back.login("counsellor");
    CHECK(in.status == 303);
    CHECK(in.header("location") == "/account/two-factor");
    CHECK_THAT(back.setCookies.at("kituo_flash"), Catch::Contains("two%20administrators"));
    CHECK(count(s, "SELECT COUNT(*) FROM user_notices WHERE user_id = " + id + " AND shown_at IS NOT NULL") == 1);
}

TEST_CASE("signing in over a dead session cookie sends exactly one session cookie, the new one", "[http][auth]") {
    test::TestServer s;
    s.seedDemo();
    Browser b(s);
    b.login("hr");
    const std::string dead = b.cookie("kituo_session");
    b.post("/logout", {});
    b.setCookie("kituo_session", dead);  // the browser still holds the ended session's cookie
    auto r = b.loginPasswordOnly("hr");
    CHECK(r.status == 303);
    CHECK(sessionCookies(r) == 1);
    CHECK_THAT(r.header("set-cookie"), !Catch::Contains("kituo_session=;"));
    CHECK(b.get("/").status == 200);  // signed in, not straight out again

    // The same through the second step.
    Browser a(s);
    a.login("admin");
    const std::string deadAdmin = a.cookie("kituo_session");
    a.post("/logout", {});
    a.setCookie("kituo_session", deadAdmin);
    a.loginPasswordOnly("admin");
    auto done = a.post("/login/two-factor", {{"code", a.nextTotpCode("admin")}});
    CHECK(done.status == 303);
    CHECK(sessionCookies(done) == 1);
    CHECK(a.get("/admin/users").status == 200);
}

TEST_CASE("a password change rotates the session id and the current-password check is throttled", "[http][auth]") {
    test::TestServer s;
    s.seedDemo();
    Browser b(s);
    b.login("ocs");
    const std::string before = b.cookie("kituo_session");
    for (int i = 0; i < 5; ++i) {
        b.get("/account/password");
        auto wrong = b.post("/account/password", {{"current_password", "guess " + std::to_string(i)},
                                                  {"new_password", "Mvua ya masika 2026"},
                                                  {"confirm_password", "Mvua ya masika 2026"}});
        CHECK(wrong.status == 400);
    }
    b.get("/account/password");
    auto locked = b.post("/account/password", {{"current_password", test::kDemoPassword},
                                               {"new_password", "Mvua ya masika 2026"},
                                               {"confirm_password", "Mvua ya masika 2026"}});
    CHECK(locked.status == 400);
    CHECK_THAT(locked.body, Catch::Contains("Too many wrong passwords"));
    s.server().clock().advance(15 * 60);
    b.get("/account/password");
    auto changed = b.post("/account/password", {{"current_password", test::kDemoPassword},
                                                {"new_password", "Mvua ya masika 2026"},
                                                {"confirm_password", "Mvua ya masika 2026"}});
    CHECK(changed.status == 303);
    CHECK(sessionCookies(changed) == 1);
    const std::string after = b.cookie("kituo_session");
    CHECK(after.size() == 64);
    CHECK(after != before);
    CHECK(b.get("/").status == 200);
    Browser old(s);
    old.setCookie("kituo_session", before);
    CHECK(old.get("/").status == 302);
}

TEST_CASE("user updates carry the scope in the SQL: out of scope is not found and nothing is written", "[db][admin]") {
    test::TestServer s;
    s.seedDemo();
    store::UserStore users(s.db());
    store::OrgStore org(s.db());
    const auto target = *users.findForSignIn("hr");  // Kilimani
    domain::Actor outsider;  // an admin whose scope is Capitol Hill
    outsider.userId = 999;
    outsider.username = "cph.admin";
    outsider.role = domain::Role::Admin;
    outsider.scopePath = org.findByCode("CPH")->path;
    const auto cph = org.findByCode("CPH")->id;
    CHECK_THROWS_AS(s.db().transaction([&](store::Connection& c) {
                        users.update(c, outsider, target.id, target.version, "Renamed", domain::Role::Admin, cph);
                    }),
                    domain::NotFound);
    CHECK_THROWS_AS(s.db().transaction([&](store::Connection& c) {
                        users.setDisabled(c, outsider, target.id, target.version, true);
                    }),
                    domain::NotFound);
    CHECK_THROWS_AS(s.db().transaction([&](store::Connection& c) {
                        users.resetPassword(c, outsider, target.id, "x");
                    }),
                    domain::NotFound);
    // An in-scope actor cannot move the account to a node outside its scope either.
    domain::Actor station;
    station.userId = 998;
    station.username = "klm.admin";
    station.role = domain::Role::Admin;
    station.scopePath = org.findByCode("KLM")->path;
    CHECK_THROWS_AS(s.db().transaction([&](store::Connection& c) {
                        users.update(c, station, target.id, target.version, "Renamed", domain::Role::HrOfficer, cph);
                    }),
                    domain::NotFound);
    const auto now = *users.findForSignIn("hr");
    CHECK(now.displayName == target.displayName);
    CHECK(now.version == target.version);
    CHECK_FALSE(now.disabled);
    // In scope and current: written.
    s.db().transaction([&](store::Connection& c) {
        users.update(c, station, target.id, target.version, "Peter O. Otieno", domain::Role::HrOfficer,
                     org.findByCode("KLM")->id);
    });
    CHECK(users.findForSignIn("hr")->displayName == "Peter O. Otieno");
}
