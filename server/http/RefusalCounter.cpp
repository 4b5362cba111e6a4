// Anonymous refusal counting; see RefusalCounter.h.
#include "http/RefusalCounter.h"

#include <Poco/Net/IPAddress.h>

#include <algorithm>
#include <vector>

namespace kituo::http {

std::string addressBucket(const std::string& ip) {
    Poco::Net::IPAddress address;
    if (!Poco::Net::IPAddress::tryParse(ip, address)) return ip.substr(0, 64);
    if (address.family() != Poco::Net::IPAddress::IPv6) return address.toString();
    if (address.isIPv4Mapped()) return address.toString();
    Poco::Net::IPAddress mask(64, Poco::Net::IPAddress::IPv6);
    return (address & mask).toString() + "/64";
}

bool RefusalCounter::count(const std::string& ip, const std::string& what) {
    std::string key = addressBucket(ip);
    std::lock_guard<std::mutex> lock(_mutex);
    if (_byAddress.size() >= kMaxAddresses && !_byAddress.count(key)) key = "(other addresses)";
    const int n = ++_byAddress[key];
    if (_byWhat.size() < 1000 || _byWhat.count(what)) ++_byWhat[what];
    ++_total;
    if (n > _limit) {
        ++_throttled;
        return false;
    }
    return true;
}

bool RefusalCounter::overLimit(const std::string& ip) const {
    const std::string key = addressBucket(ip);
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _byAddress.find(key);
    return it != _byAddress.end() && it->second > _limit;
}

std::string RefusalCounter::takeSummary() {
    std::map<std::string, int> byAddress, byWhat;
    std::int64_t total = 0, throttled = 0;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        byAddress.swap(_byAddress);
        byWhat.swap(_byWhat);
        std::swap(total, _total);
        std::swap(throttled, _throttled);
    }
    if (total == 0) return "";
    auto top = [](const std::map<std::string, int>& m) {
        std::vector<std::pair<int, std::string>> v;
        for (const auto& [k, n] : m) v.emplace_back(n, k);
        std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        std::string out;
        for (std::size_t i = 0; i < v.size() && i < 5; ++i) {
            out += (i ? ", " : "") + v[i].second + " x" + std::to_string(v[i].first);
        }
        return out;
    };
    return std::to_string(total) + " anonymous refusals from " + std::to_string(byAddress.size()) +
           (byAddress.size() == 1 ? " address" : " addresses") + " (" + std::to_string(throttled) +
           " answered 429); top addresses: " + top(byAddress) + "; top routes: " + top(byWhat);
}

}  // namespace kituo::http
