// ops/backup and ops/restore, the real scripts, end to end: a seeded schema with a note
// recorded through the pages is backed up and restored into a fresh schema, where every table
// holds the same number of rows, the audit chain verifies (`kituo verify-audit`), and the
// counselling notes open with the master key file and with no other key.
#include "Support.h"

#include "crypto/CaseKeys.h"
#include "crypto/Hash.h"
#include "crypto/Keys.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace kituo;

namespace {

// Every table of the schema with its row count.
std::map<std::string, int> rowCounts(store::Db& db, const std::string& schema) {
    std::map<std::string, int> counts;
    for (const auto& table : test::queryColumn(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = '" +
                                                       schema + "' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
        counts[table] = test::queryInt(db, "SELECT COUNT(*) FROM `" + table + "`");
    }
    return counts;
}

// Runs an ops script or the kituo binary against one database URL; returns the exit status.
int runAgainst(const std::string& url, const std::string& command, const std::string& log) {
    return test::shell("env KITUO_DB_URL='" + url + "' KITUO_KEY_FILE='" + test::testKeyFile() + "' KITUO_ROOT='" +
                       test::sourceDir() + "' KITUO_LOG_LEVEL=warning " + command + " >'" + log + "' 2>&1");
}

// How many sealed notes of the schema open with `keys` (case key unwrapped, note opened).
int notesOpening(store::Db& db, const crypto::KeyRing& keys) {
    const auto rows = test::queryColumn(
        db, "SELECT CONCAT(s.welfare_session_id, ' ', c.welfare_case_id, ' ', c.data_key_wrapped, ' ', s.note_sealed) "
            "FROM welfare_sessions s JOIN welfare_cases c ON c.welfare_case_id = s.welfare_case_id "
            "WHERE s.note_sealed IS NOT NULL AND c.data_key_wrapped IS NOT NULL");
    int opened = 0;
    for (const auto& row : rows) {
        std::istringstream in(row);
        long long session = 0, caseId = 0;
        std::string wrapped, sealed;
        in >> session >> caseId >> wrapped >> sealed;
        auto key = crypto::unwrapCaseKey(keys, wrapped, caseId);
        if (key && crypto::openNote(*key, sealed, session)) ++opened;
    }
    return opened;
}

}  // namespace

TEST_CASE("a backup restored into a fresh database has every row, a verified audit chain and notes that open "
          "only with the key file",
          "[db][ops]") {
    test::TempDir dir("kituo-backup-");
    const std::string dump = dir.path + "/kituo.sql.gz", log = dir.path + "/log";
    test::TestServer s;
    s.seedDemo();
    store::Db& db = s.db();

    // A note recorded through the pages, so the restored copy is checked against known text.
    test::Browser counsellor(s);
    REQUIRE(counsellor.login("counsellor").status == 303);
    const std::string caseId = test::queryValue(
        db, "SELECT MIN(a.welfare_case_id) FROM welfare_case_counsellors a JOIN users u ON u.user_id = a.user_id "
            "JOIN welfare_cases c ON c.welfare_case_id = a.welfare_case_id WHERE u.username = 'counsellor' AND c.status = 'open'");
    const std::string note = "Restored from the nightly backup: talked about sleep after night duty.";
    counsellor.get("/welfare/cases/" + caseId);
    REQUIRE(counsellor.post("/welfare/cases/" + caseId + "/sessions",
                            {{"held_on", "21/11/2026"}, {"held_time", "09:00"}, {"duration_minutes", "45"},
                             {"session_type", "individual"}, {"referral_source", "self"}, {"concerns", "stress"},
                             {"risk_level", "low"}, {"note", note}})
                .status == 303);
    const std::string session =
        test::queryValue(db, "SELECT MAX(welfare_session_id) FROM welfare_sessions WHERE welfare_case_id = " + caseId);
    s.server().runMaintenance();  // every audit event sealed into the chain
    const auto before = rowCounts(db, s.schemaSettings().database);
    const int notes = notesOpening(db, crypto::KeyRing::fromFile(test::testKeyFile()));
    REQUIRE(notes >= 2);
    REQUIRE(before.at("audit_events") > 0);
    s.server().stop();

    REQUIRE(runAgainst(s.schemaUrl(), "'" + test::sourceDir() + "/ops/backup' '" + dump + "'", log) == 0);
    INFO(test::readFile(log));
    // The dump holds no note's text.
    REQUIRE(test::shell("gzip -dc '" + dump + "' | grep -q 'sleep after night duty'") != 0);

    test::TestSchema restored;
    REQUIRE(runAgainst(restored.url(), "'" + test::sourceDir() + "/ops/restore' '" + dump + "' --yes", log) == 0);
    store::DbSettings settings = restored.settings();
    settings.poolSize = 1;
    store::Db copy(settings);
    CHECK(rowCounts(copy, restored.name()) == before);

    // The audit chain verifies on the restored copy.
    CHECK(runAgainst(restored.url(), "'" KITUO_BINARY "' verify-audit", log) == 0);
    CHECK_THAT(test::readFile(log), Catch::Contains("chain intact"));

    // Every note opens with the key file, none with another key.
    CHECK(notesOpening(copy, crypto::KeyRing::fromFile(test::testKeyFile())) == notes);
    const std::string otherKey = dir.path + "/other.key";
    std::ofstream(otherKey) << crypto::randomHex(32) << "\n";
    CHECK(notesOpening(copy, crypto::KeyRing::fromFile(otherKey)) == 0);

    // And the server on the restored copy shows the note to its counsellor.
    test::TestServer server([&](app::Config& c) { c.dbUrl = restored.url(); });
    test::Browser reader(server);
    REQUIRE(reader.login("counsellor").status == 303);
    auto page = reader.get("/welfare/sessions/" + session);
    CHECK(page.status == 200);
    CHECK_THAT(page.body, Catch::Contains(note));
    server.server().stop();
}
