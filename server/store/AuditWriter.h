// Group commit for audit events recorded outside a change's own transaction (reads, refusals).
// Every caller of record() waits until its event is committed, so nothing is answered before
// its audit event is durable; events from concurrent requests share one transaction and one
// log flush, and the request's own database connection is not used for them. One writer
// thread; while it commits a batch the next one fills. Before start() (command-line tools,
// tests that never start a server) and after stop(), record() writes directly.
#pragma once

#include "crypto/Keys.h"
#include "domain/AuditChain.h"
#include "store/Db.h"

#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace kituo::store {

class AuditWriter {
public:
    AuditWriter(Db& db, const crypto::KeyRing& keys) : _db(db), _keys(keys) {}
    ~AuditWriter() { stop(); }
    AuditWriter(const AuditWriter&) = delete;
    AuditWriter& operator=(const AuditWriter&) = delete;

    void start();
    // Commits what is queued, then stops the writer thread. Idempotent.
    void stop();
    // Returns once the event is committed; throws what the database threw (domain::Unavailable).
    void record(const domain::AuditEvent& e);

    // Largest number of events in one transaction.
    static constexpr std::size_t kMaxBatch = 512;

private:
    struct Batch {
        std::vector<domain::AuditEvent> events;
        std::promise<void> done;
        std::shared_future<void> committed = done.get_future().share();
    };
    void loop();
    void commit(Batch& batch);

    Db& _db;
    const crypto::KeyRing& _keys;
    std::mutex _mutex;
    std::condition_variable _wake;
    std::shared_ptr<Batch> _open;
    bool _running = false;
    bool _stopping = false;
    std::thread _thread;
};

}  // namespace kituo::store
