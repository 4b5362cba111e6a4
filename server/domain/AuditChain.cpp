// Audit hash chain; see AuditChain.h.
#include "domain/AuditChain.h"

namespace kituo::domain {

const std::string kGenesisHash(64, '0');

namespace {
void field(std::string& out, const std::string& value) {
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += ';';
}
}  // namespace

std::string canonicalAuditContent(const AuditEvent& e) {
    std::string out = "kituo-audit-v1;";
    field(out, std::to_string(e.id));
    field(out, e.occurredAt);
    field(out, e.actorUserId ? std::to_string(*e.actorUserId) : std::string());
    field(out, e.actorUsername);
    field(out, e.action);
    field(out, e.recordType);
    field(out, e.recordId);
    field(out, e.ip);
    if (!e.scopePath.empty()) {
        out += "scope=";
        field(out, e.scopePath);
    }
    field(out, e.outcome);
    field(out, e.detail);
    field(out, e.prevHash);
    return out;
}

std::string canonicalHead(std::int64_t lastEventId, const std::string& lastHash) {
    std::string out = "kituo-audit-head-v1;";
    field(out, std::to_string(lastEventId));
    field(out, lastHash);
    return out;
}

std::string canonicalEntry(const AuditEvent& e) {
    AuditEvent unplaced = e;
    unplaced.id = 0;
    unplaced.prevHash.clear();
    return "kituo-audit-entry-v1;" + canonicalAuditContent(unplaced);
}

std::string canonicalCheckpoint(const AuditCheckpoint& c) {
    std::string out = "kituo-audit-checkpoint-v1;";
    field(out, std::to_string(c.eventId));
    field(out, c.hash);
    field(out, c.takenAt);
    return out;
}

std::string formatCheckpoint(const AuditCheckpoint& c) {
    return "kituo-audit-checkpoint v1 event=" + std::to_string(c.eventId) + " hash=" + c.hash +
           " at=" + c.takenAt + " mac=" + c.mac;
}

std::optional<AuditCheckpoint> parseCheckpoint(const std::string& line) {
    const std::string prefix = "kituo-audit-checkpoint v1 ";
    if (line.rfind(prefix, 0) != 0) return std::nullopt;
    AuditCheckpoint c;
    bool haveId = false;
    std::size_t pos = prefix.size();
    while (pos < line.size()) {
        auto end = line.find(' ', pos);
        if (end == std::string::npos) end = line.size();
        const std::string item = line.substr(pos, end - pos);
        pos = end + 1;
        const auto eq = item.find('=');
        if (eq == std::string::npos) return std::nullopt;
        const std::string key = item.substr(0, eq), value = item.substr(eq + 1);
        if (key == "event") {
            if (value.empty() || value.size() > 18 ||
                value.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
            c.eventId = std::stoll(value);
            haveId = true;
        } else if (key == "hash") {
            c.hash = value;
        } else if (key == "at") {
            c.takenAt = value;
        } else if (key == "mac") {
            c.mac = value;
        } else {
            return std::nullopt;
        }
    }
    if (!haveId || c.hash.size() != 64 || c.mac.size() != 64 || c.takenAt.empty()) return std::nullopt;
    return c;
}

bool AuditChainVerifier::add(const AuditEvent& e) {
    if (_break) return false;
    const std::string expectedPrev = _count == 0 ? kGenesisHash : _prevHash;
    if (e.id != _prevId + 1) {
        _break = ChainBreak{e.id, "event " + std::to_string(e.id) + " follows event " +
                                      std::to_string(_prevId) +
                                      ": events are missing or out of order"};
    } else if (e.prevHash != expectedPrev) {
        _break = ChainBreak{e.id, "event " + std::to_string(e.id) +
                                      " does not link to the event before it (deleted or "
                                      "re-ordered rows)"};
    } else {
        const std::string content = canonicalAuditContent(e);
        std::size_t k = _epoch;
        while (k < _macs.size() && _macs[k](content) != e.rowHash) ++k;
        if (k < _macs.size()) {
            _epoch = k;
        } else {
            bool retired = false;
            for (std::size_t j = 0; j < _epoch && !retired; ++j) retired = _macs[j](content) == e.rowHash;
            _break = ChainBreak{e.id, "event " + std::to_string(e.id) +
                                          (retired ? " is signed with a master key that was retired before it was "
                                                     "written: it was added with an old key"
                                                   : " was altered after it was written")};
        }
    }
    for (const auto& cp : _checkpoints) {
        if (!_break && cp.eventId == e.id && cp.hash != e.rowHash) {
            _break = ChainBreak{e.id, "event " + std::to_string(e.id) + " differs from the checkpoint taken at " +
                                          cp.takenAt + ": the trail was rewritten after it"};
        }
    }
    if (_break) return false;
    _prevHash = e.rowHash;
    _prevId = e.id;
    ++_count;
    return true;
}

std::optional<ChainBreak> AuditChainVerifier::finish(const ChainHead& head) {
    for (const auto& cp : _checkpoints) {
        const std::string content = canonicalCheckpoint(cp);
        bool signedByOne = false;
        for (const auto& mac : _macs) signedByOne = signedByOne || mac(content) == cp.mac;
        if (!signedByOne) {
            return ChainBreak{0, "the checkpoint for event " + std::to_string(cp.eventId) +
                                     " is not signed by this installation's key"};
        }
    }
    if (_break) return _break;
    const std::string expectedMac = _macs.back()(canonicalHead(head.lastEventId, head.lastHash));
    const bool freshTrail = head.lastEventId == 0 && head.mac.empty();
    if (!freshTrail && head.mac != expectedMac) {
        for (std::size_t j = 0; j + 1 < _macs.size(); ++j) {
            if (_macs[j](canonicalHead(head.lastEventId, head.lastHash)) == head.mac) {
                return ChainBreak{0, "the chain head (event " + std::to_string(head.lastEventId) +
                                         ") is signed with a previous master key: the key rotation is not "
                                         "finished (run kituo rotate-key with the current key file)"};
            }
        }
        return ChainBreak{0, "the chain head (event " + std::to_string(head.lastEventId) +
                                 ") is not signed: it was reset or altered, so events may "
                                 "have been removed from the end"};
    }
    const std::string lastHash = _count == 0 ? kGenesisHash : _prevHash;
    if (head.lastEventId != _prevId || head.lastHash != lastHash) {
        return ChainBreak{0, "the chain head names event " + std::to_string(head.lastEventId) +
                                 " but the trail ends at event " + std::to_string(_prevId) +
                                 ": events were removed from the end or the head was altered"};
    }
    for (const auto& cp : _checkpoints) {
        if (cp.eventId > _prevId) {
            return ChainBreak{0, "the trail ends at event " + std::to_string(_prevId) +
                                     " but the checkpoint taken at " + cp.takenAt + " saw event " +
                                     std::to_string(cp.eventId) +
                                     ": events were removed or an older copy of the database "
                                     "was restored"};
        }
    }
    return std::nullopt;
}

std::optional<ChainBreak> verifyAuditChain(const std::vector<AuditEvent>& events,
                                           const ChainHead& head, const Mac& mac) {
    AuditChainVerifier v(mac);
    for (const auto& e : events) {
        if (!v.add(e)) break;
    }
    return v.finish(head);
}

}  // namespace kituo::domain
