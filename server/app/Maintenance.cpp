// Background sealing and refusal summaries; see Maintenance.h.
#include "app/Maintenance.h"

#include "domain/Time.h"
#include "http/RefusalCounter.h"
#include "store/AuditStore.h"

#include <Poco/Logger.h>

namespace kituo::app {

void Maintenance::start() {
    std::lock_guard<std::mutex> lock(_mutex);
    if (_thread.joinable()) return;
    _stopping = false;
    _thread = std::thread([this] { loop(); });
}

void Maintenance::stop() {
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (!_thread.joinable()) return;
        _stopping = true;
    }
    _wake.notify_all();
    _thread.join();
    try {
        runOnce();  // what was recorded up to the stop is sealed, and the last summary written
    } catch (const std::exception& e) {
        Poco::Logger::get("kituo.audit").warning("audit sealing at stop postponed: %s", std::string(e.what()));
    }
}

void Maintenance::runOnce() {
    store::AuditStore audit(_services.db, _services.keys);
    const std::string summary = _services.refusals.takeSummary();
    _services.certificateChecks.takeSummary();  // a new interval: each check is audited on its own
    if (!summary.empty()) {
        domain::AuditEvent e;
        e.occurredAt = domain::formatUtcMicros(_services.clock.nowMicros());
        e.action = "access.anonymous_refusals";
        e.outcome = "denied";
        e.detail = summary;
        audit.record(e);
    }
    const auto sealed = audit.seal();
    if (sealed.refused) {
        Poco::Logger::get("kituo.audit").error("audit sealing refused: %s", *sealed.refused);
    }
}

void Maintenance::loop() {
    const auto interval = std::chrono::milliseconds(_services.config.auditSealIntervalMs);
    const auto summaryEvery = std::chrono::seconds(_services.config.anonymousSummarySec);
    auto nextSummary = std::chrono::steady_clock::now() + summaryEvery;
    auto lastComplaint = std::chrono::steady_clock::time_point();
    std::unique_lock<std::mutex> lock(_mutex);
    while (!_stopping) {
        _wake.wait_for(lock, interval, [this] { return _stopping; });
        if (_stopping) break;
        lock.unlock();
        const auto now = std::chrono::steady_clock::now();
        try {
            store::AuditStore audit(_services.db, _services.keys);
            if (now >= nextSummary) {
                nextSummary = now + summaryEvery;
                runOnce();
            } else {
                const auto sealed = audit.seal();
                if (sealed.refused && now - lastComplaint > std::chrono::minutes(1)) {
                    lastComplaint = now;
                    Poco::Logger::get("kituo.audit").error("audit sealing refused: %s", *sealed.refused);
                }
            }
        } catch (const std::exception& e) {
            if (now - lastComplaint > std::chrono::minutes(1)) {
                lastComplaint = now;
                Poco::Logger::get("kituo.audit").warning("audit sealing postponed: %s", std::string(e.what()));
            }
        }
        lock.lock();
    }
}

}  // namespace kituo::app
