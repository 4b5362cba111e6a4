// SQL for firearms issued to reservists: issue a kit (with the reservist's acknowledgement at
// the counter), return it, extend it, and the lists of what is out. Every query carries the
// reserve's reach (ReserveSql.h): an issue is visible when its reservist is.
//
// "One serial out to one person": firearm_issues.out_serial is the serial while the kit is
// out and has a unique index, so a second issue of an out serial fails in the database (1062),
// whichever request commits first; issue() turns that into domain::Conflict.
#pragma once

#include "domain/Reservist.h"
#include "domain/User.h"
#include "store/Db.h"

#include <optional>
#include <vector>

namespace kituo::store {

struct FirearmIssueRecord {
    std::int64_t id = 0;
    std::int64_t reservistId = 0;
    std::string reservistNumber;
    std::string reservistName;
    std::int64_t stationId = 0;
    std::string stationName;
    std::string serial;
    std::string firearmType;
    int magazinesIssued = 0;
    int roundsIssued = 0;
    std::int64_t issuedAt = 0;
    std::int64_t expectedReturnAt = 0;
    std::string issuedByName;
    std::string acknowledgedBy;  // pin | signature
    int extensions = 0;
    std::optional<std::int64_t> returnedAt;
    int magazinesReturned = 0;
    int roundsReturned = 0;
    std::string returnedToName;
    std::string discrepancy;
    int version = 0;
};

class FirearmStore {
public:
    explicit FirearmStore(Db& db) : _db(db) {}

    // The handover PIN hash of an active reservist within reach, locking their row (the caller
    // checks the PIN, then calls issue() in the same transaction). NotFound out of reach;
    // ValidationError on "reservist_id" when not active or "pin" when no PIN is set.
    std::string lockForIssue(Connection& c, const domain::Actor& actor, std::int64_t reservistId);
    // Records the kit as out to the reservist, acknowledged by PIN at `now`. Conflict when the
    // serial is out (to anyone).
    std::int64_t issue(Connection& c, const domain::Actor& actor, std::int64_t reservistId,
                       const domain::FirearmIssue& kit, std::int64_t now);
    // Records the return of an out kit (version current, within reach): Conflict when it is
    // already returned or changed since the form was opened.
    void giveBack(Connection& c, const domain::Actor& actor, std::int64_t id, int version,
                  const domain::FirearmReturn& back, const std::string& discrepancy, std::int64_t now);
    void extend(Connection& c, const domain::Actor& actor, std::int64_t id, int version, std::int64_t until);

    std::optional<FirearmIssueRecord> findVisibleTo(const domain::Actor& actor, std::int64_t id);
    // Issues within reach: out now ("out"), out and past due at `now` ("overdue"), or the
    // latest 200 of any state (""), optionally of one station or one reservist.
    std::vector<FirearmIssueRecord> list(const domain::Actor& actor, const std::string& state, std::int64_t now,
                                         std::int64_t stationId = 0, std::int64_t reservistId = 0);

private:
    Db& _db;
};

}  // namespace kituo::store
