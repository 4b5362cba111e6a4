// The demo station's retraining data (part of seedDemo, see DemoSeed.h): the kinds of the demo
// units, about fifteen catalogue modules with their requirement rules and prerequisites, and
// completions of Kilimani's officers chosen so that the station shows every compliance state.
#pragma once

#include "store/Db.h"

#include <string>

namespace kituo::store {

struct TrainingSeedResult {
    int modules = 0;      // created by this run (0: the catalogue already had modules)
    int completions = 0;
};

// Sets the unit type of demo units that have none; when the catalogue is empty, creates the
// demo modules, rules and completions (dates relative to `today`), in one transaction.
// Deterministic but for the certificate codes (random, as for real passes): the same data on
// every installation for the same `today`.
TrainingSeedResult seedTraining(Db& db, const std::string& today);

}  // namespace kituo::store
