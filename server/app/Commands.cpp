// Command-line operations that do not serve HTTP; see Commands.h.
#include "app/Commands.h"

#include "app/Config.h"
#include "app/Server.h"
#include "domain/MigrationPlan.h"
#include "http/Templates.h"
#include "store/DemoSeed.h"
#include "store/Migrator.h"

#include <iostream>

namespace kituo::app {
namespace {

int migrate(const Config& config) {
    store::Db db(dbSettings(config));
    store::Migrator migrator(db, config.resolve(config.migrationsDir));
    const auto applied = migrator.migrate();
    for (const auto& name : applied) std::cout << "applied " << name << "\n";
    std::cout << (applied.empty() ? "database schema is up to date\n" : "migrations complete\n");
    return 0;
}

int seedDemo(const Config& config) {
    store::Db db(dbSettings(config));
    store::Migrator(db, config.resolve(config.migrationsDir)).migrate();
    const auto result = store::seedDemo(db);
    std::cout << "demo station seeded: " << result.orgUnits << " organisation units\n";
    return 0;
}

int checkTemplates(const Config& config) {
    http::Templates templates(config.resolve(config.templatesDir));
    std::cout << templates.names().size() << " templates compile\n";
    return 0;
}

}  // namespace

bool isCommand(const std::string& word) {
    return word == "migrate" || word == "seed-demo" || word == "check-templates";
}

int runCommand(const std::string& command, const std::vector<std::string>&) {
    try {
        const Config config = loadConfig(processEnvironment());
        if (command == "migrate") return migrate(config);
        if (command == "seed-demo") return seedDemo(config);
        if (command == "check-templates") return checkTemplates(config);
        std::cerr << "kituo: unknown command " << command << "\n";
        return 64;
    } catch (const domain::MigrationError& e) {
        std::cerr << "kituo: migration refused: " << e.what() << "\n";
        return 65;
    } catch (const std::exception& e) {
        std::cerr << "kituo " << command << ": " << e.what() << "\n";
        return 1;
    }
}

}  // namespace kituo::app
