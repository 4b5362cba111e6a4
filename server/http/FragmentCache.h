// Rendered page fragments (a page's body, never the layout with its per-session CSRF token),
// kept in memory and used only while the data version they were built from is current
// (store/DataVersions.h). Keys must hold everything the fragment depends on besides the data:
// the page, the viewer's scope and what their role may see, and the canonical query.
// Bounded (least recently used entries go first); safe to use from any thread.
#pragma once

#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace kituo::http {

class FragmentCache {
public:
    explicit FragmentCache(std::size_t maxEntries = 512, std::size_t maxBytes = 16u * 1024 * 1024)
        : _maxEntries(maxEntries), _maxBytes(maxBytes) {}

    // The fragment stored under `key` if it was built at `version`.
    std::optional<std::string> get(const std::string& key, std::uint64_t version);
    void put(const std::string& key, std::uint64_t version, std::string html);
    void clear();
    std::uint64_t hits() const { return _hits; }
    std::uint64_t misses() const { return _misses; }

private:
    struct Entry {
        std::string key;
        std::uint64_t version;
        std::string html;
    };
    std::mutex _mutex;
    std::list<Entry> _lru;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> _index;
    std::size_t _bytes = 0;
    std::size_t _maxEntries;
    std::size_t _maxBytes;
    std::uint64_t _hits = 0, _misses = 0;
};

}  // namespace kituo::http
