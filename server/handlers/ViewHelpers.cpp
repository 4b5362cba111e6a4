// Shared view-model helpers; see ViewHelpers.h.
#include "handlers/ViewHelpers.h"

#include "domain/Errors.h"
#include "domain/Role.h"

#include <Poco/URI.h>

#include <algorithm>

namespace kituo::handlers {

using http::View;

http::View orgOptions(const std::vector<domain::OrgUnit>& units, std::int64_t selected) {
    View list = View::type::list;
    std::size_t minDepth = 1000;
    for (const auto& u : units) {
        minDepth = std::min<std::size_t>(minDepth, std::count(u.path.begin(), u.path.end(), '/'));
    }
    for (const auto& u : units) {
        const std::size_t depth = std::count(u.path.begin(), u.path.end(), '/') - minDepth;
        View o;
        o.set("id", std::to_string(u.id));
        std::string indent;
        for (std::size_t i = 0; i < depth; ++i) indent += "\u00a0\u00a0";
        o.set("label", indent + u.name + " (" + domain::orgKindLabel(u.kind) + ")");
        o.set("selected", u.id == selected);
        list.push_back(o);
    }
    return list;
}

http::View roleOptions(const std::string& selected) {
    View list = View::type::list;
    for (auto r : domain::allRoles()) {
        View o;
        o.set("value", domain::toString(r));
        o.set("label", domain::roleLabel(r));
        o.set("selected", domain::toString(r) == selected);
        list.push_back(o);
    }
    return list;
}

http::View pagination(const http::Request& request, int page, int pageSize, int total) {
    const int pages = std::max(1, (total + pageSize - 1) / pageSize);
    auto link = [&](int target) {
        std::string query;
        for (const auto& [k, v] : request.query) {
            if (k == "page") continue;
            std::string ek, ev;
            Poco::URI::encode(k, "&=+#%?/", ek);
            Poco::URI::encode(v, "&=+#%?/", ev);
            query += (query.empty() ? "?" : "&") + ek + "=" + ev;
        }
        query += (query.empty() ? "?" : "&") + std::string("page=") + std::to_string(target);
        return request.path + query;
    };
    View p;
    p.set("page", std::to_string(page));
    p.set("pages", std::to_string(pages));
    p.set("total", std::to_string(total));
    if (page > 1) p.set("prev_href", link(page - 1));
    if (page < pages) p.set("next_href", link(page + 1));
    return p;
}

std::int64_t positiveNumber(const std::string& text) {
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) return 0;
    return std::stoll(text);
}

std::optional<std::int64_t> idParam(const http::Request& request, const std::string& name) {
    const std::int64_t id = positiveNumber(request.pathParam(name));
    if (id <= 0) return std::nullopt;
    return id;
}

int formVersion(const http::Request& request) {
    const std::string raw = request.formParam("version");
    if (raw.empty() || raw.size() > 9 || raw.find_first_not_of("0123456789") != std::string::npos) {
        throw domain::BadRequest("The form is missing its version; reload the page.");
    }
    return std::stoi(raw);
}

int pageParam(const http::Request& request) {
    const std::string raw = request.queryParam("page");
    if (raw.empty() || raw.size() > 6 || raw.find_first_not_of("0123456789") != std::string::npos) {
        return 1;
    }
    return std::max(1, std::stoi(raw));
}

}  // namespace kituo::handlers
