// Seeds the demo station so a fresh install has something real to show: the organisation
// tree from the national node down to two stations of Nairobi County and their units; the
// demo accounts of ARCHITECTURE.md (admin, hr, counsellor, counsellor2, supervisor,
// commander, ocs, auditor at Kilimani station; hr.county at Nairobi County; hr.other at
// Capitol Hill station); and a nominal roll of about 120 officers (100 at Kilimani, 20 at
// Capitol Hill) across ranks, units and statuses, many with earlier postings. The roll is
// generated from a fixed seed, so every installation gets the same people.
//
// Idempotent: rows are keyed on stable codes and usernames, so running it again changes
// nothing, except that a demo account whose password no longer matches `demoPassword` gets it
// again (the caller's demo password is the truth). Never invents a password itself.
#pragma once

#include "crypto/PasswordHasher.h"
#include "store/Db.h"

#include <string>

namespace kituo::store {

struct DemoSeedResult {
    int orgUnits = 0;         // nodes that exist after seeding
    int accountsCreated = 0;
    int passwordsReset = 0;
    int officersCreated = 0;
};

// The demo accounts' usernames, in seeding order.
const std::vector<std::string>& demoUsernames();

// `today` (YYYY-MM-DD) anchors the generated dates (enlistments, postings) so that some
// officers have been more than three years at their station.
DemoSeedResult seedDemo(Db& db, const crypto::PasswordHasher& hasher, const std::string& demoPassword,
                        const std::string& today);

}  // namespace kituo::store
