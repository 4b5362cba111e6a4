// Role-level access decisions; see Policy.h.
#include "auth/Policy.h"

#include "domain/Welfare.h"

namespace kituo::auth {

using domain::Role;

bool allows(Role role, Permission permission) {
    switch (permission) {
        case Permission::Public:
        case Permission::SignedIn:
            return true;
        case Permission::ManageUsers:
        case Permission::ManageOrg:
            return role == Role::Admin;
        case Permission::ReadAudit:
            return role == Role::Auditor;
        case Permission::ReadOfficers:
            return role == Role::HrOfficer || role == Role::StationCommander;
        case Permission::ManageOfficers:
            return role == Role::HrOfficer;
        case Permission::ReadTraining:
            return role == Role::HrOfficer || role == Role::StationCommander || role == Role::Admin;
        case Permission::ManageCatalogue:
            return role == Role::Admin || role == Role::HrOfficer;
        case Permission::ReadReservists:
            return role == Role::HrOfficer || role == Role::StationCommander || role == Role::ReservistCommander;
        case Permission::ManageReservists:
            return role == Role::StationCommander || role == Role::ReservistCommander;
        case Permission::Counselling:
            return domain::isCounsellingRole(role);
        case Permission::ReadWelfareStats:
            return role == Role::HrOfficer || role == Role::StationCommander;
    }
    return false;
}

bool seesNationalIds(Role role) { return role == Role::HrOfficer; }

bool seesReservistNationalIds(Role role) {
    return role == Role::HrOfficer || role == Role::StationCommander || role == Role::ReservistCommander;
}

bool allowedWhilePasswordChangeRequired(const std::string& path) {
    return path == "/account/password" || path == "/logout";
}

bool allowedWhileEnrolmentRequired(const std::string& path) {
    return path == "/account/two-factor" || path == "/logout";
}

std::vector<NavItem> navigationFor(Role role) {
    std::vector<NavItem> nav = {{"/", "Home"}};
    if (allows(role, Permission::ReadOfficers)) nav.push_back({"/officers", "Officers"});
    if (allows(role, Permission::ReadOfficers)) nav.push_back({"/training/compliance", "Training"});
    else if (allows(role, Permission::ReadTraining)) nav.push_back({"/training/modules", "Training"});
    if (allows(role, Permission::ReadReservists)) nav.push_back({"/reservists", "Reservists"});
    if (allows(role, Permission::ManageReservists)) nav.push_back({"/reservists/deployments", "Deployments"});
    if (allows(role, Permission::Counselling)) nav.push_back({"/welfare/cases", "Cases"});
    if (allows(role, Permission::ReadWelfareStats)) nav.push_back({"/welfare/stats", "Welfare"});
    if (allows(role, Permission::ManageUsers)) nav.push_back({"/admin/users", "Accounts"});
    if (allows(role, Permission::ManageOrg)) nav.push_back({"/admin/org", "Organisation"});
    if (allows(role, Permission::ReadAudit)) nav.push_back({"/audit", "Audit trail"});
    nav.push_back({"/account/sessions", "My account"});
    return nav;
}

}  // namespace kituo::auth
