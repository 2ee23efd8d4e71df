#include "admin/RequestFeed.h"

#include "admin/AdminJson.h"
#include "fallback/ExecutorServices.h"

namespace understudy {

quint64 RequestFeed::subscribe(Sink sink)
{
    std::lock_guard lock(m_mutex);
    const quint64 id = m_nextId++;
    m_sinks.emplace(id, std::move(sink));
    return id;
}

void RequestFeed::unsubscribe(quint64 id)
{
    std::lock_guard lock(m_mutex);
    m_sinks.erase(id);
}

int RequestFeed::subscriberCount() const
{
    std::lock_guard lock(m_mutex);
    return static_cast<int>(m_sinks.size());
}

void RequestFeed::publish(const RequestTrail &trail)
{
    std::lock_guard lock(m_mutex);
    if (m_sinks.empty())
        return;
    const QByteArray line = QByteArray::fromStdString(requestSummaryJson(trail).dump());
    for (const auto &[id, sink] : m_sinks)
        sink(line);
}

void RequestFeed::chainInto(ExecutorServices &services, const std::shared_ptr<RequestFeed> &feed)
{
    auto previous = std::move(services.trailSink);
    services.trailSink = [previous = std::move(previous), feed](const RequestTrail &trail) {
        if (previous)
            previous(trail);
        feed->publish(trail);
    };
}

} // namespace understudy
