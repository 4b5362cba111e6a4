// Nominal-roll CSV import (HR): upload -> preview of every row with its problems and what would
// be created or updated -> commit, which re-checks the same file against the database as it
// is then and applies every valid row in one transaction.
#include "handlers/Handlers.h"

#include "domain/Time.h"

#include "http/ViewBuild.h"

#include "crypto/Hash.h"
#include "domain/Csv.h"
#include "domain/Errors.h"
#include "domain/OfficerImport.h"
#include "domain/Utf8.h"
#include "domain/Words.h"
#include "handlers/ViewHelpers.h"
#include "http/Multipart.h"
#include "http/RequestContext.h"
#include "store/AuditStore.h"
#include "store/ImportStore.h"
#include "store/OfficerImportStore.h"
#include "store/OfficerStore.h"

#include <cctype>

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

Response uploadPage(RequestContext& ctx, const std::string& error, int status) {
    View v;
    v.set("csrf_token", ctx.user->csrfToken);
    if (!error.empty()) v.set("error", error);
    View columns = View::type::list;
    for (const auto& c : domain::officerCsvColumns()) columns.push_back(View(c));
    v.set("columns", columns);
    v.set("max_kib", std::to_string(ctx.services.config.maxBodyBytes / 1024));
    return ctx.page("officers/import", "Import officers", v, status);
}

Response showUpload(RequestContext& ctx) { return uploadPage(ctx, "", 200); }

// Parses and plans the file against the database now. Throws CsvError for a broken file.
domain::ImportPlan plan(RequestContext& ctx, const std::string& content) {
    const auto table = domain::parseCsv(content);
    std::vector<std::string> numbers, ids;
    domain::collectKeys(table, numbers, ids);
    auto context = store::OfficerImportStore(ctx.services.db).importContext(ctx.actor(), numbers, ids, ctx.today());
    return domain::planImport(table, context);
}

Response preview(RequestContext& ctx, const store::StoredImport& file, const domain::ImportPlan& p) {
    View v;
    v.set("id", std::to_string(file.id));
    v.set("file_name", file.fileName);
    v.set("creates", std::to_string(p.creates));
    v.set("updates", std::to_string(p.updates));
    v.set("unchanged", std::to_string(p.unchanged));
    v.set("errors", std::to_string(p.errors));
    v.set("creates_noun", domain::nounFor(p.creates, "new officer", "new officers"));
    v.set("updates_noun", domain::nounFor(p.updates, "officer updated", "officers updated"));
    v.set("errors_noun", domain::nounFor(p.errors, "row", "rows"));
    v.set("commit_noun", domain::nounFor(p.creates + p.updates, "officer", "officers"));
    v.set("has_errors", p.errors > 0);
    v.set("can_commit", !file.committed && (p.creates + p.updates) > 0);
    v.set("committed", file.committed);
    v.set("summary", file.summary);
    v.set("csrf_token", ctx.user->csrfToken);
    // Every row of a file of up to 10,000 lines, rendered 500 at a time so that no view holds
    // them all (the page's peak memory stays that of one chunk).
    std::string body = ctx.services.templates.render("officers/import_preview", v);
    constexpr std::size_t kChunk = 500;
    for (std::size_t start = 0; start < p.rows.size(); start += kChunk) {
        View chunk;
        View& rows = http::putList(chunk, "rows", std::min(kChunk, p.rows.size() - start));
        for (std::size_t i = start; i < p.rows.size() && i < start + kChunk; ++i) {
            const auto& r = p.rows[i];
            View& row = http::addObject(rows);
            http::put(row, "line", std::to_string(r.line));
            http::put(row, "service_number", r.serviceNumber);
            http::put(row, "name", r.name);
            http::put(row, "action", domain::toString(r.action));
            // Dates as read, in words, so a month-first file shows before it is committed.
            http::put(row, "born", domain::formatDateText(r.input.dateOfBirth));
            http::put(row, "enlisted", domain::formatDateText(r.input.enlistmentDate));
            http::put(row, "is_error", r.action == domain::ImportRowPlan::Action::Error);
            std::string detail;
            for (const auto& pr : r.problems) detail += (detail.empty() ? "" : " ") + pr;
            if (r.action == domain::ImportRowPlan::Action::Update) {
                for (const auto& c : r.changes) detail += (detail.empty() ? "Changes: " : ", ") + c;
            }
            http::put(row, "detail", std::move(detail));
        }
        body += ctx.services.templates.render("officers/import_preview_rows", chunk);
    }
    body += ctx.services.templates.render("officers/import_preview_end", View());
    return ctx.pageWithBody(std::move(body), "Import preview");
}

Response upload(RequestContext& ctx) {
    const auto form = http::parseMultipart(ctx.request);
    auto file = form.files.find("file");
    if (file == form.files.end() || file->second.content.empty()) {
        return uploadPage(ctx, "Choose a CSV file to upload.", 400);
    }
    const auto& f = file->second;
    if (!domain::isValidUtf8(f.content) || f.content.find('\0') != std::string::npos) {
        return uploadPage(ctx, "\"" + f.fileName + "\" is not a CSV text file (UTF-8). Save the sheet as "
                               "\"CSV UTF-8\" and upload that.", 400);
    }
    domain::ImportPlan p;
    try {
        p = plan(ctx, f.content);
    } catch (const domain::CsvError& e) {
        return uploadPage(ctx, "\"" + f.fileName + "\" could not be read as CSV: " + e.what() + ".", 400);
    }
    if (p.outOfScopeConflicts > 0) {
        ctx.audit("officer.import_out_of_scope", "officer_import", "", "denied",
                  f.fileName + ": " + std::to_string(p.outOfScopeConflicts) +
                      " rows conflict with records outside the importer's scope");
    }
    if (!p.fileProblems.empty()) {
        std::string all;
        for (const auto& pr : p.fileProblems) all += (all.empty() ? "" : " ") + pr;
        return uploadPage(ctx, "\"" + f.fileName + "\" cannot be imported: " + all +
                               " The first line must name the columns.", 400);
    }
    store::ImportStore imports(ctx.services.db);
    const auto id = imports.save(ctx.actor().userId, f.fileName, f.content, crypto::sha256Hex(f.content));
    ctx.audit("officer.import_preview", "officer_import", std::to_string(id), "success",
              f.fileName + ": " + std::to_string(p.rows.size()) + " rows, " + std::to_string(p.creates) +
                  " new, " + std::to_string(p.updates) + " changed, " + std::to_string(p.errors) + " with problems");
    return preview(ctx, *imports.findOwn(ctx.actor().userId, id), p);
}

store::StoredImport requireImport(RequestContext& ctx) {
    return requireVisible(ctx, "officer_import", [&](std::int64_t id) {
        return store::ImportStore(ctx.services.db).findOwn(ctx.actor().userId, id);
    });
}

Response showImport(RequestContext& ctx) {
    const auto file = requireImport(ctx);
    return preview(ctx, file, plan(ctx, file.content));
}

Response commit(RequestContext& ctx) {
    const auto file = requireImport(ctx);
    if (file.committed) throw domain::Conflict("This file was already imported: " + file.summary);
    const auto p = plan(ctx, file.content);
    const std::string summary = domain::countOf(p.creates, "officer", "officers") + " added, " +
                                std::to_string(p.updates) + " updated, " + std::to_string(p.unchanged) +
                                " unchanged, " + domain::countOf(p.errors, "row", "rows") + " skipped";
    ctx.write(ctx.auditEvent("officer.import", "officer_import", std::to_string(file.id), "success",
                             file.fileName + ": " + summary),
              [&](store::Tx& tx, domain::AuditEvent&) {
                  if (!store::ImportStore(ctx.services.db).markCommitted(tx, file.id, summary)) {
                      throw domain::Conflict("This file was already imported.");
                  }
                  store::OfficerImportStore(ctx.services.db).applyImport(tx, ctx.actor().scopePath, p, ctx.actor().userId);
              });
    ctx.flash("success", "Import complete: " + summary + ".");
    return Response::redirect("/officers/import/" + std::to_string(file.id));  // the summary
}

// The rows the preview refused, as they were in the file plus an "error" column saying why:
// correct them in a spreadsheet and import that file (the importer ignores the extra column).
Response rejectedRows(RequestContext& ctx) {
    const auto file = requireImport(ctx);
    const auto table = domain::parseCsv(file.content);
    const auto p = plan(ctx, file.content);
    std::vector<std::string> header = table.header;
    header.push_back("error");
    // In the file's own delimiter, so the spreadsheet that saved it opens this the same way.
    std::string out = "\xEF\xBB\xBF" + domain::csvLine(header, table.delimiter);
    int count = 0;
    for (std::size_t i = 0; i < p.rows.size() && i < table.rows.size(); ++i) {
        if (p.rows[i].action != domain::ImportRowPlan::Action::Error) continue;
        std::vector<std::string> cells;
        for (std::size_t c = 0; c < table.header.size(); ++c) {
            cells.push_back(c < table.rows[i].size() ? domain::restoreFormula(table.rows[i][c]) : std::string());
        }
        std::string why;
        for (const auto& problem : p.rows[i].problems) why += (why.empty() ? "" : " ") + problem;
        cells.push_back(why);
        out += domain::csvLine(cells, table.delimiter);
        ++count;
    }
    ctx.audit("officer.import_rejected", "officer_import", std::to_string(file.id), "success",
              std::to_string(count) + " rejected rows downloaded");
    Response r;
    r.contentType = "text/csv; charset=utf-8";
    std::string base = file.fileName;
    if (base.size() > 4 && base.substr(base.size() - 4) == ".csv") base.resize(base.size() - 4);
    std::string safe;
    for (char c : base) safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '-';
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + safe.substr(0, 60) + "-rejected.csv\"");
    r.body = std::move(out);
    return r;
}

}  // namespace

void addOfficerImportRoutes(http::Router& router) {
    router.add("GET", "/officers/import", Permission::ManageOfficers, showUpload);
    router.add("POST", "/officers/import", Permission::ManageOfficers, upload, http::uploadLimits());
    router.add("GET", "/officers/import/{id}", Permission::ManageOfficers, showImport);
    router.add("GET", "/officers/import/{id}/rejected.csv", Permission::ManageOfficers, rejectedRows);
    router.add("POST", "/officers/import/{id}/commit", Permission::ManageOfficers, commit);
}

}  // namespace kituo::handlers
