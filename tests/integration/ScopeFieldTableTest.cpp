// The second access table, beside AccessTableTest (route x role -> status): every id or
// reference a request carries (an {id} path segment, a form field, a query filter) x a value
// outside the actor's scope -> the record does not exist for them. Each row signs in an actor
// of the right role at Kilimani (KLM), sends the request with a Capitol Hill (CPH) value and
// checks:
//   - the answer: 404 (out of scope does not exist), or, where the field is a choice in a form
//     that re-renders, 400 with that field's error; a list filter answers 200 without a trace
//     of the out-of-scope records;
//   - nothing was written: a fingerprint (row count + CHECKSUM TABLE) of every table a write
//     could touch, data_versions included, is unchanged, and no event succeeded in the audit
//     trail (sealed with runMaintenance() before it is read); a 404 is itself on the record;
//   - then, as a control, the same request with an in-scope value gets the status a real
//     user would get, so the refusal comes from the value alone and not from a broken form.
// Two checks keep the table complete: every route with a path parameter has its {id} row, and
// every id-like field of every form the server renders (found by fetching every GET route as
// every role) has its row. A new route or form field fails here until it is added.
#include "Support.h"

#include "crypto/PasswordHasher.h"
#include "domain/Errors.h"
#include "domain/Time.h"
#include "store/OfficerStore.h"
#include "store/PostingStore.h"
#include "store/OrgStore.h"
#include "store/UserStore.h"

#include <Poco/String.h>
#include <catch2/catch.hpp>

#include <functional>
#include <regex>
#include <set>

using namespace kituo;

namespace {

using Fields = std::map<std::string, std::string>;

// The ids a row can use: the actor's (Kilimani) and the out-of-scope (Capitol Hill) ones.
struct Ids {
    std::string klm, cph, cphName;          // stations
    std::string klmUnit, klmUnit2, cphUnit; // units (klmUnit2: a second Kilimani unit)
    std::string nrb;                        // the county: above both stations
    std::string officer, far;               // a Kilimani and a Capitol Hill officer
    std::string user, other;                // counsellor2 (KLM) and counsellor.far (CPH), both enrolled
    std::string supervisor;                 // an enrolled KLM account (control of a reset request)
    std::string importMine, importOther;    // officer imports of hr (KLM) and hr.other (CPH)
    std::string sessionMine, sessionOther;  // open sessions of hr (not the acting one) and hr.other
    std::string rankCpl, rankIg;            // Corporal (every ladder); Inspector-General (KPS only)
    std::string certMine, certOther;        // passed completions of a Kilimani and a Capitol Hill officer
    std::string offeringMine, offeringOther; // offerings hosted by Kilimani and by Capitol Hill
    std::string offeringOpen;               // the demo's first-aid course to come at Kilimani
    // The reserve: reservists, duties (scheduled), kits out, sections, commanders, roster imports
    // of Kilimani (mine) and of Capitol Hill (far: commander.far's).
    std::string resMine, resFar, dutyMine, dutyFar, kitMine, kitMine2, kitFar, sectionMine, sectionFar;
    std::string commanderMine, commanderFar, ocsMine, resImportMine, resImportFar;
    std::int64_t now = 0;                   // the server's clock at set-up
};

struct Request {
    std::string path;  // with the query string for GET rows
    Fields fields;     // POST form fields (csrf_token is added by the Browser)
};

enum class Expect {
    NotFound,    // 404
    FieldError,  // 400, the form re-rendered with the field's error
    Filtered,    // 200, and `hidden` does not appear (a filter matches nothing outside scope)
};

struct Row {
    std::string method;
    std::string pattern;  // as in the route table
    std::string field;    // "{id}" for the path segment, else the form or query field
    std::string actor;
    Expect expect;
    // Builds the request; `inScope` picks the control value instead of the out-of-scope one.
    std::function<Request(store::Db&, const Ids&, bool inScope)> make;
    int controlStatus;  // the control request's status
    std::function<std::string(const Ids&)> hidden = {};  // Filtered: what must not appear
};

std::string q(store::Db& db, const std::string& sql) { return test::queryValue(db, sql); }

// The lowest open case of the demo counsellor `username`.
std::string openCaseOf(store::Db& db, const std::string& username) {
    return q(db, "SELECT MIN(a.welfare_case_id) FROM welfare_case_counsellors a JOIN users u ON u.user_id = a.user_id "
                 "JOIN welfare_cases c ON c.welfare_case_id = a.welfare_case_id AND c.status = 'open' "
                 "WHERE u.username = '" + username + "'");
}

int unique() {
    static int n = 0;
    return ++n;
}

// A valid new officer at Kilimani (each call unique), for POST /officers.
Fields newOfficer(const Ids& ids) {
    const int n = unique();
    return {{"service_number", std::to_string(3100000 + n)}, {"surname", "Achieng"}, {"other_names", "Mercy"},
            {"national_id", std::to_string(38000000 + n)}, {"gender", "F"}, {"date_of_birth", "1995-03-01"},
            {"enlistment_date", "2017-06-01"}, {"service", "KPS"}, {"rank_id", ids.rankCpl},
            {"rank_since", "2022-01-10"}, {"status", "active"}, {"status_since", "2017-06-01"},
            {"phone", "0722 000222"}, {"station_id", ids.klm}, {"unit_id", ids.klmUnit},
            {"posted_since", "2017-06-01"}, {"reference", "PO/2017/" + std::to_string(n)}};
}

// The edit form of a saved officer, as stored now (its current version).
Fields editOfficer(store::Db& db, const std::string& officerId) {
    Fields f;
    const std::string where = " FROM officers WHERE officer_id = " + officerId;
    for (const char* col : {"surname", "other_names", "national_id", "gender", "date_of_birth", "enlistment_date",
                            "rank_id", "rank_since", "status", "status_since", "phone", "version"}) {
        f[col] = q(db, std::string("SELECT ") + col + where);
    }
    f["service"] = q(db, "SELECT service_code" + where);
    return f;
}

// A transfer within Kilimani to a unit the officer is not in, the day after the officer's
// latest posting began (so the control is a real, valid move).
Fields transfer(store::Db& db, const Ids& ids, const std::string& officerId) {
    const std::string current = q(db, "SELECT COALESCE(unit_id, 0) FROM officers WHERE officer_id = " + officerId);
    const std::string from = q(db, "SELECT DATE_ADD(MAX(from_date), INTERVAL 1 DAY) FROM postings WHERE officer_id = " +
                                       officerId);
    return {{"station_id", ids.klm}, {"unit_id", current == ids.klmUnit ? ids.klmUnit2 : ids.klmUnit},
            {"from_date", from}, {"reference", "MO/KLM/" + std::to_string(unique())},
            {"version", q(db, "SELECT version FROM officers WHERE officer_id = " + officerId)}};
}

Fields userEdit(store::Db& db, const Ids& ids, const std::string& userId) {
    return {{"display_name", "Renamed " + std::to_string(unique())}, {"role", "counsellor"},
            {"org_unit_id", ids.klm}, {"version", q(db, "SELECT version FROM users WHERE user_id = " + userId)}};
}

std::string userVersion(store::Db& db, const std::string& userId) {
    return q(db, "SELECT version FROM users WHERE user_id = " + userId);
}

// A correction of the officer's current posting to another Kilimani unit (cancellation needs a
// previous posting, which a seeded officer may not have), with a reason.
Fields correction(store::Db& db, const Ids& ids, const std::string& officerId) {
    auto f = transfer(db, ids, officerId);
    f["from_date"] = q(db, "SELECT from_date FROM postings WHERE to_date IS NULL AND officer_id = " + officerId);
    f["action"] = "correct";
    f["reason"] = "Keyed against the wrong unit";
    return f;
}

std::string correctionPath(store::Db& db, const std::string& officerId) {
    return "/officers/" + officerId + "/postings/" +
           q(db, "SELECT posting_id FROM postings WHERE to_date IS NULL AND officer_id = " + officerId) + "/correct";
}

// A valid module form, for the catalogue rows: a new, unique code, or the module's own.
Fields moduleForm(store::Db& db, const std::string& moduleId = "") {
    Fields f = {{"code", "SCOPE-" + std::to_string(unique())}, {"title", "Scope test module"}, {"category", "other"},
                {"description", ""}, {"hours", "4"}, {"delivery", "classroom"}, {"pass_mark", "50"},
                {"validity_months", "12"}, {"recert_basis", "completion"}, {"window_month", ""},
                {"renewal_window_days", "30"}};
    if (!moduleId.empty()) {  // an edit keeps the module's code (other rows find modules by it)
        f["code"] = q(db, "SELECT code FROM training_modules WHERE training_module_id = " + moduleId);
        f["version"] = q(db, "SELECT version FROM training_modules WHERE training_module_id = " + moduleId);
    }
    return f;
}

std::string moduleId(store::Db& db, const std::string& code) {
    return q(db, "SELECT training_module_id FROM training_modules WHERE code = '" + code + "'");
}

// A duty for the reserve rows: two hours, a day apart for each call (so no two overlap).
Fields duty(const Ids& ids, const std::string& commander, const std::string& station) {
    const std::int64_t start = ids.now + 86400 * (2 + unique());
    return {{"commander_id", commander}, {"station_id", station}, {"area_county", "Nairobi"},
            {"area_sub_county", "Dagoretti North"}, {"area_ward", "Kilimani"}, {"area_location", "Yaya"},
            {"role", "patrol"}, {"note", ""}, {"starts_at", domain::formatEatInput(start)},
            {"ends_at", domain::formatEatInput(start + 7200)}};
}

// A valid new reservist at `station` (each call unique).
Fields newReservist(const std::string& station, const std::string& section) {
    const int n = unique();
    return {{"reservist_number", "NPR/SCP/" + std::to_string(100 + n)}, {"surname", "Njoki"}, {"other_names", "Ann"},
            {"national_id", std::to_string(39000000 + n)}, {"date_of_birth", "1990-01-01"}, {"gender", "F"},
            {"phone", "0712 000333"}, {"home_county", "Nairobi"}, {"home_sub_county", "Dagoretti North"},
            {"home_ward", "Kilimani"}, {"home_location", "Yaya"}, {"enlistment_date", "2020-01-01"},
            {"vetting_date", "2020-01-01"}, {"vetting_result", "cleared"}, {"revetting_due", ""}, {"status", "active"},
            {"status_since", "2020-01-01"}, {"status_reason", ""}, {"next_of_kin_name", "Kin Njoki"},
            {"next_of_kin_phone", "0722 000444"}, {"next_of_kin_relation", "Mother"}, {"station_id", station},
            {"npr_section_id", section}};
}

// The edit form of a saved reservist as stored now.
Fields editReservist(store::Db& db, const std::string& id, const std::string& section) {
    Fields f = newReservist("", section);
    f.erase("station_id");
    for (auto& [k, v] : f) {
        if (k != "npr_section_id") v = q(db, "SELECT " + k + " FROM reservists WHERE reservist_id = " + id);
    }
    f["version"] = q(db, "SELECT version FROM reservists WHERE reservist_id = " + id);
    return f;
}

std::string kitVersion(store::Db& db, const std::string& id) {
    return q(db, "SELECT version FROM firearm_issues WHERE firearm_issue_id = " + id);
}


// The same rows at another address of the same handler (a form that posts to its own page
// as well as to the address of the contract): `rewrite` turns one path into the other.
void addAliases(std::vector<Row>& rows, const std::string& method, const std::string& pattern,
                const std::string& aliasPattern, std::function<std::string(const std::string&)> rewrite) {
    std::vector<Row> aliases;
    for (const auto& row : rows) {
        if (row.method != method || row.pattern != pattern) continue;
        Row a = row;
        a.pattern = aliasPattern;
        a.make = [make = row.make, rewrite](store::Db& db, const Ids& ids, bool in) {
            auto r = make(db, ids, in);
            r.path = rewrite(r.path);
            return r;
        };
        aliases.push_back(std::move(a));
    }
    REQUIRE_FALSE(aliases.empty());
    rows.insert(rows.end(), aliases.begin(), aliases.end());
}

const std::vector<Row>& table() {
    using E = Expect;
    static std::vector<Row> rows = {
        // --- the nominal roll (hr at Kilimani) ---
        {"POST", "/officers", "station_id", "hr", E::FieldError,
         [](store::Db&, const Ids& ids, bool in) {
             auto f = newOfficer(ids);
             f["station_id"] = in ? ids.klm : ids.cph;
             f.erase("unit_id");
             return Request{"/officers", f};
         }, 303},
        {"POST", "/officers", "unit_id", "hr", E::FieldError,
         [](store::Db&, const Ids& ids, bool in) {
             auto f = newOfficer(ids);
             f["unit_id"] = in ? ids.klmUnit : ids.cphUnit;
             return Request{"/officers", f};
         }, 303},
        // Ranks are national data: "out of scope" for a rank is a rank outside the service's ladder.
        {"POST", "/officers", "rank_id", "hr", E::FieldError,
         [](store::Db&, const Ids& ids, bool in) {
             auto f = newOfficer(ids);
             f["service"] = "DCI";
             f["rank_id"] = in ? ids.rankCpl : ids.rankIg;
             return Request{"/officers", f};
         }, 303},
        {"GET", "/officers/{id}", "{id}", "hr", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/officers/" + (in ? ids.officer : ids.far), {}}; },
         200},
        {"GET", "/officers/{id}/edit", "{id}", "hr", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/officers/" + (in ? ids.officer : ids.far) + "/edit", {}};
         }, 200},
        {"POST", "/officers/{id}", "{id}", "hr", E::NotFound,
         [](store::Db& db, const Ids& ids, bool in) {
             const std::string id = in ? ids.officer : ids.far;
             return Request{"/officers/" + id, editOfficer(db, id)};
         }, 303},
        {"POST", "/officers/{id}", "rank_id", "hr", E::FieldError,
         [](store::Db& db, const Ids& ids, bool in) {
             auto f = editOfficer(db, ids.officer);
             f["service"] = "DCI";
             f["rank_id"] = in ? ids.rankCpl : ids.rankIg;
             return Request{"/officers/" + ids.officer, f};
         }, 303},
        {"POST", "/officers/{id}/postings", "{id}", "hr", E::NotFound,
         [](store::Db& db, const Ids& ids, bool in) {
             const std::string id = in ? ids.officer : ids.far;
             return Request{"/officers/" + id + "/postings", transfer(db, ids, id)};
         }, 303},
        {"POST", "/officers/{id}/postings", "station_id", "hr", E::FieldError,
         [](store::Db& db, const Ids& ids, bool in) {
             auto f = transfer(db, ids, ids.officer);
             if (!in) {
                 f["station_id"] = ids.cph;
                 f.erase("unit_id");
             }
             return Request{"/officers/" + ids.officer + "/postings", f};
         }, 303},
        {"POST", "/officers/{id}/postings", "unit_id", "hr", E::FieldError,
         [](store::Db& db, const Ids& ids, bool in) {
             auto f = transfer(db, ids, ids.officer);
             if (!in) f["unit_id"] = ids.cphUnit;
             return Request{"/officers/" + ids.officer + "/postings", f};
         }, 303},
        {"GET", "/officers/{id}/postings", "{id}", "hr", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/officers/" + (in ? ids.officer : ids.far) + "/postings", {}};
         }, 200},
        {"GET", "/officers/{id}/postings/{posting}/correct", "{id}", "hr", E::NotFound,
         [](store::Db& db, const Ids& ids, bool in) { return Request{correctionPath(db, in ? ids.officer : ids.far), {}}; },
         200},
        {"POST", "/officers/{id}/postings/{posting}/correct", "{id}", "hr", E::NotFound,
         [](store::Db& db, const Ids& ids, bool in) {
             const std::string id = in ? ids.officer : ids.far;
             return Request{correctionPath(db, id), correction(db, ids, id)};
         }, 303},
        {"POST", "/officers/{id}/postings/{posting}/correct", "station_id", "hr", E::FieldError,
         [](store::Db& db, const Ids& ids, bool in) {
             auto f = correction(db, ids, ids.officer);
             if (!in) {
                 f["station_id"] = ids.cph;
                 f.erase("unit_id");
             }
             return Request{correctionPath(db, ids.officer), f};
         }, 303},
        {"POST", "/officers/{id}/postings/{posting}/correct", "unit_id", "hr", E::FieldError,
         [](store::Db& db, const Ids& ids, bool in) {
             auto f = correction(db, ids, ids.officer);
             if (!in) f["unit_id"] = ids.cphUnit;
             return Request{correctionPath(db, ids.officer), f};
         }, 303},
        {"GET", "/officers", "station", "hr", E::Filtered,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/officers?station=" + (in ? ids.klm : ids.cph), {}}; },
         200, [](const Ids& ids) { return ids.cphName; }},
        {"GET", "/officers", "unit", "hr", E::Filtered,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/officers?unit=" + (in ? ids.klmUnit : ids.cphUnit), {}}; },
         200, [](const Ids& ids) { return ids.cphName; }},
        // An import belongs to the account that uploaded it (hr.other's is at Capitol Hill).
        {"GET", "/officers/import/{id}", "{id}", "hr", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/officers/import/" + (in ? ids.importMine : ids.importOther), {}};
         }, 200},
        {"GET", "/officers/import/{id}/rejected.csv", "{id}", "hr", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/officers/import/" + (in ? ids.importMine : ids.importOther) + "/rejected.csv", {}};
         }, 200},
        {"POST", "/officers/import/{id}/commit", "{id}", "hr", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/officers/import/" + (in ? ids.importMine : ids.importOther) + "/commit", {}};
         }, 303},
        // --- accounts (admin at Kilimani) ---
        {"POST", "/admin/users", "org_unit_id", "admin", E::FieldError,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/admin/users", {{"username", "scope.test" + std::to_string(unique())},
                                             {"display_name", "Scope Test"}, {"role", "hr_officer"},
                                             {"org_unit_id", in ? ids.klm : ids.cph}}};
         }, 200},
        {"GET", "/admin/users/{id}", "{id}", "admin", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/admin/users/" + (in ? ids.user : ids.other), {}}; },
         200},
        {"POST", "/admin/users/{id}", "{id}", "admin", E::NotFound,
         [](store::Db& db, const Ids& ids, bool in) {
             const std::string id = in ? ids.user : ids.other;
             return Request{"/admin/users/" + id, userEdit(db, ids, id)};
         }, 303},
        {"POST", "/admin/users/{id}", "org_unit_id", "admin", E::FieldError,
         [](store::Db& db, const Ids& ids, bool in) {
             auto f = userEdit(db, ids, ids.user);
             f["org_unit_id"] = in ? ids.klmUnit : ids.cph;
             return Request{"/admin/users/" + ids.user, f};
         }, 303},
        {"POST", "/admin/users/{id}/disable", "{id}", "admin", E::NotFound,
         [](store::Db& db, const Ids& ids, bool in) {
             const std::string id = in ? ids.user : ids.other;
             return Request{"/admin/users/" + id + "/disable", {{"version", userVersion(db, id)}}};
         }, 303},
        {"POST", "/admin/users/{id}/enable", "{id}", "admin", E::NotFound,
         [](store::Db& db, const Ids& ids, bool in) {
             const std::string id = in ? ids.user : ids.other;
             return Request{"/admin/users/" + id + "/enable", {{"version", userVersion(db, id)}}};
         }, 303},
        {"POST", "/admin/users/{id}/reset-password", "{id}", "admin", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/admin/users/" + (in ? ids.user : ids.other) + "/reset-password", {}};
         }, 200},
        {"GET", "/admin/users/{id}/two-factor-reset", "{id}", "admin", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/admin/users/" + (in ? ids.user : ids.other) + "/two-factor-reset", {}};
         }, 200},
        {"POST", "/admin/users/{id}/two-factor-reset", "{id}", "admin", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/admin/users/" + (in ? ids.supervisor : ids.other) + "/two-factor-reset",
                            {{"reason", "Phone lost, reported at the station desk."}}};
         }, 303},
        // Both accounts have a reset requested by the county admin: only scope stops the approval.
        {"POST", "/admin/users/{id}/two-factor-reset/approve", "{id}", "admin", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/admin/users/" + (in ? ids.user : ids.other) + "/two-factor-reset/approve", {}};
         }, 303},
        // --- the organisation tree (admin at Kilimani) ---
        {"POST", "/admin/org", "parent_id", "admin", E::FieldError,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/admin/org", {{"parent_id", in ? ids.klm : ids.cph}, {"kind", "unit"},
                                           {"code", "SCP-" + std::to_string(unique())}, {"name", "Scope unit"}}};
         }, 303},
        {"GET", "/admin/org/{id}", "{id}", "admin", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/admin/org/" + (in ? ids.klmUnit : ids.cphUnit), {}}; },
         200},
        {"POST", "/admin/org/{id}", "{id}", "admin", E::NotFound,
         [](store::Db& db, const Ids& ids, bool in) {
             const std::string id = in ? ids.klmUnit : ids.cphUnit;
             return Request{"/admin/org/" + id,
                            {{"name", "Renamed unit " + std::to_string(unique())},
                             {"version", q(db, "SELECT version FROM org_units WHERE org_unit_id = " + id)}}};
         }, 303},
        // --- the retraining catalogue (admin; national data: "outside" is a module that is not there) ---
        {"GET", "/training/modules/{id}", "{id}", "admin", E::NotFound,
         [](store::Db& db, const Ids&, bool in) {
             return Request{"/training/modules/" + (in ? moduleId(db, "HR-UOF") : std::string("999999")), {}};
         }, 200},
        {"POST", "/training/modules/{id}", "{id}", "admin", E::NotFound,
         [](store::Db& db, const Ids&, bool in) {
             const std::string id = in ? moduleId(db, "TIP-LABOUR") : std::string("999999");
             return Request{"/training/modules/" + id, moduleForm(db, in ? id : moduleId(db, "TIP-LABOUR"))};
         }, 303},
        {"POST", "/training/modules/new", "prerequisite_id", "admin", E::FieldError,
         [](store::Db& db, const Ids&, bool in) {
             auto f = moduleForm(db);
             f["prerequisite_id"] = in ? moduleId(db, "HR-UOF") : std::string("999999");
             return Request{"/training/modules/new", f};
         }, 303},
        {"POST", "/training/modules/{id}", "prerequisite_id", "admin", E::FieldError,
         [](store::Db& db, const Ids&, bool in) {
             const std::string id = moduleId(db, "PROM-INSP");
             auto f = moduleForm(db, id);
             f["prerequisite_id"] = in ? moduleId(db, "PROM-SGT") : std::string("999999");
             return Request{"/training/modules/" + id, f};
         }, 303},
        {"POST", "/training/modules/{id}/requirements", "{id}", "admin", E::NotFound,
         [](store::Db& db, const Ids&, bool in) {
             return Request{"/training/modules/" + (in ? moduleId(db, "TIP-LABOUR") : std::string("999999")) + "/requirements",
                            {{"kind", "all"}, {"effective_from", "2027-01-01"}, {"due_days", "90"}}};
         }, 303},
        // A rule of another module is not this module's.
        {"POST", "/training/modules/{id}/requirements/{requirement}/remove", "{id}", "admin", E::NotFound,
         [](store::Db& db, const Ids&, bool in) {
             const std::string rule = q(db, "SELECT MIN(training_requirement_id) FROM training_requirements WHERE "
                                            "training_module_id = " + moduleId(db, "HR-UOF"));
             return Request{"/training/modules/" + (in ? moduleId(db, "HR-UOF") : moduleId(db, "FA-BASIC")) +
                                "/requirements/" + rule + "/remove", {}};
         }, 303},
        // --- retraining compliance (hr at Kilimani): Capitol Hill's matrix does not exist for them ---
        {"GET", "/training/compliance", "station", "hr", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/training/compliance?station=" + (in ? ids.klm : ids.cph), {}}; },
         200},
        {"GET", "/training/modules/{id}", "station", "hr", E::NotFound,
         [](store::Db& db, const Ids& ids, bool in) {
             return Request{"/training/modules/" + moduleId(db, "HR-UOF") + "?station=" + (in ? ids.klm : ids.cph), {}};
         }, 200},
        {"GET", "/training/compliance.csv", "station", "hr", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/training/compliance.csv?station=" + (in ? ids.klm : ids.cph), {}}; },
         200},
        {"GET", "/training/certificates/{id}", "{id}", "hr", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/training/certificates/" + (in ? ids.certMine : ids.certOther), {}};
         }, 200},
        // --- offerings (hr at Kilimani): Capitol Hill's offering and officers are not theirs ---
        {"GET", "/training/offerings/{id}", "{id}", "hr", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/training/offerings/" + (in ? ids.offeringMine : ids.offeringOther), {}};
         }, 200},
        {"POST", "/training/offerings/{id}/enrolments", "{id}", "hr", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/training/offerings/" + (in ? ids.offeringMine : ids.offeringOther) + "/enrolments",
                            {{"officer_id", ids.officer}}};
         }, 303},
        // The bulk enrolment of the compliance page names the station whose due it takes.
        {"POST", "/training/offerings/{id}/enrolments", "station", "hr", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/training/offerings/" + ids.offeringOpen + "/enrolments",
                            {{"bulk", "due"}, {"station", in ? ids.klm : ids.cph}}};
         }, 303},
        {"POST", "/training/offerings/{id}/enrolments", "officer_id", "hr", E::FieldError,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/training/offerings/" + ids.offeringMine + "/enrolments", {{"officer_id", in ? ids.officer : ids.far}}};
         }, 303},
        // Capitol Hill's offering holds an enrolment of its own officer: Kilimani cannot withdraw it.
        {"POST", "/training/offerings/{id}/enrolments/{enrolment}/withdraw", "{id}", "hr", E::NotFound,
         [](store::Db& db, const Ids& ids, bool in) {
             const std::string offering = in ? ids.offeringMine : ids.offeringOther;
             return Request{"/training/offerings/" + offering + "/enrolments/" +
                                q(db, "SELECT MAX(training_enrolment_id) FROM training_enrolments WHERE "
                                      "training_offering_id = " + offering) + "/withdraw", {}};
         }, 303},
        {"POST", "/training/offerings/{id}/results", "{id}", "hr", E::NotFound,
         [](store::Db& db, const Ids& ids, bool in) {
             const std::string offering = in ? ids.offeringMine : ids.offeringOther;
             const std::string enrolment = q(db, "SELECT MAX(training_enrolment_id) FROM training_enrolments WHERE "
                                                 "training_offering_id = " + offering + " AND status = 'enrolled'");
             return Request{"/training/offerings/" + offering + "/results", {{"result_" + enrolment, "absent"}}};
         }, 303},
        {"POST", "/training/offerings/new", "host_id", "hr", E::FieldError,
         [](store::Db& db, const Ids& ids, bool in) {
             return Request{"/training/offerings/new",
                            {{"module_id", moduleId(db, "HR-UOF")}, {"host_id", in ? ids.klm : ids.cph},
                             {"starts_on", "2027-03-01"}, {"ends_on", "2027-03-02"}, {"venue", "Hall"},
                             {"trainer", "Trainer"}, {"capacity", "20"}}};
         }, 303},
        {"POST", "/training/offerings/new", "module_id", "hr", E::FieldError,
         [](store::Db& db, const Ids& ids, bool in) {
             return Request{"/training/offerings/new",
                            {{"module_id", in ? moduleId(db, "HR-UOF") : std::string("999999")}, {"host_id", ids.klm},
                             {"starts_on", "2027-03-01"}, {"ends_on", "2027-03-02"}, {"venue", "Hall"},
                             {"trainer", "Trainer"}, {"capacity", "20"}}};
         }, 303},
        // --- a class's results (hr at Kilimani): officers of Capitol Hill are not theirs ---
        {"GET", "/training/completions/new", "station", "hr", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/training/completions/new?station=" + (in ? ids.klm : ids.cph), {}};
         }, 200},
        {"POST", "/training/completions/new", "officer_id", "hr", E::FieldError,
         [](store::Db& db, const Ids& ids, bool in) {
             return Request{"/training/completions/new",
                            {{"module_id", moduleId(db, "TIP-ID")}, {"completed_on", "2026-11-20"}, {"passed", "yes"},
                             {"evidence_reference", "IOM letter 2026/77"}, {"officer_id", in ? ids.officer : ids.far}}};
         }, 303},
        {"POST", "/training/completions/new", "module_id", "hr", E::FieldError,
         [](store::Db& db, const Ids& ids, bool in) {
             return Request{"/training/completions/new",
                            {{"module_id", in ? moduleId(db, "TIP-ID") : std::string("999999")},
                             {"completed_on", "2026-11-20"}, {"passed", "yes"},
                             {"evidence_reference", "IOM letter 2026/78"}, {"officer_id", ids.officer}}};
         }, 303},
        // --- the audit trail (auditor at Kilimani): hr.other's events lie at Capitol Hill ---
        {"GET", "/audit", "record_id", "auditor", E::Filtered,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/audit?record_type=officer&record_id=" + (in ? ids.officer : ids.far), {}};
         }, 200, [](const Ids&) { return std::string("hr.other"); }},
        // --- one's own sessions (hr) ---
        {"POST", "/account/sessions/{id}/end", "{id}", "hr", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/account/sessions/" + (in ? ids.sessionMine : ids.sessionOther) + "/end", {}};
         }, 303},
        // --- counselling (counsellor): counsellor2's cases and sessions are not theirs ---
        {"GET", "/welfare/cases/{id}", "{id}", "counsellor", E::NotFound,
         [](store::Db& db, const Ids&, bool in) { return Request{"/welfare/cases/" + openCaseOf(db, in ? "counsellor" : "counsellor2"), {}}; },
         200},
        {"POST", "/welfare/cases/{id}/sessions", "{id}", "counsellor", E::NotFound,
         [](store::Db& db, const Ids&, bool in) {
             return Request{"/welfare/cases/" + openCaseOf(db, in ? "counsellor" : "counsellor2") + "/sessions",
                            {{"held_on", "2026-11-20"}, {"held_time", "10:00"}, {"duration_minutes", "45"},
                             {"session_type", "individual"}, {"referral_source", "self"}, {"concerns", "stress"},
                             {"risk_level", "low"}}};
         }, 303},
        {"GET", "/welfare/sessions/{id}", "{id}", "counsellor", E::NotFound,
         [](store::Db& db, const Ids&, bool in) {
             return Request{"/welfare/sessions/" + q(db, "SELECT MIN(welfare_session_id) FROM welfare_sessions WHERE "
                                                         "welfare_case_id = " + openCaseOf(db, in ? "counsellor" : "counsellor2")), {}};
         }, 200},
        {"POST", "/welfare/cases/{id}/close", "{id}", "counsellor", E::NotFound,
         [](store::Db& db, const Ids&, bool in) {
             return Request{"/welfare/cases/" + openCaseOf(db, in ? "counsellor" : "counsellor2") + "/close",
                            {{"outcome", "goals_met"}}};
         }, 303},
        // A supervisor assigns only counsellors they supervise, to cases they supervise (the
        // transfer runs last: it moves the demo counsellor's case to counsellor2).
        {"POST", "/welfare/cases/{id}/counsellors", "{id}", "supervisor", E::NotFound,
         [](store::Db& db, const Ids&, bool in) {
             return Request{"/welfare/cases/" + (in ? openCaseOf(db, "counsellor") : std::string("999999")) + "/counsellors",
                            {{"counsellor_id", q(db, "SELECT user_id FROM users WHERE username = 'counsellor2'")}}};
         }, 303},
        {"POST", "/welfare/cases/{id}/counsellors", "counsellor_id", "supervisor", E::FieldError,
         [](store::Db& db, const Ids&, bool in) {
             return Request{"/welfare/cases/" + openCaseOf(db, "counsellor") + "/counsellors",
                            {{"counsellor_id", q(db, std::string("SELECT user_id FROM users WHERE username = '") +
                                                     (in ? "counsellor2" : "hr") + "'")}}};
         }, 303},
        {"POST", "/welfare/cases/{id}/transfer", "{id}", "supervisor", E::NotFound,
         [](store::Db& db, const Ids&, bool in) {
             return Request{"/welfare/cases/" + (in ? openCaseOf(db, "counsellor") : std::string("999999")) + "/transfer",
                            {{"counsellor_id", q(db, "SELECT user_id FROM users WHERE username = 'counsellor2'")}}};
         }, 303},
        {"POST", "/welfare/cases/{id}/transfer", "counsellor_id", "supervisor", E::FieldError,
         [](store::Db& db, const Ids&, bool in) {
             return Request{"/welfare/cases/" + openCaseOf(db, "counsellor2") + "/transfer",
                            {{"counsellor_id", q(db, std::string("SELECT user_id FROM users WHERE username = '") +
                                                     (in ? "counsellor2" : "hr.other") + "'")}}};
         }, 303},
        // Counselling statistics: a station or county outside the scope does not exist.
        {"GET", "/welfare/stats", "station", "hr", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/welfare/stats?station=" + (in ? ids.klm : ids.cph), {}}; },
         200},
        {"GET", "/welfare/stats", "county", "hr.county", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/welfare/stats?county=" + (in ? ids.nrb : ids.klm), {}}; },
         200},
        // The reserve (the commander at Kilimani; Capitol Hill's reservists, duties, kits,
        // sections, accounts and imports do not exist for them).
        {"GET", "/reservists", "station", "commander", E::Filtered,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/reservists?station=" + (in ? ids.klm : ids.cph), {}}; }, 200,
         [](const Ids&) { return std::string("NPR/CPH/"); }},
        {"GET", "/reservists/deployments", "station", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/reservists/deployments?station=" + (in ? ids.klm : ids.cph), {}}; }, 200},
        {"GET", "/reservists/command", "station", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/reservists/command?station=" + (in ? ids.klm : ids.cph), {}}; }, 200},
        {"GET", "/reservists/strength", "station", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/reservists/strength?station=" + (in ? ids.klm : ids.cph), {}}; }, 200},
        {"GET", "/reservists/training", "station", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/reservists/training?station=" + (in ? ids.klm : ids.cph), {}}; }, 200},
        {"GET", "/reservists/{id}", "{id}", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/reservists/" + (in ? ids.resMine : ids.resFar), {}}; }, 200},
        {"GET", "/reservists/{id}/edit", "{id}", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/reservists/" + (in ? ids.resMine : ids.resFar) + "/edit", {}}; }, 200},
        {"POST", "/reservists/{id}", "{id}", "commander", E::NotFound,
         [](store::Db& db, const Ids& ids, bool in) {
             const std::string id = in ? ids.resMine : ids.resFar;
             return Request{"/reservists/" + id, editReservist(db, id, "")};
         }, 303},
        {"POST", "/reservists/{id}", "npr_section_id", "commander", E::NotFound,
         [](store::Db& db, const Ids& ids, bool in) {
             return Request{"/reservists/" + ids.resMine, editReservist(db, ids.resMine, in ? ids.sectionMine : ids.sectionFar)};
         }, 303},
        {"POST", "/reservists", "station_id", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/reservists", newReservist(in ? ids.klm : ids.cph, "")}; }, 303},
        {"POST", "/reservists", "npr_section_id", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/reservists", newReservist(ids.klm, in ? ids.sectionMine : ids.sectionFar)};
         }, 303},
        {"POST", "/reservists/{id}/pin", "{id}", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/reservists/" + (in ? ids.resMine : ids.resFar) + "/pin", {{"pin", "4821"}, {"pin_again", "4821"}}};
         }, 303},
        {"POST", "/reservists/{id}/assignments", "{id}", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/reservists/" + (in ? ids.resMine : ids.resFar) + "/assignments", duty(ids, ids.commanderMine, ids.klm)};
         }, 303},
        {"POST", "/reservists/{id}/assignments", "commander_id", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/reservists/" + ids.resMine + "/assignments",
                            duty(ids, in ? ids.commanderMine : ids.commanderFar, ids.klm)};
         }, 303},
        {"POST", "/reservists/{id}/assignments", "station_id", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/reservists/" + ids.resMine + "/assignments", duty(ids, ids.commanderMine, in ? ids.klm : ids.cph)};
         }, 303},
        {"POST", "/reservists/assignments/{id}/end", "{id}", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/reservists/assignments/" + (in ? ids.dutyMine : ids.dutyFar) + "/end", {}};
         }, 303},
        {"POST", "/reservists/assignments/{id}/cancel", "{id}", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/reservists/assignments/" + (in ? ids.dutyMine : ids.dutyFar) + "/cancel", {}};
         }, 303},
        {"POST", "/reservists/{id}/training", "{id}", "commander", E::NotFound,
         [](store::Db& db, const Ids& ids, bool in) {
             return Request{"/reservists/" + (in ? ids.resMine : ids.resFar) + "/training",
                            {{"training_module_id", moduleId(db, "FIRE-QUAL")}, {"completed_on", "2026-11-02"},
                             {"passed", "1"}, {"score", ""}, {"evidence_reference", "Register 1"}}};
         }, 303},
        {"POST", "/reservists/{id}/training", "training_module_id", "commander", E::FieldError,
         [](store::Db& db, const Ids& ids, bool in) {
             return Request{"/reservists/" + ids.resMine + "/training",
                            {{"training_module_id", in ? moduleId(db, "FIRE-QUAL") : std::string("999999")},
                             {"completed_on", "2026-11-02"}, {"passed", "1"}, {"score", ""}, {"evidence_reference", "Register 2"}}};
         }, 303},
        {"POST", "/reservists/command/sections", "station_id", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/reservists/command/sections", {{"station_id", in ? ids.klm : ids.cph},
                                                              {"name", "Section " + std::to_string(unique())},
                                                              {"leader_name", "Cpl. Leader"}, {"leader_kind", "reservist"},
                                                              {"leader_user_id", ""}}};
         }, 303},
        {"POST", "/reservists/command/sections", "leader_user_id", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/reservists/command/sections", {{"station_id", ids.klm}, {"name", "Section " + std::to_string(unique())},
                                                              {"leader_name", "Insp. Leader"}, {"leader_kind", "officer"},
                                                              {"leader_user_id", in ? ids.ocsMine : ids.commanderFar}}};
         }, 303},
        {"POST", "/reservists/strength", "station_id", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/reservists/strength", {{"station_id", in ? ids.klm : ids.cph}, {"area_ward", "Kilimani"}, {"authorised", "9"}}};
         }, 303},
        {"POST", "/reservists/firearms", "reservist_id", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/reservists/firearms", {{"reservist_id", in ? ids.resMine : ids.resFar},
                                                      {"serial", "SCOPE-" + std::to_string(unique())}, {"firearm_type", "rifle"},
                                                      {"magazines", "2"}, {"rounds", "60"},
                                                      {"expected_return_at", domain::formatEatInput(ids.now + 6 * 3600)},
                                                      {"pin", "4821"}}};
         }, 303},
        {"GET", "/reservists/firearms/{id}", "{id}", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/reservists/firearms/" + (in ? ids.kitMine : ids.kitFar), {}}; }, 200},
        {"POST", "/reservists/firearms/{id}/extend", "{id}", "commander", E::NotFound,
         [](store::Db& db, const Ids& ids, bool in) {
             const std::string kit = in ? ids.kitMine : ids.kitFar;
             return Request{"/reservists/firearms/" + kit + "/extend",
                            {{"version", kitVersion(db, kit)}, {"expected_return_at", domain::formatEatInput(ids.now + 20 * 3600)},
                             {"reason", "Escort extended"}}};
         }, 303},
        {"POST", "/reservists/firearms/{id}/return", "{id}", "commander", E::NotFound,
         [](store::Db& db, const Ids& ids, bool in) {
             const std::string kit = in ? ids.kitMine2 : ids.kitFar;
             return Request{"/reservists/firearms/" + kit + "/return",
                            {{"version", kitVersion(db, kit)}, {"magazines_returned", "2"}, {"rounds_returned", "60"}, {"note", ""}}};
         }, 303},
        {"GET", "/reservists/import/{id}", "{id}", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) { return Request{"/reservists/import/" + (in ? ids.resImportMine : ids.resImportFar), {}}; }, 200},
        {"POST", "/reservists/import/{id}/commit", "{id}", "commander", E::NotFound,
         [](store::Db&, const Ids& ids, bool in) {
             return Request{"/reservists/import/" + (in ? ids.resImportMine : ids.resImportFar) + "/commit", {}};
         }, 303},
        // Emergency access names any case there is; one that does not exist is refused.
        {"POST", "/welfare/cases/{id}/break-glass", "{id}", "supervisor", E::NotFound,
         [](store::Db& db, const Ids&, bool in) {
             return Request{"/welfare/cases/" + (in ? openCaseOf(db, "counsellor") : std::string("999999")) + "/break-glass",
                            {{"reason", "The officer called the hotline in crisis tonight"}}};
         }, 303},
        // A grant held by someone else may be reviewed (one's own: WelfareTest.cpp).
        {"POST", "/welfare/break-glass/{id}/review", "{id}", "supervisor", E::NotFound,
         [](store::Db& db, const Ids&, bool in) {
             if (!in) return Request{"/welfare/break-glass/999999/review", {}};
             db.run([&](store::Connection& c) {
                 c.execute("INSERT INTO welfare_break_glass (welfare_case_id, user_id, reason, granted_at, expires_at) "
                           "SELECT MIN(welfare_case_id), (SELECT user_id FROM users WHERE username = 'counsellor2'), "
                           "'Set up for the scope table', NOW(), NOW() FROM welfare_cases");
                 return 0;
             });
             return Request{"/welfare/break-glass/" + q(db, "SELECT MAX(welfare_break_glass_id) FROM welfare_break_glass") +
                                "/review", {}};
         }, 303},
    };
    static const bool aliased = [] {
        addAliases(rows, "POST", "/officers", "/officers/new", [](const std::string& p) { return p + "/new"; });
        addAliases(rows, "POST", "/reservists", "/reservists/new", [](const std::string& p) { return p + "/new"; });
        addAliases(rows, "POST", "/reservists/{id}", "/reservists/{id}/edit", [](const std::string& p) { return p + "/edit"; });
        addAliases(rows, "POST", "/officers/{id}", "/officers/{id}/edit", [](const std::string& p) { return p + "/edit"; });
        addAliases(rows, "POST", "/admin/users", "/admin/users/new", [](const std::string& p) { return p + "/new"; });
        return true;
    }();
    (void)aliased;
    return rows;
}


// Row count and checksum of every table a handler could write, and the data_versions counters.
// The checksum is computed here over the stored columns (CHECKSUM TABLE is not stable over a
// virtual column such as postings.open_marker). Sessions are counted (open and ended), not
// checksummed: every request moves last_seen_at.
std::map<std::string, std::string> fingerprint(store::Db& db) {
    std::map<std::string, std::string> out;
    for (const char* t : {"officers", "postings", "posting_corrections", "officer_imports", "training_modules",
                          "training_prerequisites", "training_requirements", "training_completions", "training_offerings",
                          "training_enrolments", "users", "org_units", "user_second_factors",
                          "recovery_codes", "second_factor_resets", "user_notices", "data_versions",
                          "welfare_cases", "welfare_case_counsellors", "welfare_sessions", "welfare_break_glass",
                          "welfare_supervision", "reservists", "npr_sections", "reservist_assignments",
                          "firearm_issues", "npr_authorised_strength", "reservist_training_completions"}) {
        const std::string table = t;
        const std::string columns = q(db,
            "SELECT GROUP_CONCAT(CONCAT('IFNULL(`', column_name, '`, ''<null>'')') ORDER BY ordinal_position) "
            "FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = '" + table +
            "' AND extra NOT LIKE '%GENERATED%' AND extra NOT LIKE '%VIRTUAL%' AND extra NOT LIKE '%STORED%'");
        out[table] = q(db, "SELECT CONCAT(COUNT(*), ' rows, checksum ', COALESCE(SUM(CRC32(CONCAT_WS('|', " +
                               columns + "))), 0)) FROM " + table);
    }
    out["data_versions"] += ", roll " + q(db, "SELECT version FROM data_versions WHERE name = 'roll'");
    out["sessions"] = q(db, "SELECT CONCAT(COUNT(*), ' rows, ', COUNT(ended_at), ' ended') FROM sessions");
    return out;
}

// The newest sealed audit event id (after sealing everything recorded so far).
std::int64_t sealedHead(test::TestServer& s) {
    s.server().runMaintenance();
    return std::stoll(q(s.db(), "SELECT COALESCE(MAX(event_id), 0) FROM audit_events"));
}

std::string nameOf(const Row& row) {
    return row.method + " " + row.pattern + " [" + row.field + "] as " + row.actor;
}

// Whether a field name carries an id or a reference to a record. national_id is a person's
// identity-card number, a value the officer form edits, not a reference to a record; the rank
// filter of the roll points into the national rank ladder, which has no scope.
bool idLike(const std::string& name) {
    if (name == "national_id") return false;
    static const std::set<std::string> references = {"id", "station", "unit", "officer", "user", "parent", "org_unit"};
    return references.count(name) || (name.size() > 3 && name.compare(name.size() - 3, 3, "_id") == 0);
}

Ids setUp(test::TestServer& s) {
    s.seedDemo();
    auto& db = s.db();
    store::OrgStore org(db);
    store::UserStore users(db);
    Ids ids;
    ids.klm = std::to_string(org.findByCode("KLM")->id);
    ids.cph = std::to_string(org.findByCode("CPH")->id);
    ids.cphName = org.findByCode("CPH")->name;
    ids.nrb = std::to_string(org.findByCode("NRB")->id);
    const std::string klmPath = org.findByCode("KLM")->path, cphPath = org.findByCode("CPH")->path;
    auto unitsUnder = [&](const std::string& path) {
        std::vector<std::string> out;
        for (const auto& u : org.subtree(path)) {
            if (u.kind == domain::OrgKind::Unit) out.push_back(std::to_string(u.id));
        }
        return out;
    };
    const auto klmUnits = unitsUnder(klmPath), cphUnits = unitsUnder(cphPath);
    REQUIRE(klmUnits.size() >= 2);
    REQUIRE_FALSE(cphUnits.empty());
    ids.klmUnit = klmUnits[0];
    ids.klmUnit2 = klmUnits[1];
    ids.cphUnit = cphUnits[0];
    ids.officer = q(db, "SELECT officer_id FROM officers WHERE service_number = '2100000'");
    ids.far = q(db, "SELECT officer_id FROM officers WHERE service_number = '2103700'");
    REQUIRE(q(db, "SELECT station_id FROM officers WHERE officer_id = " + ids.far) == ids.cph);
    ids.rankCpl = q(db, "SELECT rank_id FROM ranks WHERE code = 'CPL'");
    for (auto [officer, out] : {std::pair{ids.officer, &ids.certMine}, std::pair{ids.far, &ids.certOther}}) {
        db.run([&](store::Connection& c) {
            c.execute("INSERT INTO training_completions (officer_id, training_module_id, completed_on, passed, source, "
                      "certificate_code) SELECT " + officer + ", training_module_id, '2026-01-10', 1, 'offering', "
                      "CONCAT('SCOPE', " + officer + ") FROM training_modules WHERE code = 'HR-UOF'");
        });
        *out = q(db, "SELECT MAX(training_completion_id) FROM training_completions WHERE officer_id = " + officer);
    }
    for (auto [host, out] : {std::pair{ids.klm, &ids.offeringMine}, std::pair{ids.cph, &ids.offeringOther}}) {
        db.run([&](store::Connection& c) {
            c.execute("INSERT INTO training_offerings (training_module_id, org_unit_id, starts_on, ends_on, venue, trainer, "
                      "capacity, enrolled) SELECT training_module_id, " + host + ", '2026-11-02', '2026-11-04', 'Hall', 'Trainer', 30, 2 "
                      "FROM training_modules WHERE code = 'HR-UOF'");
        });
        *out = q(db, "SELECT MAX(training_offering_id) FROM training_offerings WHERE org_unit_id = " + host);
        db.run([&](store::Connection& c) {
            c.execute("INSERT INTO training_enrolments (training_offering_id, officer_id) SELECT " + *out +
                      ", officer_id FROM officers WHERE station_id = " + host + " ORDER BY officer_id DESC LIMIT 2");
        });
    }
    ids.offeringOpen = q(db, "SELECT MIN(training_offering_id) FROM training_offerings WHERE org_unit_id = " + ids.klm +
                                 " AND starts_on > '" + test::kToday + "'");
    REQUIRE_FALSE(ids.offeringOpen.empty());
    ids.rankIg = q(db, "SELECT rank_id FROM ranks WHERE code = 'IG'");
    REQUIRE(test::queryInt(db, "SELECT COUNT(*) FROM service_ranks WHERE service_code = 'DCI' AND rank_id = " +
                                   ids.rankIg) == 0);
    // An enrolled counsellor at Capitol Hill, and an admin at county level who can see both stations.
    test::createAccount(db, "counsellor.far", domain::Role::Counsellor, "CPH");
    test::createAccount(db, "admin.county", domain::Role::Admin, "NRB");
    ids.user = std::to_string(users.findForSignIn("counsellor2")->id);
    ids.other = std::to_string(users.findForSignIn("counsellor.far")->id);
    ids.supervisor = std::to_string(users.findForSignIn("supervisor")->id);

    // The county admin asks for both counsellors' second factors to be reset.
    test::Browser county(s);
    REQUIRE(county.login("admin.county").status == 303);
    for (const auto& id : {ids.user, ids.other}) {
        county.get("/admin/users/" + id);
        REQUIRE(county.post("/admin/users/" + id + "/two-factor-reset", {{"reason", "Phone lost."}}).status == 303);
    }
    // hr.other reads a Capitol Hill officer (an event at Capitol Hill) and uploads its roll.
    test::Browser other(s);
    REQUIRE(other.login("hr.other").status == 303);
    REQUIRE(other.get("/officers/" + ids.far).status == 200);
    auto upload = [&](test::Browser& b) {
        const auto csv = b.get("/officers.csv");
        REQUIRE(csv.status == 200);
        b.get("/officers/import");
        REQUIRE(b.upload("/officers/import", "file", "roll.csv", csv.body).status == 200);
        return q(db, "SELECT MAX(import_id) FROM officer_imports");
    };
    ids.importOther = upload(other);
    ids.sessionOther = q(db, "SELECT MAX(session_id) FROM sessions WHERE ended_at IS NULL AND user_id = " +
                                 std::to_string(users.findForSignIn("hr.other")->id));
    // hr's own import, and a second session of hr's (another browser) to end as the control.
    test::Browser mine(s);
    REQUIRE(mine.login("hr").status == 303);
    ids.importMine = upload(mine);
    // The reserve: a Capitol Hill commander, reservists, sections, duties, kits and imports.
    test::createAccount(db, "commander.far", domain::Role::ReservistCommander, "CPH");
    ids.now = s.server().clock().now();
    ids.commanderMine = std::to_string(users.findForSignIn("commander")->id);
    ids.commanderFar = std::to_string(users.findForSignIn("commander.far")->id);
    ids.ocsMine = std::to_string(users.findForSignIn("ocs")->id);  // a section's commander in a control
    ids.resMine = q(db, "SELECT MIN(reservist_id) FROM reservists WHERE reservist_number LIKE 'NPR/KLM/%' AND status = 'active'");
    ids.resFar = q(db, "SELECT MIN(reservist_id) FROM reservists WHERE reservist_number LIKE 'NPR/CPH/%'");
    ids.sectionMine = q(db, "SELECT MIN(npr_section_id) FROM npr_sections WHERE station_id = " + ids.klm);
    test::execute(db, "INSERT INTO npr_sections (station_id, name, leader_name, leader_kind) VALUES (" + ids.cph +
                          ", 'Capitol Section', 'Cpl. Far', 'reservist')");
    ids.sectionFar = q(db, "SELECT MAX(npr_section_id) FROM npr_sections");
    const std::string pinHash = crypto::PasswordHasher().hash("4821");
    test::execute(db, "UPDATE reservists SET handover_pin_hash = '" + pinHash + "' WHERE reservist_id = " + ids.resMine);
    for (auto [res, station, out] : {std::tuple{ids.resMine, ids.klm, &ids.dutyMine}, std::tuple{ids.resFar, ids.cph, &ids.dutyFar}}) {
        test::execute(db, "INSERT INTO reservist_assignments (reservist_id, commander_user_id, station_id, area_county, "
                          "area_sub_county, area_ward, area_location, duty_role, starts_at, ends_at, created_by) VALUES (" +
                          res + ", " + ids.commanderMine + ", " + station + ", 'Nairobi', 'X', 'Kilimani', 'Y', 'guard', "
                          "DATE_ADD(UTC_TIMESTAMP(), INTERVAL 400 DAY), DATE_ADD(UTC_TIMESTAMP(), INTERVAL 401 DAY), " +
                          ids.commanderMine + ")");
        *out = q(db, "SELECT MAX(reservist_assignment_id) FROM reservist_assignments");
    }
    for (auto [res, station, serial, out] : {std::tuple{ids.resMine, ids.klm, "SC-MINE-1", &ids.kitMine},
                                             std::tuple{ids.resMine, ids.klm, "SC-MINE-2", &ids.kitMine2},
                                             std::tuple{ids.resFar, ids.cph, "SC-FAR-1", &ids.kitFar}}) {
        test::execute(db, "INSERT INTO firearm_issues (reservist_id, station_id, serial, firearm_type, magazines_issued, "
                          "rounds_issued, issued_at, expected_return_at, issued_by, acknowledged_at, acknowledged_by) VALUES (" +
                          res + ", " + station + ", '" + serial + "', 'rifle', 2, 60, UTC_TIMESTAMP(), "
                          "DATE_ADD(UTC_TIMESTAMP(), INTERVAL 8 HOUR), " + ids.commanderMine + ", UTC_TIMESTAMP(), 'pin')");
        *out = q(db, "SELECT MAX(firearm_issue_id) FROM firearm_issues");
    }
    auto rosterUpload = [&](const std::string& username) {
        test::Browser b(s);
        REQUIRE(b.login(username).status == 303);
        const auto csv = b.get("/reservists.csv");
        REQUIRE(csv.status == 200);
        b.get("/reservists/import");
        REQUIRE(b.upload("/reservists/import", "file", "roster.csv", csv.body).status == 200);
        return q(db, "SELECT MAX(import_id) FROM officer_imports WHERE kind = 'reservists'");
    };
    ids.resImportMine = rosterUpload("commander");
    ids.resImportFar = rosterUpload("commander.far");
    ids.sessionMine = q(db, "SELECT MAX(session_id) FROM sessions WHERE ended_at IS NULL AND user_id = " +
                                std::to_string(users.findForSignIn("hr")->id));
    return ids;
}

}  // namespace

TEST_CASE("every id-bearing route and form field is in the scope table", "[http][access]") {
    test::TestServer s;
    const Ids ids = setUp(s);
    std::set<std::tuple<std::string, std::string, std::string>> covered;
    for (const auto& row : table()) covered.emplace(row.method, row.pattern, row.field);
    const auto& router = s.server().router();

    // 1. Every route with a path parameter has its {id} row. /static/{file} names a file of
    //    the repository, the same for everyone.
    for (const auto& route : router.routes()) {
        if (route.pattern.find('{') == std::string::npos || route.pattern == "/static/{file}") continue;
        INFO("route with an {id} missing from the scope table: " << route.method << " " << route.pattern);
        CHECK(covered.count({route.method, route.pattern, "{id}"}) == 1);
    }

    // 2. Every id-like field of every form the server renders, on every GET route, for every
    //    role. A GET route with a path parameter needs a sample address here to be fetched.
    const std::map<std::string, std::string> samples = {
        {"/static/{file}", "/static/app.css"},
        {"/welfare/cases/{id}", "/welfare/cases/" + openCaseOf(s.db(), "counsellor")},
        {"/welfare/sessions/{id}", "/welfare/sessions/" + q(s.db(), "SELECT MIN(welfare_session_id) FROM welfare_sessions")},
        {"/officers/{id}", "/officers/" + ids.officer},
        {"/officers/{id}/edit", "/officers/" + ids.officer + "/edit"},
        {"/officers/{id}/postings", "/officers/" + ids.officer + "/postings"},
        {"/officers/{id}/postings/{posting}/correct", correctionPath(s.db(), ids.officer)},
        {"/admin/users/{id}/two-factor-reset", "/admin/users/" + ids.user + "/two-factor-reset"},
        {"/training/modules/{id}", "/training/modules/" + moduleId(s.db(), "HR-UOF")},
        {"/training/certificates/{id}", "/training/certificates/" + ids.certMine},
        {"/training/offerings/{id}", "/training/offerings/" + ids.offeringMine},
        {"/officers/import/{id}", "/officers/import/" + ids.importMine},
        {"/officers/import/{id}/rejected.csv", "/officers/import/" + ids.importMine + "/rejected.csv"},
        {"/admin/users/{id}", "/admin/users/" + ids.user},
        {"/admin/org/{id}", "/admin/org/" + ids.klm},
        {"/reservists/{id}", "/reservists/" + ids.resMine},
        {"/reservists/{id}/edit", "/reservists/" + ids.resMine + "/edit"},
        {"/reservists/firearms/{id}", "/reservists/firearms/" + ids.kitMine},
        {"/reservists/import/{id}", "/reservists/import/" + ids.resImportMine},
    };
    const std::regex formRe(R"re(<form\b([^>]*)>([\s\S]*?)</form>)re", std::regex::icase);
    const std::regex methodRe(R"re(method="([a-zA-Z]+)")re"), actionRe(R"re(action="([^"]*)")re");
    const std::regex nameRe(R"re(name="([^"]+)")re");
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    int forms = 0;
    for (const char* role : {"admin", "hr", "counsellor", "supervisor", "commander", "ocs", "auditor", "hr.county"}) {
        test::Browser b(s);
        REQUIRE(b.login(role).status == 303);
        for (const auto& route : router.routes()) {
            if (route.method != "GET") continue;
            std::string path = route.pattern;
            if (path.find('{') != std::string::npos) {
                auto sample = samples.find(path);
                INFO("add a sample address for " << path << " to the form crawl");
                REQUIRE(sample != samples.end());
                path = sample->second;
            }
            const auto page = b.get(path);
            if (page.status != 200) continue;
            for (std::sregex_iterator f(page.body.begin(), page.body.end(), formRe), end; f != end; ++f) {
                const std::string attrs = (*f)[1], inner = (*f)[2];
                std::smatch m, a;
                const std::string method = std::regex_search(attrs, m, methodRe) ? Poco::toUpper(m[1].str()) : "GET";
                REQUIRE(std::regex_search(attrs, a, actionRe));
                std::string action = a[1];
                action = action.substr(0, action.find('?'));
                const auto match = router.match(method, action);
                INFO("a form on " << path << " posts to an unrouted " << method << " " << action);
                REQUIRE(match.route != nullptr);
                ++forms;
                for (std::sregex_iterator n(inner.begin(), inner.end(), nameRe); n != end; ++n) {
                    const std::string name = (*n)[1];
                    if (idLike(name)) seen.emplace(method, match.route->pattern, name);
                }
            }
        }
    }
    CHECK(forms > 10);
    for (const auto& [method, pattern, field] : seen) {
        INFO("form field missing from the scope table: " << method << " " << pattern << " [" << field << "]");
        CHECK(covered.count({method, pattern, field}) == 1);
    }
}

TEST_CASE("an out-of-scope id or reference does not exist and writes nothing", "[http][access]") {
    test::TestServer s;
    const Ids ids = setUp(s);
    std::map<std::string, std::unique_ptr<test::Browser>> browsers;
    auto browserFor = [&](const std::string& actor) -> test::Browser& {
        auto& b = browsers[actor];
        if (!b) {
            b = std::make_unique<test::Browser>(s);
            REQUIRE(b->login(actor).status == 303);
        }
        return *b;
    };
    auto send = [&](test::Browser& b, const Row& row, const Request& req) {
        b.get("/account/sessions");  // a page first: the browser holds the form token
        return row.method == "GET" ? b.get(req.path) : b.post(req.path, req.fields);
    };

    for (const auto& row : table()) {
        INFO(nameOf(row));
        auto& b = browserFor(row.actor);
        const auto before = fingerprint(s.db());
        const std::int64_t head = sealedHead(s);
        const Request req = row.make(s.db(), ids, false);
        INFO("request: " << row.method << " " << req.path);
        const auto r = send(b, row, req);
        switch (row.expect) {
        case Expect::NotFound:
            CHECK(r.status == 404);
            break;
        case Expect::FieldError:
            CHECK(r.status == 400);
            CHECK_THAT(r.body, Catch::Contains("<a href=\"#" + row.field + "\">"));
            break;
        case Expect::Filtered:
            CHECK(r.status == 200);
            CHECK_THAT(r.body, !Catch::Contains(row.hidden(ids)));
            break;
        }
        // Nothing written: every table as it was, and no event but the refusal itself.
        const auto after = fingerprint(s.db());
        for (const auto& [table, print] : before) {
            INFO("table " << table);
            CHECK(after.at(table) == print);
        }
        sealedHead(s);
        const std::string since = " FROM audit_events WHERE event_id > " + std::to_string(head);
        CHECK(test::queryValue(s.db(), "SELECT COALESCE(GROUP_CONCAT(action), '')" + since +
                                           " AND outcome = 'success' AND action NOT IN ('officer.read', "
                                           "'officer.export', 'audit.read')") == "");  // reads are audited
        if (row.expect == Expect::NotFound) {
            CHECK(test::queryInt(s.db(), "SELECT COUNT(*)" + since + " AND action = 'access.denied'") >= 1);
        }

        // The control: the same request with an in-scope value is served.
        const Request control = row.make(s.db(), ids, true);
        INFO("control: " << row.method << " " << control.path);
        CHECK(send(b, row, control).status == row.controlStatus);
    }
}

// The scope of a write's references is part of the store's query, not only the handler's
// check: called directly with Kilimani's scope, the stores refuse Capitol Hill as a posting's
// station or unit and as a new unit's parent, and write nothing.
TEST_CASE("stores refuse out-of-scope references in their own queries", "[db][access]") {
    test::TestServer s;
    s.seedDemo();
    auto& db = s.db();
    store::OrgStore org(db);
    store::OfficerStore officers(db);
    const auto klm = *org.findByCode("KLM"), cph = *org.findByCode("CPH");
    std::int64_t klmUnit = 0, cphUnit = 0;
    for (const auto& u : org.subtree(klm.path)) if (u.kind == domain::OrgKind::Unit) klmUnit = u.id;
    for (const auto& u : org.subtree(cph.path)) if (u.kind == domain::OrgKind::Unit) cphUnit = u.id;
    REQUIRE(klmUnit);
    REQUIRE(cphUnit);
    const auto before = fingerprint(db);

    domain::OfficerInput in;
    in.serviceNumber = "3199999";
    in.surname = "Wafula";
    in.otherNames = "Peter";
    in.nationalId = "39999999";
    in.gender = "M";
    in.dateOfBirth = "1994-01-01";
    in.enlistmentDate = "2016-01-01";
    in.service = "KPS";
    in.rankId = std::stoll(q(db, "SELECT rank_id FROM ranks WHERE code = 'PC'"));
    in.rankSince = "2016-01-01";
    in.status = "active";
    in.statusSince = "2016-01-01";
    store::NewPosting farStation;
    farStation.stationId = cph.id;
    farStation.fromDate = "2016-01-01";
    store::NewPosting farUnit = farStation;
    farUnit.stationId = klm.id;
    farUnit.unitId = cphUnit;
    auto fieldOf = [&](const std::function<void(store::Connection&)>& write) {
        try {
            db.transaction([&](store::Connection& c) { write(c); });
        } catch (const domain::ValidationError& e) {
            return e.fieldErrors().begin()->first;
        }
        return std::string("(written)");
    };
    CHECK(fieldOf([&](store::Connection& c) { officers.create(c, klm.path, in, farStation, 0); }) == "station_id");
    CHECK(fieldOf([&](store::Connection& c) { officers.create(c, klm.path, in, farUnit, 0); }) == "unit_id");
    const auto officer = std::stoll(q(db, "SELECT officer_id FROM officers WHERE service_number = '2100000'"));
    const int version = std::stoi(q(db, "SELECT version FROM officers WHERE officer_id = " + std::to_string(officer)));
    farStation.fromDate = farUnit.fromDate = test::kToday;
    CHECK(fieldOf([&](store::Connection& c) { store::PostingStore(s.db()).transfer(c, klm.path, officer, version, farStation, 0); }) ==
          "station_id");
    CHECK(fieldOf([&](store::Connection& c) { store::PostingStore(s.db()).transfer(c, klm.path, officer, version, farUnit, 0); }) ==
          "unit_id");
    CHECK(fieldOf([&](store::Connection& c) { org.create(c, klm.path, cph.id, domain::OrgKind::Unit, "SCP-X", "X"); }) ==
          "parent_id");
    CHECK(fingerprint(db) == before);
    // The same writes within scope go through.
    store::NewPosting near;
    near.stationId = klm.id;
    near.unitId = klmUnit;
    near.fromDate = "2016-01-01";
    CHECK(fieldOf([&](store::Connection& c) { officers.create(c, klm.path, in, near, 0); }) == "(written)");
    CHECK(fieldOf([&](store::Connection& c) { org.create(c, klm.path, klm.id, domain::OrgKind::Unit, "SCP-Y", "Y"); }) ==
          "(written)");
}
