// Postings: where an officer has served. Each officer has exactly one open posting (a unique
// generated column enforces it); a transfer closes it and opens the next in one transaction.
#pragma once

#include "domain/Officer.h"
#include "domain/User.h"
#include "store/Db.h"
#include "store/OfficerStore.h"

#include <vector>

namespace kituo::store {

class PostingStore {
public:
    explicit PostingStore(Db& db) : _db(db) {}

    // The posting history of an officer currently posted within the actor's scope (else none),
    // newest first.
    std::vector<PostingRecord> postings(const domain::Actor& actor, std::int64_t officerId);
    // Every officer currently posted within the actor's scope with their status and whole
    // posting history (for domain::dueForTransfer); one query.
    std::vector<domain::StationHistory> histories(const domain::Actor& actor);
    // domain::dueForTransfer over histories(actor) on `today`: cached per scope and day while
    // the "roll" data version is unchanged (the role's home shows the count on every visit).
    std::vector<domain::DueForTransfer> dueForTransfer(const domain::Actor& actor, const std::string& today);
    // Closes the open posting on posting.fromDate and opens the new one, in the caller's
    // transaction (the officer row is locked first). Throws domain::NotFound when the officer
    // is not posted within `scopePath`, domain::Conflict when `version` is stale and
    // ValidationError when the new station or unit is not within `scopePath`.
    void transfer(Connection& c, const std::string& scopePath, std::int64_t officerId, int version,
                  const NewPosting& posting, std::int64_t createdBy);
    // Inserts the officer's new open posting (the caller has closed any previous one).
    void open(Connection& c, std::int64_t officerId, const NewPosting& posting, std::int64_t createdBy);
    // Refuses (ValidationError) a posting whose station is not a station at or below
    // scopePath, or whose unit is not a unit of that station: the scope is in the query.
    void requireWithin(Connection& c, const std::string& scopePath, const NewPosting& posting);

private:
    Db& _db;
};

}  // namespace kituo::store
