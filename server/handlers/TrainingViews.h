// What other areas' pages show of retraining (the panel on an officer's profile), and what the
// retraining pages share: the station a page is about, and a state's date in words.
#pragma once

#include "domain/OrgUnit.h"
#include "domain/Training.h"
#include "http/RequestContext.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kituo::handlers {

// The officer's retraining record into v["training"]: each module required of them or held,
// with its state in words, last completion, valid-until or due date; "has_training". The
// officer must be visible to the actor (the queries are scoped; nothing is added otherwise).
void addTrainingPanel(http::RequestContext& ctx, http::View& v, std::int64_t officerId);

// Reminders created in the last 7 days for officers within the actor's scope (the role's home).
int countRecentReminders(http::RequestContext& ctx);

// The station a training page is about: ?station= within the actor's scope (else 404,
// audited), or the actor's own station when they are at one and name none; nothing when a
// county or national account must choose.
std::optional<domain::OrgUnit> trainingStation(http::RequestContext& ctx);

// The station `raw` (an id from a query or a form) names, when it is a station within the
// actor's scope; anything else is answered 404, audited: out of scope does not exist.
domain::OrgUnit requireTrainingStation(http::RequestContext& ctx, const std::string& raw);

// Every module's requirement rules, as the compliance of a station's matrix uses them (read
// through the catalogue's cache).
std::vector<domain::Requirement> requirementRules(http::RequestContext& ctx);

// The date that goes with a state on `today`, in words: "to 3 Mar 2027", "expired 1 Mar 2026",
// "due 20 Jan 2027", "was due 5 Feb 2026", "never expires"; for an officer of whom the module
// is not required, what they hold ("to ...", "expired ...", "never expires"), else "".
std::string complianceDateText(const domain::ModuleCompliance& c, const std::string& today);

}  // namespace kituo::handlers
