// Entry point: `kituo` or `kituo serve` runs the server; other words are commands
// (see Commands.h).
#include "app/Commands.h"
#include "app/KituoApp.h"

#include <malloc.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
    // glibc gives busy threads their own malloc arenas, up to eight per core, and memory freed
    // in one arena is not reused by another: with one worker thread per connection, a large
    // request (a 10,000-row import) grows whichever arena its thread landed on. No more threads
    // than cores allocate at once, so one arena per core loses no speed and keeps the resident
    // size near what is in use (ops/bench prints the peak).
    mallopt(M_ARENA_MAX, static_cast<int>(std::max(2u, std::thread::hardware_concurrency())));
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
