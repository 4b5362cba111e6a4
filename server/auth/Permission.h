// What a route needs before its handler runs. Every route names one; a route without one makes
// the Router refuse to start (deny by default). Public routes are listed by name in the table.
#pragma once

#include <string>

namespace kituo::auth {

enum class Permission {
    Public,  // no sign-in: health check, static assets, the sign-in page
};

std::string toString(Permission p);

}  // namespace kituo::auth
