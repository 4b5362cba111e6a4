// Load for the fault tests: many keep-alive connections, each in its own thread, reading and
// writing through the real pages as signed-in HR accounts, and a tally of what the server
// acknowledged, so that a test can check afterwards that every acknowledged write is there.
//
// The writes are the roll's multi-row changes: creating an officer (the officer, the first
// posting and the audit event in one transaction), transferring them (the current posting
// closed, the new one opened, the officer's station moved, audited, in one transaction), and,
// one write in eight, importing a file of ten new officers (upload, preview, commit: every row
// in one transaction) or enrolling the worker's last three officers in a course (the places
// taken and the enrolments in one transaction). Each write is acknowledged by its 303; a transfer is attempted only
// after its officer's creation was acknowledged.
//
// With a reserve commander's session, some connections work the reserve instead: each gives
// its own reservist a new open-ended duty (which ends the one in progress when it starts: the
// ending and the new duty in one transaction, under the overlap rule), or issues a firearm
// kit acknowledged by the reservist's PIN and takes it back.
#pragma once

#include "Support.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace kituo::test {

// A signed-in session, usable from any connection.
struct LoadSession {
    std::string cookie;  // "kituo_session=..."
    std::string csrf;
};

// Signs `username` in through `server`'s pages (the session lives in the database, so it is
// valid on any server process on the same database).
LoadSession signInForLoad(TestServer& server, const std::string& username);

struct LoadTally {
    std::mutex lock;
    std::vector<int> statuses;               // every answer's status; 0: no answer (connection failed)
    std::vector<std::chrono::steady_clock::time_point> times;  // when each answer came
    std::set<std::string> created;           // service numbers whose creation was acknowledged
    std::set<std::string> transferred;       // service numbers whose transfer was acknowledged
    std::vector<std::vector<std::string>> importFiles;  // the service numbers of every file sent
    std::vector<std::vector<std::string>> enrolments;   // the officer ids of every enrolment sent
    std::set<std::string> enrolled;          // officer ids whose enrolment was acknowledged
    std::set<std::pair<std::string, std::string>> duties;  // (reservist id, starts_at UTC) acknowledged
    std::set<std::string> issued, returned;  // firearm serials whose issue / return was acknowledged
    void acknowledge(std::set<std::string>& which, const std::string& number);
    void record(int status);
    int count(int status);
    int countFrom(int lowest, int highest);
};

// Where the load's officers are created (a station, one of its units, a rank), the station
// their transfers go to and the offering they are enrolled in, as ids. loadTargets() reads the
// demo's: Kilimani's traffic unit, corporals, Capitol Hill (so the sessions must be county
// HR's, e.g. hr.county) and the upcoming course, whose places it raises for the load.
struct LoadTargets {
    std::string station, unit, rank, transferTo;
    std::string offering;  // an upcoming offering the load enrols its officers in
    // Filled by signInCommanderForLoad: the commander's user id and the reservists (one per
    // reserve connection) who have a handover PIN.
    std::string commanderId;
    std::vector<std::string> reservists;
};
LoadTargets loadTargets(store::Db& db);

struct LoadOptions {
    LoadTargets targets;
    unsigned short port = 0;
    int connections = 16;
    std::chrono::milliseconds duration{5000};
    int writeEvery = 4;  // one request in this many starts a write (creation, then its transfer)
    std::string numberPrefix = "5";  // service numbers: prefix + worker (2 digits) + sequence (4)
    // The first `reserveConnections` connections work the reserve as `commander` (when set).
    const LoadSession* commander = nullptr;
    int reserveConnections = 0;
};

// Signs the demo's reservist commander of Kilimani in through `server`'s pages and makes
// `reservists` of its active reservists ready for the load (a handover PIN each), recording
// them and the commander in `targets`.
LoadSession signInCommanderForLoad(TestServer& server, LoadTargets& targets, int reservists);

// Runs the load until `duration` has passed or `stop` is set; returns when every worker ended.
// Sessions are shared round-robin by the connections.
void runLoad(const LoadOptions& options, const std::vector<LoadSession>& sessions, LoadTally& tally,
             const std::atomic<bool>& stop);

// What the database holds must include every acknowledged write, and no change may be half
// applied: every officer has exactly one open posting whose station is the officer's, each
// acknowledged transfer's officer is at the destination with its movement order, and of each
// import file and enrolment sent (acknowledged or not) either all or nothing is there, and the
// course's count of places taken equals its enrolments. In the reserve: every acknowledged duty
// is there, no reservist has two overlapping duties, every acknowledged issue and return of a
// kit is there, and no serial is out twice.
// Returns a description of every problem (empty: none).
std::vector<std::string> checkAcknowledged(store::Db& db, LoadTally& tally, const LoadTargets& targets);

// An ephemeral port that was free a moment ago.
unsigned short freePort();

}  // namespace kituo::test
