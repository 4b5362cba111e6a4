// Group commit of audit events; see AuditWriter.h.
#include "store/AuditWriter.h"

#include "store/AuditStore.h"
#include "store/Connection.h"

namespace kituo::store {

void AuditWriter::start() {
    std::lock_guard<std::mutex> lock(_mutex);
    if (_running) return;
    _running = true;
    _stopping = false;
    _thread = std::thread([this] { loop(); });
}

void AuditWriter::stop() {
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (!_running) return;
        _stopping = true;
    }
    _wake.notify_all();
    _thread.join();
    std::lock_guard<std::mutex> lock(_mutex);
    _running = false;
}

void AuditWriter::record(const domain::AuditEvent& e) {
    std::shared_future<void> committed;
    {
        std::unique_lock<std::mutex> lock(_mutex);
        if (!_running || _stopping) {
            lock.unlock();
            AuditStore(_db, _keys).record(e);
            return;
        }
        if (!_open || _open->events.size() >= kMaxBatch) {
            if (_open) _wake.wait(lock, [this] { return !_open || _open->events.size() < kMaxBatch; });
            if (!_open) _open = std::make_shared<Batch>();
        }
        _open->events.push_back(e);
        committed = _open->committed;
    }
    _wake.notify_all();
    committed.get();
}

void AuditWriter::commit(Batch& batch) {
    try {
        _db.transaction([&](Connection& c) { AuditStore(_db, _keys).appendMany(c, batch.events); });
        batch.done.set_value();
    } catch (...) {
        batch.done.set_exception(std::current_exception());
    }
}

void AuditWriter::loop() {
    std::unique_lock<std::mutex> lock(_mutex);
    for (;;) {
        _wake.wait(lock, [this] { return _stopping || (_open && !_open->events.empty()); });
        if (!_open || _open->events.empty()) {
            if (_stopping) return;
            continue;
        }
        auto batch = std::move(_open);
        _open.reset();
        lock.unlock();
        _wake.notify_all();  // writers waiting for room start the next batch
        commit(*batch);
        lock.lock();
    }
}

}  // namespace kituo::store
