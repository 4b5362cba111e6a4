// The retraining catalogue's fields and rules; see TrainingCatalogue.h.
#include "domain/TrainingCatalogue.h"

#include "domain/PasswordRules.h"
#include "domain/Time.h"

#include <algorithm>

namespace kituo::domain {
namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }

// A whole number in [lo, hi] written in digits only.
std::optional<int> number(const std::string& s, int lo, int hi) {
    if (s.empty() || s.size() > 6 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    const int v = std::stoi(s);
    if (v < lo || v > hi) return std::nullopt;
    return v;
}

bool isChoice(const std::vector<Choice>& choices, const std::string& key) {
    return std::any_of(choices.begin(), choices.end(), [&](const Choice& c) { return c.first == key; });
}

bool singleLine(const std::string& s) {
    return std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

}  // namespace

const std::vector<Choice>& moduleCategories() {
    static const std::vector<Choice> c = {
        {"human_rights", "Human rights and use of force"},
        {"cybercrime", "Cybercrime"},
        {"trafficking", "Human trafficking and labour migration"},
        {"child_protection", "Child protection"},
        {"occurrence_book", "Digital Occurrence Book"},
        {"first_aid", "First aid"},
        {"firearms", "Firearms handling"},
        {"promotion", "Promotion courses"},
        {"other", "Other"}};
    return c;
}

const std::vector<Choice>& deliveryModes() {
    static const std::vector<Choice> c = {
        {"classroom", "Classroom"}, {"field", "Field"}, {"e_learning", "E-learning"}, {"partner", "Partner agency"}};
    return c;
}

const std::vector<Choice>& recertBases() {
    static const std::vector<Choice> c = {{"completion", "From the completion date"},
                                          {"previous_expiry", "From the previous expiry (when renewed in time)"},
                                          {"calendar", "A fixed month each year"}};
    return c;
}

const std::vector<Choice>& unitTypes() {
    static const std::vector<Choice> c = {
        {"general_duties", "General duties"},     {"criminal_investigation", "Criminal investigation"},
        {"traffic", "Traffic"},                   {"child_protection", "Child protection"},
        {"gender_desk", "Gender and children desk"}, {"occurrence_book", "Occurrence Book"},
        {"cybercrime", "Cybercrime desk"},        {"anti_trafficking", "Anti-trafficking"}};
    return c;
}

const std::vector<Choice>& requirementKinds() {
    static const std::vector<Choice> c = {
        {"all", "Every officer"}, {"rank_range", "A range of ranks"}, {"unit_type", "Officers of a kind of unit"},
        {"service", "Officers of a service"}, {"reservists", "Every reservist (National Police Reserve)"}};
    return c;
}

std::string choiceLabel(const std::vector<Choice>& choices, const std::string& key) {
    for (const auto& c : choices) {
        if (c.first == key) return c.second;
    }
    return key;
}

const std::vector<ModuleField>& moduleFields() {
    static const std::vector<ModuleField> f = {
        {"code", "Code", "code", &ModuleInput::code},
        {"title", "Title", "title", &ModuleInput::title},
        {"category", "Category", "category", &ModuleInput::category},
        {"description", "Description", "description", &ModuleInput::description},
        {"hours", "Hours", "hours", &ModuleInput::hours},
        {"delivery", "Delivery", "delivery", &ModuleInput::delivery},
        {"pass_mark", "Pass mark", "pass_mark", &ModuleInput::passMark},
        {"validity_months", "Valid for (months)", "validity_months", &ModuleInput::validityMonths},
        {"recert_basis", "Recertification runs", "recert_basis", &ModuleInput::basis},
        {"window_month", "Window month", "window_month", &ModuleInput::windowMonth},
        {"renewal_window_days", "Renewal window (days)", "renewal_window_days", &ModuleInput::renewalWindowDays}};
    return f;
}

FieldErrors moduleFieldErrors(const ModuleInput& in) {
    FieldErrors e;
    const bool codeOk = in.code.size() >= 2 && in.code.size() <= 16 &&
                        std::all_of(in.code.begin(), in.code.end(), [](char c) {
                            return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                        });
    if (!codeOk) e["code"] = "Enter the code: 2 to 16 capital letters, digits or dashes, like HR-UOF.";
    if (blank(in.title)) e["title"] = "Enter the title.";
    else if (codePointCount(in.title) > 160 || !singleLine(in.title)) e["title"] = "Write the title on one line, at most 160 characters.";
    if (!isChoice(moduleCategories(), in.category)) e["category"] = "Choose the category.";
    if (codePointCount(in.description) > 2000) e["description"] = "Shorten the description to at most 2,000 characters.";
    if (!number(in.hours, 1, 2000)) e["hours"] = "Enter the hours as a whole number from 1 to 2000.";
    if (!isChoice(deliveryModes(), in.delivery)) e["delivery"] = "Choose how it is delivered.";
    if (!number(in.passMark, 0, 100)) e["pass_mark"] = "Enter the pass mark as a whole number from 0 to 100.";
    const auto validity = number(in.validityMonths, 0, 120);
    if (!validity) e["validity_months"] = "Enter the validity in months, 0 to 120 (0: it never expires).";
    if (!isChoice(recertBases(), in.basis)) {
        e["recert_basis"] = "Choose where a new validity runs from.";
    } else if (in.basis == "calendar") {
        if (!number(in.windowMonth, 1, 12)) e["window_month"] = "Choose the month of the yearly window.";
        if (validity && (*validity == 0 || *validity % 12 != 0)) {
            e["validity_months"] = "For a yearly window, enter the validity in whole years (12, 24, 36...).";
        }
    } else if (!in.windowMonth.empty()) {
        e["window_month"] = "Leave the window month empty unless recertification is in a fixed month.";
    }
    const auto renewal = number(in.renewalWindowDays, 0, 365);
    if (!renewal) e["renewal_window_days"] = "Enter the renewal window in days, 0 to 365.";
    else if (validity && *validity > 0 && *renewal >= *validity * 28) {
        e["renewal_window_days"] = "Make the renewal window shorter than the validity.";
    }
    return e;
}

TrainingModule moduleRules(std::int64_t id, const ModuleInput& in) {
    TrainingModule m;
    m.id = id;
    m.code = in.code;
    m.validityMonths = number(in.validityMonths, 0, 120).value_or(0);
    m.basis = in.basis == "previous_expiry" ? RecertBasis::FromPreviousExpiry
              : in.basis == "calendar"      ? RecertBasis::CalendarWindow
                                            : RecertBasis::FromCompletion;
    m.windowMonth = number(in.windowMonth, 1, 12).value_or(1);
    m.renewalWindowDays = number(in.renewalWindowDays, 0, 365).value_or(0);
    return m;
}

bool prerequisiteCycle(std::int64_t moduleId, const std::vector<std::int64_t>& chosen,
                       const std::map<std::int64_t, std::vector<std::int64_t>>& current) {
    std::vector<std::int64_t> stack = chosen;
    std::vector<std::int64_t> seen;
    while (!stack.empty()) {
        const auto id = stack.back();
        stack.pop_back();
        if (id == moduleId) return true;
        if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
        seen.push_back(id);
        auto it = current.find(id);
        if (it != current.end()) stack.insert(stack.end(), it->second.begin(), it->second.end());
    }
    return false;
}

FieldErrors requirementFieldErrors(const RequirementInput& in, int highestRankOrdinal) {
    FieldErrors e;
    if (!isChoice(requirementKinds(), in.kind)) e["kind"] = "Choose whom the module is required of.";
    if (in.kind == "rank_range") {
        const auto lo = number(in.minRank, 1, highestRankOrdinal), hi = number(in.maxRank, 1, highestRankOrdinal);
        if (!lo) e["min_rank"] = "Choose the lowest rank it applies to.";
        if (!hi) e["max_rank"] = "Choose the highest rank it applies to.";
        if (lo && hi && *hi < *lo) e["max_rank"] = "Choose a highest rank at or above the lowest.";
    }
    if (in.kind == "unit_type" && !isChoice(unitTypes(), in.unitType)) e["unit_type"] = "Choose the kind of unit.";
    if (in.kind == "service" && std::find(services().begin(), services().end(), in.service) == services().end()) {
        e["service"] = "Choose the service.";
    }
    if (!isIsoDate(in.effectiveFrom)) e["effective_from"] = "Enter the date the rule applies from, like 01/01/2027.";
    if (!number(in.dueDays, 0, 3650)) e["due_days"] = "Enter the days given to someone newly in scope, 0 to 3650.";
    return e;
}

Requirement requirementRule(std::int64_t moduleId, const RequirementInput& in) {
    Requirement r;
    r.moduleId = moduleId;
    r.kind = in.kind == "rank_range"  ? RequirementKind::RankRange
             : in.kind == "unit_type" ? RequirementKind::UnitType
             : in.kind == "service"   ? RequirementKind::Service
             : in.kind == "reservists" ? RequirementKind::Reservists
                                      : RequirementKind::All;
    if (r.kind == RequirementKind::RankRange) {
        r.minRankOrdinal = std::stoi(in.minRank);
        r.maxRankOrdinal = std::stoi(in.maxRank);
    }
    if (r.kind == RequirementKind::UnitType) r.unitType = in.unitType;
    if (r.kind == RequirementKind::Service) r.service = in.service;
    r.effectiveFrom = in.effectiveFrom;
    r.dueDays = number(in.dueDays, 0, 3650).value_or(90);
    return r;
}

std::string describeRequirement(const Requirement& r, const std::vector<Rank>& ranks) {
    auto rankName = [&](int ordinal) {
        for (const auto& k : ranks) {
            if (k.ordinal == ordinal) return k.name;
        }
        return std::to_string(ordinal);
    };
    switch (r.kind) {
        case RequirementKind::All: return "Every officer";
        case RequirementKind::RankRange:
            return r.minRankOrdinal == r.maxRankOrdinal ? "Officers ranked " + rankName(r.minRankOrdinal)
                                                        : "Ranks " + rankName(r.minRankOrdinal) + " to " +
                                                              rankName(r.maxRankOrdinal);
        case RequirementKind::UnitType: return "Officers of " + choiceLabel(unitTypes(), r.unitType) + " units";
        case RequirementKind::Service: return serviceLabel(r.service) + " officers";
        case RequirementKind::Reservists: return "Every reservist";
    }
    return "";
}

}  // namespace kituo::domain
