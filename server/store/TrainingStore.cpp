// Retraining SQL; see TrainingStore.h.
#include "store/TrainingStore.h"

#include "crypto/Hash.h"
#include "domain/Errors.h"
#include "store/Connection.h"
#include "store/Explain.h"
#include "store/DataVersions.h"
#include "store/VersionedCache.h"

#include <map>

namespace kituo::store {
namespace {

const char* kModuleColumns =
    "training_module_id, code, title, category, description, hours, delivery, pass_mark, validity_months, "
    "recert_basis, window_month, renewal_window_days, version";

TrainingModuleRecord readModule(sql::ResultSet& rs) {
    TrainingModuleRecord m;
    m.id = rs.getInt64("training_module_id");
    for (const auto& f : domain::moduleFields()) m.fields.*f.text = getStringOr(rs, f.column, "");
    m.version = rs.getInt("version");
    return m;
}

// Binds a module's fields in moduleFields() order from parameter 1; numbers as text (the
// server converts), an empty window month as NULL.
void bindModule(sql::PreparedStatement& st, const domain::ModuleInput& in) {
    int i = 1;
    for (const auto& f : domain::moduleFields()) {
        const std::string& v = in.*f.text;
        if (std::string(f.name) == "window_month" && v.empty()) st.setNull(i++, sql::DataType::TINYINT);
        else st.setString(i++, v);
    }
}

std::string moduleAssignments() {
    std::string out;
    for (const auto& f : domain::moduleFields()) out += std::string(out.empty() ? "" : ", ") + f.column + " = ?";
    return out;
}

// The readers below take columns by position (a name lookup per cell costs more than the
// cell on a 1,000-officer station): keep each list and its reader in step.
const char* kOfficerColumns =
    "o.officer_id, o.service_number, o.surname, o.other_names, o.enlistment_date, o.service_code, r.ordinal, "
    "r.name AS rank_name, o.rank_since, un.unit_type, un.name AS unit_name, p.from_date AS unit_since";

std::string stringOrEmpty(sql::ResultSet& rs, std::uint32_t column) {
    return rs.isNull(column) ? std::string() : std::string(rs.getString(column));
}

TrainingOfficer readOfficer(sql::ResultSet& rs) {
    TrainingOfficer o;
    o.facts.officerId = rs.getInt64(1);
    o.serviceNumber = rs.getString(2);
    o.surname = rs.getString(3);
    o.otherNames = rs.getString(4);
    o.facts.enlistmentDate = rs.getString(5);
    o.facts.service = rs.getString(6);
    o.facts.rankOrdinal = rs.getInt(7);
    o.rankName = rs.getString(8);
    o.facts.rankSince = rs.getString(9);
    o.facts.unitType = stringOrEmpty(rs, 10);
    o.unitName = stringOrEmpty(rs, 11);
    o.facts.unitSince = stringOrEmpty(rs, 12);
    return o;
}

const char* kCompletionColumns =
    "c.training_completion_id, c.officer_id, c.training_module_id, c.completed_on, c.passed, c.score, c.source, "
    "c.evidence_reference";

CompletionRecord readCompletion(sql::ResultSet& rs) {
    CompletionRecord c;
    c.id = rs.getInt64(1);
    c.officerId = rs.getInt64(2);
    c.completion = {rs.getInt64(3), rs.getString(4), rs.getBoolean(5)};
    if (!rs.isNull(6)) c.score = rs.getInt(6);
    c.source = rs.getString(7);
    c.evidence = rs.getString(8);
    return c;
}

}  // namespace

std::vector<TrainingModuleRecord> TrainingStore::modules(std::optional<std::uint64_t> catalogueVersion) {
    static VersionedCache<std::vector<TrainingModuleRecord>> cache("training");
    const auto version = catalogueVersion ? *catalogueVersion : currentVersion(_db, "training");
    return cache.get(_db, "modules", version, [&] { return _db.run([&](Connection& c) {
        auto& st = c.prepare(std::string("SELECT ") + kModuleColumns + " FROM training_modules ORDER BY code");
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<TrainingModuleRecord> out;
        std::map<std::int64_t, std::size_t> index;
        while (rs->next()) {
            index[rs->getInt64("training_module_id")] = out.size();
            out.push_back(readModule(*rs));
        }
        auto& pre = c.prepare("SELECT training_module_id, prerequisite_id FROM training_prerequisites "
                              "ORDER BY training_module_id, prerequisite_id");
        std::unique_ptr<sql::ResultSet> p(pre.executeQuery());
        while (p->next()) {
            auto it = index.find(p->getInt64(1));
            if (it != index.end()) out[it->second].prerequisites.push_back(p->getInt64(2));
        }
        return out;
    }); });
}

std::optional<TrainingModuleRecord> TrainingStore::findModule(std::int64_t id) {
    for (auto& m : modules()) {
        if (m.id == id) return std::move(m);
    }
    return std::nullopt;
}

std::int64_t TrainingStore::createModule(Connection& c, const domain::ModuleInput& in) {
    std::string columns, marks;
    for (const auto& f : domain::moduleFields()) {
        columns += std::string(columns.empty() ? "" : ", ") + f.column;
        marks += marks.empty() ? "?" : ", ?";
    }
    auto& st = c.prepare("INSERT INTO training_modules (" + columns + ") VALUES (" + marks + ")");
    bindModule(st, in);
    try {
        st.executeUpdate();
    } catch (const sql::SQLException& e) {
        if (e.getErrorCode() == 1062) throw domain::ValidationError("code", "A module with this code exists.");
        throw;
    }
    bumpVersion(c, "training");
    return c.lastInsertId();
}

void TrainingStore::updateModule(Connection& c, std::int64_t id, int version, const domain::ModuleInput& in) {
    auto& st = c.prepare("UPDATE training_modules SET " + moduleAssignments() +
                         ", version = version + 1 WHERE training_module_id = ? AND version = ?");
    bindModule(st, in);
    const int n = static_cast<int>(domain::moduleFields().size());
    st.setInt64(n + 1, id);
    st.setInt(n + 2, version);
    int changed = 0;
    try {
        changed = st.executeUpdate();
    } catch (const sql::SQLException& e) {
        if (e.getErrorCode() == 1062) throw domain::ValidationError("code", "A module with this code exists.");
        throw;
    }
    if (changed == 0) {
        auto& exists = c.prepare("SELECT 1 FROM training_modules WHERE training_module_id = ?");
        exists.setInt64(1, id);
        std::unique_ptr<sql::ResultSet> rs(exists.executeQuery());
        if (!rs->next()) throw domain::NotFound("module not found");
        throw domain::Conflict("This module was changed by someone else; reload and try again.");
    }
    bumpVersion(c, "training");
}

void TrainingStore::setPrerequisites(Connection& c, std::int64_t moduleId, const std::vector<std::int64_t>& ids) {
    auto& clear = c.prepare("DELETE FROM training_prerequisites WHERE training_module_id = ?");
    clear.setInt64(1, moduleId);
    clear.executeUpdate();
    for (auto id : ids) {
        auto& add = c.prepare("INSERT INTO training_prerequisites (training_module_id, prerequisite_id) "
                              "SELECT ?, training_module_id FROM training_modules WHERE training_module_id = ? "
                              "AND training_module_id <> ?");
        add.setInt64(1, moduleId);
        add.setInt64(2, id);
        add.setInt64(3, moduleId);
        if (add.executeUpdate() != 1) throw domain::ValidationError("prerequisite_id", "Choose prerequisites from the catalogue.");
    }
    bumpVersion(c, "training");
}

std::vector<RequirementRecord> TrainingStore::requirements(std::int64_t moduleId,
                                                           std::optional<std::uint64_t> catalogueVersion) {
    static VersionedCache<std::vector<RequirementRecord>> cache("training");
    const auto version = catalogueVersion ? *catalogueVersion : currentVersion(_db, "training");
    return cache.get(_db, "requirements " + std::to_string(moduleId), version, [&] { return _db.run([&](Connection& c) {
        auto& st = c.prepare(
            "SELECT training_requirement_id, training_module_id, kind, min_rank_ordinal, max_rank_ordinal, unit_type, "
            "service_code, effective_from, due_days FROM training_requirements "
            "WHERE (? = 0 OR training_module_id = ?) ORDER BY training_requirement_id");
        st.setInt64(1, moduleId);
        st.setInt64(2, moduleId);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<RequirementRecord> out;
        while (rs->next()) {
            domain::RequirementInput in{rs->getString("kind"),
                                        getStringOr(*rs, "min_rank_ordinal", ""),
                                        getStringOr(*rs, "max_rank_ordinal", ""),
                                        getStringOr(*rs, "unit_type", ""),
                                        getStringOr(*rs, "service_code", ""),
                                        rs->getString("effective_from"),
                                        rs->getString("due_days")};
            out.push_back({rs->getInt64("training_requirement_id"),
                           domain::requirementRule(rs->getInt64("training_module_id"), in)});
        }
        return out;
    }); });
}

std::int64_t TrainingStore::addRequirement(Connection& c, const domain::Requirement& r) {
    auto& st = c.prepare(
        "INSERT INTO training_requirements (training_module_id, kind, min_rank_ordinal, max_rank_ordinal, unit_type, "
        "service_code, effective_from, due_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    using K = domain::RequirementKind;
    st.setInt64(1, r.moduleId);
    st.setString(2, r.kind == K::RankRange ? "rank_range" : r.kind == K::UnitType ? "unit_type"
                    : r.kind == K::Service ? "service" : r.kind == K::Reservists ? "reservists" : "all");
    if (r.kind == K::RankRange) {
        st.setInt(3, r.minRankOrdinal);
        st.setInt(4, r.maxRankOrdinal);
    } else {
        st.setNull(3, sql::DataType::INTEGER);
        st.setNull(4, sql::DataType::INTEGER);
    }
    if (r.kind == K::UnitType) st.setString(5, r.unitType);
    else st.setNull(5, sql::DataType::VARCHAR);
    if (r.kind == K::Service) st.setString(6, r.service);
    else st.setNull(6, sql::DataType::VARCHAR);
    st.setString(7, r.effectiveFrom);
    st.setInt(8, r.dueDays);
    st.executeUpdate();
    bumpVersion(c, "training");
    return c.lastInsertId();
}

void TrainingStore::removeRequirement(Connection& c, std::int64_t moduleId, std::int64_t id) {
    auto& st = c.prepare("DELETE FROM training_requirements WHERE training_requirement_id = ? AND training_module_id = ?");
    st.setInt64(1, id);
    st.setInt64(2, moduleId);
    if (st.executeUpdate() == 0) throw domain::NotFound("requirement not found");
    bumpVersion(c, "training");
}

namespace {

const std::string kOfficersFrom =
    " FROM officers o JOIN org_units st ON st.org_unit_id = o.station_id AND st.path LIKE CONCAT(?, '%') "
    "JOIN ranks r ON r.rank_id = o.rank_id LEFT JOIN org_units un ON un.org_unit_id = o.unit_id "
    "LEFT JOIN postings p ON p.officer_id = o.officer_id AND p.to_date IS NULL ";

const std::string kCompletionsFrom =
    " FROM training_completions c JOIN officers o ON o.officer_id = c.officer_id "
    "JOIN org_units st ON st.org_unit_id = o.station_id AND st.path LIKE CONCAT(?, '%') ";

}  // namespace

int TrainingStore::recordCompletions(Connection& c, const std::string& scopePath, const domain::CompletionEntry& entry,
                                     const std::string& source, std::int64_t recordedBy) {
    int recorded = 0;
    for (auto officerId : entry.officerIds) {
        auto& st = c.prepare(
            "INSERT INTO training_completions (officer_id, training_module_id, completed_on, passed, score, source, "
            "evidence_reference, certificate_code, recorded_by) SELECT o.officer_id, ?, ?, ?, ?, ?, ?, ?, ? "
            "FROM officers o JOIN org_units st ON st.org_unit_id = o.station_id AND st.path LIKE CONCAT(?, '%') "
            "WHERE o.officer_id = ?");
        st.setInt64(1, entry.moduleId);
        st.setString(2, entry.completedOn);
        st.setBoolean(3, entry.passed);
        if (entry.score.empty()) st.setNull(4, sql::DataType::TINYINT);
        else st.setInt(4, std::stoi(entry.score));
        st.setString(5, source);
        st.setString(6, entry.evidence);
        if (entry.passed) st.setString(7, crypto::randomCode(12));
        else st.setNull(7, sql::DataType::CHAR);
        st.setInt64(8, recordedBy);
        st.setString(9, scopePattern(scopePath));
        st.setInt64(10, officerId);
        if (st.executeUpdate() != 1) {
            throw domain::ValidationError("officer_id", "Choose officers posted within your scope.");
        }
        ++recorded;
    }
    return recorded;
}

namespace {

// The certificate matched by `where` (binding its parameters with `bind`), with the officer's
// earlier passes of the module.
template <class Bind>
std::optional<CertificateRecord> findCertificate(Db& db, const std::string& where, Bind bind) {
    return db.run([&](Connection& c) -> std::optional<CertificateRecord> {
        auto& st = c.prepare(
            "SELECT c.training_completion_id, c.certificate_code, c.officer_id, o.service_number, o.surname, "
            "o.other_names, r.name AS rank_name, st.name AS station_name, c.training_module_id, c.completed_on "
            "FROM training_completions c JOIN officers o ON o.officer_id = c.officer_id "
            "JOIN ranks r ON r.rank_id = o.rank_id JOIN org_units st ON st.org_unit_id = o.station_id "
            "WHERE c.passed = 1 AND " + where);
        bind(st);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (!rs->next()) return std::nullopt;
        CertificateRecord r;
        r.completionId = rs->getInt64(1);
        r.code = getStringOr(*rs, "certificate_code", "");
        r.officerId = rs->getInt64(3);
        r.serviceNumber = rs->getString(4);
        r.surname = rs->getString(5);
        r.otherNames = rs->getString(6);
        r.rankName = rs->getString(7);
        r.stationName = rs->getString(8);
        r.moduleId = rs->getInt64(9);
        r.completedOn = rs->getString(10);
        auto& passes = c.prepare("SELECT completed_on FROM training_completions WHERE officer_id = ? AND "
                                 "training_module_id = ? AND passed = 1 AND completed_on <= ? ORDER BY completed_on");
        passes.setInt64(1, r.officerId);
        passes.setInt64(2, r.moduleId);
        passes.setString(3, r.completedOn);
        std::unique_ptr<sql::ResultSet> p(passes.executeQuery());
        while (p->next()) r.passesUpTo.push_back(p->getString(1));
        return r;
    });
}

}  // namespace

std::optional<CertificateRecord> TrainingStore::certificateByCode(const std::string& code) {
    return findCertificate(_db, "c.certificate_code = ?", [&](sql::PreparedStatement& st) { st.setString(1, code); });
}

std::optional<CertificateRecord> TrainingStore::certificate(const domain::Actor& actor, std::int64_t id) {
    return findCertificate(_db, "c.training_completion_id = ? AND st.path LIKE CONCAT(?, '%')",
                           [&](sql::PreparedStatement& st) {
                               st.setInt64(1, id);
                               st.setString(2, scopePattern(actor.scopePath));
                           });
}

namespace {

const std::string kOfficersAtSql = std::string("SELECT ") + kOfficerColumns + kOfficersFrom +
                                   "WHERE o.station_id = ? AND o.status NOT IN ('retired', 'deceased', 'deserted') "
                                   "ORDER BY o.surname, o.other_names, o.officer_id";
const std::string kCompletionsAtSql = std::string("SELECT ") + kCompletionColumns + kCompletionsFrom +
                                      "WHERE o.station_id = ? ORDER BY c.officer_id, c.completed_on";

}  // namespace

std::vector<TrainingOfficer> TrainingStore::officersAt(const domain::Actor& actor, std::int64_t stationId) {
    return scopedRows(_db, actor.scopePath, stationId, kOfficersAtSql, readOfficer);
}

std::vector<CompletionRecord> TrainingStore::completionsAt(const domain::Actor& actor, std::int64_t stationId) {
    return scopedRows(_db, actor.scopePath, stationId, kCompletionsAtSql, readCompletion);
}

std::vector<PlanRow> TrainingStore::explainStation(const domain::Actor& actor, std::int64_t stationId) {
    auto bind = [&](sql::PreparedStatement& st) {
        st.setString(1, scopePattern(actor.scopePath));
        st.setInt64(2, stationId);
    };
    auto rows = explain(_db, "matrix: officers", kOfficersAtSql, bind);
    for (auto& r : explain(_db, "matrix: completions", kCompletionsAtSql, bind)) rows.push_back(std::move(r));
    return rows;
}

std::optional<TrainingOfficer> TrainingStore::officer(const domain::Actor& actor, std::int64_t officerId) {
    auto rows = scopedRows(_db, actor.scopePath, officerId,
                           std::string("SELECT ") + kOfficerColumns + kOfficersFrom + "WHERE o.officer_id = ?", readOfficer);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

std::vector<CompletionRecord> TrainingStore::completionsOf(const domain::Actor& actor, std::int64_t officerId) {
    return scopedRows(_db, actor.scopePath, officerId,
                      std::string("SELECT ") + kCompletionColumns + kCompletionsFrom +
                          "WHERE c.officer_id = ? ORDER BY c.completed_on DESC, c.training_completion_id DESC",
                      readCompletion);
}

}  // namespace kituo::store
