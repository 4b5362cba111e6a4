// The one route table. Each route is METHOD + pattern + the Permission it needs + handler.
// Patterns are '/'-separated; a segment "{name}" captures one path segment. When several
// routes match, the one with more literal segments wins (/officers/new beats /officers/{id}).
//
// Paths match strictly: no empty segment, so "//officers" is not the list (a path that routes
// is echoed into the page's own links). One trailing slash is the same address.
//
// Each route also says how much body it reads (BodyLimits): the Dispatcher checks the route
// and the session before it reads a byte of the body, reads at most maxBytes, and parses at most
// maxFields fields of at most maxFieldBytes each; anything over is 413.
//
// Deny by default: validate() throws if any route lacks a permission or two routes share a
// method and pattern; the server calls it before it accepts a connection.
#pragma once

#include "auth/Permission.h"
#include "http/Request.h"
#include "http/Response.h"

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kituo::http {

class RequestContext;
using Handler = std::function<Response(RequestContext&)>;

struct BodyLimits {
    std::size_t maxBytes = 64 * 1024;  // ignored for uploads: http.maxBodyBytes applies
    int maxFields = 1000;
    std::size_t maxFieldBytes = 16 * 1024;
    bool upload = false;  // multipart file upload, limited by http.maxBodyBytes
};

// A file upload route's limits: http.maxBodyBytes for the body.
inline BodyLimits uploadLimits() {
    BodyLimits l;
    l.upload = true;
    return l;
}

struct Route {
    std::string method;
    std::string pattern;
    std::optional<auth::Permission> permission;
    Handler handler;
    BodyLimits limits = {};
};

struct RouteMatch {
    const Route* route = nullptr;             // null when nothing matched this method
    std::map<std::string, std::string> params;
    std::set<std::string> allowedMethods;     // methods whose pattern matches the path (405)
};

class Router {
public:
    void add(Route route);
    void add(const std::string& method, const std::string& pattern,
             std::optional<auth::Permission> permission, Handler handler, BodyLimits limits = {}) {
        add(Route{method, pattern, permission, std::move(handler), limits});
    }
    // Throws std::logic_error naming the first route without a permission or a duplicate.
    void validate() const;
    RouteMatch match(const std::string& method, const std::string& path) const;
    const std::vector<Route>& routes() const { return _routes; }

private:
    std::vector<Route> _routes;
};

// Splits "/a/b/" into {"a", "b"}; empty segments are dropped.
std::vector<std::string> splitPath(const std::string& path);

}  // namespace kituo::http
