// Everything a handler gets: the validated request, the application's services, the
// signed-in user (when there is one) and helpers for the things every handler does: render
// a page in the layout, set a flash message, write an audit event, answer "not found".
#pragma once

#include "app/Services.h"
#include "domain/AuditChain.h"
#include "http/Request.h"
#include "http/Response.h"
#include "http/Session.h"
#include "http/Templates.h"
#include "store/AuditStore.h"

#include <optional>

namespace kituo::http {

class RequestContext {
public:
    RequestContext(Request& request, app::Services& services)
        : request(request), services(services) {}

    // Renders template `name` with `view` inside the layout, titled `title`.
    Response page(const std::string& name, const std::string& title, const View& view,
                  int status = 200);
    // A body rendered earlier (see FragmentCache) placed in this request's layout.
    Response pageWithBody(std::string body, const std::string& title, int status = 200);
    // The data the layout needs: title, request id, user, navigation, CSRF token, flash.
    View layoutView(const std::string& title);

    // The signed-in user (routes other than Public always have one).
    const domain::Actor& actor() const;
    std::int64_t now() const { return services.clock.now(); }
    // Today's date (YYYY-MM-DD) in Kenya (East Africa Time, UTC+3 all year).
    std::string today() const;
    // The named data version (store/DataVersions.h) for caching what this request reads: the
    // one read with the session when there is one (before the handler ran), else read now.
    // Not for checking the request's own writes: they bump it after this was read.
    std::uint64_t dataVersion(const std::string& name) const;
    // The pool for read-only list queries: the read replica's (KITUO_DB_READ_URL) unless this
    // browser wrote something in the last db.readYourWritesSec (kPrimaryUntilCookie), else the
    // primary. The replica's pool itself goes to the primary when the replica lags or is down.
    // Only for queries that return their result (store/Db.h, makeReplicaOf).
    store::Db& readDb() const;
    // Whether readDb() is the replica's pool for this request.
    bool readsFromReplica() const { return &readDb() != &services.db; }
    bool secure() const { return secureRequest(request, services); }

    // A message shown once on the next page (post/redirect/get).
    void flash(const std::string& kind, const std::string& message);

    // An audit event for this request (actor, address and time filled in).
    domain::AuditEvent auditEvent(const std::string& action, const std::string& recordType,
                                  const std::string& recordId, const std::string& outcome,
                                  const std::string& detail = "") const;
    // The one write path. Runs change(tx, event) in one transaction and appends `event` to the
    // audit trail in that same transaction, so the change and its record commit or roll back
    // together. The change may fill in the event (the new record's id, a detail); it gets a
    // fresh copy of `event` on every attempt, because a deadlock re-runs the whole transaction
    // (store/Db.h), so it must have no effects outside the database. Store errors are mapped
    // by the Dispatcher (ValidationError 400, Conflict 409, NotFound 404, Unavailable 503).
    template <class F>
    auto write(const domain::AuditEvent& event, F&& change)
        -> decltype(change(std::declval<store::Tx&>(), std::declval<domain::AuditEvent&>())) {
        store::AuditStore audit(services.db, services.keys);
        return services.db.transaction([&](store::Tx& tx) {
            domain::AuditEvent e = event;
            if constexpr (std::is_void_v<decltype(change(tx, e))>) {
                change(tx, e);
                audit.append(tx, e);
            } else {
                auto result = change(tx, e);
                audit.append(tx, e);
                return result;
            }
        });
    }

    // Records an audit event in a transaction of its own.
    void audit(const std::string& action, const std::string& recordType,
               const std::string& recordId, const std::string& outcome,
               const std::string& detail = "") const;
    // Audits the denied lookup and answers 404: out of scope does not exist for this user.
    [[noreturn]] void notFound(const std::string& recordType, const std::string& recordId) const;

    Request& request;
    app::Services& services;
    std::optional<CurrentUser> user;
    HeaderList responseHeaders;  // added to whatever response the handler returns
};

// Field errors as the form_errors partial expects them, plus has_form_errors and
// "<field>_error" keys for the messages next to each field. The summary lists them in `order`
// (the form's field names, top to bottom); fields not named there come after, by name.
void addFormErrors(View& view, const std::map<std::string, std::string>& errors,
                   const std::vector<std::string>& order = {});

}  // namespace kituo::http
