// Correcting or cancelling a posting recorded by mistake (a transfer keyed against the wrong
// officer, a wrong date or unit, a movement order later withdrawn). Only the officer's current
// posting can be corrected or cancelled: older postings are history that later ones rest on.
// A correction keeps what was there before (the history shows both); a cancellation removes
// the posting and reopens the previous one. Both need a reason.
#pragma once

#include "domain/Officer.h"

#include <cstdint>
#include <optional>
#include <string>

namespace kituo::domain {

enum class PostingFix { Correct, Cancel };

// "correct" or "cancel" as posted by the form; nothing for anything else.
std::optional<PostingFix> parsePostingFix(const std::string& action);

struct PostingValues {
    std::int64_t stationId = 0;
    std::optional<std::int64_t> unitId;
    std::string fromDate;  // YYYY-MM-DD
    std::string reference;
};

struct PostingCorrection {
    std::optional<PostingFix> fix;
    PostingValues corrected;  // the posting as it should read (Correct only)
    std::string reason;
};

// Field errors for a correction of `current` (the open posting) on `today`. `previousFrom` is
// when the posting before it began (none: the officer's first posting, which can be corrected
// but not cancelled). A corrected posting begins after the previous one began, not in the
// future, keeps a movement order reference and changes something. Field names are the form's:
// action, station_id, unit_id, from_date, reference, reason.
FieldErrors postingCorrectionErrors(const PostingCorrection& in, const PostingValues& current,
                                    const std::optional<std::string>& previousFrom, const std::string& today);

}  // namespace kituo::domain
