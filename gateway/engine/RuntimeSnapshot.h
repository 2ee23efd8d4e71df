#pragma once

#include "config/Config.h"
#include "fallback/ChainPlan.h"
#include "routing/RouteTable.h"

#include <memory>
#include <mutex>

namespace understudy {

// Everything a request needs from one applied config, immutable. A request
// takes the snapshot current when it starts and keeps it to the end, so a
// config apply never changes a request in flight.
struct RuntimeSnapshot
{
    explicit RuntimeSnapshot(ConfigSnapshot config);

    ConfigSnapshot config;
    RouteTable routes;
    std::map<QString, std::shared_ptr<const ChainPlan>> plans; // by chain name
    quint64 generation = 0;
};

using RuntimeSnapshotPtr = std::shared_ptr<const RuntimeSnapshot>;

// The current snapshot, swapped atomically on apply and read by every
// worker per request. Locking: one mutex held only to copy or replace the
// shared_ptr (a refcount increment), never across any other work.
class SnapshotSlot final
{
public:
    RuntimeSnapshotPtr load() const
    {
        std::lock_guard lock(m_mutex);
        return m_current;
    }
    void store(RuntimeSnapshotPtr next)
    {
        std::lock_guard lock(m_mutex);
        m_current.swap(next);
    }

private:
    mutable std::mutex m_mutex;
    RuntimeSnapshotPtr m_current;
};

} // namespace understudy
