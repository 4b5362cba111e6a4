// Must NOT compile: a handler reaching for Connector/C++ directly. The build's layer guard
// (CMakeLists.txt) makes <cppconn/...> an #error above the store layer.
#include "handlers/Handlers.h"

#include <cppconn/driver.h>

int layerViolation() { return get_driver_instance() != nullptr; }
