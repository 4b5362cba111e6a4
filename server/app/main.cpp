// Entry point: `kituo` or `kituo serve` runs the server; other words are commands
// (see Commands.h).
#include "app/Commands.h"
#include "app/KituoApp.h"

#include <string>
#include <vector>

// The server allocates through jemalloc (Debian's libjemalloc, linked in CMakeLists.txt): a page
// is built from many small strings on whichever worker thread took the connection, and glibc's
// malloc spent a quarter of the server's CPU on a roll page built afresh (malloc_consolidate,
// arena locks; perf under ops/bench's cache-miss load); with jemalloc that page is served about
// a quarter faster. jemalloc reads this at start-up:
// - one arena per CPU: no more threads than cores allocate at once, so more arenas only hold
//   more memory;
// - freed pages go back to the system at once (no decay), and each of the up to 80 worker
//   threads caches fewer and only small blocks (at most 40 per size class, up to 4 KiB): with
//   jemalloc's defaults the server's peak over ops/bench was 104-119 MiB, above the 100 MiB
//   target, and with these 90 MiB, at the same speed within the run-to-run noise.
extern "C" const char* malloc_conf;
const char* malloc_conf =
    "percpu_arena:percpu,background_thread:true,dirty_decay_ms:0,muzzy_decay_ms:0,"
    "tcache_nslots_small_max:40,tcache_max:4096";

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
