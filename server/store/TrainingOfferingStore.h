// SQL for offerings (a module run on dates, hosted by a place of the organisation) and their
// enrolments. An offering is visible to accounts whose scope contains its host; officers are
// enrolled only when posted within the enrolling account's scope, in the query.
#pragma once

#include "domain/TrainingActions.h"
#include "domain/User.h"
#include "store/Db.h"

#include <optional>
#include <set>
#include <vector>

namespace kituo::store {

struct OfferingRecord {
    std::int64_t id = 0, moduleId = 0, hostId = 0;
    std::string moduleCode, moduleTitle, hostName, startsOn, endsOn, venue, trainer;
    int capacity = 0, enrolled = 0;
};

struct EnrolmentRecord {
    std::int64_t id = 0, officerId = 0;
    std::string serviceNumber, surname, otherNames, stationName, status;
    std::string attendance;  // "", attended, absent
    std::string result;      // "", passed, failed (of the completion recorded for it)
    std::string score;
};

// One enrolled officer's result: absent, or attended with a pass or fail and an optional score.
struct EnrolmentResult {
    std::int64_t enrolmentId = 0;
    std::string outcome;  // pass, fail, absent
    std::string score;    // "" or 0..100
};

class TrainingOfferingStore {
public:
    explicit TrainingOfferingStore(Db& db) : _db(db) {}

    // Offerings hosted within the actor's scope, the latest start first.
    std::vector<OfferingRecord> list(const domain::Actor& actor);
    std::optional<OfferingRecord> find(const domain::Actor& actor, std::int64_t id);
    // Offerings open to the officers of the station at `stationPath`: hosted at that station or
    // a place above it, within the actor's scope, starting after `today`, with places left;
    // the soonest first.
    std::vector<OfferingRecord> openTo(const domain::Actor& actor, const std::string& stationPath, const std::string& today);
    // Creates an offering (the caller validated it, host within scope included).
    std::int64_t create(Connection& c, const domain::OfferingInput& in, std::int64_t by);
    // The offering's enrolments (withdrawn ones too), by name.
    std::vector<EnrolmentRecord> enrolments(std::int64_t offeringId);
    // Officers currently enrolled.
    std::set<std::int64_t> enrolled(std::int64_t offeringId);

    // Enrols `officerIds` into the offering, all or none, in the caller's transaction: locks the
    // offering row, takes the places with a conditional update (ValidationError on officer_id
    // when too few are left: "full"), then inserts each enrolment for an officer posted within
    // `scopePath` and not yet enrolled (ValidationError otherwise). `by` 0: the system (no
    // account). Returns the places taken.
    int enrol(Connection& c, const std::string& scopePath, std::int64_t offeringId,
              const std::vector<std::int64_t>& officerIds, std::int64_t by);

    // Withdraws enrolment `enrolmentId` of the offering and frees its place; NotFound unless it
    // is a current enrolment of an officer posted within `scopePath` without a result.
    void withdraw(Connection& c, const std::string& scopePath, std::int64_t offeringId, std::int64_t enrolmentId);
    // Records results for enrolments of the offering that have none yet, in the caller's
    // transaction: attendance, and for those who attended a completion dated `completedOn`
    // (a pass gets a certificate code, and updates compliance at once). ValidationError when an
    // enrolment is not the offering's, already has a result, or is outside `scopePath`.
    // Returns the completions recorded.
    int recordResults(Connection& c, const std::string& scopePath, std::int64_t offeringId, std::int64_t moduleId,
                      const std::string& completedOn, const std::vector<EnrolmentResult>& results, std::int64_t by);

private:
    Db& _db;
};

}  // namespace kituo::store
