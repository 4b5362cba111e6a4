// Reserve roster import planning; see ReservistImport.h.
#include "domain/ReservistImport.h"

#include <algorithm>

namespace kituo::domain {
namespace {

std::string trim(const std::string& s) {
    const auto a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
    return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string upperNumber(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

}  // namespace

std::vector<std::string> reservistCsvColumns() {
    std::vector<std::string> columns;
    for (const auto& f : reservistFields()) columns.push_back(f.name);
    columns.push_back("station");
    columns.push_back("section");
    return columns;
}

std::string toString(ReservistImportRow::Action a) {
    switch (a) {
        case ReservistImportRow::Action::Create: return "new";
        case ReservistImportRow::Action::Update: return "update";
        case ReservistImportRow::Action::Unchanged: return "unchanged";
        case ReservistImportRow::Action::Error: return "error";
    }
    return "error";
}

void collectReservistKeys(const CsvTable& table, std::vector<std::string>& numbers, std::vector<std::string>& nationalIds) {
    std::size_t number = table.header.size(), id = table.header.size();
    for (std::size_t i = 0; i < table.header.size(); ++i) {
        if (lower(trim(table.header[i])) == "reservist_number") number = i;
        if (lower(trim(table.header[i])) == "national_id") id = i;
    }
    for (const auto& row : table.rows) {
        if (number < row.size()) numbers.push_back(upperNumber(trim(restoreFormula(row[number]))));
        if (id < row.size()) nationalIds.push_back(trim(restoreFormula(row[id])));
    }
}

ReservistImportPlan planReservistImport(const CsvTable& t, const ReservistImportContext& ctx, std::size_t maxRows) {
    ReservistImportPlan plan;
    const CsvColumns columns(t);
    plan.fileProblems = columns.fileProblems(reservistCsvColumns(), {"revetting_due", "phone", "status_reason", "section"},
                                             maxRows);
    if (!plan.fileProblems.empty()) return plan;
    auto cell = [&](const std::vector<std::string>& row, const std::string& col) { return columns.cell(row, col); };
    std::map<std::string, int> numberCount, idCount;
    for (const auto& row : t.rows) {
        ++numberCount[upperNumber(cell(row, "reservist_number"))];
        ++idCount[cell(row, "national_id")];
    }
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const auto& row = t.rows[i];
        ReservistImportRow p;
        p.line = t.lineNumbers[i];
        ReservistInput raw;
        for (const auto& f : reservistFields()) raw.*f.text = cell(row, f.name);
        if (lower(raw.gender) == "female") raw.gender = "F";
        if (lower(raw.gender) == "male") raw.gender = "M";
        raw.gender = upperNumber(raw.gender);
        raw.status = lower(raw.status);
        raw.vettingResult = lower(raw.vettingResult);
        std::replace(raw.vettingResult.begin(), raw.vettingResult.end(), ' ', '_');
        p.input = normalizedReservist(raw);
        const auto& in = p.input;
        p.number = in.reservistNumber;
        p.name = in.surname + ", " + in.otherNames;
        for (const auto& [field, message] : reservistFieldErrors(in, ctx.today)) {
            std::string label = field;
            for (const auto& f : reservistFields()) {
                if (f.name == field) label = f.label;
            }
            p.problems.push_back(label + ": " + message);
        }
        if (!in.reservistNumber.empty() && numberCount[in.reservistNumber] > 1) {
            p.problems.push_back("Reservist number " + in.reservistNumber + " appears more than once in this file.");
        }
        if (!in.nationalId.empty() && idCount[in.nationalId] > 1) {
            p.problems.push_back("National ID " + maskNationalId(in.nationalId) + " appears more than once in this file.");
        }
        const std::string stationCode = upperNumber(cell(row, "station"));
        const auto station = ctx.stationsByCode.find(stationCode);
        if (station == ctx.stationsByCode.end()) {
            p.problems.push_back("Station \"" + cell(row, "station") + "\" is not a station within your command.");
        } else {
            p.stationId = station->second;
            const std::string section = cell(row, "section");
            if (!section.empty()) {
                const auto s = ctx.sectionsByName.find({p.stationId, section});
                if (s == ctx.sectionsByName.end()) p.problems.push_back("The station has no section \"" + section + "\".");
                else p.sectionId = s->second;
            }
        }
        const auto existing = ctx.existingByNumber.find(in.reservistNumber);
        const auto idOwner = ctx.numberByNationalId.find(in.nationalId);
        if (existing != ctx.existingByNumber.end() && !existing->second.inReach) {
            p.problems.push_back("Reservist number " + in.reservistNumber + " conflicts with a record outside your command.");
        } else if (idOwner != ctx.numberByNationalId.end() && idOwner->second != in.reservistNumber) {
            p.problems.push_back("National ID " + maskNationalId(in.nationalId) + " belongs to another reservist.");
        }
        if (p.problems.empty() && existing != ctx.existingByNumber.end()) {
            const auto& e = existing->second;
            if (e.stationId != p.stationId) {
                p.problems.push_back("The file puts " + in.reservistNumber +
                                     " at another station: record a move on the reservist's page, not by import.");
            } else {
                p.existingId = e.id;
                p.existingVersion = e.version;
                bool same = e.sectionId == p.sectionId;
                for (const auto& f : reservistFields()) same = same && e.fields.*f.text == in.*f.text;
                p.action = same ? ReservistImportRow::Action::Unchanged : ReservistImportRow::Action::Update;
            }
        } else if (p.problems.empty()) {
            p.action = ReservistImportRow::Action::Create;
        }
        if (!p.problems.empty()) p.action = ReservistImportRow::Action::Error;
        switch (p.action) {
            case ReservistImportRow::Action::Create: ++plan.creates; break;
            case ReservistImportRow::Action::Update: ++plan.updates; break;
            case ReservistImportRow::Action::Unchanged: ++plan.unchanged; break;
            case ReservistImportRow::Action::Error: ++plan.errors; break;
        }
        plan.rows.push_back(std::move(p));
    }
    return plan;
}

}  // namespace kituo::domain
