// Role-level access: admins manage accounts and the tree, auditors read the audit trail,
// everybody signed in has a dashboard and an account page.
#include "auth/Policy.h"

#include <catch2/catch.hpp>

using namespace kituo;
using auth::Permission;
using domain::Role;

TEST_CASE("each permission is held by exactly the intended roles", "[unit]") {
    for (Role r : domain::allRoles()) {
        INFO(domain::toString(r));
        CHECK(auth::allows(r, Permission::Public));
        CHECK(auth::allows(r, Permission::SignedIn));
        CHECK(auth::allows(r, Permission::ManageUsers) == (r == Role::Admin));
        CHECK(auth::allows(r, Permission::ManageOrg) == (r == Role::Admin));
        CHECK(auth::allows(r, Permission::ReadAudit) == (r == Role::Auditor));
        CHECK(auth::allows(r, Permission::ReadOfficers) == (r == Role::HrOfficer || r == Role::StationCommander));
        CHECK(auth::allows(r, Permission::ManageOfficers) == (r == Role::HrOfficer));
        CHECK(auth::allows(r, Permission::ReadTraining) ==
              (r == Role::HrOfficer || r == Role::StationCommander || r == Role::Admin));
        // HR also needs national scope, checked against the account's place (TrainingHandlers).
        CHECK(auth::allows(r, Permission::ManageCatalogue) == (r == Role::Admin || r == Role::HrOfficer));
        CHECK(auth::allows(r, Permission::Counselling) == (r == Role::Counsellor || r == Role::ClinicalSupervisor));
        CHECK(auth::allows(r, Permission::ReadWelfareStats) == (r == Role::HrOfficer || r == Role::StationCommander));
        CHECK(auth::seesNationalIds(r) == (r == Role::HrOfficer));
        CHECK(auth::allows(r, Permission::ReadReservists) ==
              (r == Role::HrOfficer || r == Role::StationCommander || r == Role::ReservistCommander));
        CHECK(auth::allows(r, Permission::ManageReservists) == (r == Role::StationCommander || r == Role::ReservistCommander));
        CHECK(auth::seesReservistNationalIds(r) ==
              (r == Role::HrOfficer || r == Role::StationCommander || r == Role::ReservistCommander));
    }
}

TEST_CASE("a forced password change allows only the password page and sign-out", "[unit]") {
    CHECK(auth::allowedWhilePasswordChangeRequired("/account/password"));
    CHECK(auth::allowedWhilePasswordChangeRequired("/logout"));
    CHECK_FALSE(auth::allowedWhilePasswordChangeRequired("/"));
    CHECK_FALSE(auth::allowedWhilePasswordChangeRequired("/account/sessions"));
}

TEST_CASE("navigation shows only what the role may open", "[unit]") {
    auto hrefs = [](Role r) {
        std::vector<std::string> out;
        for (const auto& n : auth::navigationFor(r)) out.push_back(n.href);
        return out;
    };
    CHECK(hrefs(Role::Admin) ==
          std::vector<std::string>{"/", "/training/modules", "/admin/users", "/admin/org", "/account/sessions"});
    CHECK(hrefs(Role::Auditor) == std::vector<std::string>{"/", "/audit", "/account/sessions"});
    CHECK(hrefs(Role::Counsellor) == std::vector<std::string>{"/", "/welfare/cases", "/account/sessions"});
    CHECK(hrefs(Role::ClinicalSupervisor) == std::vector<std::string>{"/", "/welfare/cases", "/account/sessions"});
    CHECK(hrefs(Role::HrOfficer) == std::vector<std::string>{"/", "/officers", "/training/compliance", "/reservists",
                                                             "/welfare/stats", "/account/sessions"});
    CHECK(hrefs(Role::StationCommander) ==
          std::vector<std::string>{"/", "/officers", "/training/compliance", "/reservists", "/reservists/deployments",
                                   "/welfare/stats", "/account/sessions"});
    CHECK(hrefs(Role::ReservistCommander) ==
          std::vector<std::string>{"/", "/reservists", "/reservists/deployments", "/account/sessions"});
}
