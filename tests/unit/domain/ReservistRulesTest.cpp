// National Police Reserve rules: duty overlap (touching, nested, open-ended, same start,
// crossing midnight), what a new duty does to the one in progress, age and vetting checks,
// and the firearm issue and return rules.
#include "domain/Reservist.h"
#include "domain/Time.h"

#include <catch2/catch.hpp>

using namespace kituo::domain;

namespace {

// A moment in East Africa Time, as the forms take it.
std::int64_t eat(const std::string& text) { return *parseEatInput(text); }

DutyInterval duty(const std::string& from, const std::string& to = "") {
    DutyInterval d{eat(from), std::nullopt};
    if (!to.empty()) d.end = eat(to);
    return d;
}

ReservistInput valid() {
    ReservistInput in;
    in.reservistNumber = "NPR/KLM/0042";
    in.surname = "Wekesa";
    in.otherNames = "John Barasa";
    in.nationalId = "28765432";
    in.dateOfBirth = "1988-03-12";
    in.gender = "M";
    in.phone = "0722 123456";
    in.homeCounty = "Nairobi";
    in.homeSubCounty = "Dagoretti North";
    in.homeWard = "Kilimani";
    in.homeLocation = "Kilimani";
    in.enlistmentDate = "2020-02-01";
    in.vettingDate = "2024-01-15";
    in.vettingResult = "cleared";
    in.status = "active";
    in.statusSince = "2020-02-01";
    in.nextOfKinName = "Mary Nafula";
    in.nextOfKinPhone = "0733 000111";
    in.nextOfKinRelation = "Spouse";
    return in;
}

const std::string kToday = "2026-11-24";

}  // namespace

TEST_CASE("duties overlap as half-open intervals", "[unit]") {
    SECTION("touching duties do not overlap: one ends the minute the next starts") {
        CHECK_FALSE(overlaps(duty("2026-11-24T06:00", "2026-11-24T18:00"), duty("2026-11-24T18:00", "2026-11-25T06:00")));
        CHECK_FALSE(overlaps(duty("2026-11-24T18:00", "2026-11-25T06:00"), duty("2026-11-24T06:00", "2026-11-24T18:00")));
    }
    SECTION("one minute of shared time overlaps") {
        CHECK(overlaps(duty("2026-11-24T06:00", "2026-11-24T18:01"), duty("2026-11-24T18:00", "2026-11-25T06:00")));
    }
    SECTION("a nested duty overlaps its container, both ways round") {
        CHECK(overlaps(duty("2026-11-24T06:00", "2026-11-24T18:00"), duty("2026-11-24T09:00", "2026-11-24T10:00")));
        CHECK(overlaps(duty("2026-11-24T09:00", "2026-11-24T10:00"), duty("2026-11-24T06:00", "2026-11-24T18:00")));
    }
    SECTION("an open-ended duty overlaps everything after its start, nothing before") {
        CHECK(overlaps(duty("2026-11-24T06:00"), duty("2027-06-01T06:00", "2027-06-01T07:00")));
        CHECK(overlaps(duty("2026-11-24T06:00"), duty("2026-11-25T06:00")));
        CHECK_FALSE(overlaps(duty("2026-11-24T06:00"), duty("2026-11-23T18:00", "2026-11-24T06:00")));
    }
    SECTION("the same start overlaps") {
        CHECK(overlaps(duty("2026-11-24T06:00", "2026-11-24T07:00"), duty("2026-11-24T06:00", "2026-11-24T06:30")));
    }
    SECTION("a night duty crossing midnight overlaps the next morning's duty, not the evening before") {
        const auto night = duty("2026-11-24T22:00", "2026-11-25T06:00");
        CHECK(overlaps(night, duty("2026-11-25T05:00", "2026-11-25T13:00")));
        CHECK(overlaps(night, duty("2026-11-25T00:00", "2026-11-25T01:00")));
        CHECK_FALSE(overlaps(night, duty("2026-11-24T14:00", "2026-11-24T22:00")));
        CHECK_FALSE(overlaps(night, duty("2026-11-25T06:00", "2026-11-25T14:00")));
    }
}

TEST_CASE("a new duty ends an open-ended duty in progress and refuses every other overlap", "[unit]") {
    const std::vector<ExistingDuty> standing = {{1, duty("2026-11-01T06:00")}};
    SECTION("reassigning: the open-ended duty ends when the new one starts") {
        const auto plan = planAssignment(standing, duty("2026-11-24T06:00", "2026-11-30T06:00"), false);
        CHECK(plan.ok());
        REQUIRE(plan.endDutyId);
        CHECK(*plan.endDutyId == 1);
    }
    SECTION("the same start as the open-ended duty is a conflict, not a reassignment") {
        const auto plan = planAssignment(standing, duty("2026-11-01T06:00", "2026-11-02T06:00"), false);
        CHECK_FALSE(plan.ok());
        CHECK(plan.conflicts == std::vector<std::int64_t>{1});
    }
    const std::vector<ExistingDuty> bounded = {{7, duty("2026-11-24T06:00", "2026-11-24T18:00")},
                                               {8, duty("2026-11-24T22:00", "2026-11-25T06:00")}};
    SECTION("a bounded duty in progress is a conflict unless the commander cuts it short") {
        const auto refused = planAssignment(bounded, duty("2026-11-24T12:00", "2026-11-24T20:00"), false);
        CHECK(refused.conflicts == std::vector<std::int64_t>{7});
        const auto cut = planAssignment(bounded, duty("2026-11-24T12:00", "2026-11-24T20:00"), true);
        CHECK(cut.ok());
        CHECK(cut.endDutyId == std::optional<std::int64_t>(7));
    }
    SECTION("cutting short never reaches a later duty: it stays a conflict") {
        const auto plan = planAssignment(bounded, duty("2026-11-24T12:00", "2026-11-25T00:00"), true);
        CHECK(plan.endDutyId == std::optional<std::int64_t>(7));
        CHECK(plan.conflicts == std::vector<std::int64_t>{8});
    }
    SECTION("a new duty nested inside the night duty conflicts; one between the two fits") {
        CHECK_FALSE(planAssignment(bounded, duty("2026-11-25T01:00", "2026-11-25T02:00"), false).ok());
        const auto between = planAssignment(bounded, duty("2026-11-24T18:00", "2026-11-24T22:00"), false);
        CHECK(between.ok());
        CHECK_FALSE(between.endDutyId);
    }
    SECTION("an open-ended new duty conflicts with every later duty") {
        const auto plan = planAssignment(bounded, duty("2026-11-24T19:00"), false);
        CHECK(plan.conflicts == std::vector<std::int64_t>{8});
    }
}

TEST_CASE("duty phase and the assignment form's times", "[unit]") {
    const auto night = duty("2026-11-24T22:00", "2026-11-25T06:00");
    CHECK(dutyPhase(night, "active", eat("2026-11-24T21:59")) == "scheduled");
    CHECK(dutyPhase(night, "active", eat("2026-11-25T00:30")) == "on_duty");
    CHECK(dutyPhase(night, "active", eat("2026-11-25T06:00")) == "ended");
    CHECK(dutyPhase(night, "cancelled", eat("2026-11-25T00:30")) == "cancelled");

    AssignmentInput in{"12", "Nairobi", "Dagoretti North", "Kilimani", "Yaya", "patrol", "", "2026-11-24T22:00",
                       "25/11/2026 06:00"};
    DutyInterval when;
    CHECK(assignmentFieldErrors(in, eat("2026-11-24T12:00"), when).empty());
    CHECK(when.start == eat("2026-11-24T22:00"));
    CHECK(formatEatInput(when.start) == "2026-11-24T22:00");
    CHECK(formatUtc(when.start) == "2026-11-24 19:00:00");  // stored in UTC
    in.endsAt = "2026-11-24T21:00";
    auto e = assignmentFieldErrors(in, eat("2026-11-24T12:00"), when);
    CHECK(e.count("ends_at") == 1);
    in.endsAt = "";
    in.role = "sniper";
    in.startsAt = "24/11/2026 25:00";
    e = assignmentFieldErrors(in, eat("2026-11-24T12:00"), when);
    CHECK(e.count("role") == 1);
    CHECK(e.count("starts_at") == 1);
}

TEST_CASE("reservist records: age 18 to 55 at enlistment and vetting before service", "[unit]") {
    const auto rules = ReservistRules{};
    CHECK(reservistFieldErrors(normalizedReservist(valid()), kToday).empty());
    SECTION("the re-vetting date defaults to three years after the vetting") {
        CHECK(normalizedReservist(valid()).revettingDue == "2027-01-15");
        auto leap = valid();
        leap.vettingDate = "29/02/2024";
        CHECK(normalizedReservist(leap).revettingDue == "2027-03-01");
    }
    SECTION("age at enlistment: 18 and 55 are accepted, 17 and 56 are not") {
        auto in = valid();
        in.dateOfBirth = "2002-02-01";  // 18 on the enlistment day
        CHECK(reservistFieldErrors(normalizedReservist(in), kToday).count("enlistment_date") == 0);
        in.dateOfBirth = "2002-02-02";  // 17 for one more day
        CHECK(reservistFieldErrors(normalizedReservist(in), kToday).at("enlistment_date").find("(it would be 17)") !=
              std::string::npos);
        in.dateOfBirth = "1964-02-02";  // 55
        CHECK(reservistFieldErrors(normalizedReservist(in), kToday).count("enlistment_date") == 0);
        in.dateOfBirth = "1964-02-01";  // 56 that day
        CHECK(reservistFieldErrors(normalizedReservist(in), kToday).count("enlistment_date") == 1);
        CHECK(rules.maxEnlistmentAge == 55);
    }
    SECTION("vetting: not in the future, not before 18, re-vetting after it, active only when cleared") {
        auto in = valid();
        in.vettingDate = "2026-11-25";
        CHECK(reservistFieldErrors(normalizedReservist(in), kToday).count("vetting_date") == 1);
        in = valid();
        in.vettingDate = "2005-01-01";  // aged 16
        CHECK(reservistFieldErrors(normalizedReservist(in), kToday).count("vetting_date") == 1);
        in = valid();
        in.revettingDue = "2024-01-15";
        CHECK(reservistFieldErrors(normalizedReservist(in), kToday).count("revetting_due") == 1);
        in = valid();
        in.vettingResult = "pending";
        CHECK(reservistFieldErrors(normalizedReservist(in), kToday).count("status") == 1);
        in.status = "suspended";
        in.statusReason = "Awaiting vetting outcome";
        CHECK(reservistFieldErrors(normalizedReservist(in), kToday).empty());
    }
    SECTION("a suspension or discharge needs a reason") {
        auto in = valid();
        in.status = "discharged";
        CHECK(reservistFieldErrors(normalizedReservist(in), kToday).at("status_reason") ==
              "Say why the reservist is discharged.");
    }
    SECTION("numbers, IDs, phones and names are checked like the roll's") {
        auto in = valid();
        in.reservistNumber = "np r1";
        in.nationalId = "12";
        in.phone = "12345";
        in.nextOfKinPhone = "";
        in.surname = "=HYPERLINK(\"x\")";
        in.homeWard = "";
        const auto e = reservistFieldErrors(normalizedReservist(in), kToday);
        for (const char* f : {"reservist_number", "national_id", "phone", "next_of_kin_phone", "surname", "home_ward"}) {
            CHECK(e.count(f) == 1);
        }
        in = valid();
        in.reservistNumber = "npr/klm/0042";
        CHECK(normalizedReservist(in).reservistNumber == "NPR/KLM/0042");
        CHECK(normalizedReservist(in).phone == "+254722123456");
    }
}

TEST_CASE("firearm issue, return and extension rules", "[unit]") {
    const auto now = eat("2026-11-24T17:00");
    FirearmIssue out;
    FirearmIssueInput in{" ak-4711 x ", "rifle", "2", "60", "2026-11-25T06:00", "4821"};
    CHECK(firearmIssueErrors(in, now, out).empty());
    CHECK(out.serial == "AK-4711X");
    CHECK(out.rounds == 60);
    SECTION("the handover needs the reservist's PIN, a due time after now, and sane counts") {
        in.pin = "";
        in.expectedReturnAt = "2026-11-24T16:00";
        in.rounds = "-3";
        in.serial = "<b>";
        const auto e = firearmIssueErrors(in, now, out);
        for (const char* f : {"pin", "expected_return_at", "rounds", "serial"}) CHECK(e.count(f) == 1);
    }
    SECTION("a short return is a discrepancy and needs a note") {
        FirearmReturn back;
        auto e = firearmReturnErrors("2", "55", "", 2, 60, back);
        CHECK(e.count("note") == 1);
        e = firearmReturnErrors("2", "55", "Five fired at Yaya, OB 12/24/11/2026", 2, 60, back);
        CHECK(e.empty());
        CHECK(returnDiscrepancy(2, 60, back) == "5 round(s) short: Five fired at Yaya, OB 12/24/11/2026");
        CHECK(firearmReturnErrors("2", "61", "", 2, 60, back).count("rounds_returned") == 1);
        CHECK(firearmReturnErrors("2", "60", "", 2, 60, back).empty());
        CHECK(returnDiscrepancy(2, 60, back).empty());
    }
    SECTION("overdue and extensions") {
        CHECK(firearmOverdue(eat("2026-11-24T16:59"), false, now));
        CHECK_FALSE(firearmOverdue(eat("2026-11-24T16:59"), true, now));
        CHECK_FALSE(firearmOverdue(eat("2026-11-24T17:00"), false, now));
        std::int64_t until = 0;
        CHECK(extensionErrors("2026-11-25T09:00", "Escort extended", eat("2026-11-25T06:00"), now, until).empty());
        CHECK(until == eat("2026-11-25T09:00"));
        CHECK(extensionErrors("2026-11-25T05:00", "x", eat("2026-11-25T06:00"), now, until).count("expected_return_at") == 1);
        CHECK(extensionErrors("2026-11-25T09:00", "", eat("2026-11-25T06:00"), now, until).count("reason") == 1);
    }
}

TEST_CASE("strength by area: authorised against deployed, every ward once", "[unit]") {
    const auto rows = strengthByArea({{"Kilimani", 10}, {"Kileleshwa", 4}}, {{"Kilimani", 7}, {"Lavington", 2}});
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].ward == "Kileleshwa");
    CHECK(rows[0].gap() == -4);
    CHECK(rows[1].ward == "Kilimani");
    CHECK(rows[1].actual == 7);
    CHECK(rows[2].ward == "Lavington");
    CHECK(rows[2].authorised == 0);
}
