// Server process lifecycle; see KituoApp.h.
#include "app/KituoApp.h"

#include "app/Server.h"
#include "domain/MigrationPlan.h"
#include "store/Migrator.h"

#include <Poco/Logger.h>

#include <iostream>

namespace kituo::app {

int KituoApp::main(const std::vector<std::string>&) {
    Config config;
    try {
        config = loadConfig(processEnvironment());
    } catch (const std::exception& e) {
        std::cerr << "kituo: configuration error: " << e.what() << "\n";
        return EXIT_CONFIG;
    }
    configureLogging(config);
    auto& log = Poco::Logger::get("kituo");
    std::unique_ptr<Server> server;
    try {
        server = makeServer(config);
        if (config.migrateOnStart) {
            store::Migrator migrator(server->db(), config.resolve(config.migrationsDir));
            for (const auto& name : migrator.migrate()) log.information("applied migration %s", name);
        }
        server->start();
    } catch (const domain::MigrationError& e) {
        log.fatal("migration refused: %s", std::string(e.what()));
        Poco::Logger::shutdown();
        std::cerr << "kituo: migration refused: " << e.what() << "\n";
        return EXIT_DATAERR;
    } catch (const std::exception& e) {
        std::cerr << "kituo: cannot start: " << e.what() << "\n";
        return EXIT_SOFTWARE;
    }
    log.information("Kituo serving on http://%s:%hu/ (database %s)", config.host, server->port(),
                    store::describe(server->db().settings()));
    waitForTerminationRequest();
    log.information("stopping: finishing in-flight requests");
    server->stop();
    log.information("stopped");
    return EXIT_OK;
}

}  // namespace kituo::app
