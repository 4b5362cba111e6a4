// SQL for accounts (users). Reads for management pages take the acting user and return only
// accounts whose scope node lies at or below the actor's (out of scope is "not found").
// The sign-in lookup (findForSignIn) is the one unscoped read, and the only one that returns
// the password hash.
#pragma once

#include "domain/User.h"
#include "store/Db.h"

#include <optional>
#include <vector>

namespace kituo::store {

struct UserFilter {
    std::string q;     // part of the username or display name
    std::string role;  // stored role name, or empty for all
    std::string status;  // "active", "disabled" or empty
    int page = 1;
    int pageSize = 50;
};

struct UserPage {
    std::vector<domain::User> users;
    int total = 0;
};

struct NewUser {
    std::string username;
    std::string displayName;
    domain::Role role = domain::Role::Auditor;
    std::int64_t orgUnitId = 0;
    std::string passwordHash;
    bool mustChangePassword = true;
};

class UserStore {
public:
    explicit UserStore(Db& db) : _db(db) {}

    std::optional<domain::User> findForSignIn(const std::string& username);
    std::optional<domain::User> findVisibleTo(const domain::Actor& actor, std::int64_t id);
    UserPage listVisibleTo(const domain::Actor& actor, const UserFilter& filter);
    // Creates the account; throws domain::ValidationError("username") when the name is taken.
    std::int64_t create(Connection& c, const NewUser& user);
    std::int64_t create(const NewUser& user);
    // Updates name, role and scope when `version` is still current; throws domain::Conflict
    // otherwise. The caller has checked that the new scope node is within its own scope.
    void update(Connection& c, std::int64_t id, int version, const std::string& displayName,
                domain::Role role, std::int64_t orgUnitId);
    void setPassword(Connection& c, std::int64_t id, const std::string& hash, bool mustChange);
    void setDisabled(Connection& c, std::int64_t id, int version, bool disabled);
    int countAll();

private:
    Db& _db;
};

}  // namespace kituo::store
