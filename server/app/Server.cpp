// Server assembly; see Server.h.
#include "app/Server.h"

#include "handlers/Handlers.h"
#include "http/Dispatcher.h"

#include <Poco/AsyncChannel.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/PatternFormatter.h>

namespace kituo::app {

store::DbSettings dbSettings(const Config& config) {
    store::DbSettings s = store::parseDbUrl(config.databaseUrl());
    s.poolSize = config.dbPoolSize;
    s.connectTimeoutSec = config.dbConnectTimeoutSec;
    s.readTimeoutSec = config.dbReadTimeoutSec;
    s.writeTimeoutSec = config.dbReadTimeoutSec;
    return s;
}

void configureLogging(const Config& config) {
    Poco::AutoPtr<Poco::PatternFormatter> formatter(
        new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S.%iZ %p %s: %t"));
    formatter->setProperty("times", "UTC");
    Poco::AutoPtr<Poco::FormattingChannel> formatting(
        new Poco::FormattingChannel(formatter, new Poco::ConsoleChannel));
    Poco::AutoPtr<Poco::AsyncChannel> async(new Poco::AsyncChannel(formatting));
    Poco::Logger::root().setChannel(async);
    Poco::Logger::setLevel("", Poco::Logger::parseLevel(config.logLevel));
}

Server::Server(Config config)
    : _config(std::move(config)), _threads(2, _config.threads + 2, 60) {
    _keys = std::make_unique<crypto::KeyRing>(crypto::KeyRing::fromFile(_config.resolve(_config.keyFile)));
    _passwords = std::make_unique<crypto::PasswordHasher>();
    _db = std::make_unique<store::Db>(dbSettings(_config));
    _templates = std::make_unique<http::Templates>(_config.resolve(_config.templatesDir));
    _static = std::make_unique<http::StaticFiles>(_config.resolve(_config.staticDir));
    _refusals = std::make_unique<http::RefusalCounter>(_config.anonymousRefusalsPerAddress);
    _certificateChecks = std::make_unique<http::RefusalCounter>(_config.certificateChecksPerAddress);
    if (!_config.dbReadUrl.empty()) {
        store::DbSettings read = dbSettings(_config);
        const store::DbSettings fromUrl = store::parseDbUrl(_config.dbReadUrl);
        read.host = fromUrl.host;
        read.user = fromUrl.user;
        read.password = fromUrl.password;
        read.database = fromUrl.database;
        read.connectTimeoutSec = 1;  // a replica that does not answer costs a read at most this
        _readDb = std::make_unique<store::Db>(read);
        _readDb->makeReplicaOf(*_db);
        _replicaMonitor = std::make_unique<ReplicaMonitor>(*_readDb, _config.dbReadMaxLagSec);
    }
    _auditWriter = std::make_unique<store::AuditWriter>(*_db, *_keys);
    _services = std::make_unique<Services>(Services{_config, *_db, *_templates, *_static, _clock,
                                                    *_keys, *_passwords, _fragments, *_refusals, *_certificateChecks,
                                                    *_auditWriter, _readDb.get()});
    _maintenance = std::make_unique<Maintenance>(*_services);
    addRoutes(_router);
    _router.validate();
}

void addRoutes(http::Router& router) {
    handlers::addSystemRoutes(router);
    handlers::addAccountRoutes(router);
    handlers::addDashboardRoutes(router);
    handlers::addUserAdminRoutes(router);
    handlers::addOrgAdminRoutes(router);
    handlers::addAuditRoutes(router);
    handlers::addOfficerRoutes(router);
    handlers::addTrainingRoutes(router);
    handlers::addWelfareRoutes(router);
    handlers::addReservistRoutes(router);
    handlers::addOfficerImportRoutes(router);
}

Server::~Server() { stop(); }

void Server::start() {
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress(_config.host, static_cast<Poco::UInt16>(_config.port)),
                true);
    socket.listen(256);
    _port = socket.address().port();
    Poco::Net::HTTPServerParams::Ptr params(new Poco::Net::HTTPServerParams);
    params->setMaxThreads(_config.threads);
    params->setMaxQueued(_config.maxQueued);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(_config.keepAliveTimeoutSec, 0));
    params->setMaxKeepAliveRequests(10000);
    params->setTimeout(Poco::Timespan(_config.receiveTimeoutSec, 0));
    params->setServerName("Kituo");
    _http = std::make_unique<Poco::Net::HTTPServer>(
        new http::DispatcherFactory(_router, *_services), _threads, socket, params);
    _auditWriter->start();
    _http->start();
    _maintenance->start();
    if (_replicaMonitor) _replicaMonitor->start();
}

void Server::stop() {
    if (!_http) return;
    _http->stopAll(false);  // in-flight requests finish; idle keep-alive connections close
    _threads.joinAll();
    _http.reset();
    _auditWriter->stop();
    _maintenance->stop();
    if (_replicaMonitor) _replicaMonitor->stop();
}

std::unique_ptr<Server> makeServer(const Config& config) {
    return std::make_unique<Server>(config);
}

}  // namespace kituo::app
