// Command-line operations that do not serve HTTP; see Commands.h.
#include "app/Commands.h"

#include "app/Clock.h"
#include "app/Config.h"
#include "app/Server.h"
#include "crypto/CaseKeys.h"
#include "crypto/Keys.h"
#include "crypto/PasswordHasher.h"
#include "domain/AccountRules.h"
#include "domain/MigrationPlan.h"
#include "domain/PasswordRules.h"
#include "domain/Time.h"
#include "domain/Totp.h"
#include "domain/Welfare.h"
#include "http/Templates.h"
#include "store/AuditStore.h"
#include "store/DataVersions.h"
#include "store/DemoSeed.h"
#include "store/KeyRotation.h"
#include "store/Migrator.h"
#include "store/OrgStore.h"
#include "store/TrainingReminderStore.h"
#include "store/TrainingStore.h"
#include "store/TrainingSummaryStore.h"
#include "store/UserStore.h"
#include "store/WelfareRetentionStore.h"

#include <iostream>
#include <optional>
#include <set>

namespace kituo::app {
namespace {

void migrateQuietly(const Config& config, store::Db& db) {
    store::Migrator(db, config.resolve(config.migrationsDir)).migrate();
}

std::string auditTime() {
    return domain::formatUtcMicros(Clock().nowMicros());
}

// The day a dated command runs for: `--date YYYY-MM-DD`, or today in East Africa Time
// (UTC+3) without arguments; nothing (after printing `usage`) for anything else.
std::optional<std::string> dayArgument(const std::vector<std::string>& args, const std::string& usage) {
    if (args.empty()) return domain::formatUtc(Clock().now() + 3 * 3600).substr(0, 10);
    if (args.size() == 2 && args[0] == "--date" && domain::isIsoDate(args[1])) return args[1];
    std::cerr << "usage: " << usage << "\n";
    return std::nullopt;
}

domain::AuditEvent cliEvent(const std::string& action, const std::string& detail) {
    domain::AuditEvent e;
    e.occurredAt = auditTime();
    e.actorUsername = "cli";
    e.action = action;
    e.ip = "local";
    e.outcome = "success";
    e.detail = detail;
    return e;
}

int migrate(const Config& config) {
    store::Db db(dbSettings(config));
    store::Migrator migrator(db, config.resolve(config.migrationsDir));
    const auto applied = migrator.migrate();
    for (const auto& name : applied) std::cout << "applied " << name << "\n";
    std::cout << (applied.empty() ? "database schema is up to date\n" : "migrations complete\n");
    // A trail written before chain heads were signed is signed once, here (trust on first use).
    const auto keys = crypto::KeyRing::fromFile(config.resolve(config.keyFile));
    store::AuditStore audit(db, keys);
    if (audit.signUnsignedHead()) {
        audit.record(cliEvent("audit.head_signed", "the existing audit chain head was signed"));
        audit.seal();
        std::cout << "signed the audit chain head of the existing trail\n";
    }
    return 0;
}

// Seeds the demo station; see store/DemoSeed.h. KITUO_DEMO_TOTP_SECRET (base32, at least
// 16 characters) enrols the new demo accounts that need a second factor.
int seedDemo(const Config& config) {
    const auto env = processEnvironment();
    auto pw = env.find("KITUO_DEMO_PASSWORD");
    if (pw == env.end() || pw->second.empty()) {
        std::cerr << "kituo seed-demo: set KITUO_DEMO_PASSWORD (ops/run generates one)\n";
        return 64;
    }
    std::string totpSecret;
    auto totp = env.find("KITUO_DEMO_TOTP_SECRET");
    if (totp != env.end() && !totp->second.empty()) {
        const auto raw = domain::base32Decode(totp->second);
        if (!raw || raw->size() < 10) {
            std::cerr << "kituo seed-demo: KITUO_DEMO_TOTP_SECRET must be base32 (A-Z, 2-7), at least 16 characters\n";
            return 65;
        }
        totpSecret = *raw;
    }
    const auto keys = crypto::KeyRing::fromFile(config.resolve(config.keyFile));
    store::Db db(dbSettings(config));
    migrateQuietly(config, db);
    crypto::PasswordHasher hasher;
    const std::string today = domain::formatUtc(Clock().now() + 3 * 3600).substr(0, 10);
    const auto result = store::seedDemo(db, hasher, keys, pw->second, totpSecret, today);
    std::cout << "demo station seeded: " << result.orgUnits << " organisation units, "
              << result.accountsCreated << " accounts created (existing accounts left unchanged), "
              << result.secondFactorsEnrolled << " second factors enrolled, " << result.officersCreated
              << " officers added\n";
    return 0;
}

int createAdmin(const Config& config, const std::vector<std::string>& args) {
    if (args.empty() || args.size() > 2) {
        std::cerr << "usage: kituo create-admin USERNAME [ORG_UNIT_CODE] < password\n";
        return 64;
    }
    const std::string username = args[0];
    if (!domain::validUsername(username)) {
        std::cerr << "kituo create-admin: usernames are 2 to 64 characters of a-z, 0-9, '.', '_' "
                     "or '-', starting with a letter\n";
        return 65;
    }
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (auto problem = domain::passwordProblem(password, username)) {
        std::cerr << "kituo create-admin: password refused: " << *problem << "\n";
        return 65;
    }
    const auto keys = crypto::KeyRing::fromFile(config.resolve(config.keyFile));
    store::Db db(dbSettings(config));
    migrateQuietly(config, db);
    store::OrgStore org(db);
    const std::string code = args.size() == 2 ? args[1] : "NPS";
    auto unit = org.findByCode(code);
    if (!unit && args.size() == 1) {
        unit = org.ensure(std::nullopt, domain::OrgKind::National, "NPS", "National Police Service");
    }
    if (!unit) {
        std::cerr << "kituo create-admin: no organisation unit with code " << code << "\n";
        return 65;
    }
    crypto::PasswordHasher hasher;
    store::NewUser nu;
    nu.username = username;
    nu.displayName = username;
    nu.role = domain::Role::Admin;
    nu.orgUnitId = unit->id;
    nu.passwordHash = hasher.hash(password);
    nu.mustChangePassword = false;
    try {
        db.transaction([&](store::Connection& c) {
            const auto id = store::UserStore(db).create(c, nu);
            auto e = cliEvent("user.create",
                              "admin " + username + " created from the command line, scope " + unit->code);
            e.recordType = "user";
            e.recordId = std::to_string(id);
            store::AuditStore(db, keys).append(c, e);
        });
    } catch (const domain::ValidationError&) {
        std::cerr << "kituo create-admin: the username " << username << " is taken\n";
        return 65;
    }
    store::AuditStore(db, keys).seal();  // no server may be running to seal the event
    std::cout << "admin " << username << " created at " << unit->name << "\n";
    return 0;
}

// verify-audit [--checkpoint FILE]: seals pending events, verifies the chain, its signed head
// and, with --checkpoint, that the trail still reaches every checkpoint in FILE.
int verifyAudit(const Config& config, const std::vector<std::string>& args) {
    std::string checkpointFile;
    if (args.size() == 2 && args[0] == "--checkpoint") {
        checkpointFile = config.resolve(args[1]);
    } else if (!args.empty()) {
        std::cerr << "usage: kituo verify-audit [--checkpoint FILE]\n";
        return 64;
    }
    const auto keys = crypto::KeyRing::fromFile(config.resolve(config.keyFile));
    std::vector<domain::AuditCheckpoint> checkpoints;
    if (!checkpointFile.empty()) {
        checkpoints = store::readCheckpointFile(checkpointFile);
        if (checkpoints.empty()) {
            std::cerr << "kituo verify-audit: the checkpoint file " << checkpointFile
                      << " is missing or empty\n";
            return 1;
        }
    }
    store::Db db(dbSettings(config));
    const auto result = store::AuditStore(db, keys).verify(checkpoints);
    if (result.broken) {
        std::cerr << "audit trail BROKEN at "
                  << (result.broken->eventId ? "event " + std::to_string(result.broken->eventId)
                                             : std::string("the head"))
                  << ": " << result.broken->reason << " (" << result.verified
                  << " events verified before it)\n";
        return 1;
    }
    std::cout << "audit trail verified: " << result.verified << " events, chain intact";
    if (!checkpoints.empty()) {
        std::cout << ", reaches all " << checkpoints.size() << " checkpoints (newest: event "
                  << checkpoints.back().eventId << " at " << checkpoints.back().takenAt << ")";
    }
    std::cout << "\n";
    return 0;
}

// audit-checkpoint [FILE]: seals, then appends a signed checkpoint of the chain head to FILE
// (default audit.checkpointFile).
int auditCheckpoint(const Config& config, const std::vector<std::string>& args) {
    if (args.size() > 1) {
        std::cerr << "usage: kituo audit-checkpoint [FILE]\n";
        return 64;
    }
    const std::string path = config.resolve(args.empty() ? config.auditCheckpointFile : args[0]);
    const auto keys = crypto::KeyRing::fromFile(config.resolve(config.keyFile));
    store::Db db(dbSettings(config));
    store::AuditStore audit(db, keys);
    const std::string at = domain::formatUtc(Clock().now()).substr(0, 19);
    auto cp = audit.checkpoint(at.substr(0, 10) + "T" + at.substr(11) + "Z");
    store::appendCheckpointFile(path, cp);
    audit.record(cliEvent("audit.checkpoint", "checkpoint at event " + std::to_string(cp.eventId)));
    audit.seal();
    std::cout << domain::formatCheckpoint(cp) << "\n";
    return 0;
}

// remind [--date YYYY-MM-DD]: creates the retraining reminders due today (East Africa Time),
// each officer x module x threshold once; a second run the same day creates none. Audited.
// Then brings every station's compliance summary up to date for the day, so the first county
// or national roll-up of the morning reads stored numbers.
int remind(const Config& config, const std::vector<std::string>& args) {
    const auto day = dayArgument(args, "kituo remind [--date YYYY-MM-DD]");
    if (!day) return 64;
    const std::string& today = *day;
    const auto keys = crypto::KeyRing::fromFile(config.resolve(config.keyFile));
    store::Db db(dbSettings(config));
    const auto run = store::TrainingReminderStore(db).createDue(today);
    domain::Actor national;
    national.scopePath = "/";
    int refreshed = 0;
    store::TrainingSummaryStore(db).tallies(national, "/", today, store::currentVersion(db, "training"), &refreshed);
    const std::string summary = std::to_string(run.created) + " reminders created for " + today + " (" +
                                std::to_string(run.officers) + " officers at " + std::to_string(run.stations) +
                                " stations checked); " + std::to_string(refreshed) + " station summaries refreshed";
    store::AuditStore audit(db, keys);
    audit.record(cliEvent("training.remind", summary));
    audit.seal();
    std::cout << summary << "\n";
    return 0;
}

// "1 case", "3 cases".
std::string count(std::int64_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// At most 20 ids, comma-separated, then how many more.
std::string idList(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (std::size_t i = 0; i < ids.size() && i < 20; ++i) out += (i ? ", " : "") + std::to_string(ids[i]);
    if (ids.size() > 20) out += " and " + std::to_string(ids.size() - 20) + " more";
    return out;
}

// rotate-key --new-key-file PATH: moves what is sealed under the master key to the key in PATH
// without re-encrypting any note (README, "Rotating the master key"). In this order, so that a
// crash at any point leaves nothing that PATH cannot open and a second run finishes the job:
//  1. PATH gets the previous keys (KITUO_KEY_FILE's current and previous ones) as "previous"
//     lines, written atomically before anything in the database changes;
//  2. every case data key not yet under the new key is re-wrapped (store/KeyRotation.h);
//  3. every second-factor secret is sealed again under the new key;
//  4. one audit event with the counts is recorded, and the pending audit events and the chain
//     head are sealed under the new key (AuditStore::adoptCurrentKey): from then on only the new
//     key can add to the trail, and the older events still verify with the previous keys.
// Run with PATH naming the key file in use (after the restart) it moves what a server still
// running on the old key wrote meanwhile. Exit 1 when a case key or a secret did not open (left
// as it is, listed) or the audit trail refused to seal; 65 for a bad or reused key.
int rotateKey(const Config& config, const std::vector<std::string>& args) {
    if (args.size() != 2 || args[0] != "--new-key-file") {
        std::cerr << "usage: kituo rotate-key --new-key-file PATH\n";
        return 64;
    }
    const std::string keyFile = config.resolve(config.keyFile);
    const std::string newFile = config.resolve(args[1]);
    const auto current = crypto::KeyRing::fromFile(keyFile);
    std::optional<crypto::KeyRing> next;
    try {
        next = crypto::KeyRing::fromFile(newFile);
    } catch (const std::exception& e) {
        std::cerr << "kituo rotate-key: the new key: " << e.what()
                  << " (write one with: (umask 077; openssl rand -hex 32 > " << newFile << "))\n";
        return 65;
    }
    if (current.retired(*next)) {
        std::cerr << "kituo rotate-key: the key in " << newFile << " is a previous master key (listed in " << keyFile
                  << "): a retired key is never used again; write a new one\n";
        return 65;
    }
    const auto ring = current.rotatedTo(*next);
    if (ring.previous().empty()) {
        std::cerr << "kituo rotate-key: " << newFile << " holds the current master key (" << keyFile
                  << "): write a new key into another file and name that one\n";
        return 65;
    }
    const bool finishing = current.sameCurrentKey(*next);
    const std::string keyId = crypto::masterKeyId(ring);
    if (!ring.sameKeys(*next)) {
        crypto::writeKeyFile(newFile, ring);
        const auto previous = static_cast<std::int64_t>(ring.previous().size());
        std::cout << newFile << " now lists " << count(previous, "previous key", "previous keys")
                  << " after the new one: keep them (older audit events and recovery codes are checked with them)\n";
    }
    store::Db db(dbSettings(config));
    const auto cases = store::rewrapCaseKeys(db, ring);
    const auto factors = store::resealSecondFactors(db, ring);
    const bool complete = cases.unreadable.empty() && factors.unreadable.empty();
    std::string summary = count(cases.rewrapped, "case data key", "case data keys") + " re-wrapped (" +
                          std::to_string(cases.current) + " under the new key, " + std::to_string(cases.purged) +
                          " purged), " + count(factors.resealed, "second-factor secret", "second-factor secrets") +
                          " re-sealed";
    if (!cases.unreadable.empty()) summary += "; case keys that did not open: cases " + idList(cases.unreadable);
    if (!factors.unreadable.empty()) summary += "; secrets that did not open: accounts " + idList(factors.unreadable);
    auto e = cliEvent("master_key.rotate", summary);
    e.recordType = "master_key";
    e.recordId = keyId;
    e.outcome = complete ? "success" : "failure";
    store::AuditStore audit(db, ring);
    audit.record(e);
    const auto sealed = audit.adoptCurrentKey();

    std::cout << (finishing ? "master key rotation finished" : "master key rotated") << " to key " << keyId << ":\n"
              << "  case data keys: " << cases.rewrapped << " re-wrapped by this run; " << cases.current
              << " under the new key, " << cases.purged << " purged (no key)\n"
              << "  second-factor secrets: " << factors.resealed << " re-sealed by this run, " << factors.current
              << " already under the new key\n"
              << "  audit trail: "
              << (sealed.refused ? "NOT sealed under the new key: " + *sealed.refused
                                 : std::string("sealed and signed under the new key"))
              << "\n";
    if (!cases.unreadable.empty()) {
        std::cout << count(static_cast<std::int64_t>(cases.unreadable.size()), "case key", "case keys")
                  << " did not open with any key of " << keyFile << " or " << newFile
                  << " (left unchanged): cases " << idList(cases.unreadable) << "\n";
    }
    if (!factors.unreadable.empty()) {
        std::cout << count(static_cast<std::int64_t>(factors.unreadable.size()), "second-factor secret",
                           "second-factor secrets")
                  << " did not open (left unchanged; reset them on the accounts' pages): accounts "
                  << idList(factors.unreadable) << "\n";
    }
    if (finishing) {
        std::cout << "Next: take an audit checkpoint (ops/checkpoint).\n";
    } else {
        std::cout << "Next: replace the key file " << keyFile << " with " << newFile
                  << " (all of it: the previous keys too) and restart the server; then run this command once more "
                     "with --new-key-file naming the key file, to move anything the old server wrote meanwhile, and "
                     "take an audit checkpoint (ops/checkpoint). Back up the new key file now: the database can no "
                     "longer be read without it.\n";
    }
    return complete && !sealed.refused ? 0 : 1;
}

// purge-expired [--date YYYY-MM-DD]: destroys the data key and removes the notes of every
// closed counselling case past retention on that date (East Africa Time today by default;
// welfare.retentionDays from its closing date), one transaction and one audit event per case,
// keeping the session records. A second run purges nothing more.
int purgeExpired(const Config& config, const std::vector<std::string>& args) {
    const auto day = dayArgument(args, "kituo purge-expired [--date YYYY-MM-DD]");
    if (!day) return 64;
    const std::string& today = *day;
    const auto keys = crypto::KeyRing::fromFile(config.resolve(config.keyFile));
    store::Db db(dbSettings(config));
    const std::string cutoff = domain::retentionCutoff(today, config.welfareRetentionDays);
    store::WelfareRetentionStore retention(db);
    store::AuditStore audit(db, keys);
    std::int64_t cases = 0, notes = 0;
    for (const auto id : retention.expired(cutoff)) {
        const auto removed = db.transaction([&](store::Connection& c) {
            const auto n = retention.purge(c, id, config.welfareRetentionDays, today);
            if (n) {
                auto e = cliEvent("welfare.case_purge", "data key destroyed and " + count(*n, "note", "notes") +
                                                            " removed after the retention period (" +
                                                            std::to_string(config.welfareRetentionDays) +
                                                            " days; closed on or before " + cutoff + ")");
                e.recordType = "welfare_case";
                e.recordId = std::to_string(id);
                audit.append(c, e);
            }
            return n;
        });
        if (removed) {
            ++cases;
            notes += *removed;
        }
    }
    audit.seal();
    std::cout << count(cases, "closed case", "closed cases") << " past retention on " << today << " (closed on or before "
              << cutoff << ", kept " << config.welfareRetentionDays << " days) purged: data keys destroyed, "
              << count(notes, "note", "notes") << " removed, session records kept\n";
    return 0;
}

// explain-training STATION_CODE: the plans (EXPLAIN) of the station matrix's reads for that
// station and of the national roll-up's summary read; exit 1 when one of them reads a whole
// large table (officers, postings, completions, summaries, counters). ops/bench runs it on the
// scale dataset.
int explainTraining(const Config& config, const std::vector<std::string>& args) {
    if (args.size() != 1) {
        std::cerr << "usage: kituo explain-training STATION_CODE\n";
        return 64;
    }
    store::Db db(dbSettings(config));
    const auto station = store::OrgStore(db).findByCode(args[0]);
    if (!station || station->kind != domain::OrgKind::Station) {
        std::cerr << "no station with code " << args[0] << "\n";
        return 1;
    }
    domain::Actor national;
    national.scopePath = "/";
    auto plan = store::TrainingStore(db).explainStation(national, station->id);
    const std::string today = domain::formatUtc(Clock().now() + 3 * 3600).substr(0, 10);
    for (auto& r : store::TrainingSummaryStore(db).explainTallies(national, "/", today,
                                                                   store::currentVersion(db, "training"))) {
        plan.push_back(std::move(r));
    }
    const std::set<std::string> large = {"o", "c", "p", "s", "v", "officers", "postings", "training_completions",
                                         "training_station_summaries", "station_versions"};
    int whole = 0;
    for (const auto& r : plan) {
        const bool bad = large.count(r.table) && store::readsWholeTable(r);
        whole += bad;
        std::cout << (bad ? "FULL " : "ok   ") << r.query << ": " << r.table << " " << r.type << " key=" << r.key
                  << " rows=" << r.rows << (r.extra.empty() ? "" : " (" + r.extra + ")") << "\n";
    }
    return whole ? 1 : 0;
}

int checkTemplates(const Config& config) {
    http::Templates templates(config.resolve(config.templatesDir));
    std::cout << templates.names().size() << " templates compile\n";
    return 0;
}

// One line per route: method, pattern, the permission it needs, and "upload" for file uploads.
int printRoutes() {
    http::Router router;
    addRoutes(router);
    for (const auto& r : router.routes()) {
        std::cout << r.method << ' ' << r.pattern << ' '
                  << (r.permission ? auth::toString(*r.permission) : std::string("none"))
                  << (r.limits.upload ? " upload" : "") << '\n';
    }
    return 0;
}

}  // namespace

bool isCommand(const std::string& word) {
    return word == "migrate" || word == "seed-demo" || word == "check-templates" ||
           word == "create-admin" || word == "verify-audit" || word == "audit-checkpoint" || word == "remind" ||
           word == "explain-training" || word == "rotate-key" || word == "purge-expired" || word == "routes";
}

int runCommand(const std::string& command, const std::vector<std::string>& args) {
    try {
        if (command == "routes") return printRoutes();  // needs no configuration
        const Config config = loadConfig(processEnvironment());
        if (command == "migrate") return migrate(config);
        if (command == "seed-demo") return seedDemo(config);
        if (command == "check-templates") return checkTemplates(config);
        if (command == "create-admin") return createAdmin(config, args);
        if (command == "verify-audit") return verifyAudit(config, args);
        if (command == "audit-checkpoint") return auditCheckpoint(config, args);
        if (command == "remind") return remind(config, args);
        if (command == "explain-training") return explainTraining(config, args);
        if (command == "rotate-key") return rotateKey(config, args);
        if (command == "purge-expired") return purgeExpired(config, args);
        std::cerr << "kituo: unknown command " << command << "\n";
        return 64;
    } catch (const domain::MigrationError& e) {
        std::cerr << "kituo: migration refused: " << e.what() << "\n";
        return 65;
    } catch (const std::exception& e) {
        std::cerr << "kituo " << command << ": " << e.what() << "\n";
        return 2;
    }
}

}  // namespace kituo::app
