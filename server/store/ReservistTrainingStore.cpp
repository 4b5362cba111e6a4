// Reservists' retraining SQL; see ReservistTrainingStore.h.
#include "store/ReservistTrainingStore.h"

#include "store/Connection.h"
#include "store/ReserveSql.h"

namespace kituo::store {

using reserve_sql::bindReach;
using reserve_sql::kReach;

namespace {

const std::string kSelect =
    "SELECT t.reservist_training_completion_id, t.reservist_id, t.training_module_id, CAST(t.completed_on AS CHAR), "
    "t.passed, t.score, t.evidence_reference FROM reservist_training_completions t "
    "JOIN reservists r ON r.reservist_id = t.reservist_id JOIN org_units st ON st.org_unit_id = r.station_id ";

template <class Bind>
std::vector<ReservistCompletion> completions(Db& db, const domain::Actor& actor, const std::string& tail, Bind bind) {
    return db.run([&](Connection& c) {
        auto& st = c.prepare(kSelect + kReach + tail);
        bind(st, bindReach(st, 1, actor));
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<ReservistCompletion> out;
        while (rs->next()) {
            ReservistCompletion x;
            x.id = rs->getInt64(1);
            x.reservistId = rs->getInt64(2);
            x.moduleId = rs->getInt64(3);
            x.completedOn = rs->getString(4);
            x.passed = rs->getBoolean(5);
            if (!rs->isNull(6)) x.score = rs->getInt(6);
            x.evidence = rs->getString(7);
            out.push_back(std::move(x));
        }
        return out;
    });
}

}  // namespace

std::vector<ReservistCompletion> ReservistTrainingStore::forReservist(const domain::Actor& actor, std::int64_t reservistId) {
    return completions(_db, actor, "AND t.reservist_id = ? ORDER BY t.completed_on DESC, t.reservist_training_completion_id DESC",
                       [&](sql::PreparedStatement& st, int i) { st.setInt64(i, reservistId); });
}

std::vector<ReservistCompletion> ReservistTrainingStore::completionsAt(const domain::Actor& actor, std::int64_t stationId) {
    return completions(_db, actor, "AND r.station_id = ? AND r.status = 'active'",
                       [&](sql::PreparedStatement& st, int i) { st.setInt64(i, stationId); });
}

std::vector<ReservistTrainee> ReservistTrainingStore::activeAt(const domain::Actor& actor, std::int64_t stationId) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare("SELECT r.reservist_id, r.reservist_number, CONCAT(r.surname, ', ', r.other_names), "
                             "CAST(r.enlistment_date AS CHAR) FROM reservists r JOIN org_units st ON st.org_unit_id = r.station_id " +
                             kReach + "AND r.station_id = ? AND r.status = 'active' ORDER BY r.surname, r.other_names, r.reservist_id");
        st.setInt64(bindReach(st, 1, actor), stationId);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<ReservistTrainee> out;
        while (rs->next()) out.push_back({rs->getInt64(1), rs->getString(2), rs->getString(3), rs->getString(4)});
        return out;
    });
}

std::int64_t ReservistTrainingStore::record(Connection& c, const domain::Actor& actor, std::int64_t reservistId,
                                            const ReservistCompletion& entry) {
    auto& module = c.prepare("SELECT 1 FROM training_modules WHERE training_module_id = ?");
    module.setInt64(1, entry.moduleId);
    std::unique_ptr<sql::ResultSet> mrs(module.executeQuery());
    if (!mrs->next()) throw domain::ValidationError("training_module_id", "Choose a module of the catalogue.");
    auto& st = c.prepare(
        "INSERT INTO reservist_training_completions (reservist_id, training_module_id, completed_on, passed, score, "
        "evidence_reference, recorded_by) SELECT r.reservist_id, ?, ?, ?, ?, ?, ? FROM reservists r "
        "JOIN org_units st ON st.org_unit_id = r.station_id " + kReach + "AND r.reservist_id = ?");
    st.setInt64(1, entry.moduleId);
    st.setString(2, entry.completedOn);
    st.setBoolean(3, entry.passed);
    if (entry.score) st.setInt(4, *entry.score);
    else st.setNull(4, sql::DataType::INTEGER);
    st.setString(5, entry.evidence);
    st.setInt64(6, actor.userId);
    st.setInt64(bindReach(st, 7, actor), reservistId);
    if (st.executeUpdate() == 0) throw domain::NotFound("reservist");
    return c.lastInsertId();
}

}  // namespace kituo::store
