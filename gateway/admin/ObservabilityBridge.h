#pragma once

// The admin API's AdminObservability over the real observability facade
// (observe/Observability.h): request log and event queries run on a query
// thread of their own (observe/LogQueryThread.h), never on engine workers
// or the engine/GUI thread; metrics and Prometheus text come straight from
// the registry; live events are EventLog subscribers.
//
// Without a request log (serving a config file without --log-db) request
// queries answer "unavailable" (503) and event queries page through the
// event log's in-memory ring.
//
// Events the admin API raises are posted to the event log with subject
// "admin_api", except the ones the engine reports itself (it posts
// config_applied and config_rejected for every apply() it runs, whoever
// asked): the admin API's config_applied and its config_rejected for an
// engine refusal are not posted twice. Its config_rejected for a body that
// did not import or validate (the engine never saw it) is posted.

#include "admin/AdminObservability.h"

#include <QString>

#include <map>
#include <memory>
#include <mutex>

namespace understudy {

class LogQueryThread;
class Observability;

class ObservabilityBridge final : public AdminObservability
{
public:
    explicit ObservabilityBridge(std::shared_ptr<Observability> observe);
    // Waits for queued queries to answer.
    ~ObservabilityBridge() override;
    Q_DISABLE_COPY_MOVE(ObservabilityBridge)

    void queryRequests(const RequestQuery &query, JsonDone done) override;
    void requestTrail(const QString &requestId, JsonDone done) override;
    void queryEvents(const EventQuery &query, JsonDone done) override;

    QByteArray prometheusText() const override;
    nlohmann::json metricsSnapshot() const override;

    quint64 subscribeEvents(EventSink sink) override;
    void unsubscribeEvents(quint64 subscription) override;

    void recordEvent(const QString &kind, const nlohmann::json &fields) override;

private:
    struct Subscription;

    std::shared_ptr<Observability> m_observe;
    std::unique_ptr<LogQueryThread> m_queries; // null without a request log
    std::mutex m_mutex;
    std::map<quint64, std::shared_ptr<Subscription>> m_subscriptions;
};

} // namespace understudy
