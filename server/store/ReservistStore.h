// SQL for the National Police Reserve roster: the filtered list, one reservist, create and
// edit, sections, the handover PIN and the accounts that may command a station's reservists.
//
// Who reaches a reservist (the reach, in every query's WHERE clause, never in a handler):
//  - the reservist's station lies within the actor's scope (org_units path prefix), and
//  - when the actor leads one or more NPR sections (npr_sections.leader_user_id), the
//    reservist belongs to one of those sections: a section commander sees only their section.
// Out of reach is "not found". Writes run on the caller's transaction (the write path).
#pragma once

#include "domain/Officer.h"
#include "domain/Reservist.h"
#include "domain/User.h"
#include "store/Db.h"

#include <functional>
#include <optional>
#include <vector>

namespace kituo::store {

struct ReservistRecord {
    std::int64_t id = 0;
    domain::ReservistInput fields;
    std::int64_t stationId = 0;
    std::string stationName;
    std::string stationCode;
    std::optional<std::int64_t> sectionId;
    std::string sectionName;
    bool hasPin = false;
    int version = 0;
};

struct ReservistFilter {
    std::string q;               // as typed (shown again in the form)
    domain::RollSearch search;   // names, phone, national ID (for those who see them)
    std::string numberPrefix;    // the query upper-cased, matched against reservist numbers
    std::int64_t stationId = 0;
    std::int64_t sectionId = 0;
    bool noSection = false;      // only those directly under the OCS (in no section)
    std::string status;
    std::string vetting;         // "" | "due" (re-vetting due within 30 days or overdue)
    std::string today;           // for "due"
    std::string sort = "name";   // number | name | station | status | revetting
    bool descending = false;
    int page = 1;
    int pageSize = 50;
};

struct ReservistPage {
    std::vector<ReservistRecord> reservists;
    int total = 0;
    int page = 1;
};

struct SectionRecord {
    std::int64_t id = 0;
    std::int64_t stationId = 0;
    std::string stationName;
    std::string name;
    std::string leaderName;
    std::string leaderKind;  // reservist | officer
    std::optional<std::int64_t> leaderUserId;
    int reservists = 0;      // in the section (any status)
    int active = 0;
};

struct ReserveWorklistCounts {
    int firearmsOverdue = 0;
    int revettingDue = 0;
};

struct CommanderOption {
    std::int64_t userId = 0;
    std::string displayName;
    std::string role;  // stored role name
};

class ReservistStore {
public:
    explicit ReservistStore(Db& db) : _db(db) {}

    ReservistPage list(const domain::Actor& actor, const ReservistFilter& filter);
    void forEach(const domain::Actor& actor, const ReservistFilter& filter,
                 const std::function<void(const ReservistRecord&)>& fn);
    std::optional<ReservistRecord> findVisibleTo(const domain::Actor& actor, std::int64_t id);

    // Creates the reservist at `stationId` (a station within the actor's reach; a section, when
    // given, of that station and within reach): domain::NotFound otherwise. A taken reservist
    // number or national ID is a ValidationError on that field.
    std::int64_t create(Connection& c, const domain::Actor& actor, const domain::ReservistInput& in,
                        std::int64_t stationId, std::optional<std::int64_t> sectionId);
    // Updates the record when `version` is current and the reservist within reach (Conflict
    // otherwise); the same checks as create for the section and for taken numbers.
    void update(Connection& c, const domain::Actor& actor, std::int64_t id, int version,
                const domain::ReservistInput& in, std::optional<std::int64_t> sectionId);
    void setHandoverPin(Connection& c, const domain::Actor& actor, std::int64_t id, const std::string& pinHash);

    // Whether the actor leads a section (and so sees only it).
    bool leadsSection(const domain::Actor& actor);
    // The sections of the stations within reach (a section commander: their own), by station
    // and name, with their reservist counts; `stationId` 0 for every station.
    std::vector<SectionRecord> sections(const domain::Actor& actor, std::int64_t stationId);
    std::int64_t createSection(Connection& c, const domain::Actor& actor, std::int64_t stationId,
                               const std::string& name, const std::string& leaderName,
                               const std::string& leaderKind, std::optional<std::int64_t> leaderUserId);
    // Reservists of the station not in any section (for the command tree).
    int unsectioned(const domain::Actor& actor, std::int64_t stationId);
    // Accounts that may command reservists at a station within reach: its station commanders
    // (OCS) and reservist commanders, enabled, by name.
    std::vector<CommanderOption> commanders(const domain::Actor& actor, std::int64_t stationId);

    // The home page's reserve worklists in one statement: firearms within reach out past their
    // expected return at `now` (UTC), and reservists due for re-vetting on `today` or within
    // 30 days (the count /reservists?vetting=due lists).
    ReserveWorklistCounts worklistCounts(const domain::Actor& actor, const std::string& today, std::int64_t now);

    // Authorised strength by deployment ward of a station within scope: (ward, number).
    std::vector<std::pair<std::string, int>> authorisedStrength(const domain::Actor& actor, std::int64_t stationId);
    // Sets one ward's authorised number (0 removes the ward); NotFound for a station out of scope.
    void setAuthorisedStrength(Connection& c, const domain::Actor& actor, std::int64_t stationId,
                               const std::string& ward, int authorised);

private:
    Db& _db;
};

}  // namespace kituo::store
