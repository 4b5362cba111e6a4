// View-model helpers shared by several areas' handlers: select options, pagination links,
// and parsing of numeric path parameters.
#pragma once

#include "domain/OrgUnit.h"
#include "http/RequestContext.h"
#include "http/ViewBuild.h"
#include "http/ViewTable.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kituo::handlers {

// A positive whole number from a form or query value, or 0 when empty or malformed.
std::int64_t positiveNumber(const std::string& text);

// A <select>'s options: one {value, label, selected} row per item, in order. Every option
// list of every page goes through this (templates read {{value}}).
template <class Items, class Value, class Label>
http::View selectOptions(const Items& items, Value value, Label label, const std::string& selected) {
    auto options = std::make_shared<http::ViewTable>(std::vector<std::string>{"value", "label", "selected"}, items.size());
    for (const auto& item : items) {
        options->addRow();
        std::string v = value(item);
        options->set("selected", !selected.empty() && v == selected);
        options->set("value", std::move(v));
        options->set("label", label(item));
    }
    return http::listOf(std::move(options));
}

// The record named by the path parameter {id}, looked up with find(id), which searches
// within the actor's scope and returns an optional. A missing, malformed or out-of-scope id
// is audited and answered 404 (RequestContext::notFound): out of scope does not exist.
template <class Find>
auto requireVisible(http::RequestContext& ctx, const std::string& recordType, Find find)
    -> typename decltype(find(std::int64_t{}))::value_type {
    const std::string raw = ctx.request.pathParam("id");
    const std::int64_t id = positiveNumber(raw);
    if (id <= 0) ctx.notFound(recordType, raw.substr(0, 20));
    auto found = find(id);
    if (!found) ctx.notFound(recordType, std::to_string(id));
    return std::move(*found);
}

// The request's query string with `changes` applied (an empty value removes the key), names
// and values percent-encoded: "" when nothing is left, else "?a=1&b=2". The one way pages build
// links that keep the current filter (sort headers, pagination, CSV and print links).
std::string queryString(const http::Request& request, const std::map<std::string, std::string>& changes = {});

// Options for an organisation-unit <select>, indented by depth, `selected` marked.
http::View orgOptions(const std::vector<domain::OrgUnit>& units, std::int64_t selected);

// Role options with `selected` (stored name) marked.
http::View roleOptions(const std::string& selected);

// The pagination partial's view: links keep every other query parameter.
http::View pagination(const http::Request& request, int page, int pageSize, int total);


// The page number from ?page= (1 when missing or malformed).
int pageParam(const http::Request& request);


// The optimistic-locking version a form carries (field "version"). Throws domain::BadRequest
// when it is missing or malformed.
int formVersion(const http::Request& request);

}  // namespace kituo::handlers
