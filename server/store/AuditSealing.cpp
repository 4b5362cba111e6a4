// Audit trail SQL: sealing recorded events into the hash chain, verification and checkpoint
// files; see AuditStore.h.
#include "store/AuditStore.h"

#include "store/AuditSql.h"
#include "store/Connection.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace kituo::store {
namespace {

domain::ChainHead readHead(Connection& c, bool lock) {
    std::unique_ptr<sql::ResultSet> rs(
        c.prepare(std::string("SELECT last_event_id, last_hash, head_mac FROM audit_chain_head "
                              "WHERE head_id = 1") + (lock ? " FOR UPDATE" : ""))
            .executeQuery());
    if (!rs->next()) throw std::runtime_error("audit_chain_head row is missing");
    return domain::ChainHead{rs->getInt64(1), rs->getString(2), rs->getString(3)};
}

// Rows moved per multi-row statement; the remainder goes one row at a time, so the sealer
// prepares two statement shapes, whatever the batch.
constexpr std::size_t kChunk = 50;

void insertSealed(Connection& c, const std::vector<domain::AuditEvent>& events) {
    std::size_t i = 0;
    auto bindRow = [](sql::PreparedStatement& st, int base, const domain::AuditEvent& e) {
        st.setInt64(base + 1, e.id);
        int i = audit_sql::bindRecorded(st, base + 2, e);
        st.setString(i++, e.prevHash);
        st.setString(i++, e.rowHash);
        st.setString(i++, e.scopePath);
    };
    const std::string insert =
        "INSERT INTO audit_events (event_id, occurred_at, actor_user_id, actor_username, action, "
        "record_type, record_id, ip, outcome, detail, prev_hash, row_hash, scope_path) VALUES ";
    const std::string row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    if (events.size() >= kChunk) {
        std::string text = insert;
        for (std::size_t k = 0; k < kChunk; ++k) text += (k ? ", " : "") + row;
        for (; i + kChunk <= events.size(); i += kChunk) {
            auto& st = c.prepare(text);
            for (std::size_t k = 0; k < kChunk; ++k) bindRow(st, static_cast<int>(k * 13), events[i + k]);
            st.executeUpdate();
        }
    }
    for (; i < events.size(); ++i) {
        auto& st = c.prepare(insert + row);
        bindRow(st, 0, events[i]);
        st.executeUpdate();
    }
}

void deleteFromInbox(Connection& c, const std::vector<std::int64_t>& ids) {
    std::size_t i = 0;
    if (ids.size() >= kChunk) {
        std::string text = "DELETE FROM audit_inbox WHERE inbox_id IN (";
        for (std::size_t k = 0; k < kChunk; ++k) text += k ? ", ?" : "?";
        text += ")";
        for (; i + kChunk <= ids.size(); i += kChunk) {
            auto& st = c.prepare(text);
            for (std::size_t k = 0; k < kChunk; ++k) st.setInt64(static_cast<int>(k + 1), ids[i + k]);
            st.executeUpdate();
        }
    }
    for (; i < ids.size(); ++i) {
        auto& st = c.prepare("DELETE FROM audit_inbox WHERE inbox_id = ?");
        st.setInt64(1, ids[i]);
        st.executeUpdate();
    }
}

void writeHead(Connection& c, const crypto::KeyRing& keys, const domain::ChainHead& head) {
    auto& st = c.prepare(
        "UPDATE audit_chain_head SET last_event_id = ?, last_hash = ?, head_mac = ?, "
        "sealed_at = UTC_TIMESTAMP(6) WHERE head_id = 1");
    st.setInt64(1, head.lastEventId);
    st.setString(2, head.lastHash);
    st.setString(3, keys.auditMac(domain::canonicalHead(head.lastEventId, head.lastHash)));
    st.executeUpdate();
}

bool headSigned(const crypto::KeyRing& keys, const domain::ChainHead& head) {
    return crypto::constantTimeEquals(
        head.mac, keys.auditMac(domain::canonicalHead(head.lastEventId, head.lastHash)));
}

bool entrySigned(const crypto::KeyRing& keys, const audit_sql::InboxRow& r) {
    return crypto::constantTimeEquals(r.entryMac, keys.auditMac(domain::canonicalEntry(r.event)));
}

// Whether a previous key of the ring signed it (a process still using the old key file).
template <typename Signed>
bool signedByPrevious(const crypto::KeyRing& keys, Signed isSigned) {
    for (const auto& p : keys.previous()) {
        if (isSigned(p)) return true;
    }
    return false;
}

// Why a pending entry is refused.
std::string entryRefusal(const crypto::KeyRing& keys, const audit_sql::InboxRow& r) {
    if (signedByPrevious(keys, [&](const crypto::KeyRing& k) { return entrySigned(k, r); })) {
        return "a pending event recorded at " + r.event.occurredAt +
               " is signed with a previous master key (recorded by a process still using the old key "
               "file): run kituo rotate-key with the current key file as --new-key-file to seal it";
    }
    return "a pending event recorded at " + r.event.occurredAt + " was altered before it was sealed";
}

}  // namespace

SealResult AuditStore::sealBatch(int batchSize, bool adoptCurrentKey) {
    return _db.transaction([&](Connection& c) {
        SealResult result;
        auto head = readHead(c, true);  // the sealers' mutex, across processes
        std::vector<audit_sql::InboxRow> rows;
        {
            auto& st = c.prepare("SELECT " + audit_sql::kInboxColumns + " FROM audit_inbox ORDER BY inbox_id LIMIT ?");
            st.setInt(1, batchSize);
            std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
            while (rs->next()) rows.push_back(audit_sql::readInbox(*rs));
        }
        const bool fresh = head.lastEventId == 0 && head.mac.empty();
        const bool headCurrent = fresh || headSigned(_keys, head);
        const bool headPrevious =
            !headCurrent && signedByPrevious(_keys, [&](const crypto::KeyRing& k) { return headSigned(k, head); });
        if (rows.empty()) {
            if (adoptCurrentKey && headPrevious) writeHead(c, _keys, head);
            return result;
        }
        if (!headCurrent && !(adoptCurrentKey && headPrevious)) {
            result.refused = headPrevious ? "the chain head is signed with a previous master key: finish the key "
                                            "rotation with kituo rotate-key (the current key file as --new-key-file)"
                                          : "the chain head is not signed: events may have been removed from the "
                                            "end; nothing is sealed until an auditor has looked";
            return result;
        }
        std::vector<domain::AuditEvent> sealed;
        std::vector<std::int64_t> moved;
        sealed.reserve(rows.size());
        moved.reserve(rows.size());
        for (auto& r : rows) {
            if (!entrySigned(_keys, r) &&
                !(adoptCurrentKey &&
                  signedByPrevious(_keys, [&](const crypto::KeyRing& k) { return entrySigned(k, r); }))) {
                result.refused = entryRefusal(_keys, r);
                break;
            }
            auto e = std::move(r.event);
            e.id = head.lastEventId + 1;
            e.prevHash = head.lastHash;
            e.rowHash = _keys.auditMac(domain::canonicalAuditContent(e));
            head.lastEventId = e.id;
            head.lastHash = e.rowHash;
            moved.push_back(r.inboxId);
            sealed.push_back(std::move(e));
        }
        if (sealed.empty()) return result;
        insertSealed(c, sealed);
        deleteFromInbox(c, moved);
        writeHead(c, _keys, head);
        result.sealed = static_cast<std::int64_t>(sealed.size());
        return result;
    });
}

SealResult AuditStore::seal(int batchSize, int maxBatches) { return sealAll(batchSize, maxBatches, false); }

SealResult AuditStore::adoptCurrentKey(int batchSize, int maxBatches) {
    return sealAll(batchSize, maxBatches, true);
}

SealResult AuditStore::sealAll(int batchSize, int maxBatches, bool adoptCurrentKey) {
    SealResult total;
    for (int i = 0; i < maxBatches; ++i) {
        auto r = sealBatch(batchSize, adoptCurrentKey);
        total.sealed += r.sealed;
        if (r.refused) {
            total.refused = r.refused;
            break;
        }
        if (r.sealed < batchSize) break;
    }
    return total;
}

bool AuditStore::signUnsignedHead() {
    return _db.transaction([&](Connection& c) {
        const auto head = readHead(c, true);
        if (!head.mac.empty() || head.lastEventId == 0) return false;
        writeHead(c, _keys, head);
        return true;
    });
}

domain::AuditCheckpoint AuditStore::checkpoint(const std::string& takenAt) {
    seal();
    const auto head = _db.run([&](Connection& c) { return readHead(c, false); });
    const bool fresh = head.lastEventId == 0 && head.mac.empty();
    if (!fresh && !headSigned(_keys, head)) {
        throw std::runtime_error("the audit chain head is not signed; run `kituo verify-audit` "
                                 "and investigate before taking a checkpoint");
    }
    domain::AuditCheckpoint cp{head.lastEventId, head.lastHash, takenAt, ""};
    cp.mac = _keys.auditMac(domain::canonicalCheckpoint(cp));
    return cp;
}

AuditVerification AuditStore::verify(const std::vector<domain::AuditCheckpoint>& checkpoints) {
    seal();
    return _db.run([&](Connection& c) {
        // One consistent snapshot: appends made while verifying are not half-seen.
        c.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        AuditVerification result;
        std::vector<domain::Mac> macs;  // oldest key first
        for (auto p = _keys.previous().rbegin(); p != _keys.previous().rend(); ++p) {
            macs.push_back([k = &*p](const std::string& m) { return k->auditMac(m); });
        }
        macs.push_back([this](const std::string& m) { return _keys.auditMac(m); });
        domain::AuditChainVerifier verifier(std::move(macs), checkpoints);
        std::int64_t after = -1;
        bool more = true;
        while (more) {
            auto& st = c.prepare("SELECT " + audit_sql::kEventColumns +
                                 " FROM audit_events WHERE event_id > ? ORDER BY event_id LIMIT 5000");
            st.setInt64(1, after);
            std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
            more = false;
            while (rs->next()) {
                more = true;
                const auto e = audit_sql::readEvent(*rs);
                after = e.id;
                if (!verifier.add(e)) {
                    more = false;
                    break;
                }
            }
        }
        const auto head = readHead(c, false);
        std::optional<domain::ChainBreak> pendingBreak;
        {
            std::unique_ptr<sql::ResultSet> rs(
                c.prepare("SELECT " + audit_sql::kInboxColumns + " FROM audit_inbox ORDER BY inbox_id").executeQuery());
            while (rs->next()) {
                const auto r = audit_sql::readInbox(*rs);
                if (result.pending++ == 0) result.oldestPendingAt = r.event.occurredAt;
                if (!pendingBreak && !entrySigned(_keys, r)) pendingBreak = domain::ChainBreak{0, entryRefusal(_keys, r)};
            }
        }
        c.execute("COMMIT");
        result.broken = verifier.finish(head);
        if (!result.broken) result.broken = pendingBreak;
        result.verified = verifier.verifiedCount();
        result.checkpointsChecked = static_cast<std::int64_t>(checkpoints.size());
        return result;
    });
}

std::vector<domain::AuditCheckpoint> readCheckpointFile(const std::string& path) {
    std::vector<domain::AuditCheckpoint> out;
    std::ifstream in(path);
    if (!in) return out;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        auto cp = domain::parseCheckpoint(line);
        if (!cp) {
            throw std::runtime_error("line " + std::to_string(number) + " of the checkpoint file " + path +
                                     " is not an audit checkpoint");
        }
        out.push_back(*cp);
    }
    return out;
}

void appendCheckpointFile(const std::string& path, const domain::AuditCheckpoint& c) {
    const std::string line = domain::formatCheckpoint(c) + "\n";
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot open the checkpoint file " + path + ": " + std::strerror(errno));
    const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) throw std::runtime_error("cannot write the checkpoint file " + path);
}

}  // namespace kituo::store
