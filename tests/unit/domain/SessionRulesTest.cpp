// Session expiry: idle timeout by role (15 min counselling, 30 min others) and the 12-hour
// absolute lifetime.
#include "domain/SessionRules.h"

#include <catch2/catch.hpp>

using namespace kituo::domain;

TEST_CASE("counselling roles go idle after 15 minutes, others after 30", "[unit]") {
    const std::int64_t t0 = 1'800'000'000;
    for (Role r : {Role::Counsellor, Role::ClinicalSupervisor}) {
        CHECK(sessionState(r, t0, t0, t0 + 15 * 60 - 1) == SessionState::Active);
        CHECK(sessionState(r, t0, t0, t0 + 15 * 60) == SessionState::IdleExpired);
    }
    for (Role r : {Role::Admin, Role::HrOfficer, Role::ReservistCommander, Role::StationCommander,
                   Role::Auditor}) {
        CHECK(sessionState(r, t0, t0, t0 + 15 * 60) == SessionState::Active);
        CHECK(sessionState(r, t0, t0, t0 + 30 * 60 - 1) == SessionState::Active);
        CHECK(sessionState(r, t0, t0, t0 + 30 * 60) == SessionState::IdleExpired);
    }
}

TEST_CASE("activity keeps a session alive, but never past 12 hours", "[unit]") {
    const std::int64_t t0 = 1'800'000'000;
    const std::int64_t lastSeen = t0 + 12 * 3600 - 60;  // active a minute ago
    CHECK(sessionState(Role::HrOfficer, t0, lastSeen, t0 + 12 * 3600 - 1) == SessionState::Active);
    CHECK(sessionState(Role::HrOfficer, t0, lastSeen, t0 + 12 * 3600) == SessionState::AbsoluteExpired);
}
