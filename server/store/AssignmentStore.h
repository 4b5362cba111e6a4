// SQL for reservists' duties (assignments): a reservist's duties, adding one under the overlap
// rule, ending or cancelling one, and the deployment views of the commander's dashboard. Every
// query carries the reserve's reach (ReserveSql.h): a duty is visible when its reservist is.
//
// The overlap guarantee: assign() locks the reservist's row (SELECT ... FOR UPDATE) before it
// reads the duties, so two commanders assigning one reservist at once are serialized by
// MariaDB; the second sees the first's duty and domain::planAssignment refuses the overlap.
#pragma once

#include "domain/Reservist.h"
#include "domain/User.h"
#include "store/Db.h"

#include <optional>
#include <vector>

namespace kituo::store {

struct AssignmentRecord {
    std::int64_t id = 0;
    std::int64_t reservistId = 0;
    std::string reservistNumber;
    std::string reservistName;  // "Surname, Other names"
    std::int64_t commanderId = 0;
    std::string commanderName;
    std::int64_t stationId = 0;
    std::string stationName;
    std::string areaCounty, areaSubCounty, areaWard, areaLocation;
    std::string role;
    std::string note;
    domain::DutyInterval when;
    std::string status;  // active | cancelled
};

struct NewAssignment {
    std::int64_t commanderId = 0;
    std::int64_t stationId = 0;
    domain::AssignmentInput input;  // area, role, note (times are in `when`)
    domain::DutyInterval when;
    bool replaceCurrent = false;
};

// What assign() did: the new duty and the one it ended, if any.
struct AssignResult {
    std::int64_t id = 0;
    std::optional<std::int64_t> endedId;
};

// Counts of one station for the roll-up.
struct StationDeployment {
    std::int64_t stationId = 0;
    std::string stationName;
    int reservists = 0;       // active
    int onDuty = 0;
    int unassigned = 0;       // active, not on duty now
    int endingSoon = 0;
    int revettingDue = 0;
    int firearmsOut = 0;
    int firearmsOverdue = 0;
};

class AssignmentStore {
public:
    explicit AssignmentStore(Db& db) : _db(db) {}

    std::vector<AssignmentRecord> forReservist(const domain::Actor& actor, std::int64_t reservistId);
    std::optional<AssignmentRecord> findVisibleTo(const domain::Actor& actor, std::int64_t id);

    // Adds a duty for a reservist within reach. NotFound when the reservist is out of reach or
    // the station or commander is not one the actor may choose; ValidationError on "status"
    // when the reservist is not active; domain::Conflict, naming the clashing duty, when it
    // overlaps one planAssignment does not end.
    AssignResult assign(Connection& c, const domain::Actor& actor, std::int64_t reservistId, const NewAssignment& a);
    // Ends a duty at `at` (after its start; not later than its current end) or cancels it.
    void end(Connection& c, const domain::Actor& actor, std::int64_t id, std::int64_t at);
    void cancel(Connection& c, const domain::Actor& actor, std::int64_t id);

    // Duties (not cancelled) of one station's reservists within reach overlapping [from, to),
    // by area then start.
    std::vector<AssignmentRecord> overlapping(const domain::Actor& actor, std::int64_t stationId, std::int64_t from,
                                              std::int64_t to);
    // Duties of one station's reservists within reach ending in [from, to), soonest first.
    std::vector<AssignmentRecord> ending(const domain::Actor& actor, std::int64_t stationId, std::int64_t from,
                                         std::int64_t to);
    // Active reservists of one station within reach with no duty in progress at `now`.
    struct Idle {
        std::int64_t id;
        std::string number, name, stationName;
    };
    std::vector<Idle> unassigned(const domain::Actor& actor, std::int64_t stationId, std::int64_t now);
    // People on duty now by deployment ward at one station: (ward, count).
    std::vector<std::pair<std::string, int>> onDutyByWard(const domain::Actor& actor, std::int64_t stationId,
                                                          std::int64_t now);
    // Per-station counts within reach (the county and national roll-up).
    std::vector<StationDeployment> rollUp(const domain::Actor& actor, std::int64_t now, const std::string& today);

private:
    Db& _db;
};

}  // namespace kituo::store
