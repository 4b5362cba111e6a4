// Read replica monitoring; see ReplicaMonitor.h.
#include "app/ReplicaMonitor.h"

#include <Poco/Logger.h>

namespace kituo::app {

void ReplicaMonitor::start() {
    check();
    _thread = std::thread([this] {
        std::unique_lock<std::mutex> lock(_mutex);
        while (!_wake.wait_for(lock, std::chrono::milliseconds(_intervalMs), [this] { return _stopping; })) {
            lock.unlock();
            check();
            lock.lock();
        }
    });
}

void ReplicaMonitor::stop() {
    {
        std::lock_guard<std::mutex> g(_mutex);
        _stopping = true;
    }
    _wake.notify_all();
    if (_thread.joinable()) _thread.join();
}

void ReplicaMonitor::check() {
    const auto lag = _replica.replicationLagSeconds();
    const bool usable = lag && *lag <= _maxLagSec;
    if (usable != _replica.usable()) {
        auto& log = Poco::Logger::get("kituo.replica");
        if (usable) {
            log.information("read replica %s in use again", store::describe(_replica.settings()));
        } else {
            log.warning("read replica %s %s: reads go to the primary", store::describe(_replica.settings()),
                        lag ? "is " + std::to_string(*lag) + " s behind" : std::string("does not answer or replicate (or its account lacks REPLICA MONITOR)"));
        }
    }
    _replica.markUsable(usable);
}

}  // namespace kituo::app
