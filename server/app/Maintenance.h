// The server's background work: seals recorded audit events into the hash chain every
// audit.sealIntervalMs (so the unsealed window is that interval plus one batch), and writes
// the anonymous-refusal summary (http/RefusalCounter.h) once per audit.anonymousSummarySec.
// Started by Server::start(), stopped (and joined) by Server::stop() before the database pool
// goes away. A failing database is logged (at most once a minute) and retried next round.
#pragma once

#include "app/Services.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace kituo::app {

class Maintenance {
public:
    explicit Maintenance(Services& services) : _services(services) {}
    ~Maintenance() { stop(); }
    void start();
    void stop();
    // One round now (tests): seal, and write the refusal summary.
    void runOnce();

private:
    void loop();
    Services& _services;
    std::thread _thread;
    std::mutex _mutex;
    std::condition_variable _wake;
    bool _stopping = false;
};

}  // namespace kituo::app
