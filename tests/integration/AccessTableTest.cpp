// Every route in the route table x every role (and anonymous) -> the expected status, against
// the real server. A route missing from this table fails the test, so no route can be added
// without deciding who may use it.
#include "Support.h"

#include "store/OrgStore.h"
#include "store/UserStore.h"

#include <catch2/catch.hpp>

#include <set>

using namespace kituo;

namespace {

// Columns: anonymous, admin, hr, counsellor, supervisor, commander (reservist), ocs, auditor.
const std::vector<std::string> kRoles = {"", "admin", "hr", "counsellor", "supervisor",
                                         "commander", "ocs", "auditor"};

struct Row {
    std::string method;
    std::string pattern;
    std::string path;  // {user} = counsellor2's id, {other} = hr.other's id, {unit} = KLM's id,
                       // {officer} = a Kilimani officer, {far} = a Capitol Hill officer
    std::vector<int> expected;
    bool signsOut = false;  // the request ends the session: sign in again afterwards
};

const std::vector<Row>& table() {
    static const std::vector<Row> rows = {
        {"GET", "/healthz", "/healthz", {200, 200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/static/{file}", "/static/app.css", {200, 200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/login", "/login", {200, 302, 302, 302, 302, 302, 302, 302}},
        // Signed-in users carry no sign-in form token, so a second sign-in is refused.
        {"POST", "/login", "/login", {400, 403, 403, 403, 403, 403, 403, 403}},
        // No sign-in waits for a second factor here: back to the start.
        {"GET", "/login/two-factor", "/login/two-factor", {302, 302, 302, 302, 302, 302, 302, 302}},
        {"POST", "/login/two-factor", "/login/two-factor", {303, 403, 403, 403, 403, 403, 403, 403}},
        {"GET", "/", "/", {302, 200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/account/two-factor", "/account/two-factor", {302, 200, 200, 200, 200, 200, 200, 200}},
        // Enrolled accounts are sent back to the status page; the others miss their code.
        {"POST", "/account/two-factor", "/account/two-factor", {403, 303, 400, 303, 303, 400, 400, 303}},
        {"GET", "/account/password", "/account/password", {302, 200, 200, 200, 200, 200, 200, 200}},
        {"POST", "/account/password", "/account/password", {403, 400, 400, 400, 400, 400, 400, 400}},
        {"GET", "/account/sessions", "/account/sessions", {302, 200, 200, 200, 200, 200, 200, 200}},
        {"POST", "/account/sessions/{id}/end", "/account/sessions/999999/end",
         {403, 404, 404, 404, 404, 404, 404, 404}},
        {"GET", "/admin/users", "/admin/users", {302, 200, 403, 403, 403, 403, 403, 403}},
        {"GET", "/admin/users/new", "/admin/users/new", {302, 200, 403, 403, 403, 403, 403, 403}},
        {"POST", "/admin/users", "/admin/users", {403, 400, 403, 403, 403, 403, 403, 403}},
        {"POST", "/admin/users/new", "/admin/users/new", {403, 400, 403, 403, 403, 403, 403, 403}},
        {"GET", "/admin/users/{id}", "/admin/users/{user}", {302, 200, 403, 403, 403, 403, 403, 403}},
        // Out of the admin's scope (another station): it does not exist for them.
        {"GET", "/admin/users/{id}", "/admin/users/{other}", {302, 404, 403, 403, 403, 403, 403, 403}},
        {"POST", "/admin/users/{id}", "/admin/users/{user}", {403, 400, 403, 403, 403, 403, 403, 403}},
        {"POST", "/admin/users/{id}/disable", "/admin/users/{user}/disable",
         {403, 400, 403, 403, 403, 403, 403, 403}},
        {"POST", "/admin/users/{id}/enable", "/admin/users/{user}/enable",
         {403, 400, 403, 403, 403, 403, 403, 403}},
        {"POST", "/admin/users/{id}/reset-password", "/admin/users/{user}/reset-password",
         {403, 200, 403, 403, 403, 403, 403, 403}},
        {"GET", "/admin/users/{id}/two-factor-reset", "/admin/users/{user}/two-factor-reset",
         {302, 200, 403, 403, 403, 403, 403, 403}},
        {"POST", "/admin/users/{id}/two-factor-reset", "/admin/users/{user}/two-factor-reset",
         {403, 400, 403, 403, 403, 403, 403, 403}},
        {"POST", "/admin/users/{id}/two-factor-reset/approve", "/admin/users/{user}/two-factor-reset/approve",
         {403, 409, 403, 403, 403, 403, 403, 403}},
        {"GET", "/admin/org", "/admin/org", {302, 200, 403, 403, 403, 403, 403, 403}},
        {"POST", "/admin/org", "/admin/org", {403, 400, 403, 403, 403, 403, 403, 403}},
        {"GET", "/admin/org/{id}", "/admin/org/{unit}", {302, 200, 403, 403, 403, 403, 403, 403}},
        {"POST", "/admin/org/{id}", "/admin/org/{unit}", {403, 400, 403, 403, 403, 403, 403, 403}},
        {"GET", "/audit", "/audit", {302, 403, 403, 403, 403, 403, 403, 200}},
        {"GET", "/audit/verify", "/audit/verify", {302, 403, 403, 403, 403, 403, 403, 200}},
        {"GET", "/officers", "/officers", {302, 403, 200, 403, 403, 403, 200, 403}},
        {"GET", "/officers.csv", "/officers.csv", {302, 403, 200, 403, 403, 403, 200, 403}},
        {"GET", "/officers/due-for-transfer", "/officers/due-for-transfer", {302, 403, 200, 403, 403, 403, 200, 403}},
        {"GET", "/officers/print", "/officers/print", {302, 403, 200, 403, 403, 403, 200, 403}},
        {"GET", "/officers/due-for-transfer.csv", "/officers/due-for-transfer.csv",
         {302, 403, 200, 403, 403, 403, 200, 403}},
        {"GET", "/officers/new", "/officers/new", {302, 403, 200, 403, 403, 403, 403, 403}},
        {"POST", "/officers", "/officers", {403, 403, 400, 403, 403, 403, 403, 403}},
        {"POST", "/officers/new", "/officers/new", {403, 403, 400, 403, 403, 403, 403, 403}},
        {"GET", "/officers/{id}", "/officers/{officer}", {302, 403, 200, 403, 403, 403, 200, 403}},
        // An officer of another station: it does not exist for Kilimani's HR and OCS.
        {"GET", "/officers/{id}", "/officers/{far}", {302, 403, 404, 403, 403, 403, 404, 403}},
        {"GET", "/officers/{id}/edit", "/officers/{officer}/edit", {302, 403, 200, 403, 403, 403, 403, 403}},
        {"POST", "/officers/{id}", "/officers/{officer}", {403, 403, 400, 403, 403, 403, 403, 403}},
        {"POST", "/officers/{id}/edit", "/officers/{officer}/edit", {403, 403, 400, 403, 403, 403, 403, 403}},
        {"GET", "/officers/{id}/postings", "/officers/{officer}/postings", {302, 403, 200, 403, 403, 403, 200, 403}},
        {"GET", "/officers/{id}/postings", "/officers/{far}/postings", {302, 403, 404, 403, 403, 403, 404, 403}},
        // No such posting: HR gets 404 (the form exists only for the officer's open posting).
        {"GET", "/officers/{id}/postings/{posting}/correct", "/officers/{officer}/postings/999999/correct",
         {302, 403, 404, 403, 403, 403, 403, 403}},
        {"POST", "/officers/{id}/postings/{posting}/correct", "/officers/{officer}/postings/999999/correct",
         {403, 403, 404, 403, 403, 403, 403, 403}},
        {"POST", "/officers/{id}/postings", "/officers/{officer}/postings", {403, 403, 400, 403, 403, 403, 403, 403}},
        {"GET", "/officers/import", "/officers/import", {302, 403, 200, 403, 403, 403, 403, 403}},
        {"POST", "/officers/import", "/officers/import", {403, 403, 400, 403, 403, 403, 403, 403}},
        {"GET", "/officers/import/{id}", "/officers/import/999999", {302, 403, 404, 403, 403, 403, 403, 403}},
        {"GET", "/officers/import/{id}/rejected.csv", "/officers/import/999999/rejected.csv",
         {302, 403, 404, 403, 403, 403, 403, 403}},
        {"POST", "/officers/import/{id}/commit", "/officers/import/999999/commit",
         {403, 403, 404, 403, 403, 403, 403, 403}},
        // The catalogue: read by HR, station commanders and admins; edited by admins and
        // national HR (Kilimani's HR is a station account: 403).
        {"GET", "/training/modules", "/training/modules", {302, 200, 200, 403, 403, 403, 200, 403}},
        {"GET", "/training/modules/new", "/training/modules/new", {302, 200, 403, 403, 403, 403, 403, 403}},
        {"POST", "/training/modules/new", "/training/modules/new", {403, 400, 403, 403, 403, 403, 403, 403}},
        {"GET", "/training/modules/{id}", "/training/modules/{module}", {302, 200, 200, 403, 403, 403, 200, 403}},
        {"GET", "/training/modules/{id}", "/training/modules/999999", {302, 404, 404, 403, 403, 403, 404, 403}},
        // With its roster at a station: for those who read officers (an admin reads the module alone).
        {"GET", "/training/modules/{id}", "/training/modules/{module}?station={unit}", {302, 200, 200, 403, 403, 403, 200, 403}},
        {"POST", "/training/modules/{id}", "/training/modules/{module}", {403, 400, 403, 403, 403, 403, 403, 403}},
        {"POST", "/training/modules/{id}/requirements", "/training/modules/{module}/requirements",
         {403, 400, 403, 403, 403, 403, 403, 403}},
        {"POST", "/training/modules/{id}/requirements/{requirement}/remove",
         "/training/modules/{module}/requirements/999999/remove", {403, 404, 403, 403, 403, 403, 403, 403}},
        // Compliance of officers: HR and station commanders.
        {"GET", "/training/compliance", "/training/compliance", {302, 403, 200, 403, 403, 403, 200, 403}},
        {"GET", "/training/compliance", "/training/compliance?station={unit}", {302, 403, 200, 403, 403, 403, 200, 403}},
        {"GET", "/training/compliance.csv", "/training/compliance.csv", {302, 403, 200, 403, 403, 403, 200, 403}},
        // Certificates: verification is public; a certificate is HR's and the station commander's.
        {"GET", "/training/certificates/verify", "/training/certificates/verify", {200, 200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/training/certificates/{id}", "/training/certificates/{certificate}", {302, 403, 200, 403, 403, 403, 200, 403}},
        {"GET", "/training/reminders", "/training/reminders", {302, 403, 200, 403, 403, 403, 200, 403}},
        // Offerings: HR and station commanders read; HR creates and enrols.
        {"GET", "/training/offerings", "/training/offerings", {302, 403, 200, 403, 403, 403, 200, 403}},
        {"GET", "/training/offerings/new", "/training/offerings/new", {302, 403, 200, 403, 403, 403, 403, 403}},
        {"POST", "/training/offerings/new", "/training/offerings/new", {403, 403, 400, 403, 403, 403, 403, 403}},
        {"GET", "/training/offerings/{id}", "/training/offerings/999999", {302, 403, 404, 403, 403, 403, 404, 403}},
        {"POST", "/training/offerings/{id}/enrolments", "/training/offerings/999999/enrolments",
         {403, 403, 404, 403, 403, 403, 403, 403}},
        {"POST", "/training/offerings/{id}/enrolments/{enrolment}/withdraw",
         "/training/offerings/999999/enrolments/1/withdraw", {403, 403, 404, 403, 403, 403, 403, 403}},
        {"POST", "/training/offerings/{id}/results", "/training/offerings/999999/results",
         {403, 403, 404, 403, 403, 403, 403, 403}},
        // Recording a class's results: HR.
        {"GET", "/training/completions/new", "/training/completions/new", {302, 403, 200, 403, 403, 403, 403, 403}},
        {"POST", "/training/completions/new", "/training/completions/new", {403, 403, 400, 403, 403, 403, 403, 403}},
        // Counselling: counsellors and clinical supervisors only; {case} and {session} are the
        // demo counsellor's, which the demo supervisor supervises (counsellor2 against them:
        // WelfareTest.cpp).
        {"GET", "/welfare/cases", "/welfare/cases", {302, 403, 403, 200, 200, 403, 403, 403}},
        {"GET", "/welfare/cases/new", "/welfare/cases/new", {302, 403, 403, 200, 403, 403, 403, 403}},
        {"POST", "/welfare/cases/new", "/welfare/cases/new", {403, 403, 403, 400, 403, 403, 403, 403}},
        {"GET", "/welfare/cases/{id}", "/welfare/cases/{case}", {302, 403, 403, 200, 200, 403, 403, 403}},
        {"GET", "/welfare/cases/{id}", "/welfare/cases/999999", {302, 403, 403, 404, 404, 403, 403, 403}},
        {"POST", "/welfare/cases/{id}/sessions", "/welfare/cases/{case}/sessions", {403, 403, 403, 400, 400, 403, 403, 403}},
        {"POST", "/welfare/cases/{id}/close", "/welfare/cases/{case}/close", {403, 403, 403, 400, 400, 403, 403, 403}},
        {"POST", "/welfare/cases/{id}/break-glass", "/welfare/cases/{case}/break-glass",
         {403, 403, 403, 403, 400, 403, 403, 403}},
        // Transfer or add a counsellor: the case's supervisor (its counsellor: 404).
        {"POST", "/welfare/cases/{id}/transfer", "/welfare/cases/{case}/transfer", {403, 403, 403, 404, 400, 403, 403, 403}},
        {"POST", "/welfare/cases/{id}/counsellors", "/welfare/cases/{case}/counsellors",
         {403, 403, 403, 404, 400, 403, 403, 403}},
        {"GET", "/welfare/sessions/{id}", "/welfare/sessions/{session}", {302, 403, 403, 200, 200, 403, 403, 403}},
        {"GET", "/welfare/sessions/{id}", "/welfare/sessions/999999", {302, 403, 403, 404, 404, 403, 403, 403}},
        {"GET", "/welfare/break-glass", "/welfare/break-glass", {302, 403, 403, 403, 200, 403, 403, 403}},
        {"POST", "/welfare/break-glass", "/welfare/break-glass", {403, 403, 403, 403, 400, 403, 403, 403}},
        {"GET", "/welfare/break-glass/reviews", "/welfare/break-glass/reviews", {302, 403, 403, 403, 200, 403, 403, 403}},
        {"POST", "/welfare/break-glass/{id}/review", "/welfare/break-glass/999999/review",
         {403, 403, 403, 403, 404, 403, 403, 403}},
        // Suppressed counselling statistics: HR and station commanders.
        {"GET", "/welfare/stats", "/welfare/stats", {302, 403, 200, 403, 403, 403, 200, 403}},
        // The reserve: HR reads; the station's reserve command (commander, OCS) manages.
        {"GET", "/reservists", "/reservists", {302, 403, 200, 403, 403, 200, 200, 403}},
        {"GET", "/reservists.csv", "/reservists.csv", {302, 403, 200, 403, 403, 200, 200, 403}},
        {"GET", "/reservists/new", "/reservists/new", {302, 403, 403, 403, 403, 200, 200, 403}},
        {"POST", "/reservists/new", "/reservists/new", {403, 403, 403, 403, 403, 400, 400, 403}},
        {"POST", "/reservists", "/reservists", {403, 403, 403, 403, 403, 400, 400, 403}},
        {"GET", "/reservists/deployments", "/reservists/deployments", {302, 403, 200, 403, 403, 200, 200, 403}},
        {"GET", "/reservists/deployments", "/reservists/deployments?station={farstation}", {302, 403, 404, 403, 403, 404, 404, 403}},
        {"GET", "/reservists/command", "/reservists/command", {302, 403, 200, 403, 403, 200, 200, 403}},
        {"GET", "/reservists/command", "/reservists/command?station={farstation}", {302, 403, 404, 403, 403, 404, 404, 403}},
        {"POST", "/reservists/command/sections", "/reservists/command/sections", {403, 403, 403, 403, 403, 303, 303, 403}},
        {"GET", "/reservists/strength", "/reservists/strength", {302, 403, 200, 403, 403, 200, 200, 403}},
        {"POST", "/reservists/strength", "/reservists/strength", {403, 403, 403, 403, 403, 303, 303, 403}},
        {"GET", "/reservists/{id}", "/reservists/{reservist}", {302, 403, 200, 403, 403, 200, 200, 403}},
        {"GET", "/reservists/{id}", "/reservists/{farres}", {302, 403, 404, 403, 403, 404, 404, 403}},
        {"GET", "/reservists/{id}/edit", "/reservists/{reservist}/edit", {302, 403, 403, 403, 403, 200, 200, 403}},
        {"POST", "/reservists/{id}/edit", "/reservists/{reservist}/edit", {403, 403, 403, 403, 403, 400, 400, 403}},
        {"POST", "/reservists/{id}", "/reservists/{reservist}", {403, 403, 403, 403, 403, 400, 400, 403}},
        {"POST", "/reservists/{id}/pin", "/reservists/{reservist}/pin", {403, 403, 403, 403, 403, 303, 303, 403}},
        {"POST", "/reservists/{id}/assignments", "/reservists/{reservist}/assignments", {403, 403, 403, 403, 403, 400, 400, 403}},
        {"POST", "/reservists/{id}/assignments", "/reservists/{farres}/assignments", {403, 403, 403, 403, 403, 404, 404, 403}},
        // Ending a duty again only moves its end forward, which is refused with a message (303).
        {"POST", "/reservists/assignments/{id}/end", "/reservists/assignments/{duty}/end", {403, 403, 403, 403, 403, 303, 303, 403}},
        {"POST", "/reservists/assignments/{id}/cancel", "/reservists/assignments/999999/cancel", {403, 403, 403, 403, 403, 404, 404, 403}},
        {"GET", "/reservists/import", "/reservists/import", {302, 403, 403, 403, 403, 200, 200, 403}},
        {"POST", "/reservists/import", "/reservists/import", {403, 403, 403, 403, 403, 400, 400, 403}},
        {"GET", "/reservists/import/{id}", "/reservists/import/999999", {302, 403, 403, 403, 403, 404, 404, 403}},
        {"POST", "/reservists/import/{id}/commit", "/reservists/import/999999/commit", {403, 403, 403, 403, 403, 404, 404, 403}},
        {"GET", "/reservists/training", "/reservists/training", {302, 403, 200, 403, 403, 200, 200, 403}},
        {"GET", "/reservists/training", "/reservists/training?station={farstation}", {302, 403, 404, 403, 403, 404, 404, 403}},
        {"POST", "/reservists/{id}/training", "/reservists/{reservist}/training", {403, 403, 403, 403, 403, 400, 400, 403}},
        {"POST", "/reservists/{id}/training", "/reservists/{farres}/training", {403, 403, 403, 403, 403, 404, 404, 403}},
        {"GET", "/reservists/firearms", "/reservists/firearms", {302, 403, 200, 403, 403, 200, 200, 403}},
        {"POST", "/reservists/firearms", "/reservists/firearms", {403, 403, 403, 403, 403, 400, 400, 403}},
        {"GET", "/reservists/firearms/{id}", "/reservists/firearms/{kit}", {302, 403, 200, 403, 403, 200, 200, 403}},
        {"GET", "/reservists/firearms/{id}", "/reservists/firearms/999999", {302, 403, 404, 403, 403, 404, 404, 403}},
        {"POST", "/reservists/firearms/{id}/return", "/reservists/firearms/{kit}/return", {403, 403, 403, 403, 403, 400, 400, 403}},
        {"POST", "/reservists/firearms/{id}/extend", "/reservists/firearms/{kit}/extend", {403, 403, 403, 403, 403, 400, 400, 403}},
        {"POST", "/logout", "/logout", {403, 303, 303, 303, 303, 303, 303, 303}, true},
    };
    return rows;
}

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
        s.replace(at, from.size(), to);
    }
    return s;
}

}  // namespace

TEST_CASE("every route is in the access table", "[http][access]") {
    test::TestServer s;
    std::set<std::pair<std::string, std::string>> covered;
    for (const auto& row : table()) covered.emplace(row.method, row.pattern);
    for (const auto& route : s.server().router().routes()) {
        INFO("route missing from the access table: " << route.method << " " << route.pattern);
        CHECK(covered.count({route.method, route.pattern}) == 1);
    }
}

TEST_CASE("route x role gives the expected status", "[http][access]") {
    test::TestServer s;
    s.seedDemo();
    store::UserStore users(s.db());
    store::OrgStore org(s.db());
    const std::string user = std::to_string(users.findForSignIn("counsellor2")->id);
    const std::string other = std::to_string(users.findForSignIn("hr.other")->id);
    const std::string unit = std::to_string(org.findByCode("KLM")->id);
    auto officerId = [&](const std::string& serviceNumber) {
        return s.db().run([&](store::Connection& c) {
            auto& st = c.prepare("SELECT officer_id FROM officers WHERE service_number = ?");
            st.setString(1, serviceNumber);
            std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
            REQUIRE(rs->next());
            return std::to_string(rs->getInt64(1));
        });
    };
    const std::string officer = officerId("2100000");  // Kilimani
    const std::string far = officerId("2103700");      // Capitol Hill
    const std::string module = test::queryValue(s.db(), "SELECT training_module_id FROM training_modules WHERE code = 'HR-UOF'");
    const std::string certificate = test::queryValue(s.db(), "SELECT MIN(training_completion_id) FROM training_completions WHERE passed = 1");
    const std::string welfareCase = test::queryValue(
        s.db(), "SELECT MIN(a.welfare_case_id) FROM welfare_case_counsellors a JOIN users u ON u.user_id = a.user_id "
                "JOIN welfare_cases c ON c.welfare_case_id = a.welfare_case_id AND c.status = 'open' WHERE u.username = 'counsellor'");
    const std::string welfareSession =
        test::queryValue(s.db(), "SELECT MIN(welfare_session_id) FROM welfare_sessions WHERE welfare_case_id = " + welfareCase);

    const std::string reservist = test::queryValue(s.db(), "SELECT MIN(reservist_id) FROM reservists WHERE reservist_number LIKE 'NPR/KLM/%' AND status = 'active'");
    const std::string farReservist = test::queryValue(s.db(), "SELECT MIN(reservist_id) FROM reservists WHERE reservist_number LIKE 'NPR/CPH/%'");
    const std::string duty = test::queryValue(s.db(), "SELECT MIN(reservist_assignment_id) FROM reservist_assignments");
    const std::string kit = test::queryValue(s.db(), "SELECT MIN(firearm_issue_id) FROM firearm_issues WHERE returned_at IS NULL");
    const std::string farStation = std::to_string(org.findByCode("CPH")->id);

    for (std::size_t col = 0; col < kRoles.size(); ++col) {
        const std::string& role = kRoles[col];
        test::Browser b(s);
        if (!role.empty()) REQUIRE(b.login(role).status == 303);
        for (const auto& row : table()) {
            std::string path = row.path;
            for (const auto& [key, value] : std::map<std::string, std::string>{
                     {"{user}", user}, {"{other}", other}, {"{unit}", unit}, {"{officer}", officer}, {"{far}", far},
                     {"{module}", module}, {"{certificate}", certificate},
                     {"{case}", welfareCase}, {"{session}", welfareSession}, {"{reservist}", reservist},
                     {"{farres}", farReservist}, {"{duty}", duty}, {"{kit}", kit}, {"{farstation}", farStation}}) {
                path = replaceAll(path, key, value);
            }
            // A real page first, so the browser holds the token a form on that page would carry.
            b.get(role.empty() ? "/login" : "/account/sessions");
            const auto r = row.method == "GET" ? b.get(path) : b.post(path, {});
            INFO((role.empty() ? "anonymous" : role) << " " << row.method << " " << path);
            CHECK(r.status == row.expected[col]);
            if (row.signsOut && !role.empty()) REQUIRE(b.login(role).status == 303);
        }
    }
}
