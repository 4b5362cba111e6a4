// The one route table. Each route is METHOD + pattern + the Permission it needs + handler.
// Patterns are '/'-separated; a segment "{name}" captures one path segment. When several
// routes match, the one with more literal segments wins (/officers/new beats /officers/{id}).
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

struct Route {
    std::string method;
    std::string pattern;
    std::optional<auth::Permission> permission;
    Handler handler;
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
             std::optional<auth::Permission> permission, Handler handler) {
        add(Route{method, pattern, permission, std::move(handler)});
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
