#pragma once

// What the admin API needs from observability (request log, events,
// metrics), as a small interface the observe/ classes implement. The admin
// API only forwards: it parses the query string, calls one method and puts
// the answer on the wire, so the log's storage and the metric registry can
// change without touching the endpoints.
//
// Threads: every method may be called from any admin worker thread.
// Asynchronous queries call `done` exactly once, on any thread (typically
// the log's store thread); the admin API marshals the answer back itself.

#include "core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>

namespace understudy {

// The filters of GET /admin/v1/requests. (Not "RequestLogQuery": that is
// observe/RequestLogQuery.h's reader class, and two types of one name in one
// namespace made the linker pick the reader's destructor for this struct.)
struct RequestQuery
{
    std::optional<QDateTime> from; // UTC, inclusive
    std::optional<QDateTime> to;   // UTC, exclusive
    QString route;
    QString outcome; // final outcome class name, e.g. "status_5xx"
    std::optional<int> status;
    QString provider; // served by, or attempted
    QString text;     // free text ("q"): request id, path, model
    QString cursor;   // opaque, from a previous page's "next_cursor"
    int limit = 100;  // 1 .. kMaxLimit
    static constexpr int kMaxLimit = 1000;
};

struct EventQuery
{
    std::optional<QDateTime> from;
    std::optional<QDateTime> to;
    QString kind; // e.g. "breaker_transition"; empty = every kind
    QString cursor;
    int limit = 100;
};

class AdminObservability
{
public:
    using JsonDone = std::function<void(Result<nlohmann::json>)>;
    using EventSink = std::function<void(const nlohmann::json &event)>;

    virtual ~AdminObservability() = default;

    // A page of request summaries, newest first:
    //   {"items": [ {...}, ... ], "next_cursor": "..." | null}
    virtual void queryRequests(const RequestQuery &query, JsonDone done) = 0;
    // One request with its attempt trail; error code "not_found" if unknown.
    virtual void requestTrail(const QString &requestId, JsonDone done) = 0;
    // A page of events, newest first, same page shape as queryRequests.
    virtual void queryEvents(const EventQuery &query, JsonDone done) = 0;

    // Prometheus text exposition (format 0.0.4). Cheap and thread-safe.
    virtual QByteArray prometheusText() const = 0;
    // The same figures as one JSON object, for scripts and the console.
    virtual nlohmann::json metricsSnapshot() const = 0;

    // Live events. `sink` gets one JSON object per event ("kind" and "ts"
    // at least) on any thread; it must be cheap. After unsubscribeEvents()
    // returns, the sink is never called again.
    virtual quint64 subscribeEvents(EventSink sink) = 0;
    virtual void unsubscribeEvents(quint64 subscription) = 0;

    // Events the admin API itself raises: "config_applied",
    // "config_rejected", "breaker_forced", "chaos_started", "chaos_stopped".
    virtual void recordEvent(const QString &kind, const nlohmann::json &fields) = 0;
};

} // namespace understudy
