// A station's retraining compliance computed from the store (its serving officers, their
// completions, the national catalogue) with domain::moduleCompliance, and the per-station
// summaries the county and national roll-up reads. A summary is kept for one day and one pair
// of counters: the station's (station_versions, kept by triggers on officers, postings, units
// and completions) and the catalogue's (data_versions 'training'); any other summary is stale
// and is recomputed before it is used, so the roll-up is never older than the data.
#pragma once

#include "domain/TrainingActions.h"
#include "domain/User.h"
#include "store/Db.h"
#include "store/TrainingStore.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kituo::store {

struct StationCompliance {
    std::vector<TrainingOfficer> officers;                       // serving, by name
    std::vector<TrainingModuleRecord> modules;                   // required of someone at the station
    std::vector<std::vector<domain::ModuleCompliance>> cells;    // [officer][module]
};

// The compliance of station `stationId` (within the actor's scope; empty otherwise) on `today`.
StationCompliance stationCompliance(Db& db, const domain::Actor& actor, std::int64_t stationId,
                                    const std::string& today, std::optional<std::uint64_t> catalogueVersion);

class TrainingSummaryStore {
public:
    explicit TrainingSummaryStore(Db& db) : _db(db) {}

    // The tally of every station under `withinPath` (the actor's scope or a place inside it)
    // on `today`, by station id: stored
    // summaries still current are read in one query; stale or missing ones are computed
    // (stationCompliance) and stored. `recomputed`, when given, is set to how many were.
    std::map<std::int64_t, domain::ComplianceTally> tallies(const domain::Actor& actor, const std::string& withinPath,
                                                            const std::string& today,
                                                            std::uint64_t catalogueVersion, int* recomputed = nullptr);

    // The plan of the query tallies() starts with.
    std::vector<PlanRow> explainTallies(const domain::Actor& actor, const std::string& withinPath,
                                        const std::string& today, std::uint64_t catalogueVersion);

private:
    Db& _db;
};

}  // namespace kituo::store
