// Versioned LRU cache of rendered fragments; see FragmentCache.h.
#include "http/FragmentCache.h"

namespace kituo::http {

std::optional<std::string> FragmentCache::get(const std::string& key, std::uint64_t version) {
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _index.find(key);
    if (it == _index.end() || it->second->version != version) {
        ++_misses;
        return std::nullopt;
    }
    _lru.splice(_lru.begin(), _lru, it->second);
    ++_hits;
    return it->second->html;
}

void FragmentCache::put(const std::string& key, std::uint64_t version, std::string html) {
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _index.find(key);
    if (it != _index.end()) {
        _bytes -= it->second->html.size();
        _lru.erase(it->second);
        _index.erase(it);
    }
    if (html.size() > _maxBytes / 4) return;  // a fragment this large is not worth keeping
    _bytes += html.size();
    _lru.push_front(Entry{key, version, std::move(html)});
    _index[key] = _lru.begin();
    while (!_lru.empty() && (_lru.size() > _maxEntries || _bytes > _maxBytes)) {
        _bytes -= _lru.back().html.size();
        _index.erase(_lru.back().key);
        _lru.pop_back();
    }
}

void FragmentCache::clear() {
    std::lock_guard<std::mutex> lock(_mutex);
    _lru.clear();
    _index.clear();
    _bytes = 0;
}

}  // namespace kituo::http
