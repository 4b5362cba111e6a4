// SQL for the nominal roll's officers: the filtered list, one officer, create and edit
// (postings: PostingStore; the rank ladder: RankStore; CSV imports: OfficerImportStore). Every read takes
// the acting user and returns only officers whose current station lies within the actor's
// scope (out of scope is "not found"). Writes run on a caller's connection so that the change
// and its audit event share one transaction.
#pragma once

#include "domain/Officer.h"
#include "domain/OfficerImport.h"
#include "domain/User.h"
#include "store/Db.h"

#include <functional>
#include <optional>
#include <vector>

namespace kituo::store {

struct OfficerRecord {
    std::int64_t id = 0;
    domain::OfficerInput fields;
    std::string rankName;
    int rankOrdinal = 0;
    std::int64_t stationId = 0;
    std::string stationName;
    std::string stationCode;
    std::optional<std::int64_t> unitId;
    std::string unitName;
    std::string unitCode;
    std::string postedSince;  // from_date of the open posting
    int version = 0;
};

struct PostingRecord {
    std::int64_t id = 0;
    std::int64_t stationId = 0;
    std::string stationName;
    std::optional<std::int64_t> unitId;
    std::string unitName;
    std::string fromDate;
    std::string toDate;  // empty: current
    std::string reference;
};

struct OfficerFilter {
    std::string q;             // what was typed in the search box (shown again in the form)
    domain::RollSearch search; // what it means (domain::parseRollSearch)
    std::int64_t stationId = 0;
    std::int64_t unitId = 0;
    std::int64_t rankId = 0;
    std::string status;
    std::string sort = "name";  // service_number | name | rank | station | enlisted
    bool descending = false;
    int page = 1;
    int pageSize = 50;
};

struct OfficerPage {
    std::vector<OfficerRecord> officers;
    int total = 0;
    int page = 1;  // the page shown: the one asked for, or the last one when it was past the end
};

struct NewPosting {
    std::int64_t stationId = 0;
    std::optional<std::int64_t> unitId;
    std::string fromDate;
    std::string reference;
};

class OfficerStore {
public:
    explicit OfficerStore(Db& db) : _db(db) {}

    // One page of the filtered list, with the summary fields a list shows (id, service number,
    // names, rank, status, enlistment, station, unit): three queries whatever the page size
    // (stations in scope, count, the page). Rank, station and unit are named from the rank
    // ladder and the scope's tree at `rollVersion` (the "roll" data version the caller read
    // before calling), by SQL for any id newer than that.
    OfficerPage list(const domain::Actor& actor, const OfficerFilter& filter, std::uint64_t rollVersion);
    // Every officer matching the filter (no paging), in the list's order, one query.
    void forEach(const domain::Actor& actor, const OfficerFilter& filter,
                 const std::function<void(const OfficerRecord&)>& fn);
    std::optional<OfficerRecord> findVisibleTo(const domain::Actor& actor, std::int64_t id);
    // The list's columns (names, rank, status, station, unit) for these officers, in the order
    // given; ids outside the actor's scope are left out.
    std::vector<OfficerRecord> summaries(const domain::Actor& actor, const std::vector<std::int64_t>& ids);

    // Creates the officer and their first (open) posting. The posting's station (and unit, of
    // that station) must lie within `scopePath`, checked in the query: ValidationError on
    // "station_id"/"unit_id" otherwise, and for a taken service number or national ID.
    std::int64_t create(Connection& c, const std::string& scopePath, const domain::OfficerInput& in,
                        const NewPosting& posting, std::int64_t createdBy);
    // Updates the record's fields (not the posting) when `version` is current and the officer
    // is posted within `scopePath`; throws domain::Conflict otherwise and ValidationError for a
    // taken national ID.
    void update(Connection& c, const std::string& scopePath, std::int64_t id, int version,
                const domain::OfficerInput& in);

private:
    Db& _db;
};

}  // namespace kituo::store
