// Retraining compliance; see Training.h.
#include "domain/Training.h"

#include "domain/Officer.h"

#include <algorithm>
#include <stdexcept>

namespace kituo::domain {
namespace {

constexpr long kDueSoonDays = 60;

struct Ymd {
    int y, m, d;
};

// Callers pass ISO dates ("YYYY-MM-DD") from the database or checked input.
Ymd split(const std::string& date) {
    if (date.size() < 10) throw std::invalid_argument("not a date: " + date);
    auto digits = [&](std::size_t at, std::size_t width) {
        int v = 0;
        for (std::size_t i = at; i < at + width; ++i) v = v * 10 + (date[i] - '0');
        return v;
    };
    return {digits(0, 4), digits(5, 2), digits(8, 2)};
}

std::string join(int y, int m, int d) {
    std::string out = "0000-00-00";
    auto put = [&](std::size_t at, std::size_t width, int value) {
        for (std::size_t i = width; i-- > 0; value /= 10) out[at + i] = static_cast<char>('0' + value % 10);
    };
    put(0, 4, y);
    put(5, 2, m);
    put(8, 2, d);
    return out;
}

int daysInMonth(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

std::string fromCompletion(const std::string& completedOn, int months) {
    return addDays(addMonthsRollingForward(completedOn, months), -1);
}

// The end of the window month that a completion on `completedOn` counts towards, plus the
// validity in whole years (see Training.h).
std::string calendarWindowEnd(const TrainingModule& m, const std::string& completedOn) {
    const Ymd d = split(addDays(completedOn, m.renewalWindowDays));
    const int anchorYear = d.m >= m.windowMonth ? d.y : d.y - 1;
    const int years = std::max(1, (m.validityMonths + 11) / 12);
    const int y = anchorYear + years;
    return join(y, m.windowMonth, daysInMonth(y, m.windowMonth));
}

}  // namespace

std::string complianceLabel(ComplianceState s) {
    switch (s) {
        case ComplianceState::Compliant: return "Compliant";
        case ComplianceState::DueSoon: return "Due soon";
        case ComplianceState::Expired: return "Expired";
        case ComplianceState::Overdue: return "Overdue";
        case ComplianceState::NotRequired: return "Not required";
    }
    return "";
}

std::string complianceKey(ComplianceState s) {
    switch (s) {
        case ComplianceState::Compliant: return "compliant";
        case ComplianceState::DueSoon: return "due_soon";
        case ComplianceState::Expired: return "expired";
        case ComplianceState::Overdue: return "overdue";
        case ComplianceState::NotRequired: return "not_required";
    }
    return "";
}

std::string addMonthsRollingForward(const std::string& date, int months) {
    const Ymd d = split(date);
    const int index = d.y * 12 + (d.m - 1) + months;
    const int y = index / 12, m = index % 12 + 1;
    if (d.d <= daysInMonth(y, m)) return join(y, m, d.d);
    return m == 12 ? join(y + 1, 1, 1) : join(y, m + 1, 1);
}

std::optional<std::string> validUntil(const TrainingModule& module, std::vector<std::string> passedOn) {
    if (module.validityMonths <= 0 || passedOn.empty()) return std::nullopt;
    std::sort(passedOn.begin(), passedOn.end());
    switch (module.basis) {
        case RecertBasis::FromCompletion:
            return fromCompletion(passedOn.back(), module.validityMonths);
        case RecertBasis::CalendarWindow:
            return calendarWindowEnd(module, passedOn.back());
        case RecertBasis::FromPreviousExpiry: {
            std::optional<std::string> end;
            for (const auto& on : passedOn) {
                const bool renews = end && on <= *end && on > addDays(*end, -module.renewalWindowDays);
                const std::string next = renews ? fromCompletion(addDays(*end, 1), module.validityMonths)
                                                : fromCompletion(on, module.validityMonths);
                end = end ? std::max(*end, next) : next;
            }
            return end;
        }
    }
    return std::nullopt;
}

std::optional<std::string> inScopeSince(const Requirement& rule, const OfficerTrainingFacts& officer) {
    if (officer.reservist != (rule.kind == RequirementKind::Reservists)) return std::nullopt;
    std::string since;
    switch (rule.kind) {
        case RequirementKind::Reservists:
            since = officer.enlistmentDate;
            break;
        case RequirementKind::All:
            since = officer.enlistmentDate;
            break;
        case RequirementKind::Service:
            if (officer.service != rule.service) return std::nullopt;
            since = officer.enlistmentDate;
            break;
        case RequirementKind::RankRange:
            if (officer.rankOrdinal < rule.minRankOrdinal || officer.rankOrdinal > rule.maxRankOrdinal) return std::nullopt;
            since = officer.rankSince;
            break;
        case RequirementKind::UnitType:
            if (officer.unitType.empty() || officer.unitType != rule.unitType) return std::nullopt;
            since = officer.unitSince;
            break;
    }
    return std::max(since, rule.effectiveFrom);
}

ModuleCompliance moduleCompliance(const TrainingModule& module, const std::vector<Requirement>& rules,
                                  const OfficerTrainingFacts& officer, const std::vector<Completion>& completions,
                                  const std::string& today) {
    ModuleCompliance out;
    out.moduleId = module.id;
    std::optional<std::string> dueBy;
    for (const auto& rule : rules) {
        if (rule.moduleId != module.id) continue;
        if (auto since = inScopeSince(rule, officer)) {
            const std::string due = addDays(*since, rule.dueDays);
            if (!dueBy || due < *dueBy) dueBy = due;
        }
    }
    std::vector<std::string> passed;
    for (const auto& c : completions) {
        if (c.moduleId == module.id && c.passed) passed.push_back(c.completedOn);
    }
    if (!passed.empty()) out.lastCompleted = *std::max_element(passed.begin(), passed.end());
    out.validUntil = validUntil(module, passed);
    if (!dueBy) return out;  // NotRequired, with whatever the officer holds
    if (passed.empty()) {
        out.dueBy = dueBy;
        out.state = today > *dueBy ? ComplianceState::Overdue : ComplianceState::DueSoon;
        return out;
    }
    if (!out.validUntil) {
        out.state = ComplianceState::Compliant;
    } else if (today > *out.validUntil) {
        out.state = ComplianceState::Expired;
    } else if (daysBetween(today, *out.validUntil) <= kDueSoonDays ||
               today > addDays(*out.validUntil, -module.renewalWindowDays)) {
        out.state = ComplianceState::DueSoon;
    } else {
        out.state = ComplianceState::Compliant;
    }
    return out;
}

}  // namespace kituo::domain
