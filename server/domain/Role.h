// The roles of DOMAIN.md. An account has exactly one. What each role may do is decided in
// auth/Policy; this file only names them.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kituo::domain {

enum class Role {
    Admin,
    HrOfficer,
    Counsellor,
    ClinicalSupervisor,
    ReservistCommander,
    StationCommander,
    Auditor,
};

const std::vector<Role>& allRoles();
std::string toString(Role role);  // the stored name, e.g. "hr_officer"
std::optional<Role> roleFromString(const std::string& s);
std::string roleLabel(Role role);  // for people, e.g. "HR officer"
// Roles that handle counselling data: shorter idle timeout, stricter checks.
bool isCounsellingRole(Role role);

}  // namespace kituo::domain
