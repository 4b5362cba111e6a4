// Nominal roll rules; see Officer.h.
#include "domain/Officer.h"

#include "domain/PasswordRules.h"
#include "domain/Time.h"

#include <algorithm>
#include <tuple>

namespace kituo::domain {
namespace {

bool allDigits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }

}  // namespace

const std::vector<std::string>& officerStatuses() {
    static const std::vector<std::string> s = {"active",  "on_leave", "suspended", "interdicted",
                                               "retired", "deceased", "deserted"};
    return s;
}

std::string officerStatusLabel(const std::string& status) {
    if (status == "on_leave") return "On leave";
    if (status.empty()) return status;
    std::string label = status;
    label[0] = static_cast<char>(label[0] - 'a' + 'A');
    return label;
}

const std::vector<std::string>& services() {
    static const std::vector<std::string> s = {"KPS", "APS", "DCI"};
    return s;
}

std::string serviceLabel(const std::string& code) {
    if (code == "KPS") return "Kenya Police Service";
    if (code == "APS") return "Administration Police Service";
    if (code == "DCI") return "Directorate of Criminal Investigations";
    return code;
}

std::optional<std::string> lineTextError(const std::string& value, const std::string& label,
                                         std::size_t maxChars, bool required) {
    if (blank(value)) {
        if (required) return "Enter the " + label + ".";
        return std::nullopt;
    }
    if (codePointCount(value) > maxChars) {
        return "Shorten the " + label + " to at most " + std::to_string(maxChars) + " characters.";
    }
    if (value.find_first_of("\r\n\t") != std::string::npos) return "Write the " + label + " on a single line.";
    if (std::any_of(value.begin(), value.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
        return "Remove the invisible control characters from the " + label + ".";
    }
    // A spreadsheet would run such a cell as a formula.
    if (std::string("=+-@").find(value.front()) != std::string::npos) {
        return "Start the " + label + " with a letter, not =, +, - or @.";
    }
    return std::nullopt;
}

bool validServiceNumber(const std::string& s) { return allDigits(s) && s.size() >= 5 && s.size() <= 10; }

bool validNationalId(const std::string& s) { return allDigits(s) && s.size() >= 6 && s.size() <= 9; }

std::string maskNationalId(const std::string& id) {
    if (id.size() <= 4) return std::string(id.size(), '*');
    return std::string(id.size() - 4, '*') + id.substr(id.size() - 4);
}

std::optional<std::string> normalizePhone(const std::string& raw) {
    std::string d;
    for (char c : raw) {
        if (c == ' ' || c == '-' || c == '(' || c == ')') continue;
        d += c;
    }
    if (d.empty()) return std::string();
    if (d[0] == '+') d.erase(0, 1);
    if (!allDigits(d)) return std::nullopt;
    // A spreadsheet that took the number for a number dropped its leading 0: 712345678.
    if (d.size() == 9 && (d[0] == '7' || d[0] == '1')) d = "0" + d;
    if (d.size() == 10 && d[0] == '0' && (d[1] == '7' || d[1] == '1')) return "+254" + d.substr(1);
    if (d.size() == 12 && d.compare(0, 3, "254") == 0 && (d[3] == '7' || d[3] == '1')) return "+" + d;
    return std::nullopt;
}

RollSearch parseRollSearch(const std::string& query, bool seesNationalIds) {
    RollSearch r;
    std::string word;
    auto flush = [&] {
        if (word.empty()) return;
        r.text += (r.text.empty() ? "" : " ") + word;
        if (r.words.size() < kMaxSearchWords) r.words.push_back(word);
        word.clear();
    };
    for (char c : query) {
        if (c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\n') flush();
        else word += c;
    }
    flush();
    if (r.text.empty()) return r;
    std::string compact;  // without the spaces people put in numbers
    for (char c : r.text) {
        if (c != ' ' && c != '-') compact += c;
    }
    if (allDigits(compact)) {
        r.serviceNumberPrefix = compact;
        if (seesNationalIds) r.nationalId = compact;
        r.words.clear();
    }
    // A spreadsheet drops the leading 0 of 0712..: 712345678 is a mobile number too.
    std::string phone = compact;
    if (phone.size() == 9 && allDigits(phone) && (phone[0] == '7' || phone[0] == '1')) phone = "0" + phone;
    if (auto p = normalizePhone(phone); p && !p->empty()) {
        r.phone = *p;
        r.words.clear();
    }
    return r;
}

int yearsBetween(const std::string& from, const std::string& to) {
    const int fy = std::stoi(from.substr(0, 4)), ty = std::stoi(to.substr(0, 4));
    int years = ty - fy;
    if (to.substr(5) < from.substr(5)) --years;  // birthday not reached yet (MM-DD compares as text)
    return years;
}

long daysBetween(const std::string& from, const std::string& to) {
    return static_cast<long>((*parseUtc(to) - *parseUtc(from)) / 86400);
}

std::string addDays(const std::string& date, long days) {
    return formatUtc(*parseUtc(date) + static_cast<std::int64_t>(days) * 86400).substr(0, 10);
}

const std::vector<OfficerField>& officerFields() {
    static const std::vector<OfficerField> fields = {
        {"service_number", "Service number", "service_number", &OfficerInput::serviceNumber},
        {"surname", "Surname", "surname", &OfficerInput::surname},
        {"other_names", "Other names", "other_names", &OfficerInput::otherNames},
        {"national_id", "National ID", "national_id", &OfficerInput::nationalId},
        {"gender", "Gender", "gender", &OfficerInput::gender},
        {"date_of_birth", "Date of birth", "date_of_birth", &OfficerInput::dateOfBirth, true},
        {"enlistment_date", "Enlisted", "enlistment_date", &OfficerInput::enlistmentDate, true},
        {"service", "Service", "service_code", &OfficerInput::service},
        {"rank_id", "Rank", "rank_id", nullptr},
        {"rank_since", "Rank since", "rank_since", &OfficerInput::rankSince, true},
        {"status", "Status", "status", &OfficerInput::status},
        {"status_since", "Status since", "status_since", &OfficerInput::statusSince, true},
        {"phone", "Phone", "phone", &OfficerInput::phone}};
    return fields;
}

FieldErrors officerFieldErrors(const OfficerInput& in, const std::vector<Rank>& ranks,
                               const std::string& today, const OfficerRules& rules) {
    FieldErrors e;
    if (!validServiceNumber(in.serviceNumber)) e["service_number"] = "Enter the service number: 5 to 10 digits.";
    for (const auto& [field, value, label] :
         {std::tuple{"surname", &in.surname, "surname"}, std::tuple{"other_names", &in.otherNames, "other names"}}) {
        if (auto message = lineTextError(*value, label, 100, true)) e[field] = *message;
    }
    if (!validNationalId(in.nationalId)) e["national_id"] = "Enter the national ID number: 6 to 9 digits.";
    if (in.gender != "F" && in.gender != "M") e["gender"] = "Choose the gender: female or male.";
    const bool dobOk = isIsoDate(in.dateOfBirth) && in.dateOfBirth <= today;
    if (!dobOk) e["date_of_birth"] = "Enter the date of birth like 17/04/1990, not in the future.";
    const bool enlistOk = isIsoDate(in.enlistmentDate) && in.enlistmentDate <= today &&
                          in.enlistmentDate >= "1963-01-01";
    if (!enlistOk) e["enlistment_date"] = "Enter the enlistment date like 01/06/2015, not in the future.";
    if (dobOk && enlistOk) {
        const int age = yearsBetween(in.dateOfBirth, in.enlistmentDate);
        if (age < rules.minEnlistmentAge || age > rules.maxEnlistmentAge) {
            e["enlistment_date"] = "Age at enlistment must be " + std::to_string(rules.minEnlistmentAge) +
                                   " to " + std::to_string(rules.maxEnlistmentAge) + " (it would be " +
                                   std::to_string(age) + ").";
        }
    }
    const bool serviceOk = std::find(services().begin(), services().end(), in.service) != services().end();
    if (!serviceOk) e["service"] = "Choose the service: KPS, APS or DCI.";
    const Rank* rank = nullptr;
    for (const auto& r : ranks) {
        if (r.id == in.rankId) rank = &r;
    }
    if (!rank) {
        e["rank_id"] = "Choose the rank.";
    } else if (serviceOk && std::find(rank->services.begin(), rank->services.end(), in.service) ==
                                rank->services.end()) {
        e["rank_id"] = rank->name + " is not a rank of the " + serviceLabel(in.service) + ".";
    }
    if (!isIsoDate(in.rankSince) || in.rankSince > today) {
        e["rank_since"] = "Enter the date of the rank like 09/01/2023, not in the future.";
    } else if (enlistOk && in.rankSince < in.enlistmentDate) {
        e["rank_since"] = "The rank cannot date from before enlistment.";
    }
    if (std::find(officerStatuses().begin(), officerStatuses().end(), in.status) == officerStatuses().end()) {
        e["status"] = "Choose the status.";
    }
    if (!isIsoDate(in.statusSince) || in.statusSince > today) {
        e["status_since"] = "Enter the date of this status, not in the future.";
    } else if (enlistOk && in.statusSince < in.enlistmentDate) {
        e["status_since"] = "The status cannot date from before enlistment.";
    }
    if (!normalizePhone(in.phone)) e["phone"] = "Enter the mobile phone as a Kenyan mobile number like 0712 345678.";
    return e;
}

std::optional<std::string> atCurrentStationSince(std::vector<PostingPeriod> postings) {
    std::sort(postings.begin(), postings.end(),
              [](const PostingPeriod& a, const PostingPeriod& b) { return a.fromDate > b.fromDate; });
    if (postings.empty() || !postings.front().toDate.empty()) return std::nullopt;
    const std::int64_t station = postings.front().stationId;
    std::string since = postings.front().fromDate;
    for (std::size_t i = 1; i < postings.size(); ++i) {
        if (postings[i].stationId != station || postings[i].toDate < since) break;
        since = postings[i].fromDate;
    }
    return since;
}

bool overStationLimit(const std::string& since, const std::string& today) {
    // since + 3 years, compared as text (2024-02-29 + 3 years = "2027-02-29", which sorts
    // correctly between 2027-02-28 and 2027-03-01).
    return std::to_string(std::stoi(since.substr(0, 4)) + 3) + since.substr(4) < today;
}

std::string describeDuration(const std::string& since, const std::string& today) {
    const int months = (std::stoi(today.substr(0, 4)) - std::stoi(since.substr(0, 4))) * 12 +
                       std::stoi(today.substr(5, 2)) - std::stoi(since.substr(5, 2)) -
                       (today.substr(8, 2) < since.substr(8, 2) ? 1 : 0);
    if (months < 1) return "less than a month";
    const int years = months / 12, rest = months % 12;
    std::string out;
    if (years) out = std::to_string(years) + (years == 1 ? " year" : " years");
    if (rest) out += (out.empty() ? "" : ", ") + std::to_string(rest) + (rest == 1 ? " month" : " months");
    return out;
}

std::vector<DueForTransfer> dueForTransfer(const std::vector<StationHistory>& officers, const std::string& today) {
    std::vector<DueForTransfer> due;
    for (const auto& o : officers) {
        if (o.status == "retired" || o.status == "deceased" || o.status == "deserted") continue;
        const auto since = atCurrentStationSince(o.postings);
        if (since && overStationLimit(*since, today)) due.push_back({o.officerId, *since});
    }
    std::sort(due.begin(), due.end(), [](const DueForTransfer& a, const DueForTransfer& b) {
        return a.since != b.since ? a.since < b.since : a.officerId < b.officerId;
    });
    return due;
}

FieldErrors transferFieldErrors(const std::string& currentFrom, std::int64_t stationId,
                                const std::string& fromDate, const std::string& reference,
                                const std::string& today) {
    FieldErrors e;
    if (stationId <= 0) e["station_id"] = "Choose the station the officer moves to.";
    if (!isIsoDate(fromDate) || fromDate > today) {
        e["from_date"] = "Enter the date of the move, not in the future.";
    } else if (!currentFrom.empty() && fromDate <= currentFrom) {
        e["from_date"] = "The move must come after the current posting began (" + currentFrom + ").";
    }
    if (blank(reference)) e["reference"] = "Enter the movement order or signal reference.";
    else if (codePointCount(reference) > 100) e["reference"] = "Shorten the movement order reference to at most 100 characters.";
    return e;
}

}  // namespace kituo::domain
