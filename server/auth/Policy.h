// The one place that decides who may do what. Routes name a Permission; allows() says which
// roles hold it. Record-level scope (station, county) is enforced inside the stores' queries,
// which take the acting user; this file decides only role-level access.
#pragma once

#include "auth/Permission.h"
#include "domain/Role.h"

#include <string>
#include <vector>

namespace kituo::auth {

bool allows(domain::Role role, Permission permission);

// Whether the role sees national ID numbers in full (else masked).
bool seesNationalIds(domain::Role role);
// Whether the role sees reservists' national ID numbers in full: HR and the reserve's commanders.
bool seesReservistNationalIds(domain::Role role);

// While an account must change its password, only these paths may be used.
bool allowedWhilePasswordChangeRequired(const std::string& path);

// While an account that needs a second factor has none, only these paths may be used.
bool allowedWhileEnrolmentRequired(const std::string& path);

struct NavItem {
    std::string href;
    std::string label;
};

// The areas a role may open, for the navigation and the dashboard.
std::vector<NavItem> navigationFor(domain::Role role);

}  // namespace kituo::auth
