// The audit trail's hash chain, as pure functions.
//
// Recording and sealing are separate steps so that recording never takes a global lock:
//  - recording inserts the event into an inbox with its entry MAC (every field but the chain
//    position), so an edit made before sealing is still detected;
//  - the sealer (one at a time, under the chain head's row lock) moves inbox events into the
//    chain in inbox order, giving each the next event id and its links.
// The chain head (newest event id and hash) carries its own MAC, so removing events from the
// end and resetting the head is detected; rolling the whole database back to an older copy is
// detected against a checkpoint kept outside the database (see AuditCheckpoint below).
//
// Each sealed event's row_hash is
// MAC(canonical(event)), where canonical() covers every stored field including event_id and
// prev_hash, and prev_hash is the previous event's row_hash (64 zeros for the first). Editing
// a row breaks its own hash; deleting or re-ordering rows breaks the next row's prev_hash
// link or the id sequence; removing rows from the end disagrees with the chain head.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kituo::domain {

struct AuditEvent {
    std::int64_t id = 0;
    std::string occurredAt;  // "YYYY-MM-DD HH:MM:SS.ffffff" UTC
    std::optional<std::int64_t> actorUserId;
    std::string actorUsername;
    std::string action;      // e.g. "login", "user.create", "access.denied"
    std::string recordType;  // e.g. "user", "officer"
    std::string recordId;
    std::string ip;
    std::string scopePath;   // the acting account's org path; empty for system events
    std::string outcome;     // "success", "failure", "denied"
    std::string detail;      // never a password, never counselling content
    std::string prevHash;
    std::string rowHash;
};

extern const std::string kGenesisHash;  // 64 zeros

// Deterministic serialization of every field but rowHash (length-prefixed, so no two
// different events serialize alike). The scope path is included when set, so events written
// before it existed still verify.
std::string canonicalAuditContent(const AuditEvent& e);

using Mac = std::function<std::string(const std::string&)>;

struct ChainHead {
    std::int64_t lastEventId = 0;
    std::string lastHash;
    std::string mac;  // MAC(canonicalHead(...)); empty only on a fresh, never-sealed trail
};

// What the head's MAC covers.
std::string canonicalHead(std::int64_t lastEventId, const std::string& lastHash);

// What an inbox entry's MAC covers: every recorded field, not the chain position.
std::string canonicalEntry(const AuditEvent& e);

// A signed statement, kept outside the database, that the trail once reached `eventId` with
// `hash` at `takenAt`. A later trail that does not reach it (events removed, an older backup
// restored) or holds another hash there fails verification.
struct AuditCheckpoint {
    std::int64_t eventId = 0;
    std::string hash;
    std::string takenAt;  // "YYYY-MM-DDTHH:MM:SSZ"
    std::string mac;
};

std::string canonicalCheckpoint(const AuditCheckpoint& c);
// One line: "kituo-audit-checkpoint v1 event=N hash=H at=T mac=M".
std::string formatCheckpoint(const AuditCheckpoint& c);
// Parses formatCheckpoint's line; nothing for anything else.
std::optional<AuditCheckpoint> parseCheckpoint(const std::string& line);

struct ChainBreak {
    std::int64_t eventId = 0;  // the first event that does not verify (0: the head)
    std::string reason;
};

// Verifies events given in event_id order against `mac` and the chain head. Returns the
// first broken link, or nothing when the whole trail verifies.
std::optional<ChainBreak> verifyAuditChain(const std::vector<AuditEvent>& events,
                                           const ChainHead& head, const Mac& mac);

// Incremental form, for trails too large to hold in memory: feed events in order, then
// finish() with the head. finish() checks the head's MAC, and that the trail reaches every
// checkpoint given (each checkpoint's MAC checked first) with the same hash.
//
// After a master key rotation the trail is signed with several keys one after the other:
// `macs` lists them oldest first, the current key last. Each event must verify under the key
// of the event before it or a newer one, never an older one (a retired key cannot add to the
// trail once its successor has signed), and the head under the current key. A checkpoint may
// be signed with any of them (the key of its day).
class AuditChainVerifier {
public:
    explicit AuditChainVerifier(Mac mac, std::vector<AuditCheckpoint> checkpoints = {})
        : AuditChainVerifier(std::vector<Mac>{std::move(mac)}, std::move(checkpoints)) {}
    AuditChainVerifier(std::vector<Mac> macsOldestFirst, std::vector<AuditCheckpoint> checkpoints)
        : _macs(std::move(macsOldestFirst)), _checkpoints(std::move(checkpoints)) {}
    // Returns false (and remembers the break) at the first event that does not verify.
    bool add(const AuditEvent& e);
    std::optional<ChainBreak> finish(const ChainHead& head);
    std::int64_t verifiedCount() const { return _count; }

private:
    std::vector<Mac> _macs;
    std::size_t _epoch = 0;  // the key that signed the last event verified
    std::string _prevHash;
    std::int64_t _prevId = 0;
    std::int64_t _count = 0;
    std::optional<ChainBreak> _break;
    std::vector<AuditCheckpoint> _checkpoints;
};

}  // namespace kituo::domain
