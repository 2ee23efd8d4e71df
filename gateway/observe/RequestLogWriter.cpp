#include "observe/RequestLogWriter.h"

#include "observe/RequestLogConnection.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLoggingCategory>

#ifdef Q_OS_LINUX
#include <pthread.h>
#include <sched.h>
#endif

#include <utility>

namespace understudy {

Q_LOGGING_CATEGORY(lcRequestLog, "understudy.requestlog")

namespace {

constexpr qint64 kDropEventIntervalMs = 1000;

} // namespace

qsizetype capturedByteSize(const CapturedExchange &exchange)
{
    qsizetype n = exchange.requestBody.size() + exchange.responseBody.size();
    for (const HeaderList *list : {&exchange.requestHeaders, &exchange.responseHeaders})
        for (const auto &[name, value] : *list)
            n += name.size() + value.size() + 32;
    return n;
}

RequestLogWriter::RequestLogWriter(Options options) : m_options(std::move(options)), m_redactor(m_options.redaction)
{}

Result<std::unique_ptr<RequestLogWriter>> RequestLogWriter::start(Options options)
{
    std::unique_ptr<RequestLogWriter> writer(new RequestLogWriter(std::move(options)));
    auto opened = std::make_shared<std::promise<Result<void>>>();
    auto result = opened->get_future();
    RequestLogWriter *self = writer.get();
    writer->m_thread = std::thread([self, opened] { self->run(opened); });
    Result<void> outcome = result.get();
    if (!outcome) {
        writer->m_thread.join();
        return outcome.error();
    }
    return Result<std::unique_ptr<RequestLogWriter>>(std::move(writer));
}

RequestLogWriter::~RequestLogWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

qint64 RequestLogWriter::now() const
{
    return m_options.nowMs ? m_options.nowMs() : QDateTime::currentMSecsSinceEpoch();
}

void RequestLogWriter::submit(const RequestTrail &trail, std::shared_ptr<const CapturedExchange> exchange)
{
    Entry entry;
    // Encoded here, on the data plane's thread (RequestLogRow.h).
    entry.row = requestlog::encodeRow(trail);
    entry.summaryBytes = qsizetype(sizeof(Entry) + entry.row.byteSize());
    entry.bodyBytes = exchange ? capturedByteSize(*exchange) : 0;
    entry.exchange = std::move(exchange);
    m_submitted.fetch_add(1, std::memory_order_relaxed);
    if (entry.exchange)
        m_bodiesSubmitted.fetch_add(1, std::memory_order_relaxed);
    enqueue(std::move(entry));
}

void RequestLogWriter::enqueue(Entry &&entry)
{
    bool wake = false;
    {
        std::lock_guard lock(m_mutex);
        m_queuedBytes += entry.summaryBytes + entry.bodyBytes;
        m_queue.push_back(std::move(entry));
        while (qsizetype(queuedLocked()) > std::max<qsizetype>(m_options.maxQueuedEntries, 1))
            dropFrontLocked();
        // Bodies are worth less than summaries: shed them first.
        while (m_queuedBytes > m_options.maxQueuedBytes && queuedLocked() > 0) {
            if (!dropOldestBodyLocked())
                dropFrontLocked();
        }
        wake = qsizetype(queuedLocked()) >= m_options.batchRows;
    }
    if (wake)
        m_wake.notify_one();
}

std::size_t RequestLogWriter::queuedLocked() const
{
    return m_queue.size() - m_queueHead;
}

void RequestLogWriter::dropFrontLocked()
{
    Entry &front = m_queue[m_queueHead];
    m_queuedBytes -= front.summaryBytes + front.bodyBytes;
    if (front.exchange)
        m_bodiesDropped.fetch_add(1, std::memory_order_relaxed);
    m_summariesDropped.fetch_add(1, std::memory_order_relaxed);
    front = Entry();
    ++m_queueHead;
    // Dropping means the writer is behind: keep the dead prefix from
    // growing without end (amortised O(1) per drop).
    if (m_queueHead >= 4096 && m_queueHead * 2 >= m_queue.size()) {
        m_queue.erase(m_queue.begin(), m_queue.begin() + std::ptrdiff_t(m_queueHead));
        m_bodyCursor -= std::min(m_bodyCursor, m_queueHead);
        m_queueHead = 0;
    }
}

bool RequestLogWriter::dropOldestBodyLocked()
{
    // The cursor only moves forward between writer swaps: amortised O(1).
    m_bodyCursor = std::max(m_bodyCursor, m_queueHead);
    while (m_bodyCursor < m_queue.size()) {
        Entry &entry = m_queue[m_bodyCursor];
        ++m_bodyCursor;
        if (entry.exchange) {
            entry.exchange.reset();
            m_queuedBytes -= entry.bodyBytes;
            entry.bodyBytes = 0;
            m_bodiesDropped.fetch_add(1, std::memory_order_relaxed);
            return true;
        }
    }
    return false;
}

void RequestLogWriter::submitEvent(Event event)
{
    {
        std::lock_guard lock(m_mutex);
        if (qsizetype(m_events.size()) >= m_options.maxQueuedEvents) {
            m_eventsDropped.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        m_events.push_back(std::move(event));
    }
}

void RequestLogWriter::submitRollups(std::vector<MinuteRollup> rollups)
{
    std::lock_guard lock(m_mutex);
    for (MinuteRollup &r : rollups)
        m_rollups.push_back(std::move(r));
}

void RequestLogWriter::flush()
{
    std::unique_lock lock(m_mutex);
    ++m_flushWaiters;
    m_wake.notify_one();
    m_progress.wait(lock, [this] { return queuedLocked() == 0 && m_events.empty() && m_rollups.empty() && !m_busy; });
    --m_flushWaiters;
}

RetentionResult RequestLogWriter::runRetention()
{
    std::unique_lock lock(m_mutex);
    const std::uint64_t runs = m_retentionRuns;
    m_retentionRequested = true;
    m_wake.notify_one();
    m_progress.wait(lock, [&] { return m_retentionRuns != runs; });
    return m_lastRetention;
}

RequestLogWriter::Stats RequestLogWriter::stats() const
{
    Stats s;
    s.submitted = m_submitted.load(std::memory_order_relaxed);
    s.written = m_written.load(std::memory_order_relaxed);
    s.bodiesSubmitted = m_bodiesSubmitted.load(std::memory_order_relaxed);
    s.bodiesWritten = m_bodiesWritten.load(std::memory_order_relaxed);
    s.bodiesDropped = m_bodiesDropped.load(std::memory_order_relaxed);
    s.summariesDropped = m_summariesDropped.load(std::memory_order_relaxed);
    s.eventsDropped = m_eventsDropped.load(std::memory_order_relaxed);
    s.writeErrors = m_writeErrors.load(std::memory_order_relaxed);
    s.batches = m_batches.load(std::memory_order_relaxed);
    std::lock_guard lock(m_mutex);
    s.queued = qint64(queuedLocked());
    s.queuedBytes = m_queuedBytes;
    return s;
}

void RequestLogWriter::run(std::shared_ptr<std::promise<Result<void>>> opened)
{
#ifdef Q_OS_LINUX
    // The writer's wake-ups must not preempt a data-plane thread in the
    // middle of a request: SCHED_BATCH keeps its fair share of the CPU (it
    // is not starved, so the queue still drains) but gives up wake-up
    // preemption, so it runs when a worker's time slice ends or it waits.
    sched_param param{};
    if (const int rc = pthread_setschedparam(pthread_self(), SCHED_BATCH, &param); rc != 0)
        qCDebug(lcRequestLog) << "SCHED_BATCH refused:" << rc;
#endif
    auto connection = std::make_unique<Connection>();
    if (auto done = connection->open(m_options.workspacePath, m_options.retention); !done) {
        connection.reset(); // the named connection goes on this thread
        opened->set_value(done.error());
        return;
    }
    opened->set_value(Result<void>());

    qint64 lastRetentionMs = now();
    qint64 trimmedByCount = 0; // rows trimmed to the cap since the last retention run
    std::uint64_t reportedBodies = 0, reportedSummaries = 0, reportedEvents = 0;
    qint64 lastDropEventMs = 0;
    const auto interval = std::chrono::milliseconds(std::max(1, m_options.flushIntervalMs));

    // Kept across batches: swapped with the queue, so both keep their
    // capacity and steady traffic allocates no queue storage.
    std::vector<Entry> entries;
    for (;;) {
        entries.clear(); // the previous batch's trails die here, outside the lock
        std::vector<Event> events;
        std::vector<MinuteRollup> rollups;
        bool retention = false;
        {
            std::unique_lock lock(m_mutex);
            auto hasWork = [this] { return queuedLocked() > 0 || !m_events.empty() || !m_rollups.empty(); };
            m_wake.wait_for(lock, interval, [&] {
                return m_stop || m_retentionRequested || qsizetype(queuedLocked()) >= m_options.batchRows ||
                       (m_flushWaiters > 0 && hasWork());
            });
            const std::size_t queued = queuedLocked();
            const std::size_t take = std::min<std::size_t>(queued, std::size_t(std::max(1, m_options.batchRows)));
            if (take == queued && m_queueHead == 0) {
                // The usual case: the whole queue, handed over without
                // touching the entries.
                entries.swap(m_queue);
                m_queuedBytes = 0;
            } else {
                const auto first = m_queue.begin() + std::ptrdiff_t(m_queueHead);
                for (auto e = first; e != first + std::ptrdiff_t(take); ++e)
                    m_queuedBytes -= e->summaryBytes + e->bodyBytes;
                entries.assign(std::make_move_iterator(first), std::make_move_iterator(first + std::ptrdiff_t(take)));
                m_queueHead += take;
                if (m_queueHead == m_queue.size()) {
                    m_queue.clear();
                    m_queueHead = 0;
                } else if (m_queueHead * 2 >= m_queue.size()) {
                    // A backlog that never drains: drop the taken front
                    // now and then (amortised O(1)), or the vector would
                    // keep every entry ever queued.
                    m_queue.erase(m_queue.begin(), m_queue.begin() + std::ptrdiff_t(m_queueHead));
                    m_bodyCursor -= std::min(m_bodyCursor, m_queueHead);
                    m_queueHead = 0;
                }
            }
            if (m_queue.empty())
                m_bodyCursor = 0;
            events.swap(m_events);
            rollups.swap(m_rollups);
            retention = m_retentionRequested || now() - lastRetentionMs >= m_options.retention.intervalMs;
            m_busy = !entries.empty() || !events.empty() || !rollups.empty() || retention;
        }

        if (!entries.empty() || !events.empty() || !rollups.empty()) {
            if (m_options.beforeBatch && !entries.empty())
                m_options.beforeBatch(int(entries.size()));
            std::uint64_t bodies = 0;
            if (auto done = connection->write(entries, events, rollups, m_redactor, &bodies); !done) {
                qCWarning(lcRequestLog) << "request log batch lost:" << done.error().message;
                m_writeErrors.fetch_add(entries.size() + events.size() + rollups.size(), std::memory_order_relaxed);
            } else {
                m_written.fetch_add(entries.size(), std::memory_order_relaxed);
                m_bodiesWritten.fetch_add(bodies, std::memory_order_relaxed);
            }
            m_batches.fetch_add(1, std::memory_order_relaxed);
            // A log at its cap is trimmed as it grows; the next retention
            // run reports these rows with its own.
            bool trimmed = true; // a failed DELETE is logged; the next run retries
            trimmedByCount += connection->trimToCap(m_options.retention, &trimmed);
        }

        if (retention) {
            const qint64 at = now();
            RetentionResult result = connection->retain(m_options.retention, at);
            result.requestsByCount += std::exchange(trimmedByCount, 0);
            lastRetentionMs = at;
            const bool requested = [this] {
                std::lock_guard lock(m_mutex);
                return m_retentionRequested;
            }();
            if (requested || result.requestsByAge + result.requestsByCount + result.events + result.rollups > 0) {
                QJsonObject detail{{QStringLiteral("requests_by_age"), result.requestsByAge},
                                   {QStringLiteral("requests_by_count"), result.requestsByCount},
                                   {QStringLiteral("events"), result.events},
                                   {QStringLiteral("rollups"), result.rollups},
                                   {QStringLiteral("took_ms"), result.tookMs},
                                   {QStringLiteral("ok"), result.ok}};
                if (m_options.postEvent)
                    m_options.postEvent(QLatin1String(kEventRetention), QStringLiteral("request_log"), detail);
                else
                    submitEvent(Event{0, at, QLatin1String(kEventRetention), QStringLiteral("request_log"), detail});
            }
            std::lock_guard lock(m_mutex);
            m_lastRetention = result;
            m_retentionRequested = false;
            ++m_retentionRuns;
        }

        // Tell the operator about drops, at most once a second.
        const std::uint64_t bodiesDropped = m_bodiesDropped.load(std::memory_order_relaxed);
        const std::uint64_t summariesDropped = m_summariesDropped.load(std::memory_order_relaxed);
        const std::uint64_t eventsDropped = m_eventsDropped.load(std::memory_order_relaxed);
        if ((bodiesDropped != reportedBodies || summariesDropped != reportedSummaries ||
             eventsDropped != reportedEvents) &&
            now() - lastDropEventMs >= kDropEventIntervalMs) {
            QJsonObject detail{{QStringLiteral("bodies"), qint64(bodiesDropped - reportedBodies)},
                               {QStringLiteral("summaries"), qint64(summariesDropped - reportedSummaries)},
                               {QStringLiteral("events"), qint64(eventsDropped - reportedEvents)}};
            reportedBodies = bodiesDropped;
            reportedSummaries = summariesDropped;
            reportedEvents = eventsDropped;
            lastDropEventMs = now();
            qCWarning(lcRequestLog) << "request log fell behind, dropped" << detail;
            if (m_options.postEvent)
                m_options.postEvent(QLatin1String(kEventLogDrop), QStringLiteral("request_log"), detail);
            else
                submitEvent(
                    Event{0, lastDropEventMs, QLatin1String(kEventLogDrop), QStringLiteral("request_log"), detail});
        }

        bool stopping = false;
        {
            std::lock_guard lock(m_mutex);
            m_busy = false;
            stopping = m_stop && m_queue.empty() && m_events.empty() && m_rollups.empty();
        }
        m_progress.notify_all();
        if (stopping)
            break;
    }
    connection.reset();
    std::lock_guard lock(m_mutex);
    m_progress.notify_all();
}

} // namespace understudy
