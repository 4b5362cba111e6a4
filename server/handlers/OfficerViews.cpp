// Shared view models of the nominal roll's pages; see OfficerViews.h.
#include "handlers/OfficerViews.h"

#include "auth/Policy.h"
#include "domain/Time.h"
#include "handlers/ViewHelpers.h"
#include "http/ViewBuild.h"
#include "store/OrgStore.h"

namespace kituo::handlers {

using http::RequestContext;
using http::View;

std::string nationalIdFor(const RequestContext& ctx, const std::string& id) {
    return auth::seesNationalIds(ctx.actor().role) ? id : domain::maskNationalId(id);
}

View officerView(const RequestContext& ctx, const store::OfficerRecord& o) {
    const auto& f = o.fields;
    View v;
    v.set("id", std::to_string(o.id));
    v.set("service_number", f.serviceNumber);
    v.set("surname", f.surname);
    v.set("other_names", f.otherNames);
    v.set("national_id", nationalIdFor(ctx, f.nationalId));
    v.set("gender", f.gender == "F" ? std::string("Female") : std::string("Male"));
    v.set("date_of_birth", domain::formatDateText(f.dateOfBirth));
    v.set("enlistment_date", domain::formatDateText(f.enlistmentDate));
    v.set("service", f.service);
    v.set("service_label", domain::serviceLabel(f.service));
    v.set("rank", o.rankName);
    v.set("rank_since", domain::formatDateText(f.rankSince));
    v.set("status", domain::officerStatusLabel(f.status));
    v.set("status_active", f.status == "active");
    v.set("status_since", domain::formatDateText(f.statusSince));
    v.set("phone", f.phone);
    v.set("station", o.stationName);
    v.set("unit", o.unitName);
    v.set("has_unit", !o.unitName.empty());
    v.set("posted_since", domain::formatDateText(o.postedSince));
    v.set("version", std::to_string(o.version));
    return v;
}

// Select options for stations and units within scope, ranks and statuses.
void addFilterOptions(RequestContext& ctx, View& v, const store::OfficerFilter& f,
                      const std::vector<domain::Rank>& ranks, std::optional<std::uint64_t> rollVersion) {
    store::OrgStore org(ctx.services.db);
    const auto subtree = org.subtree(ctx.actor().scopePath, rollVersion ? *rollVersion : ctx.dataVersion("roll"));
    std::vector<domain::OrgUnit> stations, units;
    for (const auto& u : subtree) {
        if (u.kind == domain::OrgKind::Station) stations.push_back(u);
        if (u.kind == domain::OrgKind::Unit) units.push_back(u);
    }
    auto id = [](const auto& x) { return std::to_string(x.id); };
    auto name = [](const auto& x) { return x.name; };
    auto chosen = [](std::int64_t value) { return value ? std::to_string(value) : std::string(); };
    http::put(v, "stations", selectOptions(stations, id, name, chosen(f.stationId)));
    http::put(v, "units", selectOptions(units, id, name, chosen(f.unitId)));
    // The same units grouped under their station (<optgroup>), for scopes with several.
    View& groups = http::putList(v, "unit_groups", stations.size());
    for (const auto& st : stations) {
        std::vector<domain::OrgUnit> own;
        for (const auto& u : units) {
            if (domain::isWithin(u.path, st.path)) own.push_back(u);
        }
        if (own.empty()) continue;
        View& g = http::addObject(groups);
        http::put(g, "label", st.name);
        http::put(g, "units", selectOptions(own, id, name, chosen(f.unitId)));
    }
    http::put(v, "ranks", selectOptions(ranks, id, name, chosen(f.rankId)));
    http::put(v, "statuses", selectOptions(domain::officerStatuses(), [](const std::string& s) { return s; },
                                           [](const std::string& s) { return domain::officerStatusLabel(s); }, f.status));
}

std::shared_ptr<http::ViewTable> officerRows(std::size_t expectedRows, std::vector<std::string> extraColumns) {
    std::vector<std::string> columns = {"id",      "service_number", "surname", "other_names",    "rank",
                                        "station", "unit",           "has_unit", "status",  "enlistment_date"};
    for (auto& c : extraColumns) columns.push_back(std::move(c));
    return std::make_shared<http::ViewTable>(std::move(columns), expectedRows);
}

void addOfficerRow(http::ViewTable& rows, const store::OfficerRecord& o) {
    rows.addRow();
    rows.set("id", std::to_string(o.id));
    rows.set("service_number", o.fields.serviceNumber);
    rows.set("surname", o.fields.surname);
    rows.set("other_names", o.fields.otherNames);
    rows.set("rank", o.rankName);
    rows.set("station", o.stationName);
    rows.set("unit", o.unitName);
    rows.set("has_unit", !o.unitName.empty());
    rows.set("status", domain::officerStatusLabel(o.fields.status));
    rows.set("enlistment_date", o.fields.enlistmentDate);
}

store::OfficerRecord requireOfficer(RequestContext& ctx) {
    return requireVisible(ctx, "officer", [&](std::int64_t id) {
        return store::OfficerStore(ctx.services.db).findVisibleTo(ctx.actor(), id);
    });
}

domain::OfficerInput inputFrom(const http::Request& r, const std::string& serviceNumber) {
    domain::OfficerInput in;
    for (const auto& f : domain::officerFields()) {
        if (!f.text) continue;
        in.*f.text = r.formParam(f.name);
        if (f.date) {
            if (auto iso = domain::parseDateInput(in.*f.text)) in.*f.text = *iso;  // 02/06/1996 too
        }
    }
    in.serviceNumber = serviceNumber;
    in.rankId = positiveNumber(r.formParam("rank_id"));
    return in;
}

View formValues(const domain::OfficerInput& in) {
    View v;
    for (const auto& f : domain::officerFields()) {
        if (f.text) http::put(v, f.name, in.*f.text);
    }
    http::put(v, "gender_f", in.gender == "F");
    http::put(v, "gender_m", in.gender == "M");
    return v;
}

}  // namespace kituo::handlers
