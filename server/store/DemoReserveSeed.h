// The demo station's National Police Reserve: about 40 reservists at Kilimani (and 8 at
// Capitol Hill, so that a commander of one station has another's to be refused), two
// sections under Kilimani's OCS (one led by the demo account npr.section), duties on and off
// now (day patrols, night duties crossing midnight, open-ended guard postings, escorts ending
// within 14 days), firearms out, overdue and returned (one short), re-vetting falling due,
// and authorised strength by ward. Added once: only when the station has no reservist yet.
// Handover PINs are never seeded: a commander sets one with the reservist on their page.
#pragma once

#include "store/Db.h"

#include <string>

namespace kituo::store {

struct ReserveSeedResult {
    int reservists = 0;
    int assignments = 0;
    int firearmIssues = 0;
};

// `today` (YYYY-MM-DD, Kenya) anchors every date and time; "now" is taken as 12:00 EAT that day.
ReserveSeedResult seedReserve(Db& db, const std::string& today);

}  // namespace kituo::store
