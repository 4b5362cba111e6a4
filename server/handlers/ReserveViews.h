// View-model helpers shared by the National Police Reserve's handlers (roster, duties,
// firearms, command): the reservist named by the path, form fields built from their
// declarations (partials/field.mustache), choice options and times in East Africa Time.
#pragma once

#include "domain/Errors.h"
#include "domain/Reservist.h"
#include "http/RequestContext.h"
#include "http/ViewBuild.h"
#include "store/ReservistStore.h"
#include "store/TrainingStore.h"

#include <map>
#include <string>
#include <vector>

namespace kituo::handlers {

// Runs `write` (a call of ctx.write); a record it names that is out of the actor's reach (a
// station, section, account or reservist sent in a form field: domain::NotFound from the
// store) is answered 404 and audited as a denied access, like an out-of-reach path.
template <class Write>
auto withinReach(http::RequestContext& ctx, Write write) -> decltype(write()) {
    try {
        return write();
    } catch (const domain::NotFound& e) {
        ctx.notFound(e.what(), "");
    }
}

// The reservist of path parameter {id} within the actor's reach, or 404 (audited).
store::ReservistRecord requireReservist(http::RequestContext& ctx);

// Options of a choice list with `selected` marked.
http::View choiceOptions(const std::vector<domain::ReservistChoice>& choices, const std::string& selected);
using Choices = std::vector<domain::ReservistChoice>;

// One field for partials/field.mustache. `kind`: "text", "date", "datetime-local", "number",
// "tel", "password", "select" (options required) or "textarea".
struct FieldSpec {
    FieldSpec(std::string name, std::string label, std::string kind = "text", std::string hint = "",
              Choices options = {}, std::string blank = "")
        : name(std::move(name)), label(std::move(label)), kind(std::move(kind)), hint(std::move(hint)),
          options(std::move(options)), blank(std::move(blank)) {}
    std::string name;
    std::string label;
    std::string kind;
    std::string hint;
    Choices options;  // a select's (value, label) pairs
    std::string blank;  // a select's empty first option ("Choose…"); "" for none
};
http::View fieldView(const FieldSpec& spec, const std::string& value, const std::map<std::string, std::string>& errors);

// The stations within the actor's scope as (id, name) choices, and as <select> options with
// `selected` marked.
Choices stationChoices(http::RequestContext& ctx);
http::View stationOptions(http::RequestContext& ctx, std::int64_t selected);

// "24 Nov 2026 18:00 EAT"; "" for 0.
std::string eatText(std::int64_t moment);

// Whether the actor sees reservists' national IDs in full (and may search by them): HR and the
// station's reserve command (the OCS and reservist commanders), not a section commander.
bool seesReservistIds(http::RequestContext& ctx);
// The national ID as this actor may see a reservist's: in full or masked (****1234).
std::string reservistNationalIdFor(http::RequestContext& ctx, const std::string& nationalId);

// The reservist's page (details, duties with the assignment form, firearms, handover PIN);
// the assignment form is shown again here with what was typed (`values`) and `errors`.
http::Response reservistPage(http::RequestContext& ctx, const store::ReservistRecord& r,
                             const std::map<std::string, std::string>& values,
                             const std::map<std::string, std::string>& errors, int status);

// The retraining panel of a reservist's page: the state of every module required of
// reservists, the completions recorded, and (for the reserve command) the form recording one,
// shown again with `values` ("training.<field>") and `errors`.
void addReservistTrainingPanel(http::RequestContext& ctx, http::View& v, const store::ReservistRecord& r,
                               const std::map<std::string, std::string>& values,
                               const std::map<std::string, std::string>& errors);

// The reservists of a station on a module's roster page: those the module is required of or who
// hold it, each with their state; nothing for accounts that do not read reservists.
void addReservistModuleRoster(http::RequestContext& ctx, http::View& v, const store::TrainingModuleRecord& m,
                              std::int64_t stationId);

}  // namespace kituo::handlers
