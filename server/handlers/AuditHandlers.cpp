// The audit trail for auditors: filter by user, action, record and date; verify the chain.
// Viewing the trail and running a verification are themselves audited.
#include "handlers/Handlers.h"

#include "domain/Time.h"
#include "domain/Words.h"
#include "handlers/ViewHelpers.h"
#include "http/RequestContext.h"
#include "store/AuditStore.h"
#include "store/OrgStore.h"

#include <Poco/URI.h>

#include <algorithm>

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;
using http::View;

namespace {

Response listAudit(RequestContext& ctx) {
    const auto& r = ctx.request;
    store::AuditFilter f;
    f.actor = r.queryParam("actor").substr(0, 64);
    f.action = r.queryParam("action").substr(0, 64);
    f.action.erase(std::remove_if(f.action.begin(), f.action.end(),
                                  [](char c) { return c == '%' || c == '_' || c == ' '; }),
                   f.action.end());  // actions are words and dots: nothing to escape
    f.recordType = r.queryParam("record_type").substr(0, 64);
    f.recordId = r.queryParam("record_id").substr(0, 64);
    std::map<std::string, std::string> errors;
    f.from = r.queryParam("from");
    f.to = r.queryParam("to");
    for (auto [field, value] : {std::pair<const char*, std::string*>{"from", &f.from}, {"to", &f.to}}) {
        if (value->empty()) continue;
        if (auto iso = domain::parseDateInput(*value)) {
            *value = *iso;
        } else {
            errors[field] = std::string("Use a date like 23/11/2026 or 2026-11-23 for the ") +
                            (std::string(field) == "from" ? "first" : "last") + " day (you entered " + *value + ").";
            value->clear();
        }
    }
    f.page = pageParam(r);
    f.scopePath = ctx.actor().scopePath;
    // System events (no acting account's scope) belong to the national level.
    const auto own = store::OrgStore(ctx.services.db).findWithin(ctx.actor().scopePath, ctx.actor().orgUnitId);
    f.includeSystem = own && own->kind == domain::OrgKind::National;
    store::AuditStore audit(ctx.services.db, ctx.services.keys);
    const auto page = audit.list(f);
    View rows = View::type::list;
    for (const auto& e : page.events) {
        View row;
        row.set("id", std::to_string(e.id));
        const auto at = domain::parseUtc(e.occurredAt.substr(0, 19));
        row.set("at", at ? domain::formatEatText(*at, true) : e.occurredAt.substr(0, 19));
        row.set("actor", e.actorUsername.empty() ? std::string("(anonymous)") : e.actorUsername);
        row.set("action", e.action);
        row.set("record", e.recordType.empty() ? std::string() : e.recordType + " " + e.recordId);
        // The record's own events are the page an auditor may open for any record in the
        // trail (auditors open no officer, account or case pages); a record without an id
        // (an export, a sign-in) is a plain label.
        if (!e.recordType.empty() && !e.recordId.empty()) {
            std::string type, id;
            Poco::URI::encode(e.recordType, "&=+#%?/", type);
            Poco::URI::encode(e.recordId, "&=+#%?/", id);
            row.set("record_href", "/audit?record_type=" + type + "&record_id=" + id);
        }
        row.set("ip", e.ip);
        row.set("outcome", e.outcome);
        row.set("outcome_bad", e.outcome != "success");
        row.set("detail", e.detail);
        rows.push_back(row);
    }
    View v;
    v.set("events", rows);
    v.set("empty", page.events.empty());
    v.set("actor", f.actor);
    v.set("action", f.action);
    v.set("record_type", f.recordType);
    v.set("record_id", f.recordId);
    v.set("from", r.queryParam("from"));
    v.set("to", r.queryParam("to"));
    v.set("pagination", pagination(r, f.page, f.pageSize, page.total));
    http::addFormErrors(v, errors);
    ctx.audit("audit.read", "audit", "", "success",
              "filter actor=" + f.actor + " action=" + f.action + " record=" + f.recordType + ":" +
                  f.recordId + " from=" + f.from + " to=" + f.to);
    return ctx.page("audit/index", "Audit trail", v, errors.empty() ? 200 : 400);
}

Response verifyAudit(RequestContext& ctx) {
    store::AuditStore audit(ctx.services.db, ctx.services.keys);
    // The installation's checkpoint file, when this host has it (see README: keep copies off
    // the database host; `kituo verify-audit --checkpoint` checks a copy from elsewhere).
    std::vector<domain::AuditCheckpoint> checkpoints;
    std::string checkpointProblem;
    try {
        const std::string& file = ctx.services.config.auditCheckpointFile;
        if (!file.empty()) checkpoints = store::readCheckpointFile(ctx.services.config.resolve(file));
    } catch (const std::runtime_error& e) {
        checkpointProblem = e.what();
    }
    const auto result = audit.verify(checkpoints);
    View v;
    v.set("verified", std::to_string(result.verified));
    v.set("verified_text", domain::countOf(result.verified, "event", "events"));
    v.set("ok", !result.broken.has_value());
    if (result.broken) {
        v.set("broken_event", result.broken->eventId ? "event " + std::to_string(result.broken->eventId)
                                                      : std::string("the chain head"));
        v.set("reason", result.broken->reason);
    }
    v.set("pending", std::to_string(result.pending));
    v.set("has_pending", result.pending > 0);
    v.set("oldest_pending", result.oldestPendingAt.substr(0, 19));
    v.set("seal_interval_ms", std::to_string(ctx.services.config.auditSealIntervalMs));
    v.set("checkpoints_text", domain::countOf(static_cast<long long>(checkpoints.size()), "checkpoint", "checkpoints"));
    v.set("has_checkpoints", !checkpoints.empty());
    if (!checkpoints.empty()) {
        v.set("newest_checkpoint_event", std::to_string(checkpoints.back().eventId));
        v.set("newest_checkpoint_at", checkpoints.back().takenAt);
    }
    v.set("checkpoint_problem", checkpointProblem);
    v.set("checked_at", domain::formatEatText(ctx.now()));
    ctx.audit("audit.verify", "audit", "", result.broken ? "failure" : "success",
              result.broken ? result.broken->reason : domain::countOf(result.verified, "event", "events") + " verified");
    return ctx.page("audit/verify", "Audit verification", v);
}

}  // namespace

void addAuditRoutes(http::Router& router) {
    router.add("GET", "/audit", Permission::ReadAudit, listAudit);
    router.add("GET", "/audit/verify", Permission::ReadAudit, verifyAudit);
}

}  // namespace kituo::handlers
