// Offerings and enrolments; see TrainingOfferingStore.h.
#include "store/TrainingOfferingStore.h"

#include "crypto/Hash.h"
#include "domain/Errors.h"
#include "store/Connection.h"

namespace kituo::store {
namespace {

const char* kOfferingSelect =
    "SELECT f.training_offering_id, f.training_module_id, f.org_unit_id, m.code, m.title, h.name, f.starts_on, "
    "f.ends_on, f.venue, f.trainer, f.capacity, f.enrolled FROM training_offerings f "
    "JOIN training_modules m ON m.training_module_id = f.training_module_id "
    "JOIN org_units h ON h.org_unit_id = f.org_unit_id AND h.path LIKE CONCAT(?, '%') ";

OfferingRecord readOffering(sql::ResultSet& rs) {
    OfferingRecord o;
    o.id = rs.getInt64(1);
    o.moduleId = rs.getInt64(2);
    o.hostId = rs.getInt64(3);
    o.moduleCode = rs.getString(4);
    o.moduleTitle = rs.getString(5);
    o.hostName = rs.getString(6);
    o.startsOn = rs.getString(7);
    o.endsOn = rs.getString(8);
    o.venue = rs.getString(9);
    o.trainer = rs.getString(10);
    o.capacity = rs.getInt(11);
    o.enrolled = rs.getInt(12);
    return o;
}

}  // namespace

namespace {

// The offerings hosted within the actor's scope that `rest` (a WHERE and ORDER BY clause whose
// parameters `bind` sets from index 2 on) selects.
template <class Bind>
std::vector<OfferingRecord> offerings(Db& db, const domain::Actor& actor, const std::string& rest, Bind bind) {
    return db.run([&](Connection& c) {
        auto& st = c.prepare(std::string(kOfferingSelect) + rest);
        st.setString(1, scopePattern(actor.scopePath));
        bind(st);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<OfferingRecord> out;
        while (rs->next()) out.push_back(readOffering(*rs));
        return out;
    });
}

}  // namespace

std::vector<OfferingRecord> TrainingOfferingStore::list(const domain::Actor& actor) {
    return offerings(_db, actor, "ORDER BY f.starts_on DESC, f.training_offering_id DESC LIMIT 500",
                     [](sql::PreparedStatement&) {});
}

std::optional<OfferingRecord> TrainingOfferingStore::find(const domain::Actor& actor, std::int64_t id) {
    auto rows = offerings(_db, actor, "WHERE f.training_offering_id = ?",
                          [&](sql::PreparedStatement& st) { st.setInt64(2, id); });
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

std::vector<OfferingRecord> TrainingOfferingStore::openTo(const domain::Actor& actor, const std::string& stationPath,
                                                          const std::string& today) {
    return offerings(_db, actor,
                     "WHERE ? LIKE CONCAT(h.path, '%') AND f.starts_on > ? AND f.enrolled < f.capacity "
                     "ORDER BY f.starts_on, f.training_offering_id",
                     [&](sql::PreparedStatement& st) {
                         st.setString(2, stationPath);
                         st.setString(3, today);
                     });
}

std::int64_t TrainingOfferingStore::create(Connection& c, const domain::OfferingInput& in, std::int64_t by) {
    auto& st = c.prepare("INSERT INTO training_offerings (training_module_id, org_unit_id, starts_on, ends_on, venue, "
                         "trainer, capacity, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    st.setInt64(1, in.moduleId);
    st.setInt64(2, in.hostId);
    st.setString(3, in.startsOn);
    st.setString(4, in.endsOn);
    st.setString(5, in.venue);
    st.setString(6, in.trainer);
    st.setInt(7, std::stoi(in.capacity));
    if (by > 0) st.setInt64(8, by);
    else st.setNull(8, sql::DataType::BIGINT);
    st.executeUpdate();
    return c.lastInsertId();
}

std::vector<EnrolmentRecord> TrainingOfferingStore::enrolments(std::int64_t offeringId) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare(
            "SELECT e.training_enrolment_id, e.officer_id, o.service_number, o.surname, o.other_names, st.name, e.status, "
            "COALESCE(e.attendance, ''), CASE WHEN c.training_completion_id IS NULL THEN '' WHEN c.passed = 1 THEN "
            "'passed' ELSE 'failed' END, COALESCE(c.score, '') FROM training_enrolments e "
            "JOIN officers o ON o.officer_id = e.officer_id JOIN org_units st ON st.org_unit_id = o.station_id "
            "LEFT JOIN training_completions c ON c.training_completion_id = e.training_completion_id "
            "WHERE e.training_offering_id = ? "
            "ORDER BY e.status, o.surname, o.other_names, e.training_enrolment_id");
        st.setInt64(1, offeringId);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<EnrolmentRecord> out;
        while (rs->next()) {
            out.push_back({rs->getInt64(1), rs->getInt64(2), rs->getString(3), rs->getString(4), rs->getString(5),
                           rs->getString(6), rs->getString(7), rs->getString(8), rs->getString(9), rs->getString(10)});
        }
        return out;
    });
}

std::set<std::int64_t> TrainingOfferingStore::enrolled(std::int64_t offeringId) {
    std::set<std::int64_t> out;
    for (const auto& e : enrolments(offeringId)) {
        if (e.status == "enrolled") out.insert(e.officerId);
    }
    return out;
}

int TrainingOfferingStore::enrol(Connection& c, const std::string& scopePath, std::int64_t offeringId,
                                 const std::vector<std::int64_t>& officerIds, std::int64_t by) {
    if (officerIds.empty()) throw domain::ValidationError("officer_id", "Choose the officers to enrol.");
    const int wanted = static_cast<int>(officerIds.size());
    auto& take = c.prepare("UPDATE training_offerings SET enrolled = enrolled + ? WHERE training_offering_id = ? "
                           "AND enrolled + ? <= capacity");
    take.setInt(1, wanted);
    take.setInt64(2, offeringId);
    take.setInt(3, wanted);
    if (take.executeUpdate() == 0) {
        auto& left = c.prepare("SELECT capacity - enrolled FROM training_offerings WHERE training_offering_id = ?");
        left.setInt64(1, offeringId);
        std::unique_ptr<sql::ResultSet> rs(left.executeQuery());
        const int places = rs->next() ? rs->getInt(1) : 0;
        throw domain::ValidationError(
            "officer_id", places == 0 ? std::string("The offering is full: no places are left.")
                                      : "Only " + std::to_string(places) + (places == 1 ? " place is" : " places are") +
                                            " left: choose fewer officers.");
    }
    for (auto officerId : officerIds) {
        auto& within = c.prepare("SELECT 1 FROM officers o JOIN org_units st ON st.org_unit_id = o.station_id "
                                 "AND st.path LIKE CONCAT(?, '%') WHERE o.officer_id = ?");
        within.setString(1, scopePattern(scopePath));
        within.setInt64(2, officerId);
        std::unique_ptr<sql::ResultSet> in(within.executeQuery());
        if (!in->next()) throw domain::ValidationError("officer_id", "Choose officers posted within your scope.");
        auto& existing = c.prepare("SELECT status FROM training_enrolments WHERE training_offering_id = ? AND "
                                   "officer_id = ? FOR UPDATE");
        existing.setInt64(1, offeringId);
        existing.setInt64(2, officerId);
        std::unique_ptr<sql::ResultSet> rs(existing.executeQuery());
        if (rs->next()) {
            if (rs->getString(1) == "enrolled") {
                throw domain::ValidationError("officer_id", "An officer chosen is already enrolled.");
            }
            auto& again = c.prepare("UPDATE training_enrolments SET status = 'enrolled', withdrawn_at = NULL, "
                                    "created_by = ? WHERE training_offering_id = ? AND officer_id = ?");
            if (by > 0) again.setInt64(1, by);
            else again.setNull(1, sql::DataType::BIGINT);
            again.setInt64(2, offeringId);
            again.setInt64(3, officerId);
            again.executeUpdate();
            continue;
        }
        auto& add = c.prepare("INSERT INTO training_enrolments (training_offering_id, officer_id, created_by) "
                              "VALUES (?, ?, ?)");
        add.setInt64(1, offeringId);
        add.setInt64(2, officerId);
        if (by > 0) add.setInt64(3, by);
        else add.setNull(3, sql::DataType::BIGINT);
        add.executeUpdate();
    }
    return wanted;
}

namespace {

// Locks enrolment `enrolmentId` when it is a current enrolment of the offering, of an officer
// within scopePath, with no result yet; returns its officer.
std::optional<std::int64_t> lockOpenEnrolment(Connection& c, const std::string& scopePath, std::int64_t offeringId,
                                              std::int64_t enrolmentId) {
    auto& st = c.prepare(
        "SELECT e.officer_id FROM training_enrolments e JOIN officers o ON o.officer_id = e.officer_id "
        "JOIN org_units st ON st.org_unit_id = o.station_id AND st.path LIKE CONCAT(?, '%') "
        "WHERE e.training_enrolment_id = ? AND e.training_offering_id = ? AND e.status = 'enrolled' "
        "AND e.attendance IS NULL FOR UPDATE");
    st.setString(1, scopePattern(scopePath));
    st.setInt64(2, enrolmentId);
    st.setInt64(3, offeringId);
    std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
    if (!rs->next()) return std::nullopt;
    return rs->getInt64(1);
}

}  // namespace

void TrainingOfferingStore::withdraw(Connection& c, const std::string& scopePath, std::int64_t offeringId,
                                     std::int64_t enrolmentId) {
    auto& offering = c.prepare("SELECT 1 FROM training_offerings WHERE training_offering_id = ? FOR UPDATE");
    offering.setInt64(1, offeringId);
    std::unique_ptr<sql::ResultSet> locked(offering.executeQuery());
    if (!locked->next() || !lockOpenEnrolment(c, scopePath, offeringId, enrolmentId)) {
        throw domain::NotFound("enrolment not found");
    }
    auto& st = c.prepare("UPDATE training_enrolments SET status = 'withdrawn', withdrawn_at = UTC_TIMESTAMP() "
                         "WHERE training_enrolment_id = ?");
    st.setInt64(1, enrolmentId);
    st.executeUpdate();
    auto& free = c.prepare("UPDATE training_offerings SET enrolled = enrolled - 1 WHERE training_offering_id = ?");
    free.setInt64(1, offeringId);
    free.executeUpdate();
}

int TrainingOfferingStore::recordResults(Connection& c, const std::string& scopePath, std::int64_t offeringId,
                                         std::int64_t moduleId, const std::string& completedOn,
                                         const std::vector<EnrolmentResult>& results, std::int64_t by) {
    int completions = 0;
    for (const auto& r : results) {
        const auto officer = lockOpenEnrolment(c, scopePath, offeringId, r.enrolmentId);
        if (!officer) throw domain::ValidationError("result", "Enter results only for officers enrolled without one.");
        std::optional<std::int64_t> completion;
        if (r.outcome != "absent") {
            auto& add = c.prepare(
                "INSERT INTO training_completions (officer_id, training_module_id, completed_on, passed, score, source, "
                "training_offering_id, certificate_code, recorded_by) VALUES (?, ?, ?, ?, ?, 'offering', ?, ?, ?)");
            const bool passed = r.outcome == "pass";
            add.setInt64(1, *officer);
            add.setInt64(2, moduleId);
            add.setString(3, completedOn);
            add.setBoolean(4, passed);
            if (r.score.empty()) add.setNull(5, sql::DataType::TINYINT);
            else add.setInt(5, std::stoi(r.score));
            add.setInt64(6, offeringId);
            if (passed) add.setString(7, crypto::randomCode(12));
            else add.setNull(7, sql::DataType::CHAR);
            if (by > 0) add.setInt64(8, by);
            else add.setNull(8, sql::DataType::BIGINT);
            add.executeUpdate();
            completion = c.lastInsertId();
            ++completions;
        }
        auto& mark = c.prepare("UPDATE training_enrolments SET attendance = ?, training_completion_id = ? "
                               "WHERE training_enrolment_id = ?");
        mark.setString(1, r.outcome == "absent" ? "absent" : "attended");
        if (completion) mark.setInt64(2, *completion);
        else mark.setNull(2, sql::DataType::BIGINT);
        mark.setInt64(3, r.enrolmentId);
        mark.executeUpdate();
    }
    return completions;
}

}  // namespace kituo::store
