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
    } else if (_mac(canonicalAuditContent(e)) != e.rowHash) {
        _break = ChainBreak{e.id, "event " + std::to_string(e.id) +
                                      " was altered after it was written"};
    }
    if (_break) return false;
    _prevHash = e.rowHash;
    _prevId = e.id;
    ++_count;
    return true;
}

std::optional<ChainBreak> AuditChainVerifier::finish(const ChainHead& head) {
    if (_break) return _break;
    const std::string lastHash = _count == 0 ? kGenesisHash : _prevHash;
    if (head.lastEventId != _prevId || head.lastHash != lastHash) {
        return ChainBreak{0, "the chain head names event " + std::to_string(head.lastEventId) +
                                 " but the trail ends at event " + std::to_string(_prevId) +
                                 ": events were removed from the end or the head was altered"};
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
