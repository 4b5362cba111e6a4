// What handlers may use: the configuration, the database and the compiled views. Owned by
// Server, which outlives every request.
#pragma once

#include "app/Config.h"
#include "http/StaticFiles.h"
#include "http/Templates.h"
#include "store/Db.h"

namespace kituo::app {

struct Services {
    const Config& config;
    store::Db& db;
    const http::Templates& templates;
    const http::StaticFiles& staticFiles;
};

}  // namespace kituo::app
