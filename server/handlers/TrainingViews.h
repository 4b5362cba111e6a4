// What other areas' pages show of retraining: the panel on an officer's profile.
#pragma once

#include "domain/OrgUnit.h"
#include "http/RequestContext.h"

#include <cstdint>

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

}  // namespace kituo::handlers
