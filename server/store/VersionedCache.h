// Values derived from the database (menus' org subtrees, the rank ladder) cached per database
// and key, valid only while a data_versions counter is unchanged. Every write that changes the
// source bumps the counter in its transaction (DataVersions.h), so every server process sees
// the change on its next read; no timer, no per-process invalidation. Reading the counter is
// one primary-key lookup. Never used for access decisions.
#pragma once

#include "store/DataVersions.h"
#include "store/Db.h"

#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace kituo::store {

template <class V>
class VersionedCache {
public:
    explicit VersionedCache(std::string counter, std::size_t maxEntries = 1000)
        : _counter(std::move(counter)), _maxEntries(maxEntries) {}

    // The cached value for (db, key) at the counter's current version, loading it when absent
    // or stale.
    V get(Db& db, const std::string& key, const std::function<V()>& load) {
        return get(db, key, currentVersion(db, _counter), load);
    }
    // The same, for a caller that has just read the counter (saves the lookup).
    V get(Db& db, const std::string& key, std::uint64_t version, const std::function<V()>& load) {
        const auto fullKey = std::make_pair(static_cast<const Db*>(&db), key);
        {
            std::lock_guard<std::mutex> lock(_mutex);
            auto it = _entries.find(fullKey);
            if (it != _entries.end() && it->second.first == version) return it->second.second;
        }
        V fresh = load();
        std::lock_guard<std::mutex> lock(_mutex);
        if (_entries.size() >= _maxEntries) _entries.clear();
        _entries[fullKey] = {version, fresh};
        return fresh;
    }

private:
    std::string _counter;
    std::size_t _maxEntries;
    std::mutex _mutex;
    std::map<std::pair<const Db*, std::string>, std::pair<std::uint64_t, V>> _entries;
};

}  // namespace kituo::store
