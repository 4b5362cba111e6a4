// The demo station's retraining data (part of seedDemo, see DemoSeed.h): the kinds of the demo
// units, about fifteen catalogue modules with their requirement rules and prerequisites,
// completions of Kilimani's officers chosen so that the station shows every compliance state,
// and Kilimani's offerings: two that have run (human rights and first aid) with the officers
// who were due enrolled and their results recorded (passes with certificates, one did not
// pass, one absent), and a first-aid course still to come with places for the station's due.
#pragma once

#include "store/Db.h"

#include <string>

namespace kituo::store {

struct TrainingSeedResult {
    int modules = 0;      // created by this run (0: the catalogue already had modules)
    int completions = 0;
    int offerings = 0;    // created by this run (0: Kilimani already had offerings)
};

// Sets the unit type of demo units that have none; when the catalogue is empty, creates the
// demo modules, rules and completions (dates relative to `today`), in one transaction; then,
// when Kilimani hosts no offering, its offerings (dates relative to `today`; a catalogue
// without one of their modules skips that offering), in another.
// Deterministic but for the certificate codes (random, as for real passes): the same data on
// every installation for the same `today`.
TrainingSeedResult seedTraining(Db& db, const std::string& today);

}  // namespace kituo::store
