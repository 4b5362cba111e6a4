// An account and the acting user ("actor") that stores scope their queries by. Scope is a
// node of the organisation tree: an actor sees what lies at or below scopePath.
#pragma once

#include "domain/Role.h"

#include <cstdint>
#include <string>

namespace kituo::domain {

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string displayName;
    Role role = Role::Auditor;
    std::int64_t orgUnitId = 0;
    std::string orgUnitName;
    std::string scopePath;  // the path of orgUnitId
    bool mustChangePassword = true;
    bool disabled = false;
    int version = 1;
    std::string passwordHash;  // only filled by the sign-in lookup
    std::string createdAt;
};

struct Actor {
    std::int64_t userId = 0;
    std::string username;
    std::string displayName;
    Role role = Role::Auditor;
    std::int64_t orgUnitId = 0;
    std::string orgUnitName;
    std::string scopePath;
};

}  // namespace kituo::domain
