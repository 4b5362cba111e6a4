// Bulk enrolment, prerequisites, reminders and summaries; see TrainingActions.h.
#include "domain/TrainingActions.h"

#include "domain/Officer.h"
#include "domain/PasswordRules.h"
#include "domain/Time.h"

#include <algorithm>
#include <tuple>

namespace kituo::domain {
namespace {

// The date a cell must act by: the end of a qualification held, else the due date.
std::optional<std::string> deadline(const ModuleCompliance& c) {
    if (c.state == ComplianceState::NotRequired) return std::nullopt;
    if (c.validUntil) return c.validUntil;
    return c.dueBy;
}

bool holdsValid(const ModuleCompliance& c) {
    return c.state == ComplianceState::Compliant || (c.state == ComplianceState::DueSoon && c.lastCompleted);
}

}  // namespace

std::vector<std::int64_t> bulkEnrolmentCandidates(const std::vector<ComplianceCell>& cells,
                                                  const std::set<std::int64_t>& alreadyEnrolled,
                                                  const std::string& today, int withinDays) {
    std::vector<std::pair<std::string, std::int64_t>> picked;
    const std::string horizon = addDays(today, withinDays);
    for (const auto& cell : cells) {
        const auto& c = cell.compliance;
        if (alreadyEnrolled.count(cell.officerId)) continue;
        const auto by = deadline(c);
        const bool late = c.state == ComplianceState::Overdue || c.state == ComplianceState::Expired;
        const bool soon = c.state == ComplianceState::DueSoon && by && *by <= horizon;
        if (late || soon) picked.emplace_back(by.value_or(""), cell.officerId);
    }
    std::sort(picked.begin(), picked.end());
    std::vector<std::int64_t> out;
    for (const auto& p : picked) out.push_back(p.second);
    return out;
}

std::vector<std::int64_t> missingPrerequisites(const std::vector<std::int64_t>& prerequisites,
                                               const std::vector<Completion>& completions) {
    std::vector<std::int64_t> missing;
    for (auto id : prerequisites) {
        const bool met = std::any_of(completions.begin(), completions.end(),
                                     [&](const Completion& c) { return c.moduleId == id && c.passed; });
        if (!met) missing.push_back(id);
    }
    return missing;
}

const std::vector<int>& reminderThresholds() {
    static const std::vector<int> t = {90, 60, 30, 7, 0};
    return t;
}

std::vector<ReminderKey> remindersDue(const std::vector<ComplianceCell>& cells, const std::set<ReminderKey>& sent,
                                      const std::string& today) {
    std::vector<ReminderKey> out;
    for (const auto& cell : cells) {
        const auto by = deadline(cell.compliance);
        if (!by) continue;
        // Overdue means the deadline has passed: the day after validUntil, or after dueBy.
        const long left = daysBetween(today, *by);
        int reached = -1;
        if (left < 0) {
            reached = 0;
        } else {
            for (int t : reminderThresholds()) {
                if (t > 0 && left <= t) reached = t;  // thresholds descend: the last hit is the nearest
            }
        }
        if (reached < 0) continue;
        ReminderKey key{cell.officerId, cell.compliance.moduleId, reached, *by};
        if (!sent.count(key)) out.push_back(key);
    }
    std::sort(out.begin(), out.end());
    return out;
}

ModuleSummary summarize(std::int64_t moduleId, const std::vector<ComplianceCell>& cells) {
    ModuleSummary s;
    s.moduleId = moduleId;
    int valid = 0;
    for (const auto& cell : cells) {
        const auto& c = cell.compliance;
        if (c.moduleId != moduleId || c.state == ComplianceState::NotRequired) continue;
        ++s.required;
        ++s.byState[c.state];
        if (holdsValid(c)) ++valid;
    }
    if (s.required > 0) s.percentCompliant = valid * 100 / s.required;
    return s;
}

void ComplianceTally::add(const ComplianceTally& o) {
    officers += o.officers;
    required += o.required;
    valid += o.valid;
    overdue += o.overdue;
    expired += o.expired;
}

ComplianceTally tallyCompliance(const std::vector<std::vector<ModuleCompliance>>& cells) {
    ComplianceTally t;
    t.officers = static_cast<int>(cells.size());
    for (const auto& row : cells) {
        for (const auto& c : row) {
            if (c.state == ComplianceState::NotRequired) continue;
            ++t.required;
            if (holdsValid(c)) ++t.valid;
            if (c.state == ComplianceState::Overdue) ++t.overdue;
            if (c.state == ComplianceState::Expired) ++t.expired;
        }
    }
    return t;
}

std::optional<std::string> scoreProblem(const std::string& score, bool passed, int passMark) {
    if (score.empty()) return std::nullopt;
    const bool digits = score.size() <= 3 && std::all_of(score.begin(), score.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::stoi(score) > 100) return "Enter the score as a whole number from 0 to 100, or leave it empty.";
    if (passed && std::stoi(score) < passMark) {
        return "A score below the pass mark (" + std::to_string(passMark) + ") is not a pass.";
    }
    if (!passed && std::stoi(score) >= passMark) {
        return "A score at or above the pass mark (" + std::to_string(passMark) + ") is a pass.";
    }
    return std::nullopt;
}

std::optional<std::string> resultProblem(const std::string& outcome, const std::string& score, int passMark) {
    if (outcome != "pass" && outcome != "fail" && outcome != "absent") return "Choose passed, failed or absent.";
    if (outcome == "absent") {
        if (!score.empty()) return "An absent officer has no score: clear it.";
        return std::nullopt;
    }
    return scoreProblem(score, outcome == "pass", passMark);
}

FieldErrors completionEntryErrors(const CompletionEntry& in, std::optional<int> passMark, const std::string& today) {
    FieldErrors e;
    if (!passMark) e["module_id"] = "Choose the module from the catalogue.";
    if (!isIsoDate(in.completedOn) || in.completedOn > today) {
        e["completed_on"] = "Enter the date the course ended, like 14/11/2026, not in the future.";
    }
    if (passMark) {
        if (auto problem = scoreProblem(in.score, in.passed, *passMark)) e["score"] = *problem;
    }
    const auto& ev = in.evidence;
    if (ev.find_first_not_of(" \t") == std::string::npos) {
        e["evidence_reference"] = "Enter the evidence: the class register or the partner's letter reference.";
    } else if (codePointCount(ev) > 200 || std::any_of(ev.begin(), ev.end(), [](char c) {
                   return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
               })) {
        e["evidence_reference"] = "Write the evidence reference on one line, at most 200 characters.";
    }
    if (in.officerIds.empty()) e["officer_id"] = "Choose the officers who attended.";
    return e;
}

FieldErrors offeringFieldErrors(const OfferingInput& in, bool moduleExists, bool hostWithinScope) {
    FieldErrors e;
    if (!moduleExists) e["module_id"] = "Choose the module from the catalogue.";
    if (!hostWithinScope) e["host_id"] = "Choose the station or county running it, within your scope.";
    if (!isIsoDate(in.startsOn)) e["starts_on"] = "Enter the first day, like 02/02/2027.";
    if (!isIsoDate(in.endsOn)) e["ends_on"] = "Enter the last day, like 06/02/2027.";
    else if (isIsoDate(in.startsOn) && in.endsOn < in.startsOn) e["ends_on"] = "The last day cannot come before the first.";
    for (const auto& [field, value, label] : {std::tuple{"venue", &in.venue, "venue"}, std::tuple{"trainer", &in.trainer, "trainer"}}) {
        const bool empty = value->find_first_not_of(" \t") == std::string::npos;
        if (empty) e[field] = std::string("Enter the ") + label + ".";
        else if (codePointCount(*value) > 160 || std::any_of(value->begin(), value->end(), [](char c) {
                     return static_cast<unsigned char>(c) < 0x20;
                 })) {
            e[field] = std::string("Write the ") + label + " on one line, at most 160 characters.";
        }
    }
    const auto& cap = in.capacity;
    const bool digits = !cap.empty() && cap.size() <= 3 &&
                        std::all_of(cap.begin(), cap.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::stoi(cap) < 1 || std::stoi(cap) > 500) e["capacity"] = "Enter the number of places, 1 to 500.";
    return e;
}

}  // namespace kituo::domain
