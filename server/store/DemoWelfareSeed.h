// The demo station's counselling: the demo supervisor supervises both demo counsellors, and
// each counsellor has cases of Kilimani officers with sessions (record fields and sealed
// notes) in every risk level, with follow-ups due, overdue and missing. Added once: only when
// no case exists yet. The notes are invented and say so.
#pragma once

#include "crypto/Keys.h"
#include "store/Db.h"

#include <string>

namespace kituo::store {

struct WelfareSeedResult {
    int cases = 0;
    int sessions = 0;
};

WelfareSeedResult seedWelfare(Db& db, const crypto::KeyRing& keys, const std::string& today);

// The notes the demo seed writes (so a test can search a database dump for each of them).
const std::vector<std::string>& demoNotes();

}  // namespace kituo::store
