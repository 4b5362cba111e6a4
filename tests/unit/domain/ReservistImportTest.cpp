// Reserve roster import planning: new, unchanged and updated rows, duplicates in the file,
// numbers and IDs held outside the importer's reach, stations and sections.
#include "domain/ReservistImport.h"

#include <catch2/catch.hpp>

using namespace kituo::domain;

namespace {

std::string row(const std::string& number, const std::string& nationalId, const std::string& station = "KLM",
                const std::string& section = "") {
    return number + ",Wekesa,John Barasa," + nationalId + ",1988-03-12,M,0722123456,Nairobi,Dagoretti North,Kilimani,"
           "Yaya,2020-02-01,2024-01-15,cleared,,active,2020-02-01,,Mary Nafula,0733000111,Spouse," + station + "," + section + "\n";
}

std::string header() {
    std::string h;
    for (const auto& c : reservistCsvColumns()) h += (h.empty() ? "" : ",") + c;
    return h + "\n";
}

ReservistImportContext context() {
    ReservistImportContext c;
    c.today = "2026-11-24";
    c.stationsByCode = {{"KLM", 9}};
    c.sectionsByName = {{{9, "Section B (Yaya)"}, 3}};
    ExistingReservist known;
    known.id = 41;
    known.inReach = true;
    known.stationId = 9;
    known.version = 2;
    known.fields = normalizedReservist([] {
        ReservistInput in;
        in.reservistNumber = "NPR/KLM/0001"; in.surname = "Wekesa"; in.otherNames = "John Barasa";
        in.nationalId = "28765432"; in.dateOfBirth = "1988-03-12"; in.gender = "M"; in.phone = "0722123456";
        in.homeCounty = "Nairobi"; in.homeSubCounty = "Dagoretti North"; in.homeWard = "Kilimani"; in.homeLocation = "Yaya";
        in.enlistmentDate = "2020-02-01"; in.vettingDate = "2024-01-15"; in.vettingResult = "cleared";
        in.status = "active"; in.statusSince = "2020-02-01"; in.nextOfKinName = "Mary Nafula";
        in.nextOfKinPhone = "0733000111"; in.nextOfKinRelation = "Spouse";
        return in;
    }());
    c.existingByNumber["NPR/KLM/0001"] = known;
    ExistingReservist far;
    far.id = 77;
    c.existingByNumber["NPR/CPH/0009"] = far;
    c.numberByNationalId = {{"28765432", "NPR/KLM/0001"}, {"29999999", "NPR/CPH/0009"}};
    return c;
}

}  // namespace

TEST_CASE("reserve import: new, unchanged and updated rows, keyed on the reservist number", "[unit]") {
    auto plan = planReservistImport(parseCsv(header() + row("NPR/KLM/0001", "28765432") + row("npr/klm/0100", "30000001", "klm",
                                                                                             "Section B (Yaya)")),
                                    context());
    REQUIRE(plan.fileProblems.empty());
    REQUIRE(plan.rows.size() == 2);
    CHECK(plan.rows[0].action == ReservistImportRow::Action::Unchanged);
    CHECK(plan.rows[1].action == ReservistImportRow::Action::Create);
    CHECK(plan.rows[1].number == "NPR/KLM/0100");
    CHECK(plan.rows[1].sectionId == std::optional<std::int64_t>(3));
    auto changed = header() + row("NPR/KLM/0001", "28765432");
    changed.replace(changed.find("Mary Nafula"), 11, "Mary Wekesa");
    plan = planReservistImport(parseCsv(changed), context());
    CHECK(plan.rows[0].action == ReservistImportRow::Action::Update);
    CHECK(plan.rows[0].existingVersion == 2);
}

TEST_CASE("reserve import refuses duplicates, others' numbers and IDs, unknown places and moves", "[unit]") {
    const auto plan = planReservistImport(
        parseCsv(header() + row("NPR/KLM/0200", "30000002") + row("NPR/KLM/0200", "30000003") +
                 row("NPR/CPH/0009", "30000004") + row("NPR/KLM/0300", "29999999") + row("NPR/KLM/0400", "30000005", "CPH") +
                 row("NPR/KLM/0500", "30000006", "KLM", "Section Z")),
        context());
    REQUIRE(plan.rows.size() == 6);
    CHECK(plan.errors == 6);
    CHECK(plan.rows[0].problems.back().find("more than once") != std::string::npos);
    CHECK(plan.rows[2].problems.back() == "Reservist number NPR/CPH/0009 conflicts with a record outside your command.");
    CHECK(plan.rows[3].problems.back() == "National ID ****9999 belongs to another reservist.");
    CHECK(plan.rows[4].problems.back().find("not a station within your command") != std::string::npos);
    CHECK(plan.rows[5].problems.back() == "The station has no section \"Section Z\".");
    const auto missing = planReservistImport(parseCsv("reservist_number,surname\nNPR/KLM/1,X\n"), context());
    CHECK_FALSE(missing.fileProblems.empty());
}
