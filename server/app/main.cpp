// Entry point: `kituo` or `kituo serve` runs the server; other words are commands
// (see Commands.h).
#include "app/Commands.h"
#include "app/KituoApp.h"

#include <string>
#include <vector>

// The server allocates through jemalloc (Debian's libjemalloc, linked in CMakeLists.txt): a page
// is built from many small strings on whichever worker thread took the connection, and glibc's
// malloc spent a quarter of the server's CPU on a roll page built afresh (malloc_consolidate,
// arena locks; measured with perf under ops/bench's cache-miss load); with jemalloc that page
// is served about a quarter faster. jemalloc reads this at start-up: one arena per CPU (no more
// threads than cores allocate at once, so more arenas only hold more memory), and a background
// thread that returns freed pages to the system, so the resident size follows what is in use
// after a large request (a 10,000-row import) instead of staying at its peak.
extern "C" const char* malloc_conf;
const char* malloc_conf = "percpu_arena:percpu,background_thread:true";

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
