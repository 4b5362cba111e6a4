// Reserve roster CSV import (the station's reserve command): upload -> preview of every row
// with its problems and what would be added or updated -> commit, which plans the same file
// again against the database as it is then and applies every valid row in one transaction.
#include "handlers/Handlers.h"

#include "crypto/Hash.h"
#include "domain/Csv.h"
#include "domain/Errors.h"
#include "domain/ReservistImport.h"
#include "domain/Utf8.h"
#include "domain/Words.h"
#include "handlers/ViewHelpers.h"
#include "http/Multipart.h"
#include "http/RequestContext.h"
#include "http/ViewBuild.h"
#include "store/ImportStore.h"
#include "store/ReservistImportStore.h"
#include "store/ReservistStore.h"

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

const char* kKind = "reservists";

// Imports change records: the station's reserve command only, not a section commander.
void requireStationCommand(RequestContext& ctx) {
    if (store::ReservistStore(ctx.services.db).leadsSection(ctx.actor())) {
        throw domain::Forbidden("Reservist records are kept by the station's reserve command.");
    }
}

Response uploadPage(RequestContext& ctx, const std::string& error, int status) {
    View v;
    http::put(v, "csrf_token", ctx.user->csrfToken);
    http::put(v, "error", error);
    http::put(v, "has_error", !error.empty());
    View& columns = http::putList(v, "columns", 24);
    for (const auto& c : domain::reservistCsvColumns()) http::listItems(columns).emplace_back(c);
    http::put(v, "max_kib", std::to_string(ctx.services.config.maxBodyBytes / 1024));
    return ctx.page("reservists/import", "Import reservists", v, status);
}

domain::ReservistImportPlan plan(RequestContext& ctx, const std::string& content) {
    const auto table = domain::parseCsv(content);
    std::vector<std::string> numbers, ids;
    domain::collectReservistKeys(table, numbers, ids);
    return domain::planReservistImport(
        table, store::ReservistImportStore(ctx.services.db).importContext(ctx.actor(), numbers, ids, ctx.today()));
}

Response preview(RequestContext& ctx, const store::StoredImport& file, const domain::ReservistImportPlan& p) {
    View v;
    http::put(v, "id", std::to_string(file.id));
    http::put(v, "file_name", file.fileName);
    for (const auto& [key, n] : {std::pair{"creates", p.creates}, {"updates", p.updates}, {"unchanged", p.unchanged},
                                 {"errors", p.errors}}) {
        http::put(v, key, std::to_string(n));
    }
    http::put(v, "has_errors", p.errors > 0);
    http::put(v, "can_commit", !file.committed && p.creates + p.updates > 0);
    http::put(v, "committed", file.committed);
    http::put(v, "summary", file.summary);
    http::put(v, "csrf_token", ctx.user->csrfToken);
    View& rows = http::putList(v, "rows", p.rows.size());
    for (const auto& r : p.rows) {
        View& row = http::addObject(rows);
        http::put(row, "line", std::to_string(r.line));
        http::put(row, "number", r.number);
        http::put(row, "name", r.name);
        http::put(row, "action", domain::toString(r.action));
        http::put(row, "is_error", r.action == domain::ReservistImportRow::Action::Error);
        std::string detail;
        for (const auto& problem : r.problems) detail += (detail.empty() ? "" : " ") + problem;
        http::put(row, "detail", std::move(detail));
    }
    return ctx.page("reservists/import_preview", "Import preview", v);
}

Response upload(RequestContext& ctx) {
    requireStationCommand(ctx);
    const auto form = http::parseMultipart(ctx.request);
    auto file = form.files.find("file");
    if (file == form.files.end() || file->second.content.empty()) return uploadPage(ctx, "Choose a CSV file to upload.", 400);
    const auto& f = file->second;
    if (!domain::isValidUtf8(f.content) || f.content.find('\0') != std::string::npos) {
        return uploadPage(ctx, "\"" + f.fileName + "\" is not a CSV text file (UTF-8). Save the sheet as \"CSV UTF-8\" and upload that.", 400);
    }
    domain::ReservistImportPlan p;
    try {
        p = plan(ctx, f.content);
    } catch (const domain::CsvError& e) {
        return uploadPage(ctx, "\"" + f.fileName + "\" could not be read as CSV: " + e.what() + ".", 400);
    }
    if (!p.fileProblems.empty()) {
        std::string all;
        for (const auto& problem : p.fileProblems) all += (all.empty() ? "" : " ") + problem;
        return uploadPage(ctx, "\"" + f.fileName + "\" cannot be imported: " + all + " The first line must name the columns.", 400);
    }
    store::ImportStore imports(ctx.services.db);
    const auto id = imports.save(ctx.actor().userId, f.fileName, f.content, crypto::sha256Hex(f.content), kKind);
    ctx.audit("reservist.import_preview", "reservist_import", std::to_string(id), "success",
              f.fileName + ": " + std::to_string(p.rows.size()) + " rows, " + std::to_string(p.creates) + " new, " +
                  std::to_string(p.updates) + " changed, " + std::to_string(p.errors) + " with problems");
    return preview(ctx, *imports.findOwn(ctx.actor().userId, id, kKind), p);
}

store::StoredImport requireImport(RequestContext& ctx) {
    return requireVisible(ctx, "reservist_import", [&](std::int64_t id) {
        return store::ImportStore(ctx.services.db).findOwn(ctx.actor().userId, id, kKind);
    });
}

Response commit(RequestContext& ctx) {
    requireStationCommand(ctx);
    const auto file = requireImport(ctx);
    if (file.committed) throw domain::Conflict("This file was already imported: " + file.summary);
    const auto p = plan(ctx, file.content);
    const std::string summary = domain::countOf(p.creates, "reservist", "reservists") + " added, " +
                                std::to_string(p.updates) + " updated, " + std::to_string(p.unchanged) + " unchanged, " +
                                domain::countOf(p.errors, "row", "rows") + " skipped";
    ctx.write(ctx.auditEvent("reservist.import", "reservist_import", std::to_string(file.id), "success", file.fileName + ": " + summary),
              [&](store::Tx& tx, domain::AuditEvent&) {
                  if (!store::ImportStore(ctx.services.db).markCommitted(tx, file.id, summary)) {
                      throw domain::Conflict("This file was already imported.");
                  }
                  store::ReservistImportStore(ctx.services.db).apply(tx, ctx.actor(), p);
              });
    ctx.flash("success", "Import complete: " + summary + ".");
    return Response::redirect("/reservists/import/" + std::to_string(file.id));
}

}  // namespace

void addReservistImportRoutes(http::Router& router) {
    router.add("GET", "/reservists/import", Permission::ManageReservists, [](RequestContext& ctx) {
        requireStationCommand(ctx);
        return uploadPage(ctx, "", 200);
    });
    router.add("POST", "/reservists/import", Permission::ManageReservists, upload, http::uploadLimits());
    router.add("GET", "/reservists/import/{id}", Permission::ManageReservists, [](RequestContext& ctx) {
        const auto file = requireImport(ctx);
        return preview(ctx, file, plan(ctx, file.content));
    });
    router.add("POST", "/reservists/import/{id}/commit", Permission::ManageReservists, commit);
}

}  // namespace kituo::handlers
