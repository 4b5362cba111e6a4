// Role names; see Role.h.
#include "domain/Role.h"

namespace kituo::domain {

const std::vector<Role>& allRoles() {
    static const std::vector<Role> roles = {Role::Admin,         Role::HrOfficer,
                                            Role::Counsellor,    Role::ClinicalSupervisor,
                                            Role::ReservistCommander, Role::StationCommander,
                                            Role::Auditor};
    return roles;
}

std::string toString(Role role) {
    switch (role) {
        case Role::Admin: return "admin";
        case Role::HrOfficer: return "hr_officer";
        case Role::Counsellor: return "counsellor";
        case Role::ClinicalSupervisor: return "clinical_supervisor";
        case Role::ReservistCommander: return "reservist_commander";
        case Role::StationCommander: return "station_commander";
        case Role::Auditor: return "auditor";
    }
    return "auditor";
}

std::optional<Role> roleFromString(const std::string& s) {
    for (Role r : allRoles()) {
        if (toString(r) == s) return r;
    }
    return std::nullopt;
}

std::string roleLabel(Role role) {
    switch (role) {
        case Role::Admin: return "Administrator";
        case Role::HrOfficer: return "HR officer";
        case Role::Counsellor: return "Counsellor";
        case Role::ClinicalSupervisor: return "Clinical supervisor";
        case Role::ReservistCommander: return "Reservist commander";
        case Role::StationCommander: return "Station commander";
        case Role::Auditor: return "Auditor";
    }
    return "Auditor";
}

bool isCounsellingRole(Role role) {
    return role == Role::Counsellor || role == Role::ClinicalSupervisor;
}

}  // namespace kituo::domain
