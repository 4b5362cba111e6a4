// Audit trail SQL; see AuditStore.h.
#include "store/AuditStore.h"
#include "store/Connection.h"
#include "store/SqlLists.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace kituo::store {
namespace {

const std::string kColumns =
    "event_id, DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s.%f') AS occurred, actor_user_id, "
    "actor_username, action, record_type, record_id, ip, outcome, detail, prev_hash, row_hash, scope_path";

domain::AuditEvent readEvent(sql::ResultSet& rs) {
    domain::AuditEvent e;
    e.id = rs.getInt64("event_id");
    e.occurredAt = rs.getString("occurred");
    if (!rs.isNull("actor_user_id")) e.actorUserId = rs.getInt64("actor_user_id");
    e.actorUsername = rs.getString("actor_username");
    e.action = rs.getString("action");
    e.recordType = rs.getString("record_type");
    e.recordId = rs.getString("record_id");
    e.ip = rs.getString("ip");
    e.outcome = rs.getString("outcome");
    e.detail = rs.getString("detail");
    e.prevHash = rs.getString("prev_hash");
    e.rowHash = rs.getString("row_hash");
    e.scopePath = rs.getString("scope_path");
    return e;
}

std::string clip(const std::string& s, std::size_t n) {
    if (s.size() <= n) return s;
    std::size_t cut = n;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
    return s.substr(0, cut);
}

// The stored form of an event: every field within its column's size, so that what is MACed is
// exactly what is stored.
domain::AuditEvent clipped(domain::AuditEvent e) {
    e.actorUsername = clip(e.actorUsername, 64);
    e.action = clip(e.action, 64);
    e.recordType = clip(e.recordType, 64);
    e.recordId = clip(e.recordId, 64);
    e.ip = clip(e.ip, 64);
    e.scopePath = clip(e.scopePath, 760);
    e.detail = clip(e.detail, 1000);
    return e;
}

const std::string kInboxColumns =
    "inbox_id, DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s.%f') AS occurred, actor_user_id, "
    "actor_username, action, record_type, record_id, ip, outcome, detail, scope_path, entry_mac";

struct InboxRow {
    std::int64_t inboxId = 0;
    domain::AuditEvent event;
    std::string entryMac;
};

InboxRow readInbox(sql::ResultSet& rs) {
    InboxRow r;
    r.inboxId = rs.getInt64(1);
    auto& e = r.event;
    e.occurredAt = rs.getString(2);
    if (!rs.isNull(3)) e.actorUserId = rs.getInt64(3);
    e.actorUsername = rs.getString(4);
    e.action = rs.getString(5);
    e.recordType = rs.getString(6);
    e.recordId = rs.getString(7);
    e.ip = rs.getString(8);
    e.outcome = rs.getString(9);
    e.detail = rs.getString(10);
    e.scopePath = rs.getString(11);
    r.entryMac = rs.getString(12);
    return r;
}

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
        st.setString(base + 2, e.occurredAt);
        if (e.actorUserId) st.setInt64(base + 3, *e.actorUserId);
        else st.setNull(base + 3, sql::DataType::BIGINT);
        st.setString(base + 4, e.actorUsername);
        st.setString(base + 5, e.action);
        st.setString(base + 6, e.recordType);
        st.setString(base + 7, e.recordId);
        st.setString(base + 8, e.ip);
        st.setString(base + 9, e.outcome);
        st.setString(base + 10, e.detail);
        st.setString(base + 11, e.prevHash);
        st.setString(base + 12, e.rowHash);
        st.setString(base + 13, e.scopePath);
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

}  // namespace

void AuditStore::append(Connection& c, const domain::AuditEvent& event) {
    const auto e = clipped(event);
    auto& ins = c.prepare(
        "INSERT INTO audit_inbox (occurred_at, actor_user_id, actor_username, action, record_type, "
        "record_id, ip, outcome, detail, scope_path, entry_mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.setString(1, e.occurredAt);
    if (e.actorUserId) ins.setInt64(2, *e.actorUserId);
    else ins.setNull(2, sql::DataType::BIGINT);
    ins.setString(3, e.actorUsername);
    ins.setString(4, e.action);
    ins.setString(5, e.recordType);
    ins.setString(6, e.recordId);
    ins.setString(7, e.ip);
    ins.setString(8, e.outcome);
    ins.setString(9, e.detail);
    ins.setString(10, e.scopePath);
    ins.setString(11, _keys.auditMac(domain::canonicalEntry(e)));
    ins.executeUpdate();
}

void AuditStore::appendMany(Connection& c, const std::vector<domain::AuditEvent>& events) {
    const std::string row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    for (std::size_t start = 0, n = 0; start < events.size(); start += n) {
        n = batchSize(std::min<std::size_t>(64, events.size() - start));
        auto& ins = c.prepare(
            "INSERT INTO audit_inbox (occurred_at, actor_user_id, actor_username, action, record_type, "
            "record_id, ip, outcome, detail, scope_path, entry_mac) VALUES " + placeholders(n, row));
        for (std::size_t k = 0; k < n; ++k) {
            const auto e = clipped(events[start + k]);
            const int b = static_cast<int>(k * 11);
            ins.setString(b + 1, e.occurredAt);
            if (e.actorUserId) ins.setInt64(b + 2, *e.actorUserId);
            else ins.setNull(b + 2, sql::DataType::BIGINT);
            ins.setString(b + 3, e.actorUsername);
            ins.setString(b + 4, e.action);
            ins.setString(b + 5, e.recordType);
            ins.setString(b + 6, e.recordId);
            ins.setString(b + 7, e.ip);
            ins.setString(b + 8, e.outcome);
            ins.setString(b + 9, e.detail);
            ins.setString(b + 10, e.scopePath);
            ins.setString(b + 11, _keys.auditMac(domain::canonicalEntry(e)));
        }
        ins.executeUpdate();
    }
}

void AuditStore::record(const domain::AuditEvent& e) {
    _db.run([&](Connection& c) { append(c, e); });
}

SealResult AuditStore::sealBatch(int batchSize) {
    return _db.transaction([&](Connection& c) {
        SealResult result;
        auto head = readHead(c, true);  // the sealers' mutex, across processes
        std::vector<InboxRow> rows;
        {
            auto& st = c.prepare("SELECT " + kInboxColumns + " FROM audit_inbox ORDER BY inbox_id LIMIT ?");
            st.setInt(1, batchSize);
            std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
            while (rs->next()) rows.push_back(readInbox(*rs));
        }
        if (rows.empty()) return result;
        const bool fresh = head.lastEventId == 0 && head.mac.empty();
        if (!fresh && !headSigned(_keys, head)) {
            result.refused = "the chain head is not signed: events may have been removed from the "
                             "end; nothing is sealed until an auditor has looked";
            return result;
        }
        std::vector<domain::AuditEvent> sealed;
        std::vector<std::int64_t> moved;
        sealed.reserve(rows.size());
        moved.reserve(rows.size());
        for (auto& r : rows) {
            if (!crypto::constantTimeEquals(r.entryMac, _keys.auditMac(domain::canonicalEntry(r.event)))) {
                result.refused = "a pending event recorded at " + r.event.occurredAt +
                                 " was altered before it was sealed";
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

SealResult AuditStore::seal(int batchSize, int maxBatches) {
    SealResult total;
    for (int i = 0; i < maxBatches; ++i) {
        auto r = sealBatch(batchSize);
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

AuditPage AuditStore::list(const AuditFilter& f) {
    seal();
    return _db.run([&](Connection& c) {
        const bool prefix = !f.action.empty() && f.action.back() == '.';
        const std::string where =
            "WHERE (scope_path LIKE CONCAT(?, '%') OR (? AND scope_path = '')) "
            "AND (? = '' OR actor_username = ?) "
            "AND (? = '' OR " + std::string(prefix ? "action LIKE CONCAT(?, '%')" : "action = ?") + ") "
            "AND (? = '' OR record_type = ?) AND (? = '' OR record_id = ?) "
            "AND (? = '' OR occurred_at >= ?) "
            "AND (? = '' OR occurred_at < DATE_ADD(?, INTERVAL 1 DAY)) ";
        auto bind = [&](sql::PreparedStatement& st) {
            int i = 1;
            // An empty scope would match everything: a filter without one sees nothing.
            st.setString(i++, f.scopePath.empty() ? std::string("\x01") : f.scopePath);
            st.setBoolean(i++, f.includeSystem);
            for (const std::string* v : {&f.actor, &f.action, &f.recordType, &f.recordId}) {
                st.setString(i++, *v);
                st.setString(i++, *v);
            }
            st.setString(i++, f.from);
            st.setString(i++, f.from.empty() ? std::string("1970-01-01") : f.from);
            st.setString(i++, f.to);
            st.setString(i++, f.to.empty() ? std::string("1970-01-01") : f.to);
        };
        AuditPage page;
        auto& count = c.prepare("SELECT COUNT(*) FROM audit_events " + where);
        bind(count);
        std::unique_ptr<sql::ResultSet> crs(count.executeQuery());
        crs->next();
        page.total = crs->getInt(1);
        auto& st = c.prepare("SELECT " + kColumns + " FROM audit_events " + where +
                             "ORDER BY event_id DESC LIMIT ? OFFSET ?");
        bind(st);
        st.setInt(15, f.pageSize);
        st.setInt(16, (std::max(f.page, 1) - 1) * f.pageSize);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        while (rs->next()) page.events.push_back(readEvent(*rs));
        return page;
    });
}

AuditVerification AuditStore::verify(const std::vector<domain::AuditCheckpoint>& checkpoints) {
    seal();
    return _db.run([&](Connection& c) {
        // One consistent snapshot: appends made while verifying are not half-seen.
        c.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        AuditVerification result;
        domain::AuditChainVerifier verifier([this](const std::string& m) { return _keys.auditMac(m); },
                                            checkpoints);
        std::int64_t after = -1;
        bool more = true;
        while (more) {
            auto& st = c.prepare("SELECT " + kColumns +
                                 " FROM audit_events WHERE event_id > ? ORDER BY event_id LIMIT 5000");
            st.setInt64(1, after);
            std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
            more = false;
            while (rs->next()) {
                more = true;
                const auto e = readEvent(*rs);
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
                c.prepare("SELECT " + kInboxColumns + " FROM audit_inbox ORDER BY inbox_id").executeQuery());
            while (rs->next()) {
                const auto r = readInbox(*rs);
                if (result.pending++ == 0) result.oldestPendingAt = r.event.occurredAt;
                if (!pendingBreak &&
                    !crypto::constantTimeEquals(r.entryMac, _keys.auditMac(domain::canonicalEntry(r.event)))) {
                    pendingBreak = domain::ChainBreak{
                        0, "a pending event recorded at " + r.event.occurredAt +
                               " was altered before it was sealed"};
                }
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
