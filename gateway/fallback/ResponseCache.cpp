#include "fallback/ResponseCache.h"

namespace understudy {

ResponseCache::ResponseCache(qint64 maxBytes, qint64 maxEntries) : m_maxBytes(maxBytes), m_maxEntries(maxEntries)
{}

void ResponseCache::put(const QString &key, Entry entry)
{
    const qint64 size = entry.body.size();
    if (size > m_maxBytes)
        return; // never let one answer flush the whole cache
    std::lock_guard lock(m_mutex);
    if (auto it = m_index.find(key); it != m_index.end()) {
        m_stats.bytes -= it->second->entry.body.size();
        m_lru.erase(it->second);
        m_index.erase(it);
    }
    m_lru.push_front(Slot{key, std::move(entry)});
    m_index.emplace(key, m_lru.begin());
    m_stats.bytes += size;
    evictLocked();
    m_stats.entries = qint64(m_index.size());
}

std::optional<ResponseCache::Entry> ResponseCache::get(const QString &key, qint64 maxStalenessMs, qint64 nowMs)
{
    std::lock_guard lock(m_mutex);
    auto it = m_index.find(key);
    if (it == m_index.end() || nowMs - it->second->entry.storedAtMs > maxStalenessMs) {
        ++m_stats.misses;
        return std::nullopt;
    }
    m_lru.splice(m_lru.begin(), m_lru, it->second);
    ++m_stats.hits;
    return it->second->entry;
}

ResponseCache::Stats ResponseCache::stats() const
{
    std::lock_guard lock(m_mutex);
    return m_stats;
}

void ResponseCache::evictLocked()
{
    while (!m_lru.empty() && (m_stats.bytes > m_maxBytes || qint64(m_index.size()) > m_maxEntries)) {
        m_stats.bytes -= m_lru.back().entry.body.size();
        m_index.erase(m_lru.back().key);
        m_lru.pop_back();
        ++m_stats.evictions;
    }
}

} // namespace understudy
