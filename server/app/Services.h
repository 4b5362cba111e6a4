// What handlers may use: the configuration, the database, the compiled views, the clock and
// the secrets. Owned by Server, which outlives every request. Stores are thin (they hold only
// a Db&), so handlers construct the ones they need.
#pragma once

#include "app/Clock.h"
#include "app/Config.h"
#include "crypto/Keys.h"
#include "crypto/PasswordHasher.h"
#include "http/FragmentCache.h"
#include "http/RefusalCounter.h"
#include "http/StaticFiles.h"
#include "http/Templates.h"
#include "store/Db.h"

namespace kituo::app {

struct Services {
    const Config& config;
    store::Db& db;
    const http::Templates& templates;
    const http::StaticFiles& staticFiles;
    Clock& clock;
    const crypto::KeyRing& keys;
    const crypto::PasswordHasher& passwords;
    http::FragmentCache& fragments;
    http::RefusalCounter& refusals;
};

}  // namespace kituo::app
