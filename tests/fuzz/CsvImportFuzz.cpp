// libFuzzer entry point: roll import files, parsed and planned; see FuzzTargets.h.
#include "FuzzTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kituo::fuzz::parseCsvImport(data, size);
    return 0;
}
