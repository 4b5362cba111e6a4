// libFuzzer entry point: request targets, cookies and route matching; see FuzzTargets.h.
// The route table is the application's own, as printed by `kituo routes` into the file named
// by KITUO_FUZZ_ROUTES (ops/fuzz writes it), so this target links the parsers only and builds
// in seconds; the unit tests replay the same inputs against the table built in-process.
#include "FuzzTargets.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace {
kituo::http::Router router;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const char* file = std::getenv("KITUO_FUZZ_ROUTES");
    std::ifstream in(file ? file : "");
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string method, pattern;
        if (fields >> method >> pattern) {
            router.add(method, pattern, kituo::auth::Permission::Public,
                       [](kituo::http::RequestContext&) -> kituo::http::Response { std::abort(); });
        }
    }
    if (router.routes().empty()) {
        std::fprintf(stderr, "KITUO_FUZZ_ROUTES must name the output of `kituo routes`\n");
        std::exit(2);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kituo::fuzz::routeRequest(router, data, size);
    return 0;
}
