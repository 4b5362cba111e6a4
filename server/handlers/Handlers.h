// Route registration, one function per area. Each area's routes live in its own file next to
// their handlers; Server calls these once to build the route table.
#pragma once

#include "http/Router.h"

namespace kituo::handlers {

// GET /healthz, GET /static/{file}
void addSystemRoutes(http::Router& router);
// GET /
void addHomeRoutes(http::Router& router);

}  // namespace kituo::handlers
