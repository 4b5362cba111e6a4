// The keys of counselling data, through the real command line against a test schema and then
// the real server:
//  - kituo rotate-key moves every case data key, second-factor secret and the audit chain to a
//    new master key without re-encrypting a note: with the new key file the notes read back
//    unchanged, sign-in works with the app's code and with a recovery code issued before, and
//    the audit trail verifies against a checkpoint taken before; with the old key file nothing
//    opens; a second run changes nothing; a run after the restart moves what an old server wrote
//    meanwhile; what opens with no key is listed and left;
//  - kituo purge-expired destroys the key and notes of a closed case past retention, keeps its
//    session records, leaves open and recently closed cases alone, and purges nothing twice.
#include "Support.h"

#include "auth/TwoFactor.h"
#include "crypto/CaseKeys.h"
#include "crypto/Hash.h"
#include "crypto/Keys.h"
#include "crypto/SecretBox.h"
#include "domain/Officer.h"
#include "store/DemoWelfareSeed.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <vector>

using namespace kituo;

namespace {

std::string q(store::Db& db, const std::string& sql) { return test::queryValue(db, sql); }
using test::execute;
using test::queryColumn;

// The kituo command line against one test schema; each run's output (both streams) in `out`.
struct Cli {
    std::string schemaUrl;
    std::string log;
    std::string out;
    int run(const std::string& keyFile, const std::string& args, const std::string& env = "") {
        const int rc = test::shell("env KITUO_DB_URL='" + schemaUrl + "' KITUO_KEY_FILE='" + keyFile + "' KITUO_ROOT='" +
                                   test::sourceDir() + "' KITUO_LOG_LEVEL=warning " + env + " '" KITUO_BINARY "' " + args +
                                   " >'" + log + "' 2>&1");
        out = test::readFile(log);
        return rc;
    }
};

// Each test's fixture: a seeded schema and its server (on the test key file: the old key), a
// directory of the test's own with a place for the new key, and the command line.
struct Seeded {
    test::TestServer s;
    test::TempDir dir{"kituo-welfare-keys-"};
    Cli cli{s.schemaUrl(), dir.path + "/log", ""};
    store::Db& db = s.db();
    const std::string oldKey = test::testKeyFile();
    const std::string newKey = dir.path + "/new.key";
    Seeded() { s.seedDemo(); }
};

void writeNewKey(const std::string& path) { std::ofstream(path) << crypto::randomHex(32) << "\n"; }

const char* kRecoveryCode = "abcde-fgh23";

std::map<std::string, std::string> sessionForm(const std::string& note) {
    return {{"held_on", "20/11/2026"}, {"held_time", "10:30"}, {"duration_minutes", "50"},
            {"session_type", "individual"}, {"referral_source", "self"}, {"concerns", "stress"},
            {"risk_level", "low"}, {"note", note}};
}

const char* kWrappedKeys = "SELECT COALESCE(data_key_wrapped, 'NULL') FROM welfare_cases ORDER BY welfare_case_id";
const char* kSealedNotes = "SELECT COALESCE(note_sealed, 'NULL') FROM welfare_sessions ORDER BY welfare_session_id";
const char* kSecrets = "SELECT CONCAT(COALESCE(secret, ''), '/', COALESCE(pending_secret, '')) FROM user_second_factors "
                       "ORDER BY user_id";

}  // namespace

TEST_CASE_METHOD(Seeded,
                 "rotate-key moves case keys, second-factor secrets and the audit chain to a new master key, "
                 "and notes read back unchanged",
                 "[db][ops][welfare]") {
    const std::string checkpoints = dir.path + "/audit.checkpoints";
    writeNewKey(newKey);
    const std::string newKeyHex = test::readFile(newKey).substr(0, 64);
    const auto oldRing = crypto::KeyRing::fromFile(oldKey);

    // A note recorded through the pages, and a recovery code issued under the old key.
    test::Browser counsellor(s);
    REQUIRE(counsellor.login("counsellor").status == 303);
    const std::string caseId = q(db, "SELECT MIN(c.welfare_case_id) FROM welfare_cases c JOIN welfare_case_counsellors a "
                                     "ON a.welfare_case_id = c.welfare_case_id JOIN users u ON u.user_id = a.user_id "
                                     "WHERE u.username = 'counsellor' AND c.status = 'open'");
    const std::string note = "Spoke about the transfer and the long commute; agreed to meet again next week.";
    counsellor.get("/welfare/cases/" + caseId);
    REQUIRE(counsellor.post("/welfare/cases/" + caseId + "/sessions", sessionForm(note)).status == 303);
    const std::string session = q(db, "SELECT MAX(welfare_session_id) FROM welfare_sessions WHERE welfare_case_id = " + caseId);
    const std::int64_t auditorId = test::queryInt(db, "SELECT user_id FROM users WHERE username = 'auditor'");
    execute(db, "INSERT INTO recovery_codes (user_id, code_hash) VALUES (" + std::to_string(auditorId) + ", '" +
                 auth::recoveryCodeHash(oldRing, auditorId, kRecoveryCode) + "')");
    s.server().runMaintenance();
    REQUIRE(cli.run(oldKey, "audit-checkpoint '" + checkpoints + "'") == 0);
    const auto notesBefore = queryColumn(db, kSealedNotes);
    const auto keysBefore = queryColumn(db, kWrappedKeys);
    const auto secretsBefore = queryColumn(db, kSecrets);
    const int cases = test::queryInt(db, "SELECT COUNT(*) FROM welfare_cases");
    const int secrets = test::queryInt(db, "SELECT COUNT(*) FROM user_second_factors WHERE secret IS NOT NULL");
    REQUIRE(cases >= 8);
    REQUIRE(secrets >= 5);
    s.server().stop();  // the server is stopped for the rotation (README)

    REQUIRE(cli.run(oldKey, "rotate-key --new-key-file '" + newKey + "'") == 0);
    INFO(cli.out);
    const auto ring = crypto::KeyRing::fromFile(newKey);
    const std::string keyId = crypto::masterKeyId(ring);
    CHECK_THAT(cli.out, Catch::Contains("master key rotated to key " + keyId));
    CHECK_THAT(cli.out, Catch::Contains("case data keys: " + std::to_string(cases) + " re-wrapped by this run; " +
                                        std::to_string(cases) + " under the new key, 0 purged"));
    CHECK_THAT(cli.out, Catch::Contains("second-factor secrets: " + std::to_string(secrets) + " re-sealed by this run"));
    CHECK_THAT(cli.out, Catch::Contains("audit trail: sealed and signed under the new key"));
    CHECK_THAT(cli.out, Catch::Contains("Next: replace the key file " + oldKey + " with " + newKey) &&
                            Catch::Contains("restart the server"));
    // The new key file keeps the old key as a previous one; nothing else changed on disk.
    REQUIRE(ring.previous().size() == 1);
    CHECK(ring.previous()[0].sameCurrentKey(oldRing));
    CHECK(test::readFile(newKey) == newKeyHex + "\nprevious " + oldRing.fileText());
    CHECK(crypto::KeyRing::fromFile(oldKey).sameKeys(oldRing));
    // No note was re-encrypted; every case key was wrapped again under the new key.
    CHECK(queryColumn(db, kSealedNotes) == notesBefore);
    const auto keysAfter = queryColumn(db, kWrappedKeys);
    REQUIRE(keysAfter.size() == keysBefore.size());
    for (std::size_t i = 0; i < keysAfter.size(); ++i) CHECK(keysAfter[i] != keysBefore[i]);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM welfare_cases WHERE master_key_id = '" + keyId + "'") == cases);
    CHECK(queryColumn(db, kSecrets) != secretsBefore);
    // One audit event with the counts and no key material.
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'master_key.rotate' AND outcome = 'success' "
                             "AND record_id = '" + keyId + "' AND detail LIKE '" + std::to_string(cases) + " case data keys re-wrapped%'") == 1);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE detail LIKE '%" + newKeyHex.substr(0, 16) +
                             "%' OR detail LIKE '%" + oldRing.fileText().substr(0, 16) + "%'") == 0);

    // The server on the new key file: the counsellor signs in with the app (the secret was
    // sealed again) and reads the note back; the auditor signs in with a code issued before.
    {
        test::TestServer fresh([&](app::Config& c) {
            c.dbUrl = s.schemaUrl();
            c.keyFile = newKey;
        });
        test::Browser b(fresh);
        REQUIRE(b.login("counsellor").status == 303);
        auto page = b.get("/welfare/sessions/" + session);
        REQUIRE(page.status == 200);
        CHECK_THAT(page.body, Catch::Contains(note));
        const std::string demo = q(db, "SELECT MIN(welfare_session_id) FROM welfare_sessions WHERE note_sealed IS NOT NULL");
        CHECK(b.get("/welfare/sessions/" + demo).status == 200);
        test::Browser phoneLost(fresh);
        REQUIRE(phoneLost.loginPasswordOnly("auditor").header("location") == "/login/two-factor");
        CHECK(phoneLost.post("/login/two-factor", {{"code", kRecoveryCode}}).status == 303);
        CHECK(phoneLost.get("/audit").status == 200);
        fresh.server().runMaintenance();
        fresh.server().stop();
    }
    // The trail verifies with the new key file (its previous key checks the older events),
    // against the checkpoint taken before the rotation and one taken after.
    CHECK(cli.run(newKey, "verify-audit --checkpoint '" + checkpoints + "'") == 0);
    CHECK_THAT(cli.out, Catch::Contains("chain intact, reaches all 1 checkpoints"));
    REQUIRE(cli.run(newKey, "audit-checkpoint '" + checkpoints + "'") == 0);
    CHECK(cli.run(newKey, "verify-audit --checkpoint '" + checkpoints + "'") == 0);
    CHECK_THAT(cli.out, Catch::Contains("reaches all 2 checkpoints"));
    // With the old key file alone the trail does not verify.
    CHECK(cli.run(oldKey, "verify-audit") == 1);

    // The old key file opens nothing any more: the note page says so.
    const std::int64_t counsellorId = test::queryInt(db, "SELECT user_id FROM users WHERE username = 'counsellor'");
    const std::string counsellorSecret = q(db, "SELECT secret FROM user_second_factors WHERE user_id = " +
                                               std::to_string(counsellorId));
    {
        test::TestServer old([&](app::Config& c) { c.dbUrl = s.schemaUrl(); });
        // Only so that the counsellor can sign in there: their second factor sealed under the old key.
        execute(db, "UPDATE user_second_factors SET secret = '" +
                     crypto::secondFactorBox(oldRing).seal(test::kTestTotpSecret, crypto::secondFactorBinding(counsellorId)) +
                     "' WHERE user_id = " + std::to_string(counsellorId));
        test::Browser b(old);
        REQUIRE(b.login("counsellor").status == 303);
        auto page = b.get("/welfare/sessions/" + session);
        CHECK(page.status == 500);
        CHECK_THAT(page.body, Catch::Contains("The note cannot be opened"));
        CHECK_THAT(page.body, !Catch::Contains("long commute"));
        old.server().stop();
        execute(db, "UPDATE user_second_factors SET secret = '" + counsellorSecret + "' WHERE user_id = " +
                     std::to_string(counsellorId));
    }
    // What that old server recorded is signed with the old key: the trail says how to seal it.
    CHECK(cli.run(newKey, "verify-audit") == 1);
    CHECK_THAT(cli.out, Catch::Contains("signed with a previous master key"));

    // A second run changes no key, no secret and no file; it seals what the old server recorded.
    const auto secretsAfter = queryColumn(db, kSecrets);
    const std::string fileAfter = test::readFile(newKey);
    REQUIRE(cli.run(oldKey, "rotate-key --new-key-file '" + newKey + "'") == 0);
    CHECK_THAT(cli.out, Catch::Contains("0 re-wrapped by this run") && Catch::Contains("0 re-sealed by this run, " +
                                                                                       std::to_string(secrets) + " already"));
    CHECK(queryColumn(db, kWrappedKeys) == keysAfter);
    CHECK(queryColumn(db, kSecrets) == secretsAfter);
    CHECK(queryColumn(db, kSealedNotes) == notesBefore);
    CHECK(test::readFile(newKey) == fileAfter);
    CHECK(cli.run(newKey, "verify-audit --checkpoint '" + checkpoints + "'") == 0);
    // After the restart, run with the key file itself: nothing left to move.
    REQUIRE(cli.run(newKey, "rotate-key --new-key-file '" + newKey + "'") == 0);
    CHECK_THAT(cli.out, Catch::Contains("master key rotation finished") && Catch::Contains("0 re-wrapped"));
    CHECK(queryColumn(db, kWrappedKeys) == keysAfter);
    CHECK(cli.run(newKey, "verify-audit") == 0);
}

TEST_CASE_METHOD(Seeded,
                 "rotate-key refuses a bad or reused key, and run again it moves what an old server wrote and "
                 "lists what does not open",
                 "[db][ops][welfare]") {
    const auto keysBefore = queryColumn(db, kWrappedKeys);

    CHECK(cli.run(oldKey, "rotate-key") == 64);
    CHECK_THAT(cli.out, Catch::Contains("usage: kituo rotate-key --new-key-file PATH"));
    CHECK(cli.run(oldKey, "rotate-key --new-key-file '" + newKey + "'") == 65);
    CHECK_THAT(cli.out, Catch::Contains("the new key: master key file not found: " + newKey));
    std::ofstream(newKey) << "not a key\n";
    CHECK(cli.run(oldKey, "rotate-key --new-key-file '" + newKey + "'") == 65);
    CHECK_THAT(cli.out, Catch::Contains("must hold 64 hex characters"));
    std::ofstream(newKey) << test::readFile(oldKey);
    CHECK(cli.run(oldKey, "rotate-key --new-key-file '" + newKey + "'") == 65);
    CHECK_THAT(cli.out, Catch::Contains("holds the current master key"));
    CHECK(queryColumn(db, kWrappedKeys) == keysBefore);  // nothing was touched

    writeNewKey(newKey);
    REQUIRE(cli.run(oldKey, "rotate-key --new-key-file '" + newKey + "'") == 0);
    const auto ring = crypto::KeyRing::fromFile(newKey);
    const auto oldRing = crypto::KeyRing::fromFile(oldKey);
    // The old key is retired: never a new key again.
    CHECK(cli.run(newKey, "rotate-key --new-key-file '" + oldKey + "'") == 65);
    CHECK_THAT(cli.out, Catch::Contains("is a previous master key"));

    // An old server still running wrote a case key and a second factor under the old key, and
    // one case's key opens with no key at all.
    const std::string moved = q(db, "SELECT MIN(welfare_case_id) FROM welfare_cases");
    const std::string lost = q(db, "SELECT MAX(welfare_case_id) FROM welfare_cases");
    const auto dataKey = crypto::unwrapCaseKey(ring, q(db, "SELECT data_key_wrapped FROM welfare_cases WHERE welfare_case_id = " + moved),
                                               std::stoll(moved));
    REQUIRE(dataKey);
    execute(db, "UPDATE welfare_cases SET data_key_wrapped = '" + crypto::wrapCaseKey(oldRing, *dataKey, std::stoll(moved)) +
                 "', master_key_id = '" + crypto::masterKeyId(oldRing) + "' WHERE welfare_case_id = " + moved);
    const auto stranger = crypto::KeyRing::fromBytes(crypto::randomBytes(32));
    const std::string lostWrapped = crypto::wrapCaseKey(stranger, crypto::newCaseKey(), std::stoll(lost));
    execute(db, "UPDATE welfare_cases SET data_key_wrapped = '" + lostWrapped + "', master_key_id = '" +
                 crypto::masterKeyId(stranger) + "' WHERE welfare_case_id = " + lost);
    const std::int64_t supervisorId = test::queryInt(db, "SELECT user_id FROM users WHERE username = 'supervisor'");
    execute(db, "UPDATE user_second_factors SET pending_secret = '" +
                 crypto::secondFactorBox(oldRing).seal("pending-secret-20byt", crypto::secondFactorBinding(supervisorId)) +
                 "' WHERE user_id = " + std::to_string(supervisorId));

    CHECK(cli.run(newKey, "rotate-key --new-key-file '" + newKey + "'") == 1);
    INFO(cli.out);
    CHECK_THAT(cli.out, Catch::Contains("master key rotation finished") && Catch::Contains("1 re-wrapped by this run") &&
                            Catch::Contains("1 re-sealed by this run"));
    CHECK_THAT(cli.out, Catch::Contains("1 case key did not open") && Catch::Contains("(left unchanged): cases " + lost));
    CHECK(q(db, "SELECT master_key_id FROM welfare_cases WHERE welfare_case_id = " + moved) == crypto::masterKeyId(ring));
    const auto rewrapped = crypto::unwrapCaseKey(ring, q(db, "SELECT data_key_wrapped FROM welfare_cases WHERE welfare_case_id = " + moved),
                                                 std::stoll(moved));
    CHECK(rewrapped == dataKey);
    const std::string sealed = q(db, "SELECT note_sealed FROM welfare_sessions WHERE note_sealed IS NOT NULL AND welfare_case_id = " +
                                         moved + " ORDER BY welfare_session_id LIMIT 1");
    const auto opened = crypto::openNote(*rewrapped, sealed,
                                         std::stoll(q(db, "SELECT welfare_session_id FROM welfare_sessions WHERE note_sealed IS NOT NULL "
                                                          "AND welfare_case_id = " + moved + " ORDER BY welfare_session_id LIMIT 1")));
    REQUIRE(opened);
    CHECK_THAT(*opened, Catch::StartsWith("Demo note (invented)"));
    CHECK(crypto::secondFactorBox(ring).open(q(db, "SELECT pending_secret FROM user_second_factors WHERE user_id = " +
                                                   std::to_string(supervisorId)),
                                             crypto::secondFactorBinding(supervisorId)) ==
          std::optional<std::string>("pending-secret-20byt"));
    // The case whose key opens with nothing is left exactly as it was, and the event says so.
    CHECK(q(db, "SELECT data_key_wrapped FROM welfare_cases WHERE welfare_case_id = " + lost) == lostWrapped);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'master_key.rotate' AND outcome = 'failure' "
                             "AND detail LIKE '%case keys that did not open: cases " + lost + "'") == 1);
    CHECK(cli.run(newKey, "verify-audit") == 0);
}

TEST_CASE_METHOD(Seeded,
                 "purge-expired destroys the key and notes of closed cases past retention and keeps their session "
                 "records",
                 "[db][ops][welfare]") {
    const std::string& key = oldKey;

    // The demo's closed case was closed 30 days before the seed's day; close an open one a day
    // later, and keep a third open.
    const std::string expired = q(db, "SELECT MIN(welfare_case_id) FROM welfare_cases WHERE status = 'closed'");
    const std::string closedOn = q(db, "SELECT closed_on FROM welfare_cases WHERE welfare_case_id = " + expired);
    const std::string recent = q(db, "SELECT MIN(c.welfare_case_id) FROM welfare_cases c WHERE c.status = 'open' AND "
                                     "EXISTS (SELECT 1 FROM welfare_sessions s WHERE s.welfare_case_id = c.welfare_case_id "
                                     "AND s.note_sealed IS NOT NULL) AND EXISTS (SELECT 1 FROM welfare_case_counsellors a JOIN users u "
                                     "ON u.user_id = a.user_id WHERE a.welfare_case_id = c.welfare_case_id AND u.username = 'counsellor')");
    execute(db, "UPDATE welfare_cases SET status = 'closed', outcome = 'goals_met', closed_on = '" +
                 domain::addDays(closedOn, 1) + "' WHERE welfare_case_id = " + recent);
    const std::string open = q(db, "SELECT MIN(welfare_case_id) FROM welfare_cases WHERE status = 'open'");
    const std::string purgeDay = domain::addDays(closedOn, 2555);  // 7 years on, for the first case only
    const std::string expiredSession = q(db, "SELECT MIN(welfare_session_id) FROM welfare_sessions WHERE note_sealed IS NOT NULL "
                                             "AND welfare_case_id = " + expired);
    const std::string recentSession = q(db, "SELECT MIN(welfare_session_id) FROM welfare_sessions WHERE note_sealed IS NOT NULL "
                                            "AND welfare_case_id = " + recent);
    REQUIRE_FALSE(expiredSession.empty());
    const int sessions = test::queryInt(db, "SELECT COUNT(*) FROM welfare_sessions");
    const int expiredNotes = test::queryInt(db, "SELECT COUNT(*) FROM welfare_sessions WHERE note_sealed IS NOT NULL AND "
                                                "welfare_case_id = " + expired);
    const auto others = [&] {
        return queryColumn(db, "SELECT CONCAT(c.welfare_case_id, ':', c.data_key_wrapped, ':', COALESCE(s.note_sealed, '')) "
                          "FROM welfare_cases c JOIN welfare_sessions s ON s.welfare_case_id = c.welfare_case_id "
                          "WHERE c.welfare_case_id <> " + expired + " ORDER BY s.welfare_session_id");
    };
    const auto othersBefore = others();

    CHECK(cli.run(key, "purge-expired --date 2026-13-01") == 64);
    CHECK(cli.run(key, "purge-expired", "KITUO_WELFARE_RETENTION_DAYS=0") != 0);
    CHECK_THAT(cli.out, Catch::Contains("welfare.retentionDays (KITUO_WELFARE_RETENTION_DAYS) must be between 1"));
    // The day before the period is complete: nothing.
    REQUIRE(cli.run(key, "purge-expired --date " + domain::addDays(purgeDay, -1)) == 0);
    CHECK_THAT(cli.out, Catch::Contains("0 closed cases past retention"));
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM welfare_cases WHERE purged_at IS NOT NULL") == 0);

    REQUIRE(cli.run(key, "purge-expired --date " + purgeDay) == 0);
    INFO(cli.out);
    CHECK_THAT(cli.out, Catch::Contains("1 closed case past retention on " + purgeDay + " (closed on or before " + closedOn +
                                        ", kept 2555 days) purged: data keys destroyed, " +
                                        std::to_string(expiredNotes) + (expiredNotes == 1 ? " note" : " notes") +
                                        " removed, session records kept"));
    CHECK(q(db, "SELECT data_key_wrapped FROM welfare_cases WHERE welfare_case_id = " + expired).empty());
    CHECK_FALSE(q(db, "SELECT purged_at FROM welfare_cases WHERE welfare_case_id = " + expired).empty());
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM welfare_sessions WHERE note_sealed IS NOT NULL AND welfare_case_id = " +
                             expired) == 0);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM welfare_sessions") == sessions);  // the records stay
    CHECK(others() == othersBefore);  // the recently closed and the open cases are untouched
    s.server().runMaintenance();
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'welfare.case_purge' AND record_type = "
                             "'welfare_case' AND record_id = '" + expired + "'") == 1);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'welfare.case_purge'") == 1);

    // The purged case's pages: the case with its session records, its notes a clear page.
    test::Browser counsellor(s);
    REQUIRE(counsellor.login("counsellor").status == 303);
    auto casePage = counsellor.get("/welfare/cases/" + expired);
    REQUIRE(casePage.status == 200);
    CHECK_THAT(casePage.body, Catch::Contains("notes were destroyed after the retention period"));
    auto notePage = counsellor.get("/welfare/sessions/" + expiredSession);
    CHECK(notePage.status == 500);
    CHECK_THAT(notePage.body, Catch::Contains("The note cannot be opened"));
    for (const auto& n : store::demoNotes()) CHECK_THAT(notePage.body, !Catch::Contains(n.substr(22, 30)));
    auto kept = counsellor.get("/welfare/sessions/" + recentSession);
    CHECK(kept.status == 200);
    CHECK_THAT(kept.body, Catch::Contains("Demo note (invented)"));
    CHECK(counsellor.get("/welfare/sessions/" + q(db, "SELECT MIN(welfare_session_id) FROM welfare_sessions WHERE "
                                                      "welfare_case_id = " + open)).status == 200);

    // A second run purges nothing more; a day later the recently closed case's period is over too.
    REQUIRE(cli.run(key, "purge-expired --date " + purgeDay) == 0);
    CHECK_THAT(cli.out, Catch::Contains("0 closed cases past retention"));
    REQUIRE(cli.run(key, "purge-expired --date " + domain::addDays(purgeDay, 1)) == 0);
    CHECK_THAT(cli.out, Catch::Contains("1 closed case past retention"));  // the recently closed one, a day later
    REQUIRE(cli.run(key, "purge-expired --date " + domain::addDays(purgeDay, 1)) == 0);
    CHECK_THAT(cli.out, Catch::Contains("0 closed cases past retention"));
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM welfare_cases WHERE purged_at IS NOT NULL") == 2);
    CHECK(test::queryInt(db, "SELECT COUNT(*) FROM welfare_cases WHERE purged_at IS NULL AND data_key_wrapped IS NOT NULL") ==
          test::queryInt(db, "SELECT COUNT(*) FROM welfare_cases") - 2);
    CHECK(cli.run(key, "verify-audit") == 0);
}
