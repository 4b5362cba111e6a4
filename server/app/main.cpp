// Entry point: `kituo` or `kituo serve` runs the server; other words are commands
// (see Commands.h).
#include "app/Commands.h"
#include "app/KituoApp.h"

#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc > 1 && kituo::app::isCommand(argv[1])) {
        return kituo::app::runCommand(argv[1], std::vector<std::string>(argv + 2, argv + argc));
    }
    if (argc > 1 && std::string(argv[1]) == "serve") {
        argv[1] = argv[0];
        ++argv;
        --argc;
    }
    kituo::app::KituoApp app;
    return app.run(argc, argv);
}
