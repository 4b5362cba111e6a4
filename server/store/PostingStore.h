// Postings: where an officer has served. Each officer has exactly one open posting (a unique
// generated column enforces it); a transfer closes it and opens the next in one transaction.
#pragma once

#include "domain/Officer.h"
#include "domain/PostingCorrection.h"
#include "domain/User.h"
#include "store/Db.h"
#include "store/OfficerStore.h"

#include <vector>

namespace kituo::store {

// A posting corrected or cancelled by mistake, as it read before (see domain/PostingCorrection.h).
struct PostingCorrectionRecord {
    std::int64_t postingId = 0;
    domain::PostingFix fix = domain::PostingFix::Correct;
    std::string stationName;  // before the change
    std::string unitName;
    std::string fromDate;
    std::string reference;
    std::string reason;
    std::string byName;  // display name (username)
    std::string at;      // UTC, YYYY-MM-DD HH:MM:SS
};

class PostingStore {
public:
    explicit PostingStore(Db& db) : _db(db) {}

    // The posting history of an officer currently posted within the actor's scope (else none),
    // newest first.
    std::vector<PostingRecord> postings(const domain::Actor& actor, std::int64_t officerId);
    // Corrections and cancellations of the officer's postings, newest first; the same scope
    // as postings().
    std::vector<PostingCorrectionRecord> corrections(const domain::Actor& actor, std::int64_t officerId);
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
    // Corrects or cancels the officer's open posting `postingId` as `fix` says, in the caller's
    // transaction, keeping the posting as it read in posting_corrections. Locks the officer row
    // first, then its postings (the transfer's order). Throws domain::NotFound when the officer
    // is not posted within `scopePath` or `postingId` is not their open posting,
    // domain::Conflict when `version` is stale, ValidationError when a corrected station or unit
    // is outside `scopePath` or a cancellation would return the officer to a station outside it.
    // The caller has checked domain::postingCorrectionErrors; the version makes that check hold.
    void correct(Connection& c, const std::string& scopePath, std::int64_t officerId, std::int64_t postingId,
                 int version, const domain::PostingCorrection& fix, std::int64_t by);
    // Inserts the officer's new open posting (the caller has closed any previous one).
    void open(Connection& c, std::int64_t officerId, const NewPosting& posting, std::int64_t createdBy);
    // Refuses (ValidationError) a posting whose station is not a station at or below
    // scopePath, or whose unit is not a unit of that station: the scope is in the query.
    void requireWithin(Connection& c, const std::string& scopePath, const NewPosting& posting);

private:
    Db& _db;
};

}  // namespace kituo::store
