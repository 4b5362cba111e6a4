// The server factory shared by main and the tests (Config in, running server out).
//
// Ownership and order: the Server owns the thread pool, the database pool, the templates and
// the HTTP server; the HTTP server is stopped and the thread pool joined before the database
// pool is destroyed, so no request thread outlives the connections it uses.
#pragma once

#include "app/Config.h"
#include "app/Maintenance.h"
#include "app/ReplicaMonitor.h"
#include "app/Services.h"
#include "http/FragmentCache.h"
#include "http/RefusalCounter.h"
#include "http/StaticFiles.h"
#include "http/Templates.h"
#include "http/Router.h"

#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include <memory>

namespace kituo::app {

class Server {
public:
    // Loads the master key, compiles the templates, loads the static files, builds and
    // validates the route table. Throws std::runtime_error (naming the broken template, route,
    // key file or setting). Does not touch
    // the database: a server may start while the database is down and recover later.
    explicit Server(Config config);
    ~Server();

    // Binds host:port (port 0: any free port) and starts accepting.
    void start();
    // Stops accepting, lets in-flight requests finish, joins the workers. Idempotent.
    void stop();

    unsigned short port() const { return _port; }
    Services& services() { return *_services; }
    // Routes may be added (tests) before start(); the table is validated at construction.
    http::Router& router() { return _router; }
    store::Db& db() { return *_db; }
    store::Db* readDb() { return _readDb.get(); }
    Clock& clock() { return _clock; }
    // Seals pending audit events and writes the refusal summary now (tests).
    void runMaintenance() { _maintenance->runOnce(); }
    const Config& config() const { return _config; }

private:
    Config _config;
    Clock _clock;
    std::unique_ptr<crypto::KeyRing> _keys;
    std::unique_ptr<crypto::PasswordHasher> _passwords;
    std::unique_ptr<store::Db> _db;
    std::unique_ptr<store::Db> _readDb;  // the read replica's pool, when configured
    std::unique_ptr<ReplicaMonitor> _replicaMonitor;
    std::unique_ptr<http::Templates> _templates;
    std::unique_ptr<http::StaticFiles> _static;
    http::FragmentCache _fragments;
    std::unique_ptr<http::RefusalCounter> _refusals;
    std::unique_ptr<http::RefusalCounter> _certificateChecks;
    std::unique_ptr<store::AuditWriter> _auditWriter;
    std::unique_ptr<Services> _services;
    std::unique_ptr<Maintenance> _maintenance;
    http::Router _router;
    Poco::ThreadPool _threads;
    std::unique_ptr<Poco::Net::HTTPServer> _http;
    unsigned short _port = 0;
};

std::unique_ptr<Server> makeServer(const Config& config);

// Adds every route of the application to `router` (the one route table). Needs no database:
// `kituo routes` prints the table, and the routing fuzz target and tests walk it.
void addRoutes(http::Router& router);

// Database settings for this configuration (URL, pool size, timeouts).
store::DbSettings dbSettings(const Config& config);

// Sets up Poco logging: one line per event on stderr through an async channel.
void configureLogging(const Config& config);

}  // namespace kituo::app
