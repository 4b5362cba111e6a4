// An account and the acting user ("actor") that stores scope their queries by. Scope is a
// node of the organisation tree: an actor sees what lies at or below scopePath.
#pragma once

#include "domain/Role.h"

#include <cstdint>
#include <string>

namespace kituo::domain {

// Who someone is and where they sit in the tree: what an account and an actor share.
struct Identity {
    std::string username;
    std::string displayName;
    Role role = Role::Auditor;
    std::int64_t orgUnitId = 0;
    std::string orgUnitName;
    std::string scopePath;  // the path of orgUnitId
};

// The signed-in user a request acts as: every store query that reads or writes a record in
// the tree takes one and limits itself to scopePath.
struct Actor : Identity {
    std::int64_t userId = 0;
};

// An account as administrators see and edit it.
struct User : Identity {
    std::int64_t id = 0;
    bool mustChangePassword = true;
    bool disabled = false;
    int version = 1;
    std::string passwordHash;  // only filled by the sign-in lookup
    std::string createdAt;

    Actor actor() const {
        Actor a;
        static_cast<Identity&>(a) = *this;
        a.userId = id;
        return a;
    }
};

}  // namespace kituo::domain
