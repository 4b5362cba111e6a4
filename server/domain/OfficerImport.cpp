// Import planning; see OfficerImport.h.
#include "domain/OfficerImport.h"

#include "domain/Time.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace kituo::domain {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string labelFor(const std::string& field) {
    static const std::map<std::string, std::string> labels = {
        {"service_number", "service number"}, {"surname", "surname"}, {"other_names", "other names"},
        {"national_id", "national ID"}, {"gender", "gender"}, {"date_of_birth", "date of birth"},
        {"enlistment_date", "enlistment date"}, {"service", "service"}, {"rank_id", "rank"},
        {"rank_since", "rank since"}, {"status", "status"}, {"status_since", "status since"},
        {"phone", "phone"}};
    auto it = labels.find(field);
    return it == labels.end() ? field : it->second;
}

}  // namespace

const std::vector<std::string>& officerCsvColumns() {
    static const std::vector<std::string> c = [] {
        std::vector<std::string> columns;
        for (const auto& f : officerFields()) columns.push_back(f.text ? f.name : "rank");
        for (const char* posting : {"station_code", "unit_code", "posted_since"}) columns.push_back(posting);
        return columns;
    }();
    return c;
}

std::string toString(ImportRowPlan::Action a) {
    switch (a) {
        case ImportRowPlan::Action::Create: return "create";
        case ImportRowPlan::Action::Update: return "update";
        case ImportRowPlan::Action::Unchanged: return "unchanged";
        case ImportRowPlan::Action::Error: return "error";
    }
    return "error";
}

void collectKeys(const CsvTable& t, std::vector<std::string>& numbers, std::vector<std::string>& ids) {
    const CsvColumns columns(t);
    for (const auto& row : t.rows) {
        if (auto n = columns.cell(row, "service_number"); !n.empty()) numbers.push_back(std::move(n));
        if (auto id = columns.cell(row, "national_id"); !id.empty()) ids.push_back(std::move(id));
    }
}

ImportPlan planImport(const CsvTable& t, const ImportContext& ctx, std::size_t maxRows) {
    ImportPlan plan;
    const CsvColumns columns(t);
    plan.fileProblems = columns.fileProblems(officerCsvColumns(), {"phone", "unit_code", "posted_since"}, maxRows);
    if (!plan.fileProblems.empty()) return plan;

    auto cell = [&](const std::vector<std::string>& row, const std::string& col) { return columns.cell(row, col); };
    std::map<std::string, std::vector<int>> linesByNumber, linesByNationalId;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        linesByNumber[cell(t.rows[i], "service_number")].push_back(t.lineNumbers[i]);
        linesByNationalId[cell(t.rows[i], "national_id")].push_back(t.lineNumbers[i]);
    }
    auto othersOf = [](const std::vector<int>& lines, int self) {
        std::string s;
        for (int l : lines) {
            if (l != self) s += (s.empty() ? "" : ", ") + std::to_string(l);
        }
        return s;
    };

    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const auto& row = t.rows[i];
        ImportRowPlan p;
        p.line = t.lineNumbers[i];
        OfficerInput& in = p.input;
        for (const auto& f : officerFields()) {
            if (!f.text) continue;
            in.*f.text = cell(row, f.name);
            if (f.date) {
                if (auto iso = parseDateInput(in.*f.text)) in.*f.text = *iso;
            }
        }
        if (in.gender == "f" || lower(in.gender) == "female") in.gender = "F";
        if (in.gender == "m" || lower(in.gender) == "male") in.gender = "M";
        std::transform(in.service.begin(), in.service.end(), in.service.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        const std::string rankText = lower(cell(row, "rank"));
        for (const auto& r : ctx.ranks) {
            if (lower(r.name) == rankText || lower(r.code) == rankText) in.rankId = r.id;
        }
        in.status = lower(in.status);
        std::replace(in.status.begin(), in.status.end(), ' ', '_');
        p.serviceNumber = in.serviceNumber;
        p.name = in.surname + ", " + in.otherNames;

        for (const auto& [field, message] : officerFieldErrors(in, ctx.ranks, ctx.today)) {
            if (field == "rank_id" && in.rankId == 0) {
                p.problems.push_back("Unknown rank \"" + cell(row, "rank") + "\".");
            } else {
                p.problems.push_back(labelFor(field) + ": " + message);
            }
        }
        if (auto phone = normalizePhone(in.phone)) in.phone = *phone;

        const auto& numberLines = linesByNumber[in.serviceNumber];
        if (!in.serviceNumber.empty() && numberLines.size() > 1) {
            p.problems.push_back("Service number " + in.serviceNumber + " also appears on line(s) " +
                                 othersOf(numberLines, p.line) + " of this file.");
        }
        const auto& idLines = linesByNationalId[in.nationalId];
        if (!in.nationalId.empty() && idLines.size() > 1) {
            p.problems.push_back("National ID " + maskNationalId(in.nationalId) + " also appears on line(s) " +
                                 othersOf(idLines, p.line) + " of this file.");
        }

        const std::string stationCode = cell(row, "station_code");
        const std::string unitCode = cell(row, "unit_code");
        auto st = ctx.orgByCode.find(stationCode);
        if (st == ctx.orgByCode.end() || !st->second.isStation) {
            p.problems.push_back("Unknown station \"" + stationCode + "\".");
        } else if (!st->second.inScope) {
            p.problems.push_back("Station " + stationCode + " is outside your scope.");
        } else {
            p.stationId = st->second.id;
        }
        if (!unitCode.empty()) {
            auto un = ctx.orgByCode.find(unitCode);
            if (un == ctx.orgByCode.end() || un->second.isStation) {
                p.problems.push_back("Unknown unit \"" + unitCode + "\".");
            } else if (p.stationId && un->second.stationId != p.stationId) {
                p.problems.push_back("Unit " + unitCode + " is not part of station " + stationCode + ".");
            } else {
                p.unitId = un->second.id;
            }
        }
        p.postedSince = cell(row, "posted_since");
        if (auto iso = parseDateInput(p.postedSince)) p.postedSince = *iso;
        if (p.postedSince.empty()) p.postedSince = in.enlistmentDate;
        if (!isIsoDate(p.postedSince) || p.postedSince > ctx.today ||
            (isIsoDate(in.enlistmentDate) && p.postedSince < in.enlistmentDate)) {
            p.problems.push_back("posted since: enter a date between enlistment and today.");
        }

        auto existing = ctx.existingByNumber.find(in.serviceNumber);
        auto nidOwner = ctx.ownerByNationalId.find(in.nationalId);
        if (nidOwner != ctx.ownerByNationalId.end() && nidOwner->second.first != in.serviceNumber) {
            if (!nidOwner->second.second) ++plan.outOfScopeConflicts;
            p.problems.push_back("National ID " + maskNationalId(in.nationalId) +
                                 (nidOwner->second.second
                                      ? " belongs to another officer (service number " + nidOwner->second.first + ")."
                                      : " conflicts with a record outside your scope."));
        }
        if (existing != ctx.existingByNumber.end()) {
            const auto& ex = existing->second;
            p.existingId = ex.id;
            p.existingVersion = ex.version;
            if (!ex.inScope) {
                ++plan.outOfScopeConflicts;
                p.problems.push_back("Service number " + in.serviceNumber +
                                     " conflicts with a record outside your scope.");
            } else if (p.stationId && (ex.stationId != p.stationId || ex.unitId != p.unitId)) {
                p.problems.push_back("The officer is posted elsewhere now; record a transfer instead of "
                                     "changing the station or unit in a file.");
            }
            const auto& a = ex.fields;
            const std::pair<const char*, bool> diffs[] = {
                {"surname", a.surname != in.surname},           {"other names", a.otherNames != in.otherNames},
                {"national ID", a.nationalId != in.nationalId}, {"gender", a.gender != in.gender},
                {"date of birth", a.dateOfBirth != in.dateOfBirth},
                {"enlistment date", a.enlistmentDate != in.enlistmentDate},
                {"service", a.service != in.service},           {"rank", a.rankId != in.rankId},
                {"rank since", a.rankSince != in.rankSince},    {"status", a.status != in.status},
                {"status since", a.statusSince != in.statusSince}, {"phone", a.phone != in.phone}};
            for (const auto& [name, differs] : diffs) {
                if (differs) p.changes.push_back(name);
            }
        }
        if (!p.problems.empty()) {
            p.action = ImportRowPlan::Action::Error;
            ++plan.errors;
        } else if (existing == ctx.existingByNumber.end()) {
            p.action = ImportRowPlan::Action::Create;
            ++plan.creates;
        } else if (p.changes.empty()) {
            p.action = ImportRowPlan::Action::Unchanged;
            ++plan.unchanged;
        } else {
            p.action = ImportRowPlan::Action::Update;
            ++plan.updates;
        }
        plan.rows.push_back(std::move(p));
    }
    // A file that probes many records outside the importer's scope is refused whole: the
    // preview must not become a way to learn which IDs exist elsewhere.
    if (plan.outOfScopeConflicts > kMaxOutOfScopeConflicts) {
        plan.fileProblems.push_back("This file conflicts with " + std::to_string(plan.outOfScopeConflicts) +
                                    " records outside your scope (at most " +
                                    std::to_string(kMaxOutOfScopeConflicts) +
                                    " are shown). Ask HR at county or national level to import it.");
        plan.rows.clear();
        plan.creates = plan.updates = plan.unchanged = plan.errors = 0;
    }
    return plan;
}

}  // namespace kituo::domain
