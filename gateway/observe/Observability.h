#pragma once

// One object that owns everything observability needs at run time, so the
// console and `serve` wire a single thing into the engine and the admin API:
//
//   - the metrics registry (fed by the engine's trail sink on the workers),
//   - the event log (breaker transitions, config applied/rejected, listener
//     start/stop, retention runs, log drops),
//   - optionally the request log writer (its thread, its bounded queue), and
//   - a collector thread that folds the metrics every second, hands
//     completed minute rollups to the writer and kicks a retention run at
//     start (the writer repeats it every retention.intervalMs itself).
//
// Without a request log path (serving a plain config file) metrics and
// events stay in memory; nothing touches the disk.
//
// Threads: trailSink()/recordTrail() and postEvent() from any thread, never
// blocking on I/O. shutdown() (or the destructor) on the owner's thread:
// it stops the collector, folds the last second and flushes the writer.

#include "core/Result.h"
#include "fallback/AttemptTrail.h"
#include "observe/Event.h"
#include "observe/EventLog.h"
#include "observe/LogRedaction.h"
#include "observe/MetricsRegistry.h"
#include "observe/RequestLogWriter.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace understudy {

struct ObservabilityOptions
{
    // A workspace file at the current schema; empty = no request log.
    QString requestLogPath;
    RetentionPolicy retention;
    RedactionRules redaction;
    int collectIntervalMs = 1000;
    int recentEvents = 1000;
    // Run retention once as soon as the writer starts (then every
    // retention.intervalMs).
    bool retentionAtStart = true;
    std::function<qint64()> nowMs; // wall clock; default: the system clock (tests)
};

class Observability final : public std::enable_shared_from_this<Observability>
{
public:
    // Starts the writer (if a request log path is given) and the collector.
    static Result<std::shared_ptr<Observability>> create(ObservabilityOptions options);
    ~Observability();
    Q_DISABLE_COPY_MOVE(Observability)

    MetricsRegistry &metrics() { return *m_metrics; }
    const MetricsRegistry &metrics() const { return *m_metrics; }
    EventLog &events() { return *m_events; }
    bool hasRequestLog() const { return m_writer != nullptr; }
    QString requestLogPath() const { return m_options.requestLogPath; }
    // Null without a request log.
    RequestLogWriter *requestLog() { return m_writer.get(); }

    // Data plane (any worker thread): metrics, then the request log.
    void recordTrail(const RequestTrail &trail);
    // A sink for ExecutorServices::trailSink that keeps this object alive.
    std::function<void(const RequestTrail &)> trailSink();

    // Any thread.
    Event postEvent(const QString &kind, const QString &subject, const QJsonObject &detail = {});

    // Cumulative metrics plus the request log's drop counters.
    QByteArray prometheusText() const;
    // The last `windowSeconds` as JSON (MetricsRegistry::toJson), with the
    // request log's counters under "request_log" when there is one.
    QJsonObject metricsJson(int windowSeconds = 60);

    // Folds the metrics now (normally the collector does, every second).
    void collectNow();
    // Waits until everything submitted so far is in the request log.
    void flush();
    // Stops the collector and flushes the writer; further trails still
    // count in metrics and are queued. Idempotent.
    void shutdown();

private:
    explicit Observability(ObservabilityOptions options);
    void runCollector();

    ObservabilityOptions m_options;
    // Declaration order matters: the writer (which posts events) goes first.
    std::unique_ptr<EventLog> m_events;
    std::unique_ptr<MetricsRegistry> m_metrics;
    std::unique_ptr<RequestLogWriter> m_writer;

    std::mutex m_collectorMutex;
    std::condition_variable m_collectorWake;
    bool m_stopCollector = false;
    std::thread m_collector;
};

} // namespace understudy
