#pragma once

// Live request lines for `GET /admin/v1/requests/stream` (and so for
// `understudy-gateway tail`): the engine's trail sink is chained through
// publish(), which turns each finished request into one compact JSON
// summary and hands it to every subscriber.
//
// Locking: one std::mutex guards the subscriber map; publish() calls the
// sinks while holding it, so after unsubscribe() returns a sink is never
// called again. Sinks must be cheap (they only queue bytes for a worker).
// With no subscriber, publish() costs one lock and no formatting.

#include "fallback/AttemptTrail.h"

#include <QByteArray>

#include <functional>
#include <map>
#include <mutex>

namespace understudy {

struct ExecutorServices;

class RequestFeed final
{
public:
    using Sink = std::function<void(const QByteArray &summaryJson)>;

    RequestFeed() = default;
    Q_DISABLE_COPY_MOVE(RequestFeed)

    quint64 subscribe(Sink sink);
    void unsubscribe(quint64 id);
    int subscriberCount() const;

    void publish(const RequestTrail &trail);

    // Chains `services.trailSink` so the sink already installed (the
    // request log) still gets every trail first, then this feed. Call it
    // before the engine starts: workers read the sink without a lock.
    static void chainInto(ExecutorServices &services, const std::shared_ptr<RequestFeed> &feed);

private:
    mutable std::mutex m_mutex;
    std::map<quint64, Sink> m_sinks;
    quint64 m_nextId = 1;
};

} // namespace understudy
