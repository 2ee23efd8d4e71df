#include "http/ServerStats.h"

namespace understudy {

void ServerCounters::noteResponse(int status)
{
    const int index = status / 100 - 1;
    if (index >= 0 && index < 5)
        responsesByClass[static_cast<size_t>(index)].fetch_add(1, std::memory_order_relaxed);
}

void ServerCounters::noteRejected(int status)
{
    switch (status) {
    case 408:
        rejected408.fetch_add(1, std::memory_order_relaxed);
        break;
    case 413:
        rejected413.fetch_add(1, std::memory_order_relaxed);
        break;
    case 431:
        rejected431.fetch_add(1, std::memory_order_relaxed);
        break;
    case 503:
        rejected503.fetch_add(1, std::memory_order_relaxed);
        break;
    default:
        rejected400.fetch_add(1, std::memory_order_relaxed);
        break;
    }
}

void ServerCounters::noteBuffered(qint64 bytes)
{
    qint64 seen = maxBufferedBytes.load(std::memory_order_relaxed);
    while (bytes > seen && !maxBufferedBytes.compare_exchange_weak(seen, bytes, std::memory_order_relaxed)) {
    }
}

HttpServerStats ServerCounters::snapshot() const
{
    HttpServerStats s;
    s.openConnections = openConnections.load(std::memory_order_relaxed);
    s.requestsServed = requestsServed.load(std::memory_order_relaxed);
    for (size_t i = 0; i < s.responsesByClass.size(); ++i)
        s.responsesByClass[i] = responsesByClass[i].load(std::memory_order_relaxed);
    s.maxBufferedBytes = maxBufferedBytes.load(std::memory_order_relaxed);
    s.rejected400 = rejected400.load(std::memory_order_relaxed);
    s.rejected408 = rejected408.load(std::memory_order_relaxed);
    s.rejected413 = rejected413.load(std::memory_order_relaxed);
    s.rejected431 = rejected431.load(std::memory_order_relaxed);
    s.rejected503 = rejected503.load(std::memory_order_relaxed);
    return s;
}

} // namespace understudy
