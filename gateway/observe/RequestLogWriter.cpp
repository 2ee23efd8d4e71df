#include "observe/RequestLogWriter.h"

#include "store/SqliteConnection.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

#include <nlohmann/json.hpp>

#include <cmath>

namespace understudy {

Q_LOGGING_CATEGORY(lcRequestLog, "understudy.requestlog")

namespace {

constexpr int kMinimumSchema = 3;
constexpr qint64 kDropEventIntervalMs = 1000;

qsizetype stringBytes(const QString &s)
{
    return s.size() * qsizetype(sizeof(QChar));
}

// What a queued summary costs in memory, roughly: enough to bound the queue.
qsizetype summaryBytes(const RequestTrail &t)
{
    qsizetype n = qsizetype(sizeof(RequestTrail)) + t.requestId.size() + stringBytes(t.route) +
                  stringBytes(t.method) + stringBytes(t.path) + stringBytes(t.consumer) + stringBytes(t.servedBy) +
                  stringBytes(t.servedModel);
    for (const AttemptRecord &a : t.attempts)
        n += qsizetype(sizeof(AttemptRecord)) + stringBytes(a.stepPath) + stringBytes(a.target) +
             stringBytes(a.breakerState) + stringBytes(a.decision);
    return n;
}

// A null QString binds as SQL NULL; the log's text columns are NOT NULL and
// "" is what an absent value means there.
QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QVariant optionalMs(qint64 value)
{
    return value < 0 ? QVariant() : QVariant(value);
}

QString histogramJson(const std::map<double, qint64> &histogram)
{
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (const auto &[bound, count] : histogram)
        object[std::isinf(bound) ? std::string("+Inf") : QString::number(bound, 'g', 8).toStdString()] = count;
    return QString::fromStdString(object.dump());
}

QVariant optionalDouble(const std::optional<double> &v)
{
    return v ? QVariant(*v) : QVariant();
}

} // namespace

qsizetype CapturedExchange::byteSize() const
{
    qsizetype n = requestBody.size() + responseBody.size();
    for (const HeaderList *list : {&requestHeaders, &responseHeaders})
        for (const auto &[name, value] : *list)
            n += name.size() + value.size() + 32;
    return n;
}

struct RequestLogWriter::Entry
{
    RequestTrail trail;
    std::shared_ptr<const CapturedExchange> exchange;
    qsizetype summaryBytes = 0;
    qsizetype bodyBytes = 0;
};

// The writer thread's connection and prepared statements. Lives and dies on
// that thread.
class RequestLogWriter::Connection final
{
public:
    Connection() = default;
    Q_DISABLE_COPY_MOVE(Connection)

    Result<void> open(const QString &path);
    // One transaction for the whole batch; returns rows committed (0 on
    // failure, when the batch is rolled back).
    Result<void> write(std::vector<Entry> &entries, std::vector<Event> &events, std::vector<MinuteRollup> &rollups,
                       const Redactor &redactor, std::uint64_t *bodiesWritten);
    RetentionResult retain(const RetentionPolicy &policy, qint64 nowMs);

private:
    Result<void> insertRequest(const Entry &entry, const Redactor &redactor, bool *bodyWritten);
    qint64 deleteChunks(const QString &sql, const QVariantList &bindings, int chunk, qint64 limit, bool *ok);

    SqliteConnection m_connection;
    std::unique_ptr<QSqlQuery> m_request, m_attempt, m_body, m_event, m_rollup;
};

Result<void> RequestLogWriter::Connection::open(const QString &path)
{
    if (auto opened = m_connection.open(path); !opened)
        return opened;
    QSqlDatabase &db = m_connection.database();
    if (auto done = execStatement(db, QStringLiteral("PRAGMA foreign_keys = ON")); !done)
        return done;
    // The workspace is in WAL mode already; NORMAL sync is durable across
    // application crashes, and a power cut loses at most the last batches of
    // a log, never the config.
    if (auto done = execStatement(db, QStringLiteral("PRAGMA synchronous = NORMAL")); !done)
        return done;
    auto version = queryValue(db, QStringLiteral("PRAGMA user_version"));
    if (!version)
        return version.error();
    if (version->toInt() < kMinimumSchema)
        return Result<void>::failure(
            QStringLiteral("schema_too_old"),
            QStringLiteral("the workspace %1 is at schema %2; open it with this version first to upgrade it to %3")
                .arg(path)
                .arg(version->toInt())
                .arg(kMinimumSchema));

    auto prepare = [&db](std::unique_ptr<QSqlQuery> &query, const char *sql) -> Result<void> {
        query = std::make_unique<QSqlQuery>(db);
        if (!query->prepare(QString::fromLatin1(sql)))
            return sqlFailure(QStringLiteral("preparing the request log statements"), query->lastError());
        return {};
    };
    for (auto [query, sql] : std::initializer_list<std::pair<std::unique_ptr<QSqlQuery> *, const char *>>{
             {&m_request,
              "INSERT INTO requests (request_id, started_at_ms, route, method, path, consumer, status, outcome,"
              " served_by, served_model, fallback_depth, attempts, duration_ms, ttft_ms, prompt_tokens,"
              " completion_tokens, cost, bytes_in, bytes_out, cached, static, degraded, stream)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
             {&m_attempt,
              "INSERT INTO attempts (request, idx, step_path, target, start_offset_ms, duration_ms, ttft_ms, bytes,"
              " outcome, upstream_status, retry_after_ms, breaker_state, decision)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
             {&m_body,
              "INSERT INTO request_bodies (request, request_headers, request_body, response_headers, response_body,"
              " truncated) VALUES (?, ?, ?, ?, ?, ?)"},
             {&m_event, "INSERT INTO events (at_ms, kind, subject, detail) VALUES (?, ?, ?, ?)"},
             {&m_rollup,
              "INSERT OR REPLACE INTO metrics_minute (minute_ms, route, requests, errors, fallbacks, outcomes,"
              " latency_p50_ms, latency_p95_ms, latency_p99_ms, ttft_p50_ms, ttft_p95_ms, ttft_p99_ms,"
              " latency_histogram, ttft_histogram, prompt_tokens, completion_tokens, cost)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
         }) {
        if (auto done = prepare(*query, sql); !done)
            return done;
    }
    return {};
}

Result<void> RequestLogWriter::Connection::insertRequest(const Entry &entry, const Redactor &redactor,
                                                         bool *bodyWritten)
{
    const RequestTrail &t = entry.trail;
    QSqlQuery &q = *m_request;
    const QVariantList values{text(QString::fromLatin1(t.requestId)),
                              t.startedAtMs,
                              text(t.route),
                              text(t.method),
                              text(t.path),
                              text(t.consumer),
                              t.status,
                              outcomeClassName(t.outcome),
                              text(t.servedBy),
                              text(t.servedModel),
                              t.fallbackDepth,
                              t.attemptCount(),
                              t.durationMs,
                              optionalMs(t.ttftMs),
                              optionalMs(t.promptTokens),
                              optionalMs(t.completionTokens),
                              t.cost,
                              t.bytesIn,
                              t.bytesOut,
                              int(t.cached),
                              int(t.staticAnswer),
                              int(t.degraded),
                              int(t.stream)};
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    if (!q.exec())
        return sqlFailure(QStringLiteral("writing a request"), q.lastError());
    const qint64 row = q.lastInsertId().toLongLong();

    QSqlQuery &a = *m_attempt;
    int index = 0;
    for (const AttemptRecord &r : t.attempts) {
        const QVariantList av{row,
                              index++,
                              text(r.stepPath),
                              text(r.target),
                              r.startOffsetMs,
                              r.durationMs,
                              optionalMs(r.ttftMs),
                              r.bytes,
                              outcomeClassName(r.outcome),
                              r.upstreamStatus,
                              r.retryAfterMs ? QVariant(*r.retryAfterMs) : QVariant(),
                              text(r.breakerState),
                              text(r.decision)};
        for (int i = 0; i < av.size(); ++i)
            a.bindValue(i, av.at(i));
        if (!a.exec())
            return sqlFailure(QStringLiteral("writing an attempt"), a.lastError());
    }

    *bodyWritten = false;
    if (entry.exchange) {
        const CapturedExchange &x = *entry.exchange;
        const RedactedBody request = redactor.body(x.requestBody);
        const RedactedBody response = redactor.body(x.responseBody);
        QSqlQuery &b = *m_body;
        b.bindValue(0, row);
        b.bindValue(1, QString::fromUtf8(redactor.headersJson(x.requestHeaders)));
        b.bindValue(2, request.bytes);
        b.bindValue(3, QString::fromUtf8(redactor.headersJson(x.responseHeaders)));
        b.bindValue(4, response.bytes);
        b.bindValue(5, int(request.truncated || response.truncated));
        if (!b.exec())
            return sqlFailure(QStringLiteral("writing a request body"), b.lastError());
        *bodyWritten = true;
    }
    return {};
}

Result<void> RequestLogWriter::Connection::write(std::vector<Entry> &entries, std::vector<Event> &events,
                                                 std::vector<MinuteRollup> &rollups, const Redactor &redactor,
                                                 std::uint64_t *bodiesWritten)
{
    QSqlDatabase &db = m_connection.database();
    if (!db.transaction())
        return sqlFailure(QStringLiteral("starting a request log batch"), db.lastError());
    std::uint64_t bodies = 0;
    auto fail = [&db](const Error &error) -> Result<void> {
        db.rollback();
        return error;
    };
    for (const Entry &entry : entries) {
        bool bodyWritten = false;
        if (auto done = insertRequest(entry, redactor, &bodyWritten); !done)
            return fail(done.error());
        bodies += bodyWritten ? 1 : 0;
    }
    for (const Event &event : events) {
        QSqlQuery &q = *m_event;
        q.bindValue(0, event.atMs);
        q.bindValue(1, text(event.kind));
        q.bindValue(2, text(event.subject));
        q.bindValue(3, QString::fromUtf8(QJsonDocument(event.detail).toJson(QJsonDocument::Compact)));
        if (!q.exec())
            return fail(sqlFailure(QStringLiteral("writing an event"), q.lastError()));
    }
    for (const MinuteRollup &r : rollups) {
        nlohmann::ordered_json outcomes = nlohmann::ordered_json::object();
        for (const auto &[name, count] : r.outcomes)
            outcomes[name.toStdString()] = count;
        const QVariantList values{r.minuteMs,
                                  text(r.route),
                                  r.requests,
                                  r.errors,
                                  r.fallbacks,
                                  QString::fromStdString(outcomes.dump()),
                                  optionalDouble(r.latencyP50Ms),
                                  optionalDouble(r.latencyP95Ms),
                                  optionalDouble(r.latencyP99Ms),
                                  optionalDouble(r.ttftP50Ms),
                                  optionalDouble(r.ttftP95Ms),
                                  optionalDouble(r.ttftP99Ms),
                                  histogramJson(r.latencyHistogram),
                                  histogramJson(r.ttftHistogram),
                                  r.promptTokens,
                                  r.completionTokens,
                                  r.cost};
        QSqlQuery &q = *m_rollup;
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values.at(i));
        if (!q.exec())
            return fail(sqlFailure(QStringLiteral("writing a metrics rollup"), q.lastError()));
    }
    if (!db.commit())
        return fail(sqlFailure(QStringLiteral("committing a request log batch"), db.lastError()));
    *bodiesWritten = bodies;
    return {};
}

qint64 RequestLogWriter::Connection::deleteChunks(const QString &sql, const QVariantList &bindings, int chunk,
                                                  qint64 limit, bool *ok)
{
    // Each DELETE is its own short transaction, so the console's readers
    // and the next batch never wait behind one huge delete.
    qint64 total = 0;
    QSqlQuery q(m_connection.database());
    if (!q.prepare(sql)) {
        qCWarning(lcRequestLog) << "retention:" << q.lastError().text();
        *ok = false;
        return 0;
    }
    while (limit < 0 || total < limit) {
        const qint64 n = limit < 0 ? chunk : std::min<qint64>(chunk, limit - total);
        for (int i = 0; i < bindings.size(); ++i)
            q.bindValue(i, bindings.at(i));
        q.bindValue(int(bindings.size()), n);
        if (!q.exec()) {
            qCWarning(lcRequestLog) << "retention:" << q.lastError().text();
            *ok = false;
            break;
        }
        const int deleted = q.numRowsAffected();
        total += deleted;
        if (deleted < n)
            break;
    }
    return total;
}

RetentionResult RequestLogWriter::Connection::retain(const RetentionPolicy &policy, qint64 nowMs)
{
    QElapsedTimer timer;
    timer.start();
    RetentionResult result;
    const int chunk = std::max(1, policy.deleteChunk);
    result.requestsByAge = deleteChunks(
        QStringLiteral("DELETE FROM requests WHERE id IN (SELECT id FROM requests WHERE started_at_ms < ?"
                       " ORDER BY started_at_ms, id LIMIT ?)"),
        {nowMs - policy.maxAgeMs}, chunk, -1, &result.ok);
    if (policy.maxRows >= 0) {
        auto count = queryValue(m_connection.database(), QStringLiteral("SELECT count(*) FROM requests"));
        if (!count) {
            qCWarning(lcRequestLog) << "retention:" << count.error().message;
            result.ok = false;
        } else if (const qint64 excess = count->toLongLong() - policy.maxRows; excess > 0) {
            result.requestsByCount = deleteChunks(
                QStringLiteral("DELETE FROM requests WHERE id IN (SELECT id FROM requests"
                               " ORDER BY started_at_ms, id LIMIT ?)"),
                {}, chunk, excess, &result.ok);
        }
    }
    result.events = deleteChunks(QStringLiteral("DELETE FROM events WHERE id IN (SELECT id FROM events WHERE at_ms < ?"
                                                " ORDER BY at_ms, id LIMIT ?)"),
                                 {nowMs - policy.eventMaxAgeMs}, chunk, -1, &result.ok);
    // At most a few thousand rows a day (routes x 1440 minutes): one
    // statement is short enough.
    {
        QSqlQuery q(m_connection.database());
        q.prepare(QStringLiteral("DELETE FROM metrics_minute WHERE minute_ms < ?"));
        q.bindValue(0, nowMs - policy.rollupMaxAgeMs);
        if (q.exec()) {
            result.rollups = q.numRowsAffected();
        } else {
            qCWarning(lcRequestLog) << "retention:" << q.lastError().text();
            result.ok = false;
        }
    }
    result.tookMs = timer.elapsed();
    return result;
}

RequestLogWriter::RequestLogWriter(Options options)
    : m_options(std::move(options)), m_redactor(m_options.redaction)
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
    submit(RequestTrail(trail), std::move(exchange));
}

void RequestLogWriter::submit(RequestTrail &&trail, std::shared_ptr<const CapturedExchange> exchange)
{
    Entry entry;
    entry.summaryBytes = summaryBytes(trail);
    entry.bodyBytes = exchange ? exchange->byteSize() : 0;
    entry.trail = std::move(trail);
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
        while (qsizetype(m_queue.size()) > std::max<qsizetype>(m_options.maxQueuedEntries, 1))
            dropFrontLocked();
        // Bodies are worth less than summaries: shed them first.
        while (m_queuedBytes > m_options.maxQueuedBytes && !m_queue.empty()) {
            if (!dropOldestBodyLocked())
                dropFrontLocked();
        }
        wake = qsizetype(m_queue.size()) >= m_options.batchRows;
    }
    if (wake)
        m_wake.notify_one();
}

void RequestLogWriter::dropFrontLocked()
{
    Entry &front = m_queue.front();
    m_queuedBytes -= front.summaryBytes + front.bodyBytes;
    if (front.exchange)
        m_bodiesDropped.fetch_add(1, std::memory_order_relaxed);
    m_summariesDropped.fetch_add(1, std::memory_order_relaxed);
    m_queue.pop_front();
    if (m_bodyCursor > 0)
        --m_bodyCursor;
}

bool RequestLogWriter::dropOldestBodyLocked()
{
    // The cursor only moves forward between writer swaps: amortised O(1).
    while (m_bodyCursor < qsizetype(m_queue.size())) {
        Entry &entry = m_queue[std::size_t(m_bodyCursor)];
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
    m_progress.wait(lock, [this] {
        return m_queue.empty() && m_events.empty() && m_rollups.empty() && !m_busy;
    });
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
    s.queued = qint64(m_queue.size());
    s.queuedBytes = m_queuedBytes;
    return s;
}

void RequestLogWriter::run(std::shared_ptr<std::promise<Result<void>>> opened)
{
    auto connection = std::make_unique<Connection>();
    if (auto done = connection->open(m_options.workspacePath); !done) {
        connection.reset(); // the named connection goes on this thread
        opened->set_value(done.error());
        return;
    }
    opened->set_value(Result<void>());

    qint64 lastRetentionMs = now();
    std::uint64_t reportedBodies = 0, reportedSummaries = 0, reportedEvents = 0;
    qint64 lastDropEventMs = 0;
    const auto interval = std::chrono::milliseconds(std::max(1, m_options.flushIntervalMs));

    for (;;) {
        std::vector<Entry> entries;
        std::vector<Event> events;
        std::vector<MinuteRollup> rollups;
        bool retention = false;
        {
            std::unique_lock lock(m_mutex);
            auto hasWork = [this] { return !m_queue.empty() || !m_events.empty() || !m_rollups.empty(); };
            m_wake.wait_for(lock, interval, [&] {
                return m_stop || m_retentionRequested || qsizetype(m_queue.size()) >= m_options.batchRows ||
                       (m_flushWaiters > 0 && hasWork());
            });
            const std::size_t take = std::min<std::size_t>(m_queue.size(), std::size_t(std::max(1, m_options.batchRows)));
            entries.reserve(take);
            for (std::size_t i = 0; i < take; ++i) {
                Entry &e = m_queue.front();
                m_queuedBytes -= e.summaryBytes + e.bodyBytes;
                entries.push_back(std::move(e));
                m_queue.pop_front();
            }
            m_bodyCursor = std::max<qsizetype>(0, m_bodyCursor - qsizetype(take));
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
        }

        if (retention) {
            const qint64 at = now();
            RetentionResult result = connection->retain(m_options.retention, at);
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
                submitEvent(Event{0, lastDropEventMs, QLatin1String(kEventLogDrop), QStringLiteral("request_log"),
                                  detail});
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
