#include "observe/Observability.h"

#include "observe/PrometheusText.h"

#include <algorithm>
#include <chrono>

namespace understudy {

Observability::Observability(ObservabilityOptions options) : m_options(std::move(options))
{
    EventLog::Options eventOptions;
    eventOptions.recentCapacity = m_options.recentEvents;
    eventOptions.nowMs = m_options.nowMs;
    m_events = std::make_unique<EventLog>(std::move(eventOptions));

    MetricsRegistry::Options metricOptions;
    metricOptions.nowMs = m_options.nowMs;
    // Runs on whichever thread calls collect(): the collector, or an admin
    // or console thread asking for a snapshot. The writer only queues.
    metricOptions.rollupSink = [this](std::vector<MinuteRollup> rollups) {
        if (m_writer)
            m_writer->submitRollups(std::move(rollups));
    };
    m_metrics = std::make_unique<MetricsRegistry>(std::move(metricOptions));
}

Result<std::shared_ptr<Observability>> Observability::create(ObservabilityOptions options)
{
    std::shared_ptr<Observability> self(new Observability(std::move(options)));
    if (!self->m_options.requestLogPath.isEmpty()) {
        RequestLogWriter::Options writerOptions;
        writerOptions.workspacePath = self->m_options.requestLogPath;
        writerOptions.redaction = self->m_options.redaction;
        writerOptions.retention = self->m_options.retention;
        writerOptions.nowMs = self->m_options.nowMs;
        EventLog *events = self->m_events.get();
        // The writer's own events (log_drop, retention) go through the
        // event log like every other, so subscribers see them too.
        writerOptions.postEvent = [events](const QString &kind, const QString &subject, const QJsonObject &detail) {
            events->post(kind, subject, detail);
        };
        auto writer = RequestLogWriter::start(std::move(writerOptions));
        if (!writer)
            return writer.error();
        self->m_writer = std::move(writer).value();
        RequestLogWriter *raw = self->m_writer.get();
        self->m_events->setStorage([raw](const Event &event) { raw->submitEvent(event); });
    }
    Observability *raw = self.get();
    self->m_collector = std::thread([raw] { raw->runCollector(); });
    return self;
}

Observability::~Observability()
{
    shutdown();
    // The writer's destructor writes what is still queued.
    m_events->setStorage({});
    m_writer.reset();
}

void Observability::runCollector()
{
    if (m_writer && m_options.retentionAtStart)
        (void)m_writer->runRetention();
    const auto interval = std::chrono::milliseconds(std::max(10, m_options.collectIntervalMs));
    std::unique_lock lock(m_collectorMutex);
    while (!m_stopCollector) {
        if (m_collectorWake.wait_for(lock, interval, [this] { return m_stopCollector; }))
            break;
        lock.unlock();
        m_metrics->collect();
        lock.lock();
    }
}

void Observability::recordTrail(const RequestTrail &trail)
{
    m_metrics->record(trail);
    if (m_writer)
        m_writer->submit(trail, trail.bodies);
}

std::function<void(const RequestTrail &)> Observability::trailSink()
{
    // The workers hold the sink for their whole life; a raw pointer would
    // dangle if the owner let go of this object first.
    std::shared_ptr<Observability> self = shared_from_this();
    return [self](const RequestTrail &trail) { self->recordTrail(trail); };
}

Event Observability::postEvent(const QString &kind, const QString &subject, const QJsonObject &detail)
{
    return m_events->post(kind, subject, detail);
}

QByteArray Observability::prometheusText() const
{
    MetricsTotals totals = m_metrics->totals();
    if (m_writer)
        addLogDrops(totals, m_writer->stats());
    return understudy::prometheusText(totals);
}

QJsonObject Observability::metricsJson(int windowSeconds)
{
    QJsonObject json = MetricsRegistry::toJson(m_metrics->snapshot(windowSeconds));
    if (m_writer) {
        const RequestLogWriter::Stats s = m_writer->stats();
        json.insert(QStringLiteral("request_log"),
                    QJsonObject{{QStringLiteral("submitted"), qint64(s.submitted)},
                                {QStringLiteral("written"), qint64(s.written)},
                                {QStringLiteral("queued"), s.queued},
                                {QStringLiteral("summaries_dropped"), qint64(s.summariesDropped)},
                                {QStringLiteral("bodies_dropped"), qint64(s.bodiesDropped)},
                                {QStringLiteral("events_dropped"), qint64(s.eventsDropped)},
                                {QStringLiteral("write_errors"), qint64(s.writeErrors)}});
    }
    return json;
}

void Observability::collectNow()
{
    m_metrics->collect();
}

void Observability::flush()
{
    if (m_writer)
        m_writer->flush();
}

void Observability::shutdown()
{
    {
        std::lock_guard lock(m_collectorMutex);
        m_stopCollector = true;
    }
    m_collectorWake.notify_all();
    if (m_collector.joinable()) {
        m_collector.join();
        // The last partial second, so its rollup is not lost.
        m_metrics->collect();
    }
    flush();
}

} // namespace understudy
