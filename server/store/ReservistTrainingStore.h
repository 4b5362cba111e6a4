// SQL for reservists' retraining: their completions of catalogue modules, recorded one by one,
// and what the compliance rules need for a station's reservists. Reach is the reserve's
// (ReserveSql.h); the catalogue itself is TrainingStore's.
#pragma once

#include "domain/Training.h"
#include "domain/User.h"
#include "store/Db.h"

#include <optional>
#include <vector>

namespace kituo::store {

struct ReservistCompletion {
    std::int64_t id = 0;
    std::int64_t reservistId = 0;
    std::int64_t moduleId = 0;
    std::string completedOn;
    bool passed = false;
    std::optional<int> score;
    std::string evidence;
};

struct ReservistTrainee {
    std::int64_t id = 0;
    std::string number, name, enlistmentDate;
};

class ReservistTrainingStore {
public:
    explicit ReservistTrainingStore(Db& db) : _db(db) {}
    // The reservist's completions (within reach), newest first.
    std::vector<ReservistCompletion> forReservist(const domain::Actor& actor, std::int64_t reservistId);
    // Active reservists of a station within reach, by name, and all their completions.
    std::vector<ReservistTrainee> activeAt(const domain::Actor& actor, std::int64_t stationId);
    std::vector<ReservistCompletion> completionsAt(const domain::Actor& actor, std::int64_t stationId);
    // Records a completion for a reservist within reach (NotFound otherwise) of an existing
    // module (ValidationError on "training_module_id" otherwise).
    std::int64_t record(Connection& c, const domain::Actor& actor, std::int64_t reservistId,
                        const ReservistCompletion& entry);

private:
    Db& _db;
};

}  // namespace kituo::store
