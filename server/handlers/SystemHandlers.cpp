// Unauthenticated system routes: the health check used by load balancers and ops scripts,
// and the static assets (CSS) the pages need before anyone signs in.
#include "handlers/Handlers.h"

#include "http/StaticFiles.h"

#include "domain/Errors.h"
#include "http/RequestContext.h"

namespace kituo::handlers {

using auth::Permission;
using http::RequestContext;
using http::Response;

namespace {

// 200 "ok" when the database answers a query, 503 otherwise. Never cached.
Response healthz(RequestContext& ctx) {
    if (ctx.services.db.ping()) return Response::text("ok\n");
    Response r = Response::text("database unavailable\n", 503);
    r.headers.emplace_back("Retry-After", "5");
    return r;
}

Response staticFile(RequestContext& ctx) {
    const auto* f = ctx.services.staticFiles.find(ctx.request.pathParam("file"));
    if (!f) throw domain::NotFound("no such asset");
    Response r;
    r.contentType = f->contentType;
    r.cacheControl = "public, max-age=3600";
    r.headers.emplace_back("ETag", f->etag);
    auto inm = ctx.request.headers.find("if-none-match");
    if (inm != ctx.request.headers.end() && inm->second == f->etag) {
        r.status = 304;
        return r;
    }
    r.body = f->body;
    return r;
}

}  // namespace

void addSystemRoutes(http::Router& router) {
    router.add("GET", "/healthz", Permission::Public, healthz);
    router.add("GET", "/static/{file}", Permission::Public, staticFile);
}

}  // namespace kituo::handlers
