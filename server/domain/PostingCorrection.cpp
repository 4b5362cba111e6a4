// Posting correction rules; see PostingCorrection.h.
#include "domain/PostingCorrection.h"

#include "domain/PasswordRules.h"
#include "domain/Time.h"

#include <algorithm>

namespace kituo::domain {

std::optional<PostingFix> parsePostingFix(const std::string& action) {
    if (action == "correct") return PostingFix::Correct;
    if (action == "cancel") return PostingFix::Cancel;
    return std::nullopt;
}

FieldErrors postingCorrectionErrors(const PostingCorrection& in, const PostingValues& current,
                                    const std::optional<std::string>& previousFrom, const std::string& today) {
    FieldErrors e;
    if (!in.fix) {
        e["action"] = "Choose whether to correct the posting or cancel it.";
    } else if (*in.fix == PostingFix::Cancel && !previousFrom) {
        e["action"] = "This is the officer's first posting: correct it rather than cancel it.";
    } else if (*in.fix == PostingFix::Correct) {
        const PostingValues& c = in.corrected;
        if (c.stationId <= 0) e["station_id"] = "Choose the station the officer was posted to.";
        if (!isIsoDate(c.fromDate) || c.fromDate > today) {
            e["from_date"] = "Enter the date the posting began, like 17/04/2024, not in the future.";
        } else if (previousFrom && c.fromDate <= *previousFrom) {
            e["from_date"] = "The posting must begin after the previous one began (" + formatDateText(*previousFrom) + ").";
        }
        const bool blankReference = c.reference.find_first_not_of(" \t") == std::string::npos;
        if (blankReference) e["reference"] = "Enter the movement order or signal reference.";
        else if (codePointCount(c.reference) > 100) e["reference"] = "Shorten the movement order reference to at most 100 characters.";
        if (e.empty() && c.stationId == current.stationId && c.unitId == current.unitId &&
            c.fromDate == current.fromDate && c.reference == current.reference) {
            e["station_id"] = "Nothing was changed: change the station, unit, date or reference, or cancel the posting.";
        }
    }
    const std::string& r = in.reason;
    if (r.find_first_not_of(" \t") == std::string::npos) {
        e["reason"] = "Enter the reason, for example the movement order that was withdrawn.";
    } else if (codePointCount(r) > 200) {
        e["reason"] = "Shorten the reason to at most 200 characters.";
    } else if (std::any_of(r.begin(), r.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F; })) {
        e["reason"] = "Write the reason on a single line, without control characters.";
    }
    return e;
}

}  // namespace kituo::domain
