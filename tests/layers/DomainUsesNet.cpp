// Must NOT compile: a domain rule doing network I/O. Domain code is pure (CMakeLists.txt guard).
#include "domain/Officer.h"

#include <Poco/Net/HTTPClientSession.h>

int layerViolation() { return Poco::Net::HTTPClientSession("127.0.0.1", 80).getPort(); }
