// Permission names, for logs and the route listing.
#include "auth/Permission.h"

namespace kituo::auth {

std::string toString(Permission p) {
    switch (p) {
        case Permission::Public: return "public";
        case Permission::SignedIn: return "signed_in";
        case Permission::ManageUsers: return "manage_users";
        case Permission::ManageOrg: return "manage_org";
        case Permission::ReadAudit: return "read_audit";
        case Permission::ReadOfficers: return "read_officers";
        case Permission::ManageOfficers: return "manage_officers";
        case Permission::ReadTraining: return "read_training";
        case Permission::ManageCatalogue: return "manage_catalogue";
        case Permission::ReadReservists: return "read_reservists";
        case Permission::ManageReservists: return "manage_reservists";
        case Permission::Counselling: return "counselling";
        case Permission::ReadWelfareStats: return "read_welfare_stats";
    }
    return "unknown";
}

}  // namespace kituo::auth
