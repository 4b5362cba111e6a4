// Counts refusals of anonymous requests (403 before sign-in, a form without a valid token and
// no session) instead of auditing each one: an anonymous loop must not flood the audit trail
// or slow every write. Per interval it keeps one counter per client address (IPv6 grouped per
// /64, the size of one subscriber's network) and per route; the server writes one summary
// audit event per interval that had refusals. An address over the per-interval limit is
// answered 429 without further work. Thread-safe; the map is bounded (addresses beyond
// kMaxAddresses in one interval share one bucket).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace kituo::http {

// The throttling key of a client address: the address itself for IPv4, its /64 for IPv6.
std::string addressBucket(const std::string& ip);

class RefusalCounter {
public:
    explicit RefusalCounter(int perAddressLimit) : _limit(perAddressLimit) {}

    // Counts one refusal; false when the address is over its limit for this interval.
    bool count(const std::string& ip, const std::string& what);
    // Whether the address is already over its limit (checked before doing any work).
    bool overLimit(const std::string& ip) const;
    // The interval's summary ("" when there were no refusals), and a new interval.
    std::string takeSummary();

    static constexpr std::size_t kMaxAddresses = 10000;

private:
    int _limit;
    mutable std::mutex _mutex;
    std::map<std::string, int> _byAddress;
    std::map<std::string, int> _byWhat;
    std::int64_t _total = 0;
    std::int64_t _throttled = 0;
};

}  // namespace kituo::http
