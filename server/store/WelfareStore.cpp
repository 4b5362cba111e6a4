// Counselling SQL; see WelfareStore.h.
#include "store/WelfareStore.h"

#include "crypto/CaseKeys.h"
#include "domain/Errors.h"
#include "store/Connection.h"

#include <memory>
#include <sstream>

namespace kituo::store {
namespace {

// The access rule (domain/Welfare.h) as SQL over case alias c, with its relations as columns.
// Parameters, in order: the viewer (assigned), the viewer when a clinical supervisor else 0
// (supervising), the same (break-glass), and now (UTC).
const char* kAssigned =
    "EXISTS (SELECT 1 FROM welfare_case_counsellors a WHERE a.welfare_case_id = c.welfare_case_id AND a.user_id = ?)";
const char* kSupervising =
    "EXISTS (SELECT 1 FROM welfare_case_counsellors a JOIN welfare_supervision sv ON sv.counsellor_id = a.user_id "
    "WHERE a.welfare_case_id = c.welfare_case_id AND sv.supervisor_id = ?)";
const char* kBreakGlass =
    "EXISTS (SELECT 1 FROM welfare_break_glass g WHERE g.welfare_case_id = c.welfare_case_id AND g.user_id = ? "
    "AND g.expires_at > ?)";

std::string relationColumns() {
    return std::string(kAssigned) + " AS rel_assigned, " + kSupervising + " AS rel_supervising, " + kBreakGlass +
           " AS rel_break_glass";
}
// The WHERE condition: the same three, any of them (bound again after the columns).
std::string reachCondition() {
    return std::string("(") + kAssigned + " OR " + kSupervising + " OR " + kBreakGlass + ")";
}

// Binds the four parameters of one use of the rule from position `at`; returns the next.
int bindReach(sql::PreparedStatement& st, int at, const domain::Actor& actor, const std::string& nowUtc) {
    const std::int64_t supervisor = actor.role == domain::Role::ClinicalSupervisor ? actor.userId : 0;
    st.setInt64(at, domain::isCounsellingRole(actor.role) ? actor.userId : 0);
    st.setInt64(at + 1, supervisor);
    st.setInt64(at + 2, supervisor);
    st.setString(at + 3, nowUtc);
    return at + 4;
}

domain::CaseAccess accessOf(const domain::Actor& actor, sql::ResultSet& rs) {
    domain::CaseRelation r;
    r.assigned = rs.getBoolean("rel_assigned");
    r.supervisesCounsellor = rs.getBoolean("rel_supervising");
    r.liveBreakGlass = rs.getBoolean("rel_break_glass");
    return domain::caseAccess(actor.role, r);
}

std::vector<std::string> splitList(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::stringstream in(s);
    for (std::string item; std::getline(in, item, sep);) {
        if (!item.empty()) out.push_back(item);
    }
    return out;
}

const std::string kCaseSelect =
    "SELECT c.welfare_case_id, c.officer_id, c.station_id, o.service_number, "
    "CONCAT(o.surname, ', ', o.other_names) AS officer_name, st.name AS station_name, c.opened_on, "
    "c.consent_reference, c.status, c.closed_on, c.outcome, c.purged_at IS NOT NULL AS purged, c.version, "
    "(SELECT GROUP_CONCAT(u.display_name ORDER BY u.display_name SEPARATOR '\\n') FROM welfare_case_counsellors a2 "
    " JOIN users u ON u.user_id = a2.user_id WHERE a2.welfare_case_id = c.welfare_case_id) AS counsellors, "
    "(SELECT COUNT(*) FROM welfare_sessions s WHERE s.welfare_case_id = c.welfare_case_id) AS session_count, "
    "(SELECT MAX(s.held_at) FROM welfare_sessions s WHERE s.welfare_case_id = c.welfare_case_id) AS last_session, "
    "(SELECT MIN(s.follow_up_on) FROM welfare_sessions s WHERE s.welfare_case_id = c.welfare_case_id "
    " AND s.held_at = (SELECT MAX(s2.held_at) FROM welfare_sessions s2 WHERE s2.welfare_case_id = c.welfare_case_id)) "
    " AS next_follow_up, "
    "(SELECT s.risk_level FROM welfare_sessions s WHERE s.welfare_case_id = c.welfare_case_id "
    " ORDER BY s.held_at DESC, s.welfare_session_id DESC LIMIT 1) AS latest_risk, ";

CaseRecord readCase(const domain::Actor& actor, sql::ResultSet& rs) {
    CaseRecord r;
    r.id = rs.getInt64("welfare_case_id");
    r.officer.id = rs.getInt64("officer_id");
    r.officer.stationId = rs.getInt64("station_id");
    r.officer.serviceNumber = rs.getString("service_number");
    r.officer.name = rs.getString("officer_name");
    r.officer.stationName = rs.getString("station_name");
    r.openedOn = rs.getString("opened_on");
    r.consentReference = rs.getString("consent_reference");
    r.status = rs.getString("status");
    r.closedOn = getStringOr(rs, "closed_on", "");
    r.outcome = getStringOr(rs, "outcome", "");
    r.purged = rs.getBoolean("purged");
    r.version = rs.getInt("version");
    r.counsellors = splitList(getStringOr(rs, "counsellors", ""), '\n');
    r.sessions = rs.getInt("session_count");
    r.lastSession = getStringOr(rs, "last_session", "");
    r.nextFollowUp = getStringOr(rs, "next_follow_up", "");
    r.highestRisk = getStringOr(rs, "latest_risk", "");
    r.access = accessOf(actor, rs);
    return r;
}

const std::string kCaseFrom =
    " FROM welfare_cases c JOIN officers o ON o.officer_id = c.officer_id "
    "JOIN org_units st ON st.org_unit_id = c.station_id ";

// The case's data key, when the actor reaches the case (read in the caller's transaction
// when given). NoteUnreadable when it cannot be unwrapped.
std::string dataKeyOf(Connection& c, const crypto::KeyRing& keys, std::int64_t caseId) {
    auto& st = c.prepare("SELECT data_key_wrapped FROM welfare_cases WHERE welfare_case_id = ?");
    st.setInt64(1, caseId);
    std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
    if (!rs->next() || rs->isNull(1)) throw NoteUnreadable("the case's key has been destroyed");
    auto key = crypto::unwrapCaseKey(keys, rs->getString(1), caseId);
    if (!key) throw NoteUnreadable("the case's key does not open with this server's master key");
    return *key;
}

}  // namespace

std::optional<WelfareOfficer> WelfareStore::officerByServiceNumber(const domain::Actor& actor,
                                                                    const std::string& serviceNumber) {
    return _db.run([&](Connection& c) -> std::optional<WelfareOfficer> {
        auto& st = c.prepare(
            "SELECT o.officer_id, o.station_id, o.service_number, CONCAT(o.surname, ', ', o.other_names), st.name "
            "FROM officers o JOIN org_units st ON st.org_unit_id = o.station_id AND st.path LIKE CONCAT(?, '%') "
            "WHERE o.service_number = ?");
        st.setString(1, scopePattern(actor.scopePath));
        st.setString(2, serviceNumber);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (!rs->next()) return std::nullopt;
        return WelfareOfficer{rs->getInt64(1), rs->getInt64(2), rs->getString(3), rs->getString(4), rs->getString(5)};
    });
}

std::int64_t WelfareStore::openCase(Connection& c, const domain::Actor& actor, const WelfareOfficer& officer,
                                    const std::string& consentReference, const std::string& today) {
    auto& st = c.prepare(
        "INSERT INTO welfare_cases (officer_id, station_id, opened_by, opened_on, consent_reference, master_key_id) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    st.setInt64(1, officer.id);
    st.setInt64(2, officer.stationId);
    st.setInt64(3, actor.userId);
    st.setString(4, today);
    st.setString(5, consentReference);
    st.setString(6, crypto::masterKeyId(_keys));
    st.executeUpdate();
    const std::int64_t id = c.lastInsertId();
    auto& key = c.prepare("UPDATE welfare_cases SET data_key_wrapped = ? WHERE welfare_case_id = ?");
    key.setString(1, crypto::wrapCaseKey(_keys, crypto::newCaseKey(), id));
    key.setInt64(2, id);
    key.executeUpdate();
    auto& assign = c.prepare(
        "INSERT INTO welfare_case_counsellors (welfare_case_id, user_id, assigned_on, assigned_by) VALUES (?, ?, ?, ?)");
    assign.setInt64(1, id);
    assign.setInt64(2, actor.userId);
    assign.setString(3, today);
    assign.setInt64(4, actor.userId);
    assign.executeUpdate();
    return id;
}

std::vector<CaseRecord> WelfareStore::cases(const domain::Actor& actor, const std::string& nowUtc) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare(kCaseSelect + relationColumns() + kCaseFrom + "WHERE " + reachCondition() +
                             " ORDER BY c.status = 'closed', last_session IS NULL, last_session DESC, c.welfare_case_id");
        bindReach(st, bindReach(st, 1, actor, nowUtc), actor, nowUtc);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<CaseRecord> out;
        while (rs->next()) {
            auto r = readCase(actor, *rs);
            if (r.access != domain::CaseAccess::None) out.push_back(std::move(r));
        }
        return out;
    });
}

std::optional<CaseRecord> WelfareStore::findCase(const domain::Actor& actor, std::int64_t caseId,
                                                 const std::string& nowUtc) {
    return _db.run([&](Connection& c) -> std::optional<CaseRecord> {
        auto& st = c.prepare(kCaseSelect + relationColumns() + kCaseFrom + "WHERE c.welfare_case_id = ? AND " +
                             reachCondition());
        const int next = bindReach(st, 1, actor, nowUtc);
        st.setInt64(next, caseId);
        bindReach(st, next + 1, actor, nowUtc);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (!rs->next()) return std::nullopt;
        auto r = readCase(actor, *rs);
        if (r.access == domain::CaseAccess::None) return std::nullopt;
        return r;
    });
}

namespace {

const std::string kSessionSelect =
    "SELECT s.welfare_session_id, s.welfare_case_id, s.held_at, s.duration_minutes, s.session_type, "
    "s.referral_source, s.concerns, s.risk_level, s.follow_up_on, s.referral_out_to, s.referral_out_reason, "
    "s.note_sealed IS NOT NULL AS has_note, u.display_name AS recorded_by, ";

WelfareSessionRecord readSession(sql::ResultSet& rs) {
    WelfareSessionRecord r;
    r.id = rs.getInt64("welfare_session_id");
    r.caseId = rs.getInt64("welfare_case_id");
    r.heldAt = rs.getString("held_at");
    r.durationMinutes = rs.getInt("duration_minutes");
    r.sessionType = rs.getString("session_type");
    r.referralSource = rs.getString("referral_source");
    r.concerns = splitList(rs.getString("concerns"), ',');
    r.riskLevel = rs.getString("risk_level");
    r.followUpOn = getStringOr(rs, "follow_up_on", "");
    r.referralOutTo = rs.getString("referral_out_to");
    r.referralOutReason = rs.getString("referral_out_reason");
    r.hasNote = rs.getBoolean("has_note");
    r.recordedBy = rs.getString("recorded_by");
    return r;
}

const std::string kSessionFrom =
    " FROM welfare_sessions s JOIN welfare_cases c ON c.welfare_case_id = s.welfare_case_id "
    "JOIN users u ON u.user_id = s.recorded_by ";

}  // namespace

std::vector<WelfareSessionRecord> WelfareStore::sessions(const domain::Actor& actor, std::int64_t caseId,
                                                  const std::string& nowUtc) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare(kSessionSelect + relationColumns() + kSessionFrom + "WHERE s.welfare_case_id = ? AND " +
                             reachCondition() + " ORDER BY s.held_at DESC, s.welfare_session_id DESC");
        const int next = bindReach(st, 1, actor, nowUtc);
        st.setInt64(next, caseId);
        bindReach(st, next + 1, actor, nowUtc);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<WelfareSessionRecord> out;
        while (rs->next()) {
            if (accessOf(actor, *rs) != domain::CaseAccess::None) out.push_back(readSession(*rs));
        }
        return out;
    });
}

std::optional<WelfareSessionRecord> WelfareStore::session(const domain::Actor& actor, std::int64_t sessionId,
                                                   const std::string& nowUtc) {
    return _db.run([&](Connection& c) -> std::optional<WelfareSessionRecord> {
        auto& st = c.prepare(kSessionSelect + relationColumns() + ", s.note_sealed, c.purged_at IS NOT NULL AS purged" +
                             kSessionFrom +
                             "WHERE s.welfare_session_id = ? AND " + reachCondition());
        const int next = bindReach(st, 1, actor, nowUtc);
        st.setInt64(next, sessionId);
        bindReach(st, next + 1, actor, nowUtc);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        if (!rs->next() || accessOf(actor, *rs) == domain::CaseAccess::None) return std::nullopt;
        auto r = readSession(*rs);
        if (rs->getBoolean("purged")) throw NoteUnreadable("the case's key and notes were destroyed after the retention period");
        if (r.hasNote) {
            const std::string sealed = rs->getString("note_sealed");
            const std::string key = dataKeyOf(c, _keys, r.caseId);
            auto note = crypto::openNote(key, sealed, r.id);
            if (!note) throw NoteUnreadable("the note does not open: it is not this session's, or it was altered");
            r.note = std::move(*note);
        }
        return r;
    });
}

std::int64_t WelfareStore::addSession(Connection& c, const domain::Actor& actor, std::int64_t caseId,
                                      const domain::SessionInput& in, const std::string& heldAt,
                                      const std::string& followUpOn, const std::string& nowUtc) {
    auto& check = c.prepare(std::string("SELECT c.welfare_case_id FROM welfare_cases c WHERE c.welfare_case_id = ? "
                                        "AND c.status = 'open' AND ") +
                            reachCondition() + " FOR UPDATE");
    check.setInt64(1, caseId);
    bindReach(check, 2, actor, nowUtc);
    {
        std::unique_ptr<sql::ResultSet> rs(check.executeQuery());
        if (!rs->next()) throw domain::NotFound("case");
    }
    std::string concerns;
    for (const auto& x : in.concerns) concerns += (concerns.empty() ? "" : ",") + x;
    auto& st = c.prepare(
        "INSERT INTO welfare_sessions (welfare_case_id, held_at, duration_minutes, session_type, referral_source, "
        "concerns, risk_level, follow_up_on, referral_out_to, referral_out_reason, recorded_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?)");
    st.setInt64(1, caseId);
    st.setString(2, heldAt);
    st.setInt(3, std::stoi(in.durationMinutes));
    st.setString(4, in.sessionType);
    st.setString(5, in.referralSource);
    st.setString(6, concerns);
    st.setString(7, in.riskLevel);
    st.setString(8, followUpOn);
    st.setString(9, in.referralOutTo);
    st.setString(10, in.referralOutReason);
    st.setInt64(11, actor.userId);
    st.executeUpdate();
    const std::int64_t id = c.lastInsertId();
    if (!in.note.empty()) {
        const std::string key = dataKeyOf(c, _keys, caseId);
        auto& note = c.prepare(
            "UPDATE welfare_sessions SET note_sealed = ?, note_key_version = ? WHERE welfare_session_id = ?");
        note.setString(1, crypto::sealNote(key, in.note, id));
        note.setInt(2, crypto::kCaseKeyVersion);
        note.setInt64(3, id);
        note.executeUpdate();
    }
    return id;
}

void WelfareStore::closeCase(Connection& c, const domain::Actor& actor, std::int64_t caseId,
                             const std::string& outcome, const std::string& today, const std::string& nowUtc) {
    (void)nowUtc;
    auto& st = c.prepare(std::string("UPDATE welfare_cases c SET c.status = 'closed', c.closed_on = ?, c.outcome = ?, "
                                     "c.version = c.version + 1 WHERE c.welfare_case_id = ? AND c.status = 'open' AND ") +
                         kAssigned);
    st.setString(1, today);
    st.setString(2, outcome);
    st.setInt64(3, caseId);
    st.setInt64(4, domain::isCounsellingRole(actor.role) ? actor.userId : 0);
    if (st.executeUpdate() != 1) throw domain::NotFound("case");
}

std::vector<std::pair<std::int64_t, std::string>> WelfareStore::supervisedCounsellors(const domain::Actor& actor) {
    if (actor.role != domain::Role::ClinicalSupervisor) return {};
    return _db.run([&](Connection& c) {
        auto& st = c.prepare(
            "SELECT u.user_id, u.display_name FROM welfare_supervision sv JOIN users u ON u.user_id = sv.counsellor_id "
            "WHERE sv.supervisor_id = ? AND u.role = 'counsellor' AND u.disabled_at IS NULL ORDER BY u.display_name");
        st.setInt64(1, actor.userId);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<std::pair<std::int64_t, std::string>> out;
        while (rs->next()) out.emplace_back(rs->getInt64(1), rs->getString(2));
        return out;
    });
}

void WelfareStore::assignCounsellor(Connection& c, const domain::Actor& actor, std::int64_t caseId,
                                    std::int64_t counsellorId, bool replace, const std::string& today) {
    if (actor.role != domain::Role::ClinicalSupervisor) throw domain::NotFound("case");
    auto& reach = c.prepare(std::string("SELECT c.welfare_case_id FROM welfare_cases c WHERE c.welfare_case_id = ? "
                                        "AND c.status = 'open' AND ") + kSupervising + " FOR UPDATE");
    reach.setInt64(1, caseId);
    reach.setInt64(2, actor.userId);
    {
        std::unique_ptr<sql::ResultSet> rs(reach.executeQuery());
        if (!rs->next()) throw domain::NotFound("case");
    }
    auto& who = c.prepare(
        "SELECT 1 FROM welfare_supervision sv JOIN users u ON u.user_id = sv.counsellor_id WHERE sv.supervisor_id = ? "
        "AND sv.counsellor_id = ? AND u.role = 'counsellor' AND u.disabled_at IS NULL");
    who.setInt64(1, actor.userId);
    who.setInt64(2, counsellorId);
    {
        std::unique_ptr<sql::ResultSet> rs(who.executeQuery());
        if (!rs->next()) throw domain::ValidationError("counsellor_id", "Choose one of the counsellors you supervise.");
    }
    if (replace) {
        auto& drop = c.prepare("DELETE FROM welfare_case_counsellors WHERE welfare_case_id = ? AND user_id <> ?");
        drop.setInt64(1, caseId);
        drop.setInt64(2, counsellorId);
        drop.executeUpdate();
    }
    auto& add = c.prepare(
        "INSERT IGNORE INTO welfare_case_counsellors (welfare_case_id, user_id, assigned_on, assigned_by) VALUES (?, ?, ?, ?)");
    add.setInt64(1, caseId);
    add.setInt64(2, counsellorId);
    add.setString(3, today);
    add.setInt64(4, actor.userId);
    add.executeUpdate();
}

std::int64_t WelfareStore::grantBreakGlass(Connection& c, const domain::Actor& actor, std::int64_t caseId,
                                           const std::string& reason, const std::string& nowUtc,
                                           const std::string& expiresUtc) {
    if (actor.role != domain::Role::ClinicalSupervisor) throw domain::NotFound("case");
    auto& st = c.prepare(
        "INSERT INTO welfare_break_glass (welfare_case_id, user_id, reason, granted_at, expires_at) "
        "SELECT welfare_case_id, ?, ?, ?, ? FROM welfare_cases WHERE welfare_case_id = ? AND purged_at IS NULL");
    st.setInt64(1, actor.userId);
    st.setString(2, reason);
    st.setString(3, nowUtc);
    st.setString(4, expiresUtc);
    st.setInt64(5, caseId);
    if (st.executeUpdate() != 1) throw domain::NotFound("case");
    return c.lastInsertId();
}

namespace {

const std::string kGrantSelect =
    "SELECT g.welfare_break_glass_id, g.welfare_case_id, u.display_name, g.reason, g.granted_at, g.expires_at, "
    "COALESCE(r.display_name, '') AS reviewer, COALESCE(g.reviewed_at, '') AS reviewed_at, g.review_note "
    "FROM welfare_break_glass g JOIN users u ON u.user_id = g.user_id LEFT JOIN users r ON r.user_id = g.reviewed_by ";

BreakGlassRecord readGrant(sql::ResultSet& rs) {
    return {rs.getInt64(1), rs.getInt64(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)};
}

}  // namespace

std::vector<BreakGlassRecord> WelfareStore::breakGlassOf(const domain::Actor& actor, std::int64_t caseId,
                                                         const std::string& nowUtc) {
    return _db.run([&](Connection& c) {
        auto& st = c.prepare(kGrantSelect + "JOIN welfare_cases c ON c.welfare_case_id = g.welfare_case_id "
                                            "WHERE g.welfare_case_id = ? AND " + reachCondition() +
                             " ORDER BY g.granted_at DESC, g.welfare_break_glass_id DESC");
        st.setInt64(1, caseId);
        bindReach(st, 2, actor, nowUtc);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<BreakGlassRecord> out;
        while (rs->next()) out.push_back(readGrant(*rs));
        return out;
    });
}

std::vector<BreakGlassRecord> WelfareStore::pendingReviews(const domain::Actor& actor) {
    if (actor.role != domain::Role::ClinicalSupervisor) return {};
    return _db.run([&](Connection& c) {
        auto& st = c.prepare(kGrantSelect + "WHERE g.reviewed_at IS NULL AND g.user_id <> ? "
                                            "ORDER BY g.granted_at, g.welfare_break_glass_id");
        st.setInt64(1, actor.userId);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        std::vector<BreakGlassRecord> out;
        while (rs->next()) out.push_back(readGrant(*rs));
        return out;
    });
}

void WelfareStore::review(Connection& c, const domain::Actor& actor, std::int64_t id, const std::string& note,
                          const std::string& nowUtc) {
    if (actor.role != domain::Role::ClinicalSupervisor) throw domain::NotFound("break-glass grant");
    auto& st = c.prepare(
        "UPDATE welfare_break_glass SET reviewed_by = ?, reviewed_at = ?, review_note = ? "
        "WHERE welfare_break_glass_id = ? AND reviewed_at IS NULL AND user_id <> ?");
    st.setInt64(1, actor.userId);
    st.setString(2, nowUtc);
    st.setString(3, note);
    st.setInt64(4, id);
    st.setInt64(5, actor.userId);
    if (st.executeUpdate() != 1) throw domain::NotFound("break-glass grant");
}

}  // namespace kituo::store
