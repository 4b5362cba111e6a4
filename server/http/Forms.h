// Decoding of URL-encoded data (query strings and form bodies). Strict: a malformed escape or
// a value that is not valid UTF-8 after decoding raises domain::BadRequest, so nothing
// malformed reaches a handler or the database.
#pragma once

#include "http/Request.h"

#include <string>
#include <string_view>

namespace kituo::http {

// Decodes %XY escapes (and '+' as space when plusAsSpace). Throws BadRequest.
std::string percentDecode(std::string_view s, bool plusAsSpace);

// Parses a=1&b=2 into name/value pairs, in order. Throws BadRequest; throws TooLarge for
// more than maxFields pairs or a name or value longer than maxFieldBytes once decoded.
Params parseUrlEncoded(std::string_view s, int maxFields = 1000,
                       std::size_t maxFieldBytes = 64 * 1024);

// Parses a request target ("/path?query" as sent on the request line) into request.path
// (percent-decoded, no control characters) and request.query. Throws BadRequest for a target
// that is empty, does not start with '/', is longer than 8 KiB, or does not decode.
void parseRequestTarget(std::string_view target, Request& request);

// Parses a Cookie header into name -> value (first occurrence wins).
std::map<std::string, std::string> parseCookies(std::string_view header);

}  // namespace kituo::http
