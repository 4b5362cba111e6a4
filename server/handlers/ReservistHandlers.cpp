// The National Police Reserve roster: the filtered list and its CSV, the reservist's page
// (details, duties with the assignment form, firearms), the add and edit forms and the
// handover PIN. Commanders (OCS and reservist commanders) manage; HR reads. Every lookup is
// within the actor's reach (ReservistStore.h): out of reach is 404.
#include "handlers/Handlers.h"

#include "auth/Policy.h"
#include "crypto/PasswordHasher.h"
#include "domain/Csv.h"
#include "domain/Errors.h"
#include "domain/Time.h"
#include "domain/Utf8.h"
#include "domain/Words.h"
#include "handlers/ReserveViews.h"
#include "handlers/ViewHelpers.h"
#include "http/RequestContext.h"
#include "http/ViewBuild.h"
#include "store/AssignmentStore.h"
#include "store/FirearmStore.h"
#include "store/ReservistStore.h"

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

store::ReservistFilter filterFrom(RequestContext& ctx) {
    const auto& r = ctx.request;
    store::ReservistFilter f;
    f.q = domain::truncateUtf8(r.queryParam("q"), 100);
    f.search = domain::parseRollSearch(f.q, seesReservistIds(ctx));
    for (char c : f.search.text) {
        if (c != ' ') f.numberPrefix += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    f.stationId = positiveNumber(r.queryParam("station"));
    f.sectionId = positiveNumber(r.queryParam("section"));
    f.noSection = r.queryParam("section") == "none";
    for (const auto& [key, label] : domain::reservistStatuses()) {
        if (key == r.queryParam("status")) f.status = key;
    }
    if (r.queryParam("vetting") == "due") f.vetting = "due";
    f.today = ctx.today();
    const std::string sort = r.queryParam("sort");
    if (sort == "number" || sort == "name" || sort == "station" || sort == "status" || sort == "revetting") f.sort = sort;
    f.descending = r.queryParam("dir") == "desc";
    f.page = pageParam(r);
    return f;
}

bool canManage(const RequestContext& ctx) { return auth::allows(ctx.actor().role, Permission::ManageReservists); }

// Records (identity, vetting, status, section) are kept by the station's reserve command; a
// section commander runs their section's duties and firearms but does not edit records.
void requireStationCommand(RequestContext& ctx) {
    if (store::ReservistStore(ctx.services.db).leadsSection(ctx.actor())) {
        throw domain::Forbidden("Reservist records are kept by the station's reserve command.");
    }
}

Choices sectionChoices(RequestContext& ctx, std::int64_t stationId) {
    Choices out;
    for (const auto& s : store::ReservistStore(ctx.services.db).sections(ctx.actor(), stationId)) {
        out.emplace_back(std::to_string(s.id), stationId ? s.name : s.stationName + " · " + s.name);
    }
    return out;
}

Response listReservists(RequestContext& ctx) {
    const auto f = filterFrom(ctx);
    const auto page = store::ReservistStore(ctx.services.db).list(ctx.actor(), f);
    const std::string today = ctx.today();
    View v;
    View& rows = http::putList(v, "reservists", page.reservists.size());
    for (const auto& r : page.reservists) {
        View& row = http::addObject(rows);
        http::put(row, "id", std::to_string(r.id));
        http::put(row, "number", r.fields.reservistNumber);
        http::put(row, "name", r.fields.surname + ", " + r.fields.otherNames);
        http::put(row, "station", r.stationName);
        http::put(row, "section", r.sectionName);
        http::put(row, "has_section", !r.sectionName.empty());
        http::put(row, "status", domain::reservistChoiceLabel(domain::reservistStatuses(), r.fields.status));
        http::put(row, "revetting", domain::formatDateText(r.fields.revettingDue));
        http::put(row, "revetting_due", r.fields.status != "discharged" &&
                                            r.fields.revettingDue <= domain::addDays(today, 30));
    }
    http::put(v, "empty", page.reservists.empty());
    http::put(v, "count_text", page.total == 0 ? std::string("No reservists match")
                                               : domain::countOf(page.total, "reservist", "reservists"));
    http::put(v, "q", f.q);
    http::put(v, "stations", stationOptions(ctx, f.stationId));
    auto sections = sectionChoices(ctx, 0);
    sections.emplace_back("none", "Directly under the OCS");
    http::put(v, "sections", choiceOptions(sections, f.noSection ? "none" : f.sectionId ? std::to_string(f.sectionId) : ""));
    http::put(v, "statuses", choiceOptions(domain::reservistStatuses(), f.status));
    http::put(v, "vetting_due", f.vetting == "due");
    View& sorts = v["sort"];
    sorts = View(View::type::object);
    for (const char* key : {"number", "name", "station", "status", "revetting"}) {
        const bool current = f.sort == key;
        http::put(sorts, std::string(key) + "_href",
                  "/reservists" + queryString(ctx.request, {{"sort", key}, {"dir", current && !f.descending ? "desc" : ""}, {"page", ""}}));
        http::put(sorts, std::string(key) + "_mark", !current ? "" : (f.descending ? " ▼" : " ▲"));
        http::put(sorts, std::string(key) + "_sorted", !current ? "" : (f.descending ? "descending" : "ascending"));
    }
    http::put(v, "csv_href", "/reservists.csv" + queryString(ctx.request, {{"page", ""}}));
    http::put(v, "pagination", pagination(ctx.request, page.page, f.pageSize, page.total));
    http::put(v, "can_manage", canManage(ctx) && !store::ReservistStore(ctx.services.db).leadsSection(ctx.actor()));
    return ctx.page("reservists/index", "Reservists", v);
}

std::vector<std::string> csvColumns() {
    std::vector<std::string> columns;
    for (const auto& f : domain::reservistFields()) columns.push_back(f.name);
    columns.push_back("station");
    columns.push_back("section");
    return columns;
}

Response exportCsv(RequestContext& ctx) {
    const auto f = filterFrom(ctx);
    std::string out = "\xEF\xBB\xBF" + domain::csvLine(csvColumns());
    int count = 0;
    const bool fullIds = seesReservistIds(ctx);
    store::ReservistStore(ctx.services.db).forEach(ctx.actor(), f, [&](const store::ReservistRecord& r) {
        std::vector<std::string> cells;
        for (const auto& field : domain::reservistFields()) {
            const std::string& value = r.fields.*field.text;
            const bool id = std::string(field.name) == "national_id";
            cells.push_back(id && !fullIds ? domain::maskNationalId(value) : value);
        }
        cells.push_back(r.stationCode);
        cells.push_back(r.sectionName);
        out += domain::csvLine(cells);
        ++count;
    });
    ctx.audit("reservist.export", "reservist", "", "success", std::to_string(count) + " rows" +
              (ctx.request.query.empty() ? std::string() : ", filter " + queryString(ctx.request)));
    Response r;
    r.contentType = "text/csv; charset=utf-8";
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"reserve-roster-" + ctx.today() + ".csv\"");
    r.body = std::move(out);
    return r;
}

// The form fields of the record, grouped into the form's fieldsets.
FieldSpec specFor(const domain::ReservistField& f) {
    FieldSpec s{f.name, f.label};
    const std::string name = f.name;
    if (f.date) {
        s.kind = "date";
        s.hint = name == "revetting_due" ? "empty: three years after the vetting" : "for example 17/04/1990";
    }
    if (name == "gender") {
        s.kind = "select";
        s.options = {{"F", "Female"}, {"M", "Male"}};
        s.blank = "Choose…";
    } else if (name == "vetting_result") {
        s.kind = "select";
        s.options = domain::vettingResults();
        s.blank = "Choose…";
    } else if (name == "status") {
        s.kind = "select";
        s.options = domain::reservistStatuses();
    } else if (name == "phone" || name == "next_of_kin_phone") {
        s.kind = "tel";
    } else if (name == "reservist_number") {
        s.hint = "like NPR/KLM/0042";
    } else if (name == "status_reason") {
        s.hint = "required when suspended or discharged";
    }
    return s;
}

Response reservistForm(RequestContext& ctx, const domain::ReservistInput& in, std::int64_t stationId,
                       std::int64_t sectionId, const store::ReservistRecord* existing,
                       const std::map<std::string, std::string>& errors, int status) {
    View v;
    static const std::vector<std::pair<std::string, std::string>> groups = {
        {"identity", "Identity"}, {"home", "Home"}, {"service", "Service and vetting"}, {"kin", "Next of kin"}};
    View& sets = http::putList(v, "fieldsets", groups.size() + 1);
    std::vector<std::string> order;
    for (const auto& [key, legend] : groups) {
        View& set = http::addObject(sets);
        http::put(set, "legend", legend);
        View& fields = http::putList(set, "fields", 8);
        for (const auto& f : domain::reservistFields()) {
            if (f.group != key || (existing && std::string(f.name) == "reservist_number")) continue;
            http::listItems(fields).push_back(fieldView(specFor(f), in.*f.text, errors));
            order.push_back(f.name);
        }
    }
    View& place = http::addObject(sets);
    http::put(place, "legend", "Command");
    View& fields = http::putList(place, "fields", 2);
    if (!existing) {
        http::listItems(fields).push_back(fieldView({"station_id", "Station", "select", "", stationChoices(ctx), "Choose…"},
                                                    stationId ? std::to_string(stationId) : "", errors));
        order.push_back("station_id");
    }
    FieldSpec section{"npr_section_id", "Section", "select", "led by a section commander under the OCS",
                      sectionChoices(ctx, existing ? existing->stationId : 0), "None: directly under the OCS"};
    http::listItems(fields).push_back(fieldView(section, sectionId ? std::to_string(sectionId) : "", errors));
    order.push_back("npr_section_id");
    http::addFormErrors(v, errors, order);
    http::put(v, "is_new", existing == nullptr);
    if (existing) {
        http::put(v, "id", std::to_string(existing->id));
        http::put(v, "version", std::to_string(existing->version));
        http::put(v, "number", existing->fields.reservistNumber);
        http::put(v, "heading", existing->fields.surname + ", " + existing->fields.otherNames);
    }
    http::put(v, "action", existing ? "/reservists/" + std::to_string(existing->id) + "/edit" : std::string("/reservists/new"));
    http::put(v, "csrf_token", ctx.user->csrfToken);
    return ctx.page("reservists/form", existing ? "Edit " + existing->fields.surname : std::string("New reservist"), v, status);
}

domain::ReservistInput inputFrom(const http::Request& r) {
    domain::ReservistInput in;
    for (const auto& f : domain::reservistFields()) in.*f.text = r.formParam(f.name);
    return domain::normalizedReservist(in);
}

std::optional<std::int64_t> sectionFrom(const http::Request& r) {
    const auto id = positiveNumber(r.formParam("npr_section_id"));
    return id ? std::optional<std::int64_t>(id) : std::nullopt;
}

Response newReservist(RequestContext& ctx) {
    requireStationCommand(ctx);
    domain::ReservistInput in;
    in.status = "active";
    in.vettingResult = "cleared";
    return reservistForm(ctx, in, ctx.actor().orgUnitId, 0, nullptr, {}, 200);
}

Response createReservist(RequestContext& ctx) {
    requireStationCommand(ctx);
    const auto& r = ctx.request;
    const auto in = inputFrom(r);
    const std::int64_t stationId = positiveNumber(r.formParam("station_id"));
    const auto sectionId = sectionFrom(r);
    auto errors = domain::reservistFieldErrors(in, ctx.today());
    if (!stationId) errors["station_id"] = "Choose the station whose OCS commands the reservist.";
    if (!errors.empty()) return reservistForm(ctx, in, stationId, sectionId.value_or(0), nullptr, errors, 400);
    std::int64_t id = 0;
    try {
        id = ctx.write(ctx.auditEvent("reservist.create", "reservist", "", "success", "number " + in.reservistNumber),
                       [&](store::Tx& tx, domain::AuditEvent& e) {
                           const auto newId = store::ReservistStore(ctx.services.db).create(tx, ctx.actor(), in, stationId, sectionId);
                           e.recordId = std::to_string(newId);
                           return newId;
                       });
    } catch (const domain::ValidationError& e) {
        return reservistForm(ctx, in, stationId, sectionId.value_or(0), nullptr, e.fieldErrors(), 400);
    } catch (const domain::NotFound& e) {
        ctx.notFound(e.what(), "");  // a station or section out of reach, named in the form
    }
    ctx.flash("success", "Reservist " + in.reservistNumber + " added to the roster.");
    return Response::redirect("/reservists/" + std::to_string(id));
}

Response editReservist(RequestContext& ctx) {
    requireStationCommand(ctx);
    const auto r = requireReservist(ctx);
    return reservistForm(ctx, r.fields, r.stationId, r.sectionId.value_or(0), &r, {}, 200);
}

Response updateReservist(RequestContext& ctx) {
    requireStationCommand(ctx);
    auto current = requireReservist(ctx);
    const int version = formVersion(ctx.request);
    auto in = inputFrom(ctx.request);
    in.reservistNumber = current.fields.reservistNumber;  // the key: not editable
    const auto sectionId = sectionFrom(ctx.request);
    current.version = version;
    auto errors = domain::reservistFieldErrors(in, ctx.today());
    if (!errors.empty()) return reservistForm(ctx, in, current.stationId, sectionId.value_or(0), &current, errors, 400);
    try {
        ctx.write(ctx.auditEvent("reservist.update", "reservist", std::to_string(current.id), "success"),
                  [&](store::Tx& tx, domain::AuditEvent&) {
                      store::ReservistStore(ctx.services.db).update(tx, ctx.actor(), current.id, version, in, sectionId);
                  });
    } catch (const domain::ValidationError& e) {
        return reservistForm(ctx, in, current.stationId, sectionId.value_or(0), &current, e.fieldErrors(), 400);
    } catch (const domain::NotFound& e) {
        ctx.notFound(e.what(), "");  // a station or section out of reach, named in the form
    } catch (const domain::Conflict& e) {
        const auto saved = requireReservist(ctx);
        return reservistForm(ctx, in, current.stationId, sectionId.value_or(0), &saved,
                             {{"reservist_number", std::string(e.what()) +
                                                       " Your changes are kept below: check them against the saved record and save again."}},
                             409);
    }
    ctx.flash("success", "Saved.");
    return Response::redirect("/reservists/" + std::to_string(current.id));
}

Response setPin(RequestContext& ctx) {
    const auto r = requireReservist(ctx);
    const std::string pin = ctx.request.formParam("pin");
    if (!domain::validHandoverPin(pin) || pin != ctx.request.formParam("pin_again")) {
        ctx.flash("error", "The PIN must be 4 to 6 digits, typed the same twice by the reservist. Nothing was changed.");
        return Response::redirect("/reservists/" + std::to_string(r.id) + "#pin");
    }
    const std::string hash = ctx.services.passwords.hash(pin);
    ctx.write(ctx.auditEvent("reservist.pin", "reservist", std::to_string(r.id), "success"),
              [&](store::Tx& tx, domain::AuditEvent&) {
                  store::ReservistStore(ctx.services.db).setHandoverPin(tx, ctx.actor(), r.id, hash);
              });
    ctx.flash("success", "Handover PIN set for " + r.fields.reservistNumber + ".");
    return Response::redirect("/reservists/" + std::to_string(r.id));
}

}  // namespace

void addReservistRoutes(http::Router& router) {
    router.add("GET", "/reservists", Permission::ReadReservists, listReservists);
    router.add("GET", "/reservists.csv", Permission::ReadReservists, exportCsv);
    router.add("GET", "/reservists/new", Permission::ManageReservists, newReservist);
    router.add("POST", "/reservists/new", Permission::ManageReservists, createReservist);
    router.add("POST", "/reservists", Permission::ManageReservists, createReservist);
    addReserveDutyRoutes(router);
    addFirearmRoutes(router);
    addReservistImportRoutes(router);
    addReservistTrainingRoutes(router);
    router.add("GET", "/reservists/{id}", Permission::ReadReservists, [](RequestContext& ctx) {
        const auto r = requireReservist(ctx);
        if (ctx.services.config.auditOfficerReads) ctx.audit("reservist.read", "reservist", std::to_string(r.id), "success");
        return reservistPage(ctx, r, {}, {}, 200);
    });
    router.add("GET", "/reservists/{id}/edit", Permission::ManageReservists, editReservist);
    router.add("POST", "/reservists/{id}/edit", Permission::ManageReservists, updateReservist);
    router.add("POST", "/reservists/{id}", Permission::ManageReservists, updateReservist);
    router.add("POST", "/reservists/{id}/pin", Permission::ManageReservists, setPin);
}

}  // namespace kituo::handlers
