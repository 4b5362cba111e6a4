// The retraining catalogue's records, pure: a module's fields declared once (form, store and
// error summary walk the list), their validation, the requirement rules' validation, and the
// fixed choices (categories, delivery, recertification basis, kinds of unit).
#pragma once

#include "domain/Officer.h"
#include "domain/Training.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kituo::domain {

using Choice = std::pair<std::string, std::string>;  // stored key, label

const std::vector<Choice>& moduleCategories();
const std::vector<Choice>& deliveryModes();      // classroom, field, e_learning, partner
const std::vector<Choice>& recertBases();        // completion, previous_expiry, calendar
const std::vector<Choice>& unitTypes();          // general_duties, child_protection, ...
const std::vector<Choice>& requirementKinds();   // all, rank_range, unit_type, service
// The label of `key` among `choices`, or the key itself.
std::string choiceLabel(const std::vector<Choice>& choices, const std::string& key);

// A module as typed in its form (and as stored, in text).
struct ModuleInput {
    std::string code, title, category, description, hours, delivery, passMark, validityMonths, basis, windowMonth,
        renewalWindowDays;
};

struct ModuleField {
    const char* name;    // form field
    const char* label;   // what the form and the error summary call it
    const char* column;  // training_modules column
    std::string ModuleInput::*text;
};
// In form order.
const std::vector<ModuleField>& moduleFields();

// Field errors for a module; empty when valid. The code is 2-16 capitals, digits or '-'.
FieldErrors moduleFieldErrors(const ModuleInput& in);
// The rules' view of a valid module (see Training.h).
TrainingModule moduleRules(std::int64_t id, const ModuleInput& in);

// Whether giving `moduleId` the prerequisites `chosen` would make a module require itself,
// directly or through others; `current` maps each module to its prerequisites now.
bool prerequisiteCycle(std::int64_t moduleId, const std::vector<std::int64_t>& chosen,
                       const std::map<std::int64_t, std::vector<std::int64_t>>& current);

// A requirement rule as typed: kind, min_rank/max_rank (ordinals), unit_type, service,
// effective_from (ISO or day first), due_days.
struct RequirementInput {
    std::string kind, minRank, maxRank, unitType, service, effectiveFrom, dueDays;
};
FieldErrors requirementFieldErrors(const RequirementInput& in, int highestRankOrdinal);
// The rule of a valid input (effectiveFrom already ISO).
Requirement requirementRule(std::int64_t moduleId, const RequirementInput& in);
// "Everyone", "Ranks Constable to Sergeant", "Officers of Child Protection units", "KPS officers".
std::string describeRequirement(const Requirement& r, const std::vector<Rank>& ranks);

}  // namespace kituo::domain
