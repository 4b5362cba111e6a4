// The application's clock. Rules never read the time themselves: handlers take it from here
// and pass it in. Tests move it forward (advance) to reach timeouts without waiting.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace kituo::app {

class Clock {
public:
    std::int64_t nowMicros() const {
        const auto real = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::system_clock::now().time_since_epoch()).count();
        return real + _offsetMicros.load();
    }
    std::int64_t now() const { return nowMicros() / 1000000; }
    void advance(std::int64_t seconds) { _offsetMicros += seconds * 1000000; }

private:
    std::atomic<std::int64_t> _offsetMicros{0};
};

}  // namespace kituo::app
