// Account management through the real pages: create (password shown once, change forced),
// validation with input kept, stale edits (409, nothing overwritten), disable and reset
// (sessions end), scope (a station admin cannot see another station's accounts; a county
// admin can), and the create-admin command.
#include "Support.h"

#include "crypto/PasswordHasher.h"
#include "store/OrgStore.h"
#include "store/UserStore.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <catch2/catch.hpp>

using namespace kituo;

namespace {

std::string between(const std::string& s, const std::string& open, const std::string& close) {
    auto a = s.find(open);
    if (a == std::string::npos) return "";
    a += open.size();
    return s.substr(a, s.find(close, a) - a);
}

std::string klm(test::TestServer& s) {
    return std::to_string(store::OrgStore(s.db()).findByCode("KLM")->id);
}

}  // namespace

TEST_CASE("an admin creates an account, its one-time password must be changed", "[http][admin]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser admin(s);
    admin.login("admin");
    admin.get("/admin/users/new");
    auto created = admin.post("/admin/users", {{"username", "w.muthoni"},
                                               {"display_name", "Wanjirũ Mũthoni <script>x</script>"},
                                               {"role", "hr_officer"},
                                               {"org_unit_id", klm(s)}});
    REQUIRE(created.status == 200);
    CHECK_THAT(created.body, Catch::Contains("Account created") &&
                                 Catch::Contains("Wanjirũ Mũthoni &lt;script&gt;") &&
                                 !Catch::Contains("<script>x"));
    const std::string password = between(created.body, "<p class=\"secret\"><code>", "</code>");
    REQUIRE(password.size() == 20);
    // The password is not stored in clear anywhere.
    const auto stored = store::UserStore(s.db()).findForSignIn("w.muthoni");
    REQUIRE(stored);
    CHECK(stored->passwordHash.find(password) == std::string::npos);
    CHECK(stored->mustChangePassword);

    test::Browser user(s);
    auto login = user.login("w.muthoni", password);
    CHECK(login.header("location") == "/account/password");
    CHECK(user.get("/").status == 302);  // nothing else until the password is changed
    CHECK(user.get("/account/sessions").status == 302);
    user.get("/account/password");
    auto weak = user.post("/account/password", {{"current_password", password},
                                                {"new_password", "short"},
                                                {"confirm_password", "short"}});
    CHECK(weak.status == 400);
    CHECK_THAT(weak.body, Catch::Contains("at least 12 characters"));
    auto changed = user.post("/account/password", {{"current_password", password},
                                                   {"new_password", "Mvua ya masika 2026"},
                                                   {"confirm_password", "Mvua ya masika 2026"}});
    CHECK(changed.status == 303);
    CHECK(user.get("/").status == 200);
    test::Browser again(s);
    CHECK(again.login("w.muthoni", "Mvua ya masika 2026").header("location") == "/");
}

TEST_CASE("a bad account form keeps the input and marks each field", "[http][admin]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser admin(s);
    admin.login("admin");
    admin.get("/admin/users/new");
    auto r = admin.post("/admin/users", {{"username", "Bad Name"},
                                         {"display_name", "Keeps \"quotes\" & ñ"},
                                         {"role", "emperor"},
                                         {"org_unit_id", klm(s)}});
    CHECK(r.status == 400);
    CHECK_THAT(r.body, Catch::Contains("value=\"Bad Name\"") &&
                           Catch::Contains("value=\"Keeps &quot;quotes&quot; &amp; ñ\"") &&
                           Catch::Contains("Choose a role.") &&
                           Catch::Contains("lower-case letters"));
    auto duplicate = admin.post("/admin/users", {{"username", "hr"}, {"display_name", "Second HR"},
                                                 {"role", "hr_officer"}, {"org_unit_id", klm(s)}});
    CHECK(duplicate.status == 400);
    CHECK_THAT(duplicate.body, Catch::Contains("This username is already taken."));
    // A scope outside the admin's own is refused like a missing one.
    const auto cph = std::to_string(store::OrgStore(s.db()).findByCode("CPH")->id);
    auto outside = admin.post("/admin/users", {{"username", "sneaky"}, {"display_name", "Sneaky"},
                                               {"role", "admin"}, {"org_unit_id", cph}});
    CHECK(outside.status == 400);
    CHECK_FALSE(store::UserStore(s.db()).findForSignIn("sneaky"));
}

TEST_CASE("a stale edit gets 409 with both versions and overwrites nothing", "[http][admin]") {
    test::TestServer s;
    s.seedDemo();
    const auto id = std::to_string(store::UserStore(s.db()).findForSignIn("counsellor2")->id);
    test::Browser first(s), second(s);
    first.login("admin");
    second.login("admin");
    first.get("/admin/users/" + id);
    const auto page = second.get("/admin/users/" + id);
    const std::string version = test::inputValue(page.body, "version");
    auto saved = first.post("/admin/users/" + id, {{"display_name", "Joseph K. Kiprono"},
                                                   {"role", "counsellor"}, {"org_unit_id", klm(s)},
                                                   {"version", version}});
    CHECK(saved.status == 303);
    auto stale = second.post("/admin/users/" + id, {{"display_name", "Joe Kiprono"},
                                                    {"role", "clinical_supervisor"},
                                                    {"org_unit_id", klm(s)}, {"version", version}});
    CHECK(stale.status == 409);
    CHECK_THAT(stale.body, Catch::Contains("Joseph K. Kiprono") && Catch::Contains("Joe Kiprono") &&
                               Catch::Contains("not saved"));
    const auto now = store::UserStore(s.db()).findForSignIn("counsellor2");
    CHECK(now->displayName == "Joseph K. Kiprono");
    CHECK(now->role == domain::Role::Counsellor);
}

TEST_CASE("disabling or resetting an account signs it out everywhere", "[http][admin]") {
    test::TestServer s;
    s.seedDemo();
    const auto id = std::to_string(store::UserStore(s.db()).findForSignIn("ocs")->id);
    test::Browser ocs(s), admin(s);
    ocs.login("ocs");
    admin.login("admin");
    auto page = admin.get("/admin/users/" + id);
    CHECK(admin.post("/admin/users/" + id + "/disable",
                     {{"version", test::inputValue(page.body, "version")}}).status == 303);
    CHECK(ocs.get("/").status == 302);
    CHECK(test::Browser(s).login("ocs").status == 401);
    page = admin.get("/admin/users/" + id);
    CHECK(admin.post("/admin/users/" + id + "/enable",
                     {{"version", test::inputValue(page.body, "version")}}).status == 303);
    CHECK(ocs.login("ocs").status == 303);

    auto reset = admin.post("/admin/users/" + id + "/reset-password", {});
    CHECK(reset.status == 200);
    CHECK(ocs.get("/").status == 302);
    CHECK(test::Browser(s).login("ocs").status == 401);  // the old password is gone
    CHECK(store::UserStore(s.db()).findForSignIn("ocs")->mustChangePassword);
    // An admin cannot disable their own account.
    const auto self = std::to_string(store::UserStore(s.db()).findForSignIn("admin")->id);
    page = admin.get("/admin/users/" + self);
    CHECK(admin.post("/admin/users/" + self + "/disable",
                     {{"version", test::inputValue(page.body, "version")}}).status == 400);
}

TEST_CASE("scope: a station admin sees its station only, a county admin sees both", "[http][admin][scope]") {
    test::TestServer s;
    s.seedDemo();
    store::UserStore users(s.db());
    const auto other = std::to_string(users.findForSignIn("hr.other")->id);
    const auto county = std::to_string(users.findForSignIn("hr.county")->id);
    const auto local = std::to_string(users.findForSignIn("hr")->id);
    test::Browser station(s);
    station.login("admin");
    CHECK(station.get("/admin/users/" + local).status == 200);
    CHECK(station.get("/admin/users/" + other).status == 404);   // another station
    CHECK(station.get("/admin/users/" + county).status == 404);  // above the admin's node
    auto list = station.get("/admin/users?q=hr");
    CHECK_THAT(list.body, Catch::Contains(">hr<") && !Catch::Contains("hr.other") &&
                              !Catch::Contains("hr.county"));

    test::createAccount(s.db(), "admin.county", domain::Role::Admin, "NRB");
    test::Browser wide(s);
    wide.login("admin.county");
    CHECK(wide.get("/admin/users/" + other).status == 200);
    CHECK(wide.get("/admin/users/" + local).status == 200);
    auto wideList = wide.get("/admin/users?q=hr");
    CHECK_THAT(wideList.body, Catch::Contains("hr.other") && Catch::Contains("hr.county"));
    // The station admin's denied look-up is in the audit trail.
    s.server().runMaintenance();  // recorded events are sealed into audit_events
    const int denied = test::queryInt(s.db(), "SELECT COUNT(*) FROM audit_events WHERE action = 'access.denied' AND "
                                              "actor_username = 'admin' AND outcome = 'not_found'");
    CHECK(denied == 2);
}

TEST_CASE("the organisation tree: add a unit, refuse a wrong kind, rename with locking", "[http][admin]") {
    test::TestServer s;
    s.seedDemo();
    test::Browser admin(s);
    admin.login("admin");
    admin.get("/admin/org");
    const auto station = klm(s);
    auto added = admin.post("/admin/org", {{"parent_id", station}, {"kind", "unit"},
                                           {"code", "KLM-DOG"}, {"name", "Dog Section"}});
    CHECK(added.status == 303);
    auto dog = store::OrgStore(s.db()).findByCode("KLM-DOG");
    REQUIRE(dog);
    auto wrongKind = admin.post("/admin/org", {{"parent_id", station}, {"kind", "county"},
                                               {"code", "BAD-1"}, {"name", "Bad"}});
    CHECK(wrongKind.status == 400);
    CHECK_THAT(wrongKind.body, Catch::Contains("cannot sit under") && Catch::Contains("value=\"BAD-1\""));
    auto taken = admin.post("/admin/org", {{"parent_id", station}, {"kind", "unit"},
                                           {"code", "KLM-DOG"}, {"name", "Again"}});
    CHECK_THAT(taken.body, Catch::Contains("already in use"));
    const auto id = std::to_string(dog->id);
    auto page = admin.get("/admin/org/" + id);
    const auto version = test::inputValue(page.body, "version");
    CHECK(admin.post("/admin/org/" + id, {{"name", "K9 Unit"}, {"version", version}}).status == 303);
    auto stale = admin.post("/admin/org/" + id, {{"name", "Canine"}, {"version", version}});
    CHECK(stale.status == 409);
    CHECK_THAT(stale.body, Catch::Contains("K9 Unit") && Catch::Contains("value=\"Canine\""));
    CHECK(store::OrgStore(s.db()).findByCode("KLM-DOG")->name == "K9 Unit");
}

TEST_CASE("kituo create-admin reads the password from stdin and never accepts a weak one", "[http][admin]") {
    test::TestServer s;
    auto run = [&](const std::vector<std::string>& args, const std::string& input) {
        Poco::Process::Env env;
        env["KITUO_DB_URL"] = s.schemaUrl();
        env["KITUO_KEY_FILE"] = test::testKeyFile();
        env["KITUO_ROOT"] = test::sourceDir();
        Poco::Pipe in, out;
        auto handle = Poco::Process::launch(KITUO_BINARY, args, test::sourceDir(), &in, &out, &out, env);
        Poco::PipeOutputStream to(in);
        to << input;
        to.close();
        Poco::PipeInputStream from(out);
        std::string text;
        Poco::StreamCopier::copyToString(from, text);
        return std::make_pair(handle.wait(), text);
    };
    auto weak = run({"create-admin", "root.admin"}, "short\n");
    CHECK(weak.first != 0);
    CHECK_THAT(weak.second, Catch::Contains("password refused"));
    auto ok = run({"create-admin", "root.admin"}, "a long enough passphrase\n");
    CHECK(ok.first == 0);
    auto again = run({"create-admin", "root.admin"}, "a long enough passphrase\n");
    CHECK(again.first != 0);
    CHECK_THAT(again.second, Catch::Contains("taken"));
    test::Browser b(s);
    CHECK(b.login("root.admin", "a long enough passphrase").status == 303);
    // An admin needs a second factor: the first sign-in leads to enrolment, nothing else.
    CHECK(b.get("/admin/users").header("location") == "/account/two-factor");
    CHECK(b.get("/account/two-factor").status == 200);
}
