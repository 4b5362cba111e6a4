// View-model helpers shared by several areas' handlers: select options, pagination links,
// and parsing of numeric path parameters.
#pragma once

#include "domain/OrgUnit.h"
#include "http/RequestContext.h"

#include <optional>
#include <string>
#include <vector>

namespace kituo::handlers {

// Options for an organisation-unit <select>, indented by depth, `selected` marked.
http::View orgOptions(const std::vector<domain::OrgUnit>& units, std::int64_t selected);

// Role options with `selected` (stored name) marked.
http::View roleOptions(const std::string& selected);

// The pagination partial's view: links keep every other query parameter.
http::View pagination(const http::Request& request, int page, int pageSize, int total);

// A positive whole number from the path, or nothing.
std::optional<std::int64_t> idParam(const http::Request& request, const std::string& name = "id");

// The page number from ?page= (1 when missing or malformed).
int pageParam(const http::Request& request);

// A positive whole number from a form or query value, or 0 when empty or malformed.
std::int64_t positiveNumber(const std::string& text);

// The optimistic-locking version a form carries (field "version"). Throws domain::BadRequest
// when it is missing or malformed.
int formVersion(const http::Request& request);

}  // namespace kituo::handlers
