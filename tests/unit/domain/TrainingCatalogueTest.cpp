// The catalogue's records: module fields, requirement rules, prerequisite cycles, and rules
// described in words.
#include "domain/TrainingCatalogue.h"

#include <catch2/catch.hpp>

using namespace kituo::domain;

namespace {

ModuleInput valid() {
    return {"HR-UOF", "Human rights and the use of force", "human_rights", "", "16", "classroom", "70", "24",
            "completion", "", "60"};
}

}  // namespace

TEST_CASE("a valid module has no errors, each field says what to fix", "[unit]") {
    CHECK(moduleFieldErrors(valid()).empty());
    auto in = valid();
    in.code = "hr uof";
    in.title = " ";
    in.category = "sports";
    in.hours = "0";
    in.delivery = "post";
    in.passMark = "101";
    in.validityMonths = "-1";
    in.basis = "whenever";
    in.renewalWindowDays = "x";
    const auto e = moduleFieldErrors(in);
    for (const char* f : {"code", "title", "category", "hours", "delivery", "pass_mark", "validity_months", "recert_basis",
                          "renewal_window_days"}) {
        CHECK(e.count(f) == 1);
    }
}

TEST_CASE("a yearly window needs its month and whole years, other bases no month", "[unit]") {
    auto in = valid();
    in.basis = "calendar";
    CHECK(moduleFieldErrors(in).count("window_month") == 1);
    in.windowMonth = "1";
    in.validityMonths = "18";
    CHECK(moduleFieldErrors(in).count("validity_months") == 1);
    in.validityMonths = "12";
    CHECK(moduleFieldErrors(in).empty());
    const auto rules = moduleRules(4, in);
    CHECK(rules.basis == RecertBasis::CalendarWindow);
    CHECK(rules.windowMonth == 1);
    CHECK(rules.renewalWindowDays == 60);
    auto other = valid();
    other.windowMonth = "3";
    CHECK(moduleFieldErrors(other).count("window_month") == 1);
    other = valid();
    other.renewalWindowDays = "800";
    CHECK(moduleFieldErrors(other).count("renewal_window_days") == 1);
    other.validityMonths = "1";
    other.renewalWindowDays = "30";
    CHECK(moduleFieldErrors(other).count("renewal_window_days") == 1);  // longer than the validity
}

TEST_CASE("a module cannot require itself, directly or through others", "[unit]") {
    const std::map<std::int64_t, std::vector<std::int64_t>> graph = {{1, {}}, {2, {1}}, {3, {2}}, {4, {}}};
    CHECK(prerequisiteCycle(1, {3}, graph));
    CHECK(prerequisiteCycle(1, {1}, graph));
    CHECK_FALSE(prerequisiteCycle(3, {1, 4}, graph));
    CHECK_FALSE(prerequisiteCycle(4, {}, graph));
}

TEST_CASE("requirement rules: whom, from when, how long newcomers have", "[unit]") {
    RequirementInput all{"all", "", "", "", "", "2027-01-01", "90"};
    CHECK(requirementFieldErrors(all, 14).empty());
    RequirementInput range{"rank_range", "5", "3", "", "", "2027-01-01", "90"};
    CHECK(requirementFieldErrors(range, 14).count("max_rank") == 1);
    range.maxRank = "15";
    CHECK(requirementFieldErrors(range, 14).count("max_rank") == 1);
    range.maxRank = "8";
    CHECK(requirementFieldErrors(range, 14).empty());
    RequirementInput unit{"unit_type", "", "", "canteen", "", "2027-01-01", "90"};
    CHECK(requirementFieldErrors(unit, 14).count("unit_type") == 1);
    RequirementInput service{"service", "", "", "", "XYZ", "01/01/2027", "-3"};
    const auto e = requirementFieldErrors(service, 14);
    CHECK(e.count("service") == 1);
    CHECK(e.count("effective_from") == 1);  // the handler reads day-first dates first
    CHECK(e.count("due_days") == 1);
    CHECK(requirementFieldErrors({"", "", "", "", "", "2027-01-01", "90"}, 14).count("kind") == 1);

    const std::vector<Rank> ranks = {{1, "PC", "Constable", 1, {}}, {3, "SGT", "Sergeant", 3, {}}};
    range.maxRank = "3";
    range.minRank = "1";
    CHECK(describeRequirement(requirementRule(1, range), ranks) == "Ranks Constable to Sergeant");
    CHECK(describeRequirement(requirementRule(1, all), ranks) == "Every officer");
    unit.unitType = "child_protection";
    CHECK(describeRequirement(requirementRule(1, unit), ranks) == "Officers of Child protection units");
    service.service = "APS";
    service.dueDays = "30";
    CHECK(describeRequirement(requirementRule(1, service), ranks) == "Administration Police Service officers");
}
