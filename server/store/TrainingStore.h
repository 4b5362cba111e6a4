// SQL for retraining: the national module catalogue with its prerequisites and requirement
// rules, and completions. The catalogue is national data (every reader sees all of it);
// officers and their completions are read only within the actor's scope, in the query.
#pragma once

#include "domain/Training.h"
#include "domain/TrainingActions.h"
#include "domain/TrainingCatalogue.h"
#include "domain/User.h"
#include "store/Db.h"
#include "store/Explain.h"

#include <optional>
#include <vector>

namespace kituo::store {

struct TrainingModuleRecord {
    std::int64_t id = 0;
    domain::ModuleInput fields;  // as stored
    std::vector<std::int64_t> prerequisites;
    int version = 0;
    domain::TrainingModule rules() const { return domain::moduleRules(id, fields); }
};

struct RequirementRecord {
    std::int64_t id = 0;
    domain::Requirement rule;
};

// An officer serving at a station, with what the compliance rules need.
struct TrainingOfficer {
    domain::OfficerTrainingFacts facts;
    std::string serviceNumber, surname, otherNames, rankName, unitName;
};

struct CompletionRecord {
    std::int64_t id = 0;
    std::int64_t officerId = 0;
    domain::Completion completion;
    std::optional<int> score;
    std::string source;  // offering, external
    std::string evidence;
};

// A passed completion as its certificate shows it.
struct CertificateRecord {
    std::int64_t completionId = 0;
    std::string code;
    std::int64_t officerId = 0;
    std::string serviceNumber, surname, otherNames, rankName, stationName;
    std::int64_t moduleId = 0;
    std::string completedOn;
    std::vector<std::string> passesUpTo;  // the officer's passes of the module up to this one
};

class TrainingStore {
public:
    explicit TrainingStore(Db& db) : _db(db) {}

    // Every module, by code, with its prerequisites; cached while the "training" data version
    // is unchanged (pass it when the caller has it, e.g. RequestContext::dataVersion).
    std::vector<TrainingModuleRecord> modules(std::optional<std::uint64_t> catalogueVersion = std::nullopt);
    std::optional<TrainingModuleRecord> findModule(std::int64_t id);
    // Every catalogue write below bumps the "training" data version in its transaction.
    // Creates a module; ValidationError on a code in use.
    std::int64_t createModule(Connection& c, const domain::ModuleInput& in);
    // Updates a module when `version` is current (domain::Conflict otherwise; NotFound when
    // there is no such module); ValidationError on a code in use.
    void updateModule(Connection& c, std::int64_t id, int version, const domain::ModuleInput& in);

    // Replaces the module's prerequisites (the caller checked domain::prerequisiteCycle);
    // ValidationError when one is not a module.
    void setPrerequisites(Connection& c, std::int64_t moduleId, const std::vector<std::int64_t>& ids);

    // The requirement rules of a module, or of every module (moduleId 0, cached like modules()),
    // oldest first.
    std::vector<RequirementRecord> requirements(std::int64_t moduleId = 0,
                                                std::optional<std::uint64_t> catalogueVersion = std::nullopt);
    std::int64_t addRequirement(Connection& c, const domain::Requirement& rule);
    // Removes rule `id` of module `moduleId`; NotFound when it is not that module's.
    void removeRequirement(Connection& c, std::int64_t moduleId, std::int64_t id);

    // Records `entry` for each of its officers posted within `scopePath` (ValidationError on
    // officer_id, nothing written, when one is not), in the caller's transaction; a pass gets a
    // certificate code. `source`: "offering" or "external". Returns how many were recorded.
    int recordCompletions(Connection& c, const std::string& scopePath, const domain::CompletionEntry& entry,
                          const std::string& source, std::int64_t recordedBy);

    // The certificate with verification `code` (public: no scope; passes only).
    std::optional<CertificateRecord> certificateByCode(const std::string& code);
    // The certificate of completion `id`, when it is a pass of an officer within the actor's scope.
    std::optional<CertificateRecord> certificate(const domain::Actor& actor, std::int64_t id);

    // Serving officers (not retired, deceased or deserted) posted at `stationId`, when that
    // station lies within the actor's scope (else none), by name.
    std::vector<TrainingOfficer> officersAt(const domain::Actor& actor, std::int64_t stationId);
    // Every completion (passed or not) of the officers posted at `stationId` within scope.
    std::vector<CompletionRecord> completionsAt(const domain::Actor& actor, std::int64_t stationId);
    // The plans of officersAt and completionsAt (the station matrix's two reads).
    std::vector<PlanRow> explainStation(const domain::Actor& actor, std::int64_t stationId);
    // One officer's facts and completions, when posted within the actor's scope.
    std::optional<TrainingOfficer> officer(const domain::Actor& actor, std::int64_t officerId);
    std::vector<CompletionRecord> completionsOf(const domain::Actor& actor, std::int64_t officerId);

private:
    Db& _db;
};

}  // namespace kituo::store
