// SQL for confidential psychosocial support. Every query that reads or writes a case, a
// session or a note carries the access rule of domain/Welfare.h in its WHERE clause (the
// viewer's assignment, supervision or live break-glass grant), so a case a viewer may not
// reach is never read: the caller cannot forget the check. Notes are sealed with the case's
// data key (crypto/CaseKeys.h) before they are written and opened only for those who reach
// the case; the text never goes into a log, an audit event or an error message.
#pragma once

#include "crypto/Keys.h"
#include "domain/User.h"
#include "domain/Welfare.h"
#include "store/Db.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kituo::store {

// The officer a counsellor opens a case for (within the counsellor's scope).
struct WelfareOfficer {
    std::int64_t id = 0, stationId = 0;
    std::string serviceNumber, name, stationName;
};

struct CaseRecord {
    std::int64_t id = 0;
    WelfareOfficer officer;
    std::string openedOn, consentReference, status, closedOn, outcome;
    std::vector<std::string> counsellors;  // display names
    domain::CaseAccess access = domain::CaseAccess::None;
    int sessions = 0;
    std::string lastSession, nextFollowUp, highestRisk;  // of the case's sessions
    bool purged = false;
    int version = 1;
};

struct WelfareSessionRecord {
    std::int64_t id = 0, caseId = 0;
    std::string heldAt, sessionType, referralSource, riskLevel, followUpOn, referralOutTo, referralOutReason;
    int durationMinutes = 0;
    std::vector<std::string> concerns;
    std::string recordedBy;
    bool hasNote = false;
    // Filled by session() only: the note opened, or why it could not be.
    std::optional<std::string> note;
};

struct BreakGlassRecord {
    std::int64_t id = 0, caseId = 0;
    std::string who, reason, grantedAt, expiresAt, reviewedBy, reviewedAt, reviewNote;
};

// Opening a note failed: its key is missing (the master key changed, or the case was purged)
// or the sealed text is not this row's (moved or altered). Shown as a clear page, never as
// garbage; the message names no content.
class NoteUnreadable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class WelfareStore {
public:
    WelfareStore(Db& db, const crypto::KeyRing& keys) : _db(db), _keys(keys) {}

    // The officer with this service number posted within the actor's scope.
    std::optional<WelfareOfficer> officerByServiceNumber(const domain::Actor& actor, const std::string& serviceNumber);

    // Opens a case for `officer` assigned to the actor, with a new data key; returns its id.
    std::int64_t openCase(Connection& c, const domain::Actor& actor, const WelfareOfficer& officer,
                          const std::string& consentReference, const std::string& today);

    // The cases the actor reaches (assigned, supervising, live break-glass) at `nowUtc`
    // ("YYYY-MM-DD HH:MM:SS"), open ones first, then by last session.
    std::vector<CaseRecord> cases(const domain::Actor& actor, const std::string& nowUtc);
    // One case, when the actor reaches it.
    std::optional<CaseRecord> findCase(const domain::Actor& actor, std::int64_t caseId, const std::string& nowUtc);
    // The session records of a case the actor reaches (no notes), newest first.
    std::vector<WelfareSessionRecord> sessions(const domain::Actor& actor, std::int64_t caseId, const std::string& nowUtc);
    // One session with its note opened, when the actor reaches its case; NoteUnreadable when
    // the note cannot be opened, and for every session of a purged case (its notes are gone).
    std::optional<WelfareSessionRecord> session(const domain::Actor& actor, std::int64_t sessionId, const std::string& nowUtc);

    // Records a session of a case the actor reaches and is open (NotFound otherwise), the note
    // sealed under the case's key with the new row's id; returns the id.
    std::int64_t addSession(Connection& c, const domain::Actor& actor, std::int64_t caseId,
                            const domain::SessionInput& in, const std::string& heldAt, const std::string& followUpOn,
                            const std::string& nowUtc);
    // Closes an open case of the actor's (assigned counsellors only; NotFound otherwise).
    void closeCase(Connection& c, const domain::Actor& actor, std::int64_t caseId, const std::string& outcome,
                   const std::string& today, const std::string& nowUtc);

    // The counsellors the actor (a clinical supervisor) supervises, by name: {id, display name}.
    std::vector<std::pair<std::int64_t, std::string>> supervisedCounsellors(const domain::Actor& actor);
    // Assigns counsellor `counsellorId` to a case the actor supervises (NotFound otherwise), in
    // the caller's transaction: with `replace`, the case is transferred (the other counsellors
    // are unassigned); without, the counsellor joins them. ValidationError on counsellor_id
    // when that account is not an active counsellor the actor supervises.
    void assignCounsellor(Connection& c, const domain::Actor& actor, std::int64_t caseId, std::int64_t counsellorId,
                          bool replace, const std::string& today);

    // A break-glass grant for the actor (a clinical supervisor) to case `caseId` from `nowUtc`
    // for domain::kBreakGlassMinutes; NotFound when there is no such case. Returns its id.
    std::int64_t grantBreakGlass(Connection& c, const domain::Actor& actor, std::int64_t caseId,
                                 const std::string& reason, const std::string& nowUtc, const std::string& expiresUtc);
    // The grants on a case the actor reaches, newest first (its counsellors see who, when, why).
    std::vector<BreakGlassRecord> breakGlassOf(const domain::Actor& actor, std::int64_t caseId, const std::string& nowUtc);
    // Grants waiting for review by someone other than their holder.
    std::vector<BreakGlassRecord> pendingReviews(const domain::Actor& actor);
    // Signs off grant `id` (not one's own; NotFound otherwise).
    void review(Connection& c, const domain::Actor& actor, std::int64_t id, const std::string& note,
                const std::string& nowUtc);

private:
    Db& _db;
    const crypto::KeyRing& _keys;
};

}  // namespace kituo::store
