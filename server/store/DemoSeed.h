// Seeds the demo station so a fresh install has something real to show: the organisation
// tree from the national node down to two stations of Nairobi County and their units; the
// demo accounts of ARCHITECTURE.md (admin, hr, counsellor, counsellor2, supervisor,
// commander, ocs, auditor at Kilimani station; hr.county at Nairobi County; hr.other at
// Capitol Hill station; npr.section, a reservist section commander at Kilimani); and a nominal roll of about 120 officers (100 at Kilimani, 20 at
// Capitol Hill) across ranks, units and statuses, many with earlier postings; the demo
// retraining catalogue, completions and Kilimani's offerings (DemoTrainingSeed.h). The roll is
// generated from a fixed seed, so every installation gets the same people.
//
// Creates what is missing and changes nothing that exists: an existing account (demo name or
// not) keeps its password, role and second factor. Each account it creates is audited in the
// transaction that creates it ("user.create" by "seed-demo"), and so is each second factor it
// enrols. Demo accounts whose role needs a second factor (admin, counsellor, counsellor2,
// supervisor, auditor) are enrolled, when created, with `totpSecret` (raw bytes; empty: not
// enrolled, they enrol at first sign-in). Never invents a password or a secret itself. Only for
// a demo database: ops/run calls it on the private instance, or with --demo.
#pragma once

#include "crypto/Keys.h"
#include "crypto/PasswordHasher.h"
#include "store/Db.h"

#include <string>

namespace kituo::store {

struct DemoSeedResult {
    int orgUnits = 0;         // nodes that exist after seeding
    int accountsCreated = 0;
    int secondFactorsEnrolled = 0;
    int officersCreated = 0;
    int trainingModulesCreated = 0;  // the demo catalogue, with rules and completions (DemoTrainingSeed.h)
    int trainingOfferingsCreated = 0;  // Kilimani's offerings, run and to come (DemoTrainingSeed.h)
    int welfareCases = 0;              // counselling cases of the demo counsellors (DemoWelfareSeed.h)
    int reservists = 0;                // the demo reserve (DemoReserveSeed.h)
};

// The demo accounts' usernames, in seeding order.
const std::vector<std::string>& demoUsernames();

// `today` (YYYY-MM-DD) anchors the generated dates (enlistments, postings) so that some
// officers have been more than three years at their station.
DemoSeedResult seedDemo(Db& db, const crypto::PasswordHasher& hasher, const crypto::KeyRing& keys,
                        const std::string& demoPassword, const std::string& totpSecret,
                        const std::string& today);

}  // namespace kituo::store
