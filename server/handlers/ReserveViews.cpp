// Shared reserve view helpers; see ReserveViews.h.
#include "handlers/ReserveViews.h"

#include "auth/Policy.h"
#include "domain/Time.h"
#include "handlers/ViewHelpers.h"
#include "store/OrgStore.h"

namespace kituo::handlers {

using http::View;

store::ReservistRecord requireReservist(http::RequestContext& ctx) {
    return requireVisible(ctx, "reservist", [&](std::int64_t id) {
        return store::ReservistStore(ctx.services.db).findVisibleTo(ctx.actor(), id);
    });
}

View choiceOptions(const std::vector<domain::ReservistChoice>& choices, const std::string& selected) {
    return selectOptions(
        choices, [](const domain::ReservistChoice& c) { return c.first; },
        [](const domain::ReservistChoice& c) { return c.second; }, selected);
}

View fieldView(const FieldSpec& spec, const std::string& value, const std::map<std::string, std::string>& errors) {
    View f(View::type::object);
    const auto error = errors.find(spec.name);
    http::put(f, "name", spec.name);
    http::put(f, "label", spec.label);
    http::put(f, "hint", spec.hint);
    http::put(f, "error", error == errors.end() ? std::string() : error->second);
    http::put(f, "value", value);
    http::put(f, "is_select", spec.kind == "select");
    http::put(f, "is_textarea", spec.kind == "textarea");
    http::put(f, "is_input", spec.kind != "select" && spec.kind != "textarea");
    http::put(f, "type", spec.kind == "date" ? std::string("text") : spec.kind);
    const bool numeric = spec.kind == "date" || spec.kind == "number";
    http::put(f, "inputmode", numeric ? std::string("numeric") : spec.kind == "tel" ? std::string("tel") : std::string());
    http::put(f, "blank", spec.blank);
    // kainjow's sections treat every string, empty or not, as true: each optional part has a flag.
    http::put(f, "has_error", error != errors.end());
    http::put(f, "has_hint", !spec.hint.empty());
    http::put(f, "has_blank", !spec.blank.empty());
    http::put(f, "has_inputmode", numeric || spec.kind == "tel");
    http::put(f, "options", choiceOptions(spec.options, value));
    return f;
}

Choices stationChoices(http::RequestContext& ctx) {
    Choices stations;
    for (const auto& u : store::OrgStore(ctx.services.db).subtree(ctx.actor().scopePath, ctx.dataVersion("roll"))) {
        if (u.kind == domain::OrgKind::Station) stations.emplace_back(std::to_string(u.id), u.name);
    }
    return stations;
}

View stationOptions(http::RequestContext& ctx, std::int64_t selected) {
    return choiceOptions(stationChoices(ctx), selected ? std::to_string(selected) : std::string());
}

std::string eatText(std::int64_t moment) { return moment ? domain::formatEatText(moment) : std::string(); }

bool seesReservistIds(http::RequestContext& ctx) {
    return auth::seesReservistNationalIds(ctx.actor().role) &&
           !store::ReservistStore(ctx.services.db).leadsSection(ctx.actor());
}

std::string reservistNationalIdFor(http::RequestContext& ctx, const std::string& nationalId) {
    return seesReservistIds(ctx) ? nationalId : domain::maskNationalId(nationalId);
}

}  // namespace kituo::handlers
