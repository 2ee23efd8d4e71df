#pragma once

// Last good answers by normalized request, for `cache` steps (SPEC §2).
// Bounded by total bytes and entry count, least recently used out first.
// Thread-safe: one mutex around the map and list, held only for the
// lookup/insert itself (no I/O, no allocation of answers under the lock
// beyond the entry copy).

#include "upstream/HttpHeaders.h"

#include <QByteArray>
#include <QString>

#include <list>
#include <map>
#include <mutex>
#include <optional>

namespace understudy {

class ResponseCache final
{
public:
    struct Entry
    {
        int status = 200;
        HttpHeaders headers;
        QByteArray body;
        qint64 storedAtMs = 0; // steady clock
        QString servedBy;
    };
    struct Stats
    {
        qint64 hits = 0;
        qint64 misses = 0;
        qint64 evictions = 0;
        qint64 bytes = 0;
        qint64 entries = 0;
    };

    explicit ResponseCache(qint64 maxBytes = 64LL << 20, qint64 maxEntries = 10'000);
    Q_DISABLE_COPY_MOVE(ResponseCache)

    void put(const QString &key, Entry entry);
    // Entries older than maxStalenessMs are not returned (but kept: another
    // step may accept older answers).
    std::optional<Entry> get(const QString &key, qint64 maxStalenessMs, qint64 nowMs);
    Stats stats() const;

private:
    struct Slot
    {
        QString key;
        Entry entry;
    };
    void evictLocked();

    const qint64 m_maxBytes;
    const qint64 m_maxEntries;
    mutable std::mutex m_mutex;
    std::list<Slot> m_lru; // front = most recent
    std::map<QString, std::list<Slot>::iterator> m_index;
    Stats m_stats;
};

} // namespace understudy
