// Counselling rules; see Welfare.h.
#include "domain/Welfare.h"

#include "domain/Time.h"
#include "domain/Utf8.h"

#include <algorithm>
#include <set>

namespace kituo::domain {
namespace {

bool isChoice(const std::vector<Choice>& choices, const std::string& key) {
    return std::any_of(choices.begin(), choices.end(), [&](const Choice& c) { return c.first == key; });
}

bool isClockTime(const std::string& t) {
    if (t.size() != 5 || t[2] != ':') return false;
    for (std::size_t i : {0u, 1u, 3u, 4u}) {
        if (t[i] < '0' || t[i] > '9') return false;
    }
    return std::stoi(t.substr(0, 2)) < 24 && std::stoi(t.substr(3, 2)) < 60;
}

std::string trimmed(const std::string& s) {
    const auto a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return "";
    return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

}  // namespace

const std::vector<Choice>& sessionTypes() {
    static const std::vector<Choice> c = {{"individual", "Individual"}, {"group", "Group"}, {"family", "Family"},
                                          {"debrief", "Critical-incident debrief"}};
    return c;
}

const std::vector<Choice>& referralSources() {
    static const std::vector<Choice> c = {{"self", "Self"}, {"commander", "Commander"}, {"peer", "Peer"},
                                          {"critical_incident", "After a critical incident"}, {"medical", "Medical"}};
    return c;
}

const std::vector<Choice>& concernCategories() {
    static const std::vector<Choice> c = {{"trauma", "Trauma"}, {"stress", "Stress or burnout"},
                                          {"substance", "Substance use"}, {"family", "Family or relationship"},
                                          {"financial", "Financial"}, {"grief", "Grief"},
                                          {"suicidal", "Suicidal ideation"}, {"other", "Other"}};
    return c;
}

const std::vector<Choice>& riskLevels() {
    static const std::vector<Choice> c = {{"none", "None"}, {"low", "Low"}, {"moderate", "Moderate"},
                                          {"high", "High"}, {"imminent", "Imminent"}};
    return c;
}

const std::vector<Choice>& caseOutcomes() {
    static const std::vector<Choice> c = {{"goals_met", "Goals met"}, {"referred_out", "Referred out"},
                                          {"declined", "Officer declined further sessions"},
                                          {"left_service", "Officer left the service"}, {"other", "Other"}};
    return c;
}

FieldErrors caseFieldErrors(const CaseInput& in) {
    FieldErrors e;
    if (trimmed(in.serviceNumber).empty()) e["service_number"] = "Enter the officer's service number.";
    if (!in.consent) e["consent"] = "A case is opened only with the officer's consent: confirm it was given.";
    const std::string ref = trimmed(in.consentReference);
    if (ref.empty()) {
        e["consent_reference"] = "Say where the consent is recorded (the form number, or who witnessed it).";
    } else if (ref.size() > 120) {
        e["consent_reference"] = "Keep it to 120 characters.";
    }
    return e;
}

FieldErrors sessionFieldErrors(const SessionInput& in, const std::string& today) {
    FieldErrors e;
    const auto held = parseDateInput(in.heldOn);
    if (!held) {
        e["held_on"] = "Enter the date of the session, for example 17/04/2026.";
    } else if (*held > today) {
        e["held_on"] = "A session is recorded after it took place: the date cannot be in the future.";
    }
    if (!isClockTime(in.heldTime)) e["held_time"] = "Enter the time as hours and minutes, for example 14:30.";
    const std::string& d = in.durationMinutes;
    const bool digits = !d.empty() && d.size() <= 3 && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::stoi(d) < 5 || std::stoi(d) > 600) e["duration_minutes"] = "Enter the length in minutes, from 5 to 600.";
    if (!isChoice(sessionTypes(), in.sessionType)) e["session_type"] = "Choose the type of session.";
    if (!isChoice(referralSources(), in.referralSource)) e["referral_source"] = "Choose who referred the officer.";
    if (in.concerns.empty()) {
        e["concerns"] = "Choose at least one concern.";
    } else {
        for (const auto& c : in.concerns) {
            if (!isChoice(concernCategories(), c)) e["concerns"] = "Choose concerns from the list.";
        }
    }
    if (!isChoice(riskLevels(), in.riskLevel)) e["risk_level"] = "Choose the risk level.";
    if (!trimmed(in.followUpOn).empty()) {
        const auto follow = parseDateInput(in.followUpOn);
        if (!follow) {
            e["follow_up_on"] = "Enter the follow-up date, for example 24/04/2026, or leave it empty.";
        } else if (held && *follow < *held) {
            e["follow_up_on"] = "The follow-up cannot be before the session.";
        }
    }
    if (trimmed(in.referralOutTo).size() > 160) e["referral_out_to"] = "Keep it to 160 characters.";
    if (!trimmed(in.referralOutTo).empty() && trimmed(in.referralOutReason).empty()) {
        e["referral_out_reason"] = "Say why the officer is referred out.";
    }
    if (trimmed(in.referralOutReason).size() > 400) e["referral_out_reason"] = "Keep it to 400 characters.";
    if (in.note.size() > kMaxNoteBytes) e["note"] = "Keep the note to 20,000 characters.";
    if (!isValidUtf8(in.note)) e["note"] = "The note has characters that cannot be read; type it again.";
    return e;
}

FieldErrors closeFieldErrors(const std::string& outcome) {
    FieldErrors e;
    if (!isChoice(caseOutcomes(), outcome)) e["outcome"] = "Choose the outcome.";
    return e;
}

std::optional<std::string> breakGlassReasonProblem(const std::string& reason) {
    const std::string r = trimmed(reason);
    if (r.size() < 20) return "Write why you must open this case now (at least 20 characters): it is shown to its counsellors.";
    if (r.size() > 1000) return "Keep the reason to 1,000 characters.";
    return std::nullopt;
}

CaseAccess caseAccess(Role role, const CaseRelation& relation) {
    if (!isCounsellingRole(role)) return CaseAccess::None;
    if (relation.assigned) return CaseAccess::Assigned;
    if (role != Role::ClinicalSupervisor) return CaseAccess::None;
    if (relation.supervisesCounsellor) return CaseAccess::Supervising;
    if (relation.liveBreakGlass) return CaseAccess::BreakGlass;
    return CaseAccess::None;
}

std::string retentionCutoff(const std::string& today, int retentionDays) { return addDays(today, -retentionDays); }

bool pastRetention(const std::string& status, const std::string& closedOn, int retentionDays, const std::string& today) {
    return status == "closed" && isIsoDate(closedOn) && closedOn <= retentionCutoff(today, retentionDays);
}

}  // namespace kituo::domain
