// libFuzzer entry point over the request parsers; see FuzzTargets.h. Run with ops/fuzz.
#include "FuzzTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kituo::fuzz::parseUntrusted(data, size);
    return 0;
}
