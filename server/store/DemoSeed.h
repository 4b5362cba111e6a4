// Seeds the demo station so a fresh install has something real to show: the organisation
// tree from the national node down to two stations of Nairobi County and their units.
// Idempotent: every row is keyed on a stable code, so running it again changes nothing.
// Never seeds credentials (demo accounts take their password from the caller).
#pragma once

#include "store/Db.h"

namespace kituo::store {

struct DemoSeedResult {
    int orgUnits = 0;  // nodes that exist after seeding
};

DemoSeedResult seedDemo(Db& db);

}  // namespace kituo::store
