// The error pages, in one place. Each status has a title and a plain explanation; the 500
// page shows only the request id (details go to the log, never to the user).
#pragma once

#include "http/Response.h"
#include "http/Templates.h"

#include <map>
#include <string>

namespace kituo::http {

// The page for `status`. `message` replaces the default explanation when not empty;
// `fieldErrors` are listed (400 from a validation error that has no form to re-render).
// Falls back to plain text if the template itself cannot render.
// The error page for `status`. `layout` is the signed-in user's layout view (navigation, Sign
// out), when there is one, so an error never strands a signed-in user; without it the page has
// the anonymous layout.
Response errorPage(const Templates& templates, int status, const std::string& message,
                   const std::string& requestId,
                   const std::map<std::string, std::string>& fieldErrors = {},
                   const View* layout = nullptr);

std::string statusTitle(int status);

}  // namespace kituo::http
