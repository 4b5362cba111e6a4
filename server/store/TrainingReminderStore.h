// Retraining reminders: the daily job that creates in-app notices for HR (domain::remindersDue
// over every station's compliance), and reading them within a scope.
#pragma once

#include "domain/User.h"
#include "store/Db.h"

#include <string>
#include <vector>

namespace kituo::store {

struct ReminderRecord {
    std::int64_t officerId = 0;
    std::string serviceNumber, surname, otherNames, stationName;
    std::string moduleCode, moduleTitle;
    int threshold = 0;  // days before the deadline; 0: overdue
    std::string deadline;
    std::string createdOn;
};

struct ReminderRun {
    int stations = 0;
    int officers = 0;
    int created = 0;
};

class TrainingReminderStore {
public:
    explicit TrainingReminderStore(Db& db) : _db(db) {}

    // Creates the reminders due on `today` for every serving officer, station by station; each
    // officer x module x threshold x deadline at most once (the table's unique key), so a
    // second run the same day creates nothing.
    ReminderRun createDue(const std::string& today);
    // Reminders created on or after `since` for officers posted within the actor's scope,
    // newest first (at most `limit`).
    std::vector<ReminderRecord> recent(const domain::Actor& actor, const std::string& since, int limit = 500);
    // How many of them there are; cached while the "reminders" data version (bumped by
    // createDue) is `remindersVersion`.
    int countRecent(const domain::Actor& actor, const std::string& since, std::uint64_t remindersVersion);

private:
    Db& _db;
};

}  // namespace kituo::store
