// What handlers may use: the configuration, the database, the compiled views, the clock and
// the secrets. Owned by Server, which outlives every request. Stores are thin (they hold only
// a Db&), so handlers construct the ones they need.
#pragma once

#include "app/Clock.h"
#include "app/Config.h"
#include "crypto/Keys.h"
#include "crypto/PasswordHasher.h"
#include "store/AuditWriter.h"
#include "store/Db.h"

// The HTTP layer's services are only named here: layers below it (auth) hold the struct
// without depending on HTTP.
namespace kituo::http {
class FragmentCache;
class RefusalCounter;
class StaticFiles;
class Templates;
}  // namespace kituo::http

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
    http::RefusalCounter& certificateChecks;  // public verifications per address (each audited)
    store::AuditWriter& auditWriter;  // audit events outside a change's transaction
    // The read replica's pool (KITUO_DB_READ_URL), or null: see RequestContext::readDb().
    store::Db* readDb = nullptr;
};

}  // namespace kituo::app
