#pragma once

// Last good answers by normalized request, for `cache` steps (SPEC §2).
// Bounded by total bytes (body, headers and key, so the bound is close to
// the real memory held) and by entry count; least recently used out first.
// An answer larger than the whole byte bound is not stored.
//
// Streamed answers are stored as their assembled non-stream completion
// (openai::completionFromStreamState) and replayed in either form.
//
// Thread-safe: workers of every listener share one cache. One mutex guards
// the map, the LRU list and the stats; it is held only for the lookup or
// insert itself (no I/O; the only copy under the lock is the returned
// entry, whose QByteArray bodies are implicitly shared, so that copy does
// not duplicate the body).

#include "upstream/HttpHeaders.h"

#include <QByteArray>
#include <QString>

#include <list>
#include <map>
#include <mutex>
#include <optional>

namespace understudy {

class Clock;

class ResponseCache final
{
public:
    struct Entry
    {
        int status = 200;
        HttpHeaders headers;
        QByteArray body;
        qint64 storedAtMs = 0; // steady clock (Clock::nowMs)
        QString servedBy;
    };
    struct Stats
    {
        qint64 hits = 0;
        qint64 misses = 0;      // every get() that returned nothing...
        qint64 staleMisses = 0; // ...of which the entry existed but was too old
        qint64 evictions = 0;
        qint64 bytes = 0;
        qint64 entries = 0;
    };

    explicit ResponseCache(qint64 maxBytes = 64LL << 20, qint64 maxEntries = 10'000);
    Q_DISABLE_COPY_MOVE(ResponseCache)

    // Stores or replaces the answer for `key`; evicts the least recently
    // used entries until both bounds hold again.
    void put(const QString &key, Entry entry);
    // The answer for `key` if it is at most maxStalenessMs old at nowMs.
    // Older entries are not returned but kept: another cache step may accept
    // older answers (for example a last-resort step with a day's staleness).
    std::optional<Entry> get(const QString &key, qint64 maxStalenessMs, qint64 nowMs);
    std::optional<Entry> get(const QString &key, qint64 maxStalenessMs, const Clock &clock);
    bool remove(const QString &key);
    void clear();
    Stats stats() const;

    qint64 maxBytes() const { return m_maxBytes; }
    qint64 maxEntries() const { return m_maxEntries; }

    // What one entry counts against the byte bound.
    static qint64 footprint(const QString &key, const Entry &entry);

private:
    struct Slot
    {
        QString key;
        Entry entry;
        qint64 bytes = 0;
    };
    using Lru = std::list<Slot>;

    void eraseLocked(std::map<QString, Lru::iterator>::iterator it);
    void evictLocked();

    const qint64 m_maxBytes;
    const qint64 m_maxEntries;
    mutable std::mutex m_mutex;
    Lru m_lru; // front = most recently used
    std::map<QString, Lru::iterator> m_index;
    Stats m_stats;
};

} // namespace understudy
