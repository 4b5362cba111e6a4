// libFuzzer entry point: form bodies, URL-encoded and multipart; see FuzzTargets.h.
#include "FuzzTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kituo::fuzz::parseForms(data, size);
    return 0;
}
