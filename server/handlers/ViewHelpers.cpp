// Shared view-model helpers; see ViewHelpers.h.
#include "handlers/ViewHelpers.h"

#include "domain/Errors.h"
#include "domain/Role.h"
#include "domain/Words.h"

#include <Poco/URI.h>

#include <algorithm>

namespace kituo::handlers {

using http::View;

http::View orgOptions(const std::vector<domain::OrgUnit>& units, std::int64_t selected) {
    std::size_t minDepth = 1000;
    for (const auto& u : units) {
        minDepth = std::min<std::size_t>(minDepth, std::count(u.path.begin(), u.path.end(), '/'));
    }
    return selectOptions(
        units, [](const domain::OrgUnit& u) { return std::to_string(u.id); },
        [&](const domain::OrgUnit& u) {
            const std::size_t depth = std::count(u.path.begin(), u.path.end(), '/') - minDepth;
            std::string indent;
            for (std::size_t i = 0; i < depth; ++i) indent += "\u00a0\u00a0";
            return indent + u.name + " (" + domain::orgKindLabel(u.kind) + ")";
        },
        selected ? std::to_string(selected) : std::string());
}

http::View roleOptions(const std::string& selected) {
    return selectOptions(
        domain::allRoles(), [](domain::Role r) { return domain::toString(r); },
        [](domain::Role r) { return domain::roleLabel(r); }, selected);
}

std::string queryString(const http::Request& request, const std::map<std::string, std::string>& changes) {
    std::map<std::string, std::string> q;
    for (const auto& [k, v] : request.query) q.emplace(k, v);  // the first of repeated names
    for (const auto& [k, v] : changes) {
        if (v.empty()) q.erase(k);
        else q[k] = v;
    }
    std::string out;
    for (const auto& [k, v] : q) {
        std::string ek, ev;
        Poco::URI::encode(k, "&=+#%?/", ek);
        Poco::URI::encode(v, "&=+#%?/", ev);
        out += (out.empty() ? "?" : "&") + ek + "=" + ev;
    }
    return out;
}

http::View pagination(const http::Request& request, int page, int pageSize, int total) {
    const int pages = std::max(1, (total + pageSize - 1) / pageSize);
    auto link = [&](int target) { return request.path + queryString(request, {{"page", std::to_string(target)}}); };
    View p;
    p.set("page", std::to_string(page));
    p.set("pages", std::to_string(pages));
    p.set("total", std::to_string(total));
    p.set("total_text", domain::countOf(total, "record", "records"));
    if (page > 1) p.set("prev_href", link(page - 1));
    if (page < pages) p.set("next_href", link(page + 1));
    return p;
}

std::int64_t positiveNumber(const std::string& text) {
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) return 0;
    return std::stoll(text);
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
