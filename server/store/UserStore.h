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
    // Updates name, role and scope when `version` is still current. The scope rule is part of
    // the statement: the account and the new scope node must both lie within the actor's
    // scope, else domain::NotFound; a stale version gives domain::Conflict.
    void update(Connection& c, const domain::Actor& actor, std::int64_t id, int version,
                const std::string& displayName, domain::Role role, std::int64_t orgUnitId);
    // The account's own password (the caller is the account, or the sign-in re-hash).
    void setPassword(Connection& c, std::int64_t id, const std::string& hash, bool mustChange);
    // An admin's reset of another account's password (must change at next sign-in); scoped
    // like update(): NotFound when the account lies outside the actor's scope.
    void resetPassword(Connection& c, const domain::Actor& actor, std::int64_t id,
                       const std::string& hash);
    // Scoped like update(): NotFound outside the actor's scope, Conflict on a stale version.
    void setDisabled(Connection& c, const domain::Actor& actor, std::int64_t id, int version,
                     bool disabled);
    // The account by id, unscoped: only for the second sign-in step, whose pending sign-in
    // already names the account.
    std::optional<domain::User> findForSecondStep(std::int64_t id);
    int countAll();

private:
    Db& _db;
};

}  // namespace kituo::store
