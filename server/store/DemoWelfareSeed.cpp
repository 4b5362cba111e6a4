// Demo counselling data; see DemoWelfareSeed.h.
#include "store/DemoWelfareSeed.h"

#include "domain/Officer.h"
#include "domain/Time.h"
#include "store/Connection.h"
#include "store/WelfareStore.h"

#include <memory>

namespace kituo::store {
namespace {

struct DemoSession {
    int daysAgo;
    const char* type;
    const char* referral;
    const char* concerns;
    const char* risk;
    int followUpInDays;  // from today; -1000: none
    int note;            // index into demoNotes(), -1: none
};

struct DemoCase {
    const char* counsellor;
    int officerIndex;  // the n-th Kilimani officer by id
    std::vector<DemoSession> sessions;
    const char* outcome;  // closed with this outcome, or "" (open)
};

const std::vector<DemoCase>& demoCases() {
    static const std::vector<DemoCase> cases = {
        {"counsellor", 2, {{40, "individual", "self", "stress", "low", -1000, 0}, {12, "individual", "self", "stress,family", "low", 3, 1}}, ""},
        {"counsellor", 5, {{20, "debrief", "critical_incident", "trauma", "moderate", -1000, 2}, {6, "individual", "critical_incident", "trauma", "high", -2, 3}}, ""},
        {"counsellor", 9, {{9, "individual", "commander", "substance", "high", -1000, 4}}, ""},
        {"counsellor", 14, {{70, "family", "peer", "family,financial", "none", -1000, 5}, {45, "family", "peer", "family", "none", -1000, -1}}, "goals_met"},
        {"counsellor", 21, {{3, "individual", "medical", "grief", "moderate", 5, 6}}, ""},
        {"counsellor2", 7, {{15, "individual", "self", "stress", "low", 14, 7}}, ""},
        {"counsellor2", 11, {{30, "group", "critical_incident", "trauma,stress", "moderate", -3, 8}}, ""},
        {"counsellor2", 17, {{2, "individual", "peer", "suicidal", "imminent", 1, 9}}, ""},
    };
    return cases;
}

std::int64_t userId(Connection& c, const std::string& username) {
    auto& st = c.prepare("SELECT user_id FROM users WHERE username = ?");
    st.setString(1, username);
    std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
    return rs->next() ? rs->getInt64(1) : 0;
}

}  // namespace

const std::vector<std::string>& demoNotes() {
    static const std::vector<std::string> notes = {
        "Demo note (invented): describes long night shifts at the report office and poor sleep; agreed a sleep diary.",
        "Demo note (invented): sleep diary shows improvement; worries about school fees raised; discussed budgeting help.",
        "Demo note (invented): debrief after the market fire; intrusive images reported; normalised early reactions.",
        "Demo note (invented): nightmares persist two weeks on; avoids the market beat; plan to review with supervisor.",
        "Demo note (invented): commander referral after lateness; disclosed drinking after shifts; motivational interview begun.",
        "Demo note (invented): couple session; conflict over transfer to a far station; both agreed to weekly check-ins.",
        "Demo note (invented): recent death of a parent; missed duty twice; compassionate leave discussed with consent.",
        "Demo note (invented): workload at the traffic desk; breathing exercises practised; officer to return in two weeks.",
        "Demo note (invented): group debrief after the road accident response; two members asked for individual follow-up.",
        "Demo note (invented): expressed thoughts of ending life; safety plan made together; firearm stored at the armoury by agreement.",
    };
    return notes;
}

WelfareSeedResult seedWelfare(Db& db, const crypto::KeyRing& keys, const std::string& today) {
    WelfareSeedResult result;
    const bool empty = db.run([&](Connection& c) {
        std::unique_ptr<sql::ResultSet> rs(c.prepare("SELECT COUNT(*) FROM welfare_cases").executeQuery());
        return rs->next() && rs->getInt64(1) == 0;
    });
    if (!empty) return result;
    db.transaction([&](Connection& c) {
        const auto supervisor = userId(c, "supervisor");
        std::vector<std::int64_t> officers;
        {
            std::unique_ptr<sql::ResultSet> rs(c.prepare(
                "SELECT o.officer_id FROM officers o JOIN org_units s ON s.org_unit_id = o.station_id "
                "WHERE s.code = 'KLM' AND o.status = 'active' ORDER BY o.officer_id").executeQuery());
            while (rs->next()) officers.push_back(rs->getInt64(1));
        }
        if (!supervisor || officers.size() < 22) return;
        WelfareStore store(db, keys);
        for (const char* name : {"counsellor", "counsellor2"}) {
            auto& st = c.prepare("INSERT IGNORE INTO welfare_supervision (supervisor_id, counsellor_id) VALUES (?, ?)");
            st.setInt64(1, supervisor);
            st.setInt64(2, userId(c, name));
            st.executeUpdate();
        }
        for (const auto& dc : demoCases()) {
            domain::Actor actor;
            actor.userId = userId(c, dc.counsellor);
            actor.role = domain::Role::Counsellor;
            if (!actor.userId) continue;
            WelfareOfficer officer;
            officer.id = officers[static_cast<std::size_t>(dc.officerIndex)];
            {
                auto& st = c.prepare("SELECT station_id FROM officers WHERE officer_id = ?");
                st.setInt64(1, officer.id);
                std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
                rs->next();
                officer.stationId = rs->getInt64(1);
            }
            const int firstDaysAgo = dc.sessions.front().daysAgo;
            const auto caseId = store.openCase(c, actor, officer, "Consent form WF-" + std::to_string(100 + dc.officerIndex),
                                               domain::addDays(today, -firstDaysAgo));
            ++result.cases;
            for (const auto& s : dc.sessions) {
                domain::SessionInput in;
                in.durationMinutes = "50";
                in.sessionType = s.type;
                in.referralSource = s.referral;
                for (std::string rest = s.concerns; !rest.empty();) {
                    const auto comma = rest.find(',');
                    in.concerns.push_back(rest.substr(0, comma));
                    rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
                }
                in.riskLevel = s.risk;
                if (s.note >= 0) in.note = demoNotes()[static_cast<std::size_t>(s.note)];
                const std::string held = domain::addDays(today, -s.daysAgo) + " 07:00:00";  // 10:00 in Nairobi
                const std::string follow = s.followUpInDays == -1000 ? std::string() : domain::addDays(today, s.followUpInDays);
                store.addSession(c, actor, caseId, in, held, follow, held);
                ++result.sessions;
            }
            if (*dc.outcome) store.closeCase(c, actor, caseId, dc.outcome, domain::addDays(today, -30), "");
        }
    });
    return result;
}

}  // namespace kituo::store
