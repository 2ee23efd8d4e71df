#pragma once

// An in-memory AdminObservability for the admin API tests: records the
// queries it is asked, answers from canned pages on a thread of its own
// (as a real store thread would), and lets a test emit live events.

#include "admin/AdminObservability.h"

#include <QThread>

#include <map>
#include <mutex>
#include <thread>

namespace understudy::test {

class FakeObservability final : public AdminObservability
{
public:
    void queryRequests(const RequestQuery &query, JsonDone done) override
    {
        {
            std::lock_guard lock(m_mutex);
            lastRequestQuery = query;
        }
        const int limit = query.limit;
        answerLater(
            [limit] {
                nlohmann::json items = nlohmann::json::array();
                for (int i = 0; i < std::min(limit, 3); ++i)
                    items.push_back({{"request_id", "r" + std::to_string(i)}, {"status", 200}});
                return Result<nlohmann::json>(nlohmann::json{{"items", items}, {"next_cursor", nullptr}});
            },
            std::move(done));
    }

    void requestTrail(const QString &requestId, JsonDone done) override
    {
        const bool known = requestId == QLatin1String("r0");
        answerLater(
            [known] {
                if (!known)
                    return Result<nlohmann::json>::failure(QStringLiteral("not_found"),
                                                           QStringLiteral("no such request"));
                return Result<nlohmann::json>(
                    nlohmann::json{{"request_id", "r0"}, {"attempts", nlohmann::json::array()}});
            },
            std::move(done));
    }

    void queryEvents(const EventQuery &query, JsonDone done) override
    {
        {
            std::lock_guard lock(m_mutex);
            lastEventQuery = query;
        }
        answerLater(
            [] {
                return Result<nlohmann::json>(nlohmann::json{
                    {"items", nlohmann::json::array({{{"kind", "listener_started"}, {"ts", "2026-01-01T00:00:00Z"}}})},
                    {"next_cursor", "c2"}});
            },
            std::move(done));
    }

    QByteArray prometheusText() const override
    {
        return "# TYPE understudy_requests_total counter\nunderstudy_requests_total{route=\"chat\",outcome=\"ok\"} 7\n";
    }
    nlohmann::json metricsSnapshot() const override { return {{"requests_total", 7}}; }

    quint64 subscribeEvents(EventSink sink) override
    {
        std::lock_guard lock(m_mutex);
        m_sinks.emplace(m_nextId, std::move(sink));
        return m_nextId++;
    }
    void unsubscribeEvents(quint64 subscription) override
    {
        std::lock_guard lock(m_mutex);
        m_sinks.erase(subscription);
    }
    void recordEvent(const QString &kind, const nlohmann::json &fields) override
    {
        nlohmann::json event = fields.is_object() ? fields : nlohmann::json::object();
        event["kind"] = kind.toStdString();
        emitEvent(event);
        std::lock_guard lock(m_mutex);
        recorded.push_back(kind);
    }

    // From any thread, like the real event log.
    void emitEvent(const nlohmann::json &event)
    {
        std::lock_guard lock(m_mutex);
        for (const auto &[id, sink] : m_sinks)
            sink(event);
    }
    int subscribers() const
    {
        std::lock_guard lock(m_mutex);
        return static_cast<int>(m_sinks.size());
    }
    QStringList recordedKinds() const
    {
        std::lock_guard lock(m_mutex);
        return recorded;
    }
    std::optional<RequestQuery> requestQuery() const
    {
        std::lock_guard lock(m_mutex);
        return lastRequestQuery;
    }
    std::optional<EventQuery> eventQuery() const
    {
        std::lock_guard lock(m_mutex);
        return lastEventQuery;
    }

private:
    // Answers from another thread, as a store thread would.
    template<typename Make> void answerLater(Make make, JsonDone done)
    {
        std::thread([make, done = std::move(done)] { done(make()); }).detach();
    }

    mutable std::mutex m_mutex;
    std::map<quint64, EventSink> m_sinks;
    quint64 m_nextId = 1;
    std::optional<RequestQuery> lastRequestQuery;
    std::optional<EventQuery> lastEventQuery;
    QStringList recorded;
};

} // namespace understudy::test
