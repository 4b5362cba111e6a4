// Must NOT compile: a handler including the store's Connection (which carries Connector/C++)
// to run SQL itself instead of calling a store method.
#include "store/Connection.h"

int layerViolation(kituo::store::Connection& c) { return c.prepare("SELECT 1").executeUpdate(); }
