// Page, flash and audit helpers; see RequestContext.h.
#include "http/RequestContext.h"

#include "auth/Policy.h"
#include "domain/Errors.h"
#include "domain/Time.h"
#include "http/Forms.h"
#include "store/AuditStore.h"
#include "store/DataVersions.h"

#include <Poco/URI.h>

#include <algorithm>

namespace kituo::http {

View RequestContext::layoutView(const std::string& title) {
    View v;
    v.set("title", title);
    v.set("request_id", request.requestId);
    if (user) {
        View u;
        u.set("display_name", user->actor.displayName);
        u.set("username", user->actor.username);
        u.set("role_label", domain::roleLabel(user->actor.role));
        u.set("scope_name", user->actor.orgUnitName);
        u.set("csrf_token", user->csrfToken);
        v.set("user", u);
        View nav = View::type::list;
        if (!user->mustChangePassword) {
            for (const auto& item : auth::navigationFor(user->actor.role)) {
                View n;
                n.set("href", item.href);
                n.set("label", item.label);
                const bool current = item.href == "/" ? request.path == "/"
                                                      : request.path.rfind(item.href, 0) == 0;
                n.set("current", current);
                nav.push_back(n);
            }
        }
        v.set("nav", nav);
    }
    auto flashCookie = request.cookies.find(kFlashCookie);
    if (flashCookie != request.cookies.end()) {
        try {
            const std::string raw = percentDecode(flashCookie->second, false);
            const auto bar = raw.find('|');
            if (bar != std::string::npos) {
                View f;
                const std::string kind = raw.substr(0, bar);
                f.set("kind", kind == "success" || kind == "error" ? kind : std::string("info"));
                f.set("message", raw.substr(bar + 1));
                v.set("flash", f);
            }
        } catch (const domain::BadRequest&) {
            // A mangled flash cookie is dropped.
        }
        responseHeaders.emplace_back("Set-Cookie", cookieHeader(kFlashCookie, "", secure(), 0));
    }
    return v;
}

Response RequestContext::page(const std::string& name, const std::string& title, const View& view,
                              int status) {
    return Response::html(services.templates.renderPage(name, view, layoutView(title)), status);
}

Response RequestContext::pageWithBody(std::string body, const std::string& title, int status) {
    return Response::html(services.templates.wrapInLayout(std::move(body), layoutView(title)), status);
}

std::string RequestContext::today() const {
    return domain::formatUtc(services.clock.now() + 3 * 3600).substr(0, 10);
}

store::Db& RequestContext::readDb() const {
    if (!services.readDb) return services.db;
    auto until = request.cookies.find(kPrimaryUntilCookie);
    if (until != request.cookies.end()) {
        try {
            if (std::stoll(until->second) > now()) return services.db;
        } catch (const std::exception&) {
            // A mangled cookie is ignored.
        }
    }
    return *services.readDb;
}

std::uint64_t RequestContext::dataVersion(const std::string& name) const {
    if (user) {
        auto it = user->dataVersions.find(name);
        if (it != user->dataVersions.end()) return it->second;
    }
    return store::currentVersion(services.db, name);
}

const domain::Actor& RequestContext::actor() const {
    if (!user) throw domain::Forbidden("Sign in first.");
    return user->actor;
}

void RequestContext::flash(const std::string& kind, const std::string& message) {
    std::string encoded;
    Poco::URI::encode(kind + "|" + message, ";,= \"\\%+|", encoded);
    responseHeaders.emplace_back("Set-Cookie", cookieHeader(kFlashCookie, encoded, secure(), 60));
}

domain::AuditEvent RequestContext::auditEvent(const std::string& action,
                                              const std::string& recordType,
                                              const std::string& recordId,
                                              const std::string& outcome,
                                              const std::string& detail) const {
    domain::AuditEvent e;
    e.occurredAt = domain::formatUtcMicros(services.clock.nowMicros());
    if (user) {
        e.actorUserId = user->actor.userId;
        e.actorUsername = user->actor.username;
        e.scopePath = user->actor.scopePath;
    }
    e.action = action;
    e.recordType = recordType;
    e.recordId = recordId;
    e.ip = request.clientAddress;
    e.outcome = outcome;
    e.detail = detail;
    return e;
}

void RequestContext::audit(const std::string& action, const std::string& recordType,
                           const std::string& recordId, const std::string& outcome,
                           const std::string& detail) const {
    services.auditWriter.record(auditEvent(action, recordType, recordId, outcome, detail));
}

void RequestContext::notFound(const std::string& recordType, const std::string& recordId) const {
    audit("access.denied", recordType, recordId, "not_found", request.method + " " + request.path);
    throw domain::NotFound(recordType + " not found");
}

void addFormErrors(View& view, const std::map<std::string, std::string>& errors,
                   const std::vector<std::string>& order) {
    std::vector<std::string> fields;
    for (const auto& name : order) {
        if (errors.count(name) && std::find(fields.begin(), fields.end(), name) == fields.end()) fields.push_back(name);
    }
    for (const auto& [name, message] : errors) {
        if (std::find(fields.begin(), fields.end(), name) == fields.end()) fields.push_back(name);
    }
    View list = View::type::list;
    for (const auto& field : fields) {
        View e;
        e.set("field", field);
        e.set("message", errors.at(field));
        list.push_back(e);
        view.set(field + "_error", errors.at(field));
    }
    view.set("form_errors", list);
    view.set("has_form_errors", !errors.empty());
}

}  // namespace kituo::http
