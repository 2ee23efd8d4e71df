#include "fallback/ResponseCache.h"

#include "fallback/Clock.h"

namespace understudy {

ResponseCache::ResponseCache(qint64 maxBytes, qint64 maxEntries)
    : m_maxBytes(qMax<qint64>(maxBytes, 0)), m_maxEntries(qMax<qint64>(maxEntries, 0))
{}

qint64 ResponseCache::footprint(const QString &key, const Entry &entry)
{
    // Payload bytes only; container overhead is small next to real answers.
    qint64 bytes = entry.body.size() + 2 * (key.size() + entry.servedBy.size());
    for (const auto &header : entry.headers)
        bytes += header.first.size() + header.second.size();
    return bytes;
}

void ResponseCache::put(const QString &key, Entry entry)
{
    const qint64 bytes = footprint(key, entry);
    if (bytes > m_maxBytes || m_maxEntries == 0)
        return; // never let one answer flush the whole cache
    std::lock_guard lock(m_mutex);
    if (auto it = m_index.find(key); it != m_index.end())
        eraseLocked(it);
    m_lru.push_front(Slot{key, std::move(entry), bytes});
    m_index.emplace(key, m_lru.begin());
    m_stats.bytes += bytes;
    evictLocked();
    m_stats.entries = qint64(m_index.size());
}

std::optional<ResponseCache::Entry> ResponseCache::get(const QString &key, qint64 maxStalenessMs, qint64 nowMs)
{
    std::lock_guard lock(m_mutex);
    auto it = m_index.find(key);
    if (it == m_index.end()) {
        ++m_stats.misses;
        return std::nullopt;
    }
    if (nowMs - it->second->entry.storedAtMs > maxStalenessMs) {
        ++m_stats.misses;
        ++m_stats.staleMisses;
        return std::nullopt;
    }
    m_lru.splice(m_lru.begin(), m_lru, it->second);
    ++m_stats.hits;
    return it->second->entry;
}

std::optional<ResponseCache::Entry> ResponseCache::get(const QString &key, qint64 maxStalenessMs, const Clock &clock)
{
    return get(key, maxStalenessMs, clock.nowMs());
}

bool ResponseCache::remove(const QString &key)
{
    std::lock_guard lock(m_mutex);
    auto it = m_index.find(key);
    if (it == m_index.end())
        return false;
    eraseLocked(it);
    m_stats.entries = qint64(m_index.size());
    return true;
}

void ResponseCache::clear()
{
    std::lock_guard lock(m_mutex);
    m_index.clear();
    m_lru.clear();
    m_stats.bytes = 0;
    m_stats.entries = 0;
}

ResponseCache::Stats ResponseCache::stats() const
{
    std::lock_guard lock(m_mutex);
    return m_stats;
}

void ResponseCache::eraseLocked(std::map<QString, Lru::iterator>::iterator it)
{
    m_stats.bytes -= it->second->bytes;
    m_lru.erase(it->second);
    m_index.erase(it);
}

void ResponseCache::evictLocked()
{
    while (!m_lru.empty() && (m_stats.bytes > m_maxBytes || qint64(m_index.size()) > m_maxEntries)) {
        eraseLocked(m_index.find(m_lru.back().key));
        ++m_stats.evictions;
    }
}

} // namespace understudy
