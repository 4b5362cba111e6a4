// What a route needs before its handler runs. Every route names one; a route without one makes
// the Router refuse to start (deny by default). Which role holds which permission is decided
// in one place: auth/Policy.cpp.
#pragma once

#include <string>

namespace kituo::auth {

enum class Permission {
    Public,       // no sign-in: health check, static assets, the sign-in page
    SignedIn,     // any signed-in account: dashboard, own password and sessions, sign-out
    ManageUsers,  // accounts: create, disable, reset password, change role and scope
    ManageOrg,    // the organisation tree
    ReadAudit,    // the audit trail and its verification
    ReadOfficers,    // the nominal roll: list, profiles, CSV export (national IDs masked unless HR)
    ManageOfficers,  // create and edit officers, transfers, CSV import
    ReadTraining,    // the retraining catalogue, compliance of the officers in scope
    ManageCatalogue, // create and edit modules and their requirement rules (HR: national scope only)
    ReadWelfareStats,  // suppressed counselling statistics of the places in scope (no person, no case)
    ReadReservists,    // the reserve roster, duties, firearms, command tree and dashboard of the reservists
                       // the actor reaches (store/ReserveSql.h: scope, and a section commander's section)
    ManageReservists,  // add and edit reservists, sections, duties, firearm issues and returns, strength
    Counselling,     // the counselling pages: cases, sessions, notes, break-glass (each case only for
                     // whom domain/Welfare.h lets reach it, enforced in WelfareStore's queries)
};

std::string toString(Permission p);

}  // namespace kituo::auth
