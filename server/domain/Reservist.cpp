// National Police Reserve rules; see Reservist.h.
#include "domain/Reservist.h"

#include "domain/Time.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace kituo::domain {
namespace {

bool allDigits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool known(const std::vector<ReservistChoice>& choices, const std::string& key) {
    return std::any_of(choices.begin(), choices.end(), [&](const ReservistChoice& c) { return c.first == key; });
}

// A count typed in a form: 0 to max, digits only.
std::optional<int> count(const std::string& text, int max) {
    if (!allDigits(text) || text.size() > 5) return std::nullopt;
    const int n = std::stoi(text);
    if (n > max) return std::nullopt;
    return n;
}

std::string plusYears(const std::string& isoDate, int years) {
    std::string out = std::to_string(std::stoi(isoDate.substr(0, 4)) + years) + isoDate.substr(4);
    if (out.substr(5) == "02-29" && !isIsoDate(out)) out = out.substr(0, 5) + "03-01";
    return out;
}

}  // namespace

const std::vector<ReservistChoice>& reservistStatuses() {
    static const std::vector<ReservistChoice> c = {
        {"active", "Active"}, {"suspended", "Suspended"}, {"discharged", "Discharged"}};
    return c;
}

const std::vector<ReservistChoice>& vettingResults() {
    static const std::vector<ReservistChoice> c = {
        {"cleared", "Cleared"}, {"pending", "Pending"}, {"not_cleared", "Not cleared"}};
    return c;
}

const std::vector<ReservistChoice>& dutyRoles() {
    static const std::vector<ReservistChoice> c = {{"patrol", "Patrol"},
                                                   {"escort", "Escort"},
                                                   {"guard", "Guard"},
                                                   {"community_liaison", "Community liaison"},
                                                   {"other", "Other"}};
    return c;
}

const std::vector<ReservistChoice>& firearmTypes() {
    static const std::vector<ReservistChoice> c = {
        {"rifle", "Rifle"}, {"pistol", "Pistol"}, {"shotgun", "Shotgun"}, {"other", "Other"}};
    return c;
}

std::string reservistChoiceLabel(const std::vector<ReservistChoice>& choices, const std::string& key) {
    for (const auto& c : choices) {
        if (c.first == key) return c.second;
    }
    return key;
}

const std::vector<ReservistField>& reservistFields() {
    using R = ReservistInput;
    static const std::vector<ReservistField> fields = {
        {"reservist_number", "Reservist number", "reservist_number", &R::reservistNumber, false, "identity"},
        {"surname", "Surname", "surname", &R::surname, false, "identity"},
        {"other_names", "Other names", "other_names", &R::otherNames, false, "identity"},
        {"national_id", "National ID", "national_id", &R::nationalId, false, "identity"},
        {"date_of_birth", "Date of birth", "date_of_birth", &R::dateOfBirth, true, "identity"},
        {"gender", "Gender", "gender", &R::gender, false, "identity"},
        {"phone", "Mobile phone", "phone", &R::phone, false, "identity"},
        {"home_county", "Home county", "home_county", &R::homeCounty, false, "home"},
        {"home_sub_county", "Home sub-county", "home_sub_county", &R::homeSubCounty, false, "home"},
        {"home_ward", "Home ward", "home_ward", &R::homeWard, false, "home"},
        {"home_location", "Home location", "home_location", &R::homeLocation, false, "home"},
        {"enlistment_date", "Enlisted", "enlistment_date", &R::enlistmentDate, true, "service"},
        {"vetting_date", "Vetted on", "vetting_date", &R::vettingDate, true, "service"},
        {"vetting_result", "Vetting result", "vetting_result", &R::vettingResult, false, "service"},
        {"revetting_due", "Re-vetting due", "revetting_due", &R::revettingDue, true, "service"},
        {"status", "Status", "status", &R::status, false, "service"},
        {"status_since", "Status since", "status_since", &R::statusSince, true, "service"},
        {"status_reason", "Reason for the status", "status_reason", &R::statusReason, false, "service"},
        {"next_of_kin_name", "Next of kin", "next_of_kin_name", &R::nextOfKinName, false, "kin"},
        {"next_of_kin_phone", "Next of kin's phone", "next_of_kin_phone", &R::nextOfKinPhone, false, "kin"},
        {"next_of_kin_relation", "Relationship", "next_of_kin_relation", &R::nextOfKinRelation, false, "kin"}};
    return fields;
}

bool validReservistNumber(const std::string& s) {
    if (s.size() < 4 || s.size() > 12) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '-';
    });
}

ReservistInput normalizedReservist(ReservistInput in, const ReservistRules& rules) {
    for (const auto& f : reservistFields()) {
        std::string& value = in.*f.text;
        const auto a = value.find_first_not_of(" \t"), b = value.find_last_not_of(" \t");
        value = a == std::string::npos ? std::string() : value.substr(a, b - a + 1);
        if (f.date) {
            if (auto iso = parseDateInput(value)) value = *iso;
        }
    }
    for (char& c : in.reservistNumber) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    for (auto* phone : {&in.phone, &in.nextOfKinPhone}) {
        if (auto p = normalizePhone(*phone)) *phone = *p;
    }
    if (in.revettingDue.empty() && isIsoDate(in.vettingDate)) in.revettingDue = plusYears(in.vettingDate, rules.revettingYears);
    return in;
}

FieldErrors reservistFieldErrors(const ReservistInput& in, const std::string& today, const ReservistRules& rules) {
    FieldErrors e;
    if (!validReservistNumber(in.reservistNumber)) {
        e["reservist_number"] = "Enter the reservist number: 4 to 12 capitals, digits, / or -, like NPR/KLM/0042.";
    }
    for (const auto& [field, value, label, max, required] :
         {std::tuple{"surname", &in.surname, "surname", 100, true},
          std::tuple{"other_names", &in.otherNames, "other names", 100, true},
          std::tuple{"home_county", &in.homeCounty, "home county", 60, true},
          std::tuple{"home_sub_county", &in.homeSubCounty, "home sub-county", 60, true},
          std::tuple{"home_ward", &in.homeWard, "home ward", 60, true},
          std::tuple{"home_location", &in.homeLocation, "home location", 60, true},
          std::tuple{"next_of_kin_name", &in.nextOfKinName, "next of kin's name", 160, true},
          std::tuple{"next_of_kin_relation", &in.nextOfKinRelation, "relationship of the next of kin", 40, true},
          std::tuple{"status_reason", &in.statusReason, "reason for the status", 200, false}}) {
        if (auto message = lineTextError(*value, label, static_cast<std::size_t>(max), required)) e[field] = *message;
    }
    if (!validNationalId(in.nationalId)) e["national_id"] = "Enter the national ID number: 6 to 9 digits.";
    if (in.gender != "F" && in.gender != "M") e["gender"] = "Choose the gender: female or male.";
    if (!normalizePhone(in.phone)) e["phone"] = "Enter the mobile phone as a Kenyan mobile number like 0712 345678.";
    const auto kinPhone = normalizePhone(in.nextOfKinPhone);
    if (!kinPhone || kinPhone->empty()) {
        e["next_of_kin_phone"] = "Enter the next of kin's mobile number like 0712 345678.";
    }
    const bool dobOk = isIsoDate(in.dateOfBirth) && in.dateOfBirth <= today && in.dateOfBirth >= "1900-01-01";
    if (!dobOk) e["date_of_birth"] = "Enter the date of birth like 17/04/1990, not in the future.";
    const bool enlistOk = isIsoDate(in.enlistmentDate) && in.enlistmentDate <= today && in.enlistmentDate >= "1948-01-01";
    if (!enlistOk) {
        e["enlistment_date"] = "Enter the enlistment date like 01/06/2015, not in the future.";
    } else if (dobOk) {
        const int age = yearsBetween(in.dateOfBirth, in.enlistmentDate);
        if (age < rules.minEnlistmentAge || age > rules.maxEnlistmentAge) {
            e["enlistment_date"] = "Age at enlistment must be " + std::to_string(rules.minEnlistmentAge) + " to " +
                                   std::to_string(rules.maxEnlistmentAge) + " (it would be " + std::to_string(age) + ").";
        }
    }
    const bool vetOk = isIsoDate(in.vettingDate) && in.vettingDate <= today;
    if (!vetOk) {
        e["vetting_date"] = "Enter the date of the (latest) vetting, not in the future.";
    } else if (dobOk && yearsBetween(in.dateOfBirth, in.vettingDate) < rules.minEnlistmentAge) {
        e["vetting_date"] = "The vetting cannot date from before the reservist was " +
                            std::to_string(rules.minEnlistmentAge) + ".";
    }
    if (!known(vettingResults(), in.vettingResult)) e["vetting_result"] = "Choose the vetting result.";
    if (!isIsoDate(in.revettingDue)) {
        e["revetting_due"] = "Enter the date re-vetting falls due, or leave it empty for " +
                             std::to_string(rules.revettingYears) + " years after the vetting.";
    } else if (vetOk && in.revettingDue <= in.vettingDate) {
        e["revetting_due"] = "Re-vetting falls due after the vetting date.";
    }
    if (!known(reservistStatuses(), in.status)) {
        e["status"] = "Choose the status.";
    } else if (in.status == "active" && known(vettingResults(), in.vettingResult) && in.vettingResult != "cleared") {
        e["status"] = "Only a reservist cleared by vetting can be active: choose suspended, or record the clearance.";
    } else if (in.status != "active" && e.count("status_reason") == 0 && in.statusReason.empty()) {
        e["status_reason"] = "Say why the reservist is " + in.status + ".";
    }
    if (!isIsoDate(in.statusSince) || in.statusSince > today) {
        e["status_since"] = "Enter the date of this status, not in the future.";
    } else if (enlistOk && in.statusSince < in.enlistmentDate) {
        e["status_since"] = "The status cannot date from before enlistment.";
    }
    return e;
}

bool overlaps(const DutyInterval& a, const DutyInterval& b) {
    const bool aBeforeB = a.end && *a.end <= b.start;
    const bool bBeforeA = b.end && *b.end <= a.start;
    return !aBeforeB && !bBeforeA;
}

AssignmentPlan planAssignment(const std::vector<ExistingDuty>& existing, const DutyInterval& next, bool replaceCurrent) {
    AssignmentPlan plan;
    for (const auto& d : existing) {
        if (!overlaps(d.when, next)) continue;
        const bool inProgressAtStart = d.when.start < next.start;  // and, overlapping, not ended by then
        if (inProgressAtStart && !plan.endDutyId && (!d.when.end || replaceCurrent)) {
            plan.endDutyId = d.id;
        } else {
            plan.conflicts.push_back(d.id);
        }
    }
    return plan;
}

FieldErrors assignmentFieldErrors(const AssignmentInput& in, std::int64_t now, DutyInterval& when) {
    FieldErrors e;
    if (!allDigits(in.commanderId)) e["commander_id"] = "Choose the commander.";
    for (const auto& [field, value, label, required] :
         {std::tuple{"area_county", &in.areaCounty, "county of the deployment area", true},
          std::tuple{"area_sub_county", &in.areaSubCounty, "sub-county of the deployment area", true},
          std::tuple{"area_ward", &in.areaWard, "ward of the deployment area", true},
          std::tuple{"area_location", &in.areaLocation, "location of the deployment area", true},
          std::tuple{"note", &in.note, "duty note", false}}) {
        if (auto message = lineTextError(*value, label, std::string(field) == "note" ? 200 : 60, required)) {
            e[field] = *message;
        }
    }
    if (!known(dutyRoles(), in.role)) e["role"] = "Choose the role: patrol, escort, guard, community liaison or other.";
    const auto start = parseEatInput(in.startsAt);
    if (!start) {
        e["starts_at"] = "Enter when the duty starts, like 24/11/2026 18:00.";
    } else if (*start < now - 30 * 86400) {
        e["starts_at"] = "A duty can be recorded at most 30 days after it started.";
    } else if (*start > now + 366 * 86400) {
        e["starts_at"] = "A duty can be planned at most a year ahead.";
    }
    std::optional<std::int64_t> end;
    if (!in.endsAt.empty()) {
        end = parseEatInput(in.endsAt);
        if (!end) e["ends_at"] = "Enter when the duty ends, like 25/11/2026 06:00, or leave it empty.";
        else if (start && *end <= *start) e["ends_at"] = "The duty must end after it starts (a night duty ends the next day).";
    }
    if (start) when = {*start, end};
    return e;
}

std::string dutyPhase(const DutyInterval& when, const std::string& status, std::int64_t now) {
    if (status == "cancelled") return "cancelled";
    if (now < when.start) return "scheduled";
    if (when.end && *when.end <= now) return "ended";
    return "on_duty";
}

bool validHandoverPin(const std::string& pin) { return allDigits(pin) && pin.size() >= 4 && pin.size() <= 6; }

FieldErrors firearmIssueErrors(const FirearmIssueInput& in, std::int64_t now, FirearmIssue& out) {
    FieldErrors e;
    std::string serial;
    for (char c : in.serial) {
        if (c == ' ') continue;
        serial += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    const bool serialOk = serial.size() >= 3 && serial.size() <= 30 &&
                          std::all_of(serial.begin(), serial.end(), [](char c) {
                              return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '/';
                          });
    if (!serialOk) e["serial"] = "Enter the firearm's serial number: 3 to 30 letters, digits, - or /.";
    if (!known(firearmTypes(), in.firearmType)) e["firearm_type"] = "Choose the type of firearm.";
    const auto mags = count(in.magazines, 10);
    if (!mags) e["magazines"] = "Enter the number of magazines: 0 to 10.";
    const auto rounds = count(in.rounds, 500);
    if (!rounds) e["rounds"] = "Enter the rounds counted out: 0 to 500.";
    const auto due = parseEatInput(in.expectedReturnAt);
    if (!due) e["expected_return_at"] = "Enter when the kit is due back, like 25/11/2026 06:00.";
    else if (*due <= now) e["expected_return_at"] = "The kit must be due back after now.";
    else if (*due > now + 31 * 86400) e["expected_return_at"] = "A kit can go out for at most 31 days; extend it later if needed.";
    if (!validHandoverPin(in.pin)) e["pin"] = "The reservist types their handover PIN (4 to 6 digits) to acknowledge the kit.";
    if (e.empty()) out = {serial, in.firearmType, *mags, *rounds, *due};
    return e;
}

FieldErrors firearmReturnErrors(const std::string& magazines, const std::string& rounds, const std::string& note,
                                int magazinesIssued, int roundsIssued, FirearmReturn& out) {
    FieldErrors e;
    const auto mags = count(magazines, magazinesIssued);
    if (!mags) e["magazines_returned"] = "Enter the magazines handed back: 0 to " + std::to_string(magazinesIssued) + ".";
    const auto back = count(rounds, roundsIssued);
    if (!back) e["rounds_returned"] = "Enter the rounds counted back: 0 to " + std::to_string(roundsIssued) + ".";
    if (auto message = lineTextError(note, "note of what happened", 400, false)) e["note"] = *message;
    if (mags && back && (*mags < magazinesIssued || *back < roundsIssued) && e.count("note") == 0 &&
        note.find_first_not_of(" \t") == std::string::npos) {
        e["note"] = "Fewer came back than went out: say what happened to the rest (used on duty, lost, ...).";
    }
    if (e.empty()) out = {*mags, *back, note};
    return e;
}

std::string returnDiscrepancy(int magazinesIssued, int roundsIssued, const FirearmReturn& back) {
    std::string out;
    if (back.magazines < magazinesIssued) out += std::to_string(magazinesIssued - back.magazines) + " magazine(s) short";
    if (back.rounds < roundsIssued) {
        out += (out.empty() ? "" : ", ") + std::to_string(roundsIssued - back.rounds) + " round(s) short";
    }
    if (!out.empty() && !back.note.empty()) out += ": " + back.note;
    return out;
}

FieldErrors extensionErrors(const std::string& newExpected, const std::string& reason, std::int64_t currentExpected,
                            std::int64_t now, std::int64_t& out) {
    FieldErrors e;
    const auto due = parseEatInput(newExpected);
    if (!due) e["expected_return_at"] = "Enter the new time the kit is due back, like 25/11/2026 18:00.";
    else if (*due <= currentExpected || *due <= now) e["expected_return_at"] = "The new time must be later than the current one and than now.";
    else if (*due > now + 31 * 86400) e["expected_return_at"] = "Extend by at most 31 days from now.";
    if (auto message = lineTextError(reason, "reason for the extension", 200, true)) e["reason"] = *message;
    if (e.empty()) out = *due;
    return e;
}

bool firearmOverdue(std::int64_t expectedReturnAt, bool returned, std::int64_t now) {
    return !returned && expectedReturnAt < now;
}

std::vector<StrengthRow> strengthByArea(const std::vector<std::pair<std::string, int>>& authorised,
                                        const std::vector<std::pair<std::string, int>>& deployed) {
    std::map<std::string, StrengthRow> rows;
    for (const auto& [ward, n] : authorised) {
        auto& r = rows[ward];
        r.ward = ward;
        r.authorised += n;
    }
    for (const auto& [ward, n] : deployed) {
        auto& r = rows[ward];
        r.ward = ward;
        r.actual += n;
    }
    std::vector<StrengthRow> out;
    for (auto& [ward, r] : rows) out.push_back(std::move(r));
    return out;
}

}  // namespace kituo::domain
