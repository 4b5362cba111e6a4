// Route table and matching; see Router.h.
#include "http/Router.h"

#include <stdexcept>

namespace kituo::http {

std::vector<std::string> splitPath(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto end = slash == std::string::npos ? path.size() : slash;
        if (end > start) parts.push_back(path.substr(start, end - start));
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return parts;
}

namespace {

bool isParam(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Number of literal segments matched, or -1 when the pattern does not match.
int matchPattern(const std::string& pattern, const std::vector<std::string>& parts,
                 std::map<std::string, std::string>& params) {
    const auto segments = splitPath(pattern);
    if (segments.size() != parts.size()) return -1;
    int literals = 0;
    std::map<std::string, std::string> captured;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (isParam(segments[i])) {
            captured[segments[i].substr(1, segments[i].size() - 2)] = parts[i];
        } else if (segments[i] == parts[i]) {
            ++literals;
        } else {
            return -1;
        }
    }
    params = std::move(captured);
    return literals;
}

}  // namespace

void Router::add(Route route) { _routes.push_back(std::move(route)); }

void Router::validate() const {
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& r : _routes) {
        const std::string name = r.method + " " + r.pattern;
        if (!r.permission) throw std::logic_error("route has no permission: " + name);
        if (!r.handler) throw std::logic_error("route has no handler: " + name);
        if (r.pattern.empty() || r.pattern.front() != '/') {
            throw std::logic_error("route pattern must start with '/': " + name);
        }
        if (!seen.emplace(r.method, r.pattern).second) {
            throw std::logic_error("route defined twice: " + name);
        }
    }
}

RouteMatch Router::match(const std::string& method, const std::string& path) const {
    RouteMatch result;
    if (path.empty() || path.front() != '/') return result;
    if (path.find("//") != std::string::npos) return result;
    const auto parts = splitPath(path);
    int best = -1;
    for (const auto& r : _routes) {
        std::map<std::string, std::string> params;
        const int literals = matchPattern(r.pattern, parts, params);
        if (literals < 0) continue;
        result.allowedMethods.insert(r.method);
        if (r.method == method && literals > best) {
            best = literals;
            result.route = &r;
            result.params = std::move(params);
        }
    }
    return result;
}

}  // namespace kituo::http
