// Counts of counselling sessions for suppressed statistics: how many sessions, by the station
// of the case, the month (East Africa Time) and the session type or concerns. Only counts leave
// this store — never a case, a person, a date or a note — and callers suppress them
// (domain/Suppression.h) before anyone outside the counselling team sees them.
#pragma once

#include "store/Db.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kituo::store {

struct SessionCount {
    std::int64_t stationId = 0;
    std::string month;        // "YYYY-MM"
    std::string sessionType;  // individual, group, family, debrief
    std::string concerns;     // the session's concern codes, comma-separated
    long count = 0;
};

class WelfareStatsStore {
public:
    explicit WelfareStatsStore(Db& db) : _db(db) {}

    // Sessions held from `fromDate` to `toDate` (inclusive, dates in East Africa Time) in cases
    // of stations under `placePath` (a county: suppression needs all its stations).
    std::vector<SessionCount> counts(const std::string& placePath, const std::string& fromDate, const std::string& toDate);

private:
    Db& _db;
};

}  // namespace kituo::store
