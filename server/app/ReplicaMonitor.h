// Watches the read replica (KITUO_DB_READ_URL) and marks its pool usable or not: usable while
// it answers and is at most db.readMaxLagSec behind the primary (store/Db.h, makeReplicaOf).
// Checks every checkIntervalMs on its own thread, so a replica that does not answer never
// delays the server's other background work. Started and stopped by Server.
#pragma once

#include "store/Db.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace kituo::app {

class ReplicaMonitor {
public:
    ReplicaMonitor(store::Db& replica, int maxLagSec, int checkIntervalMs = 500)
        : _replica(replica), _maxLagSec(maxLagSec), _intervalMs(checkIntervalMs) {}
    ~ReplicaMonitor() { stop(); }
    void start();
    void stop();
    // One check now: marks the replica usable or not, and logs when that changes.
    void check();

private:
    store::Db& _replica;
    const int _maxLagSec;
    const int _intervalMs;
    std::thread _thread;
    std::mutex _mutex;
    std::condition_variable _wake;
    bool _stopping = false;
};

}  // namespace kituo::app
