#include "observe/RequestLogWriter.h"

#include "observe/RequestLogIds.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QStringEncoder>

#include <nlohmann/json.hpp>

#include <sqlite3.h>

#include <array>
#include <charconv>
#include <cmath>
#include <string>

namespace understudy {

Q_LOGGING_CATEGORY(lcRequestLog, "understudy.requestlog")

namespace {

constexpr int kMinimumSchema = 4;
// Tries to find a free id among requests that started in the same millisecond.
constexpr int kRowIdAttempts = 16;
constexpr qint64 kDropEventIntervalMs = 1000;
constexpr int kBusyTimeoutMs = 5000;

qsizetype stringBytes(const QString &s)
{
    return s.size() * qsizetype(sizeof(QChar));
}

// What a queued summary costs in memory, roughly: enough to bound the queue.
qsizetype summaryBytes(const RequestTrail &t)
{
    qsizetype n = qsizetype(sizeof(RequestTrail)) + t.requestId.size() + stringBytes(t.route) + stringBytes(t.method) +
                  stringBytes(t.path) + stringBytes(t.consumer) + stringBytes(t.servedBy) + stringBytes(t.servedModel);
    for (const AttemptRecord &a : t.attempts)
        n += qsizetype(sizeof(AttemptRecord)) + stringBytes(a.stepPath) + stringBytes(a.target) +
             stringBytes(a.breakerState) + stringBytes(a.decision);
    return n;
}

std::string histogramJson(const std::map<double, qint64> &histogram)
{
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (const auto &[bound, count] : histogram)
        object[std::isinf(bound) ? std::string("+Inf") : QString::number(bound, 'g', 8).toStdString()] = count;
    return object.dump();
}

// "corrupt" for SQLITE_CORRUPT / SQLITE_NOTADB, "io_error" for everything
// else, like sqlFailure() for the Qt connections.
Error sqliteFailure(const QString &what, sqlite3 *db, int rc)
{
    const int primary = rc & 0xff;
    const bool corrupt = primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
    const char *message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return Error{corrupt ? QStringLiteral("corrupt") : QStringLiteral("io_error"),
                 what + QStringLiteral(": ") + QString::fromUtf8(message)};
}

// One prepared statement, kept for the writer's whole life. Parameters are
// 1-based, as in SQLite. Text and blobs are bound without a copy
// (SQLITE_STATIC): the caller keeps them alive until step().
class Statement final
{
public:
    Statement() = default;
    ~Statement() { sqlite3_finalize(m_statement); }
    Q_DISABLE_COPY_MOVE(Statement)

    int prepare(sqlite3 *db, const char *sql)
    {
        return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr);
    }
    void bind(int i, qint64 value) { sqlite3_bind_int64(m_statement, i, value); }
    void bind(int i, double value) { sqlite3_bind_double(m_statement, i, value); }
    void bindNull(int i) { sqlite3_bind_null(m_statement, i); }
    // Negative: NULL (no time to first token, no token count).
    void bindOptional(int i, qint64 value)
    {
        if (value < 0)
            bindNull(i);
        else
            bind(i, value);
    }
    void bindOptional(int i, const std::optional<double> &value)
    {
        if (value)
            bind(i, *value);
        else
            bindNull(i);
    }
    void bindText(int i, const char *data, qsizetype size)
    {
        sqlite3_bind_text64(m_statement, i, data, sqlite3_uint64(size), SQLITE_STATIC, SQLITE_UTF8);
    }
    void bindText(int i, const std::string &text) { bindText(i, text.data(), qsizetype(text.size())); }
    void bindBlob(int i, const QByteArray &bytes)
    {
        // An empty body is stored as an empty blob, not NULL.
        sqlite3_bind_blob64(m_statement, i, bytes.isEmpty() ? "" : bytes.constData(), sqlite3_uint64(bytes.size()),
                            SQLITE_STATIC);
    }
    // Runs the statement to completion and resets it for the next use.
    int run()
    {
        const int rc = sqlite3_step(m_statement);
        sqlite3_reset(m_statement);
        return rc;
    }

private:
    sqlite3_stmt *m_statement = nullptr;
};

// UTF-8 copies of a row's strings in one reused buffer: no allocation per
// row once it has grown. Slots are offsets, so growing the buffer while a
// row is collected does not invalidate them; bind after the last add().
class Utf8Row final
{
public:
    struct Slot
    {
        std::size_t offset = 0, size = 0;
    };

    void clear() { m_bytes.clear(); }
    Slot add(QStringView text)
    {
        const std::size_t at = m_bytes.size();
        m_bytes.resize(at + std::size_t(m_encoder.requiredSpace(text.size())));
        char *begin = m_bytes.data() + at;
        char *end = m_encoder.appendToBuffer(begin, text);
        m_bytes.resize(at + std::size_t(end - begin));
        return {at, std::size_t(end - begin)};
    }
    Slot addLatin1(const QByteArray &text)
    {
        for (char c : text) {
            if (static_cast<unsigned char>(c) >= 0x80)
                return add(QString::fromLatin1(text));
        }
        const std::size_t at = m_bytes.size();
        m_bytes.append(text.constData(), std::size_t(text.size()));
        return {at, std::size_t(text.size())};
    }
    void bind(Statement &statement, int i, Slot slot) const
    {
        statement.bindText(i, m_bytes.data() + slot.offset, qsizetype(slot.size));
    }

private:
    std::string m_bytes;
    QStringEncoder m_encoder{QStringEncoder::Utf8, QStringEncoder::Flag::Stateless};
};

// The attempts of a request as the compact JSON of the requests.trail
// column (see schema v3), built in a reused buffer.
class TrailJson final
{
public:
    // `outcomeName(OutcomeClass)` gives the class's UTF-8 name.
    template<typename OutcomeName>
    const std::string &build(const std::vector<AttemptRecord> &attempts, OutcomeName &&outcomeName)
    {
        m_json.clear();
        m_json.push_back('[');
        for (const AttemptRecord &a : attempts) {
            if (m_json.size() > 1)
                m_json.push_back(',');
            m_json.push_back('[');
            string(a.stepPath);
            m_json.push_back(',');
            string(a.target);
            m_json.push_back(',');
            number(a.startOffsetMs);
            m_json.push_back(',');
            number(a.durationMs);
            m_json.push_back(',');
            optional(a.ttftMs < 0 ? std::nullopt : std::optional<qint64>(a.ttftMs));
            m_json.push_back(',');
            number(a.bytes);
            m_json.push_back(',');
            m_json.push_back('"');
            m_json += outcomeName(a.outcome); // [a-z0-9_] only
            m_json.push_back('"');
            m_json.push_back(',');
            number(a.upstreamStatus);
            m_json.push_back(',');
            optional(a.retryAfterMs);
            m_json.push_back(',');
            string(a.breakerState);
            m_json.push_back(',');
            string(a.decision);
            m_json.push_back(']');
        }
        m_json.push_back(']');
        return m_json;
    }

private:
    void number(qint64 value)
    {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
        m_json.append(digits, std::size_t(end - digits));
    }
    void optional(const std::optional<qint64> &value)
    {
        if (value)
            number(*value);
        else
            m_json += "null";
    }
    // A JSON string: UTF-8, with quotes, backslashes and control characters
    // escaped.
    void string(const QString &text)
    {
        m_utf8.resize(std::size_t(m_encoder.requiredSpace(text.size())));
        char *end = m_encoder.appendToBuffer(m_utf8.data(), text);
        m_json.push_back('"');
        // Runs of plain bytes are copied at once.
        const char *run = m_utf8.data();
        for (const char *c = run; c != end; ++c) {
            const auto byte = static_cast<unsigned char>(*c);
            if (byte != '"' && byte != '\\' && byte >= 0x20)
                continue;
            m_json.append(run, std::size_t(c - run));
            run = c + 1;
            if (byte >= 0x20) {
                m_json.push_back('\\');
                m_json.push_back(*c);
            } else {
                static constexpr char kHex[] = "0123456789abcdef";
                const char escaped[] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 0xf]};
                m_json.append(escaped, sizeof escaped);
            }
        }
        m_json.append(run, std::size_t(end - run));
        m_json.push_back('"');
    }

    std::string m_json, m_utf8;
    QStringEncoder m_encoder{QStringEncoder::Utf8, QStringEncoder::Flag::Stateless};
};

} // namespace

qsizetype capturedByteSize(const CapturedExchange &exchange)
{
    qsizetype n = exchange.requestBody.size() + exchange.responseBody.size();
    for (const HeaderList *list : {&exchange.requestHeaders, &exchange.responseHeaders})
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

// The writer thread's connection and prepared statements: the sqlite3 C API
// directly (the system libsqlite3, the same library Qt's QSQLITE plugin
// loads on Debian), because per-row QVariant/QSqlQuery binding and
// QString conversions cost more CPU than SQLite's own work. Lives and dies
// on that thread.
class RequestLogWriter::Connection final
{
public:
    Connection() = default;
    ~Connection();
    Q_DISABLE_COPY_MOVE(Connection)

    Result<void> open(const QString &path);
    // One transaction for the whole batch; on failure the batch is rolled
    // back.
    Result<void> write(std::vector<Entry> &entries, std::vector<Event> &events, std::vector<MinuteRollup> &rollups,
                       const Redactor &redactor, std::uint64_t *bodiesWritten);
    RetentionResult retain(const RetentionPolicy &policy, qint64 nowMs);

private:
    Result<void> insertRequest(const Entry &entry, const Redactor &redactor, bool *bodyWritten);
    Result<void> exec(const char *sql, const QString &what);
    qint64 deleteChunks(const char *sql, std::optional<qint64> before, int chunk, qint64 limit, bool *ok);
    const std::string &outcomeName(OutcomeClass outcome);

    sqlite3 *m_db = nullptr;
    Statement m_begin, m_commit, m_request, m_body, m_event, m_rollup;
    quint64 m_sequence = 0; // low bits of the next request row id
    Utf8Row m_row;
    TrailJson m_trail;
    std::array<std::string, kAllOutcomeClasses.size()> m_outcomeNames;
};

RequestLogWriter::Connection::~Connection()
{
    // The statements are members, finalized after this body runs: _v2
    // closes once the last of them is gone.
    sqlite3_close_v2(m_db);
}

const std::string &RequestLogWriter::Connection::outcomeName(OutcomeClass outcome)
{
    std::string &name = m_outcomeNames[std::size_t(outcome)];
    if (name.empty())
        name = outcomeClassName(outcome).toStdString();
    return name;
}

Result<void> RequestLogWriter::Connection::exec(const char *sql, const QString &what)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return {};
    Error error = sqliteFailure(what, m_db, rc);
    sqlite3_free(message);
    return error;
}

Result<void> RequestLogWriter::Connection::open(const QString &path)
{
    // No SQLITE_OPEN_CREATE: a missing workspace is an error, not a new
    // empty file. NOMUTEX: the connection never leaves the writer thread.
    const int rc =
        sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK)
        return sqliteFailure(QStringLiteral("cannot open %1").arg(path), m_db, rc);
    sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
    // The workspace is in WAL mode already; NORMAL sync is durable across
    // application crashes, and a power cut loses at most the last batches of
    // a log, never the config. A larger page cache keeps the indexes' hot
    // pages in memory; a larger auto-checkpoint means fewer checkpoints,
    // each writing a page that several batches changed only once (the WAL
    // is truncated back by the checkpoint, so it stays bounded).
    if (auto done = exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -2048;"
                         " PRAGMA wal_autocheckpoint = 4000",
                         QStringLiteral("setting up the request log connection"));
        !done)
        return done;
    int version = 0;
    {
        sqlite3_stmt *statement = nullptr;
        int step = sqlite3_prepare_v2(m_db, "PRAGMA user_version", -1, &statement, nullptr);
        if (step == SQLITE_OK)
            step = sqlite3_step(statement);
        if (step == SQLITE_ROW)
            version = sqlite3_column_int(statement, 0);
        sqlite3_finalize(statement);
        if (step != SQLITE_ROW)
            return sqliteFailure(QStringLiteral("reading the schema version of %1").arg(path), m_db, step);
    }
    if (version < kMinimumSchema)
        return Result<void>::failure(
            QStringLiteral("schema_too_old"),
            QStringLiteral("the workspace %1 is at schema %2; open it with this version first to upgrade it to %3")
                .arg(path)
                .arg(version)
                .arg(kMinimumSchema));

    for (auto [statement, sql] : std::initializer_list<std::pair<Statement *, const char *>>{
             {&m_begin, "BEGIN IMMEDIATE"},
             {&m_commit, "COMMIT"},
             {&m_request,
              "INSERT INTO requests (id, request_id, started_at_ms, route, method, path, consumer, status, outcome,"
              " served_by, served_model, fallback_depth, attempts, duration_ms, ttft_ms, prompt_tokens,"
              " completion_tokens, cost, bytes_in, bytes_out, cached, static, degraded, stream, trail)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
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
        if (const int prepared = statement->prepare(m_db, sql); prepared != SQLITE_OK)
            return sqliteFailure(QStringLiteral("preparing the request log statements"), m_db, prepared);
    }
    return {};
}

Result<void> RequestLogWriter::Connection::insertRequest(const Entry &entry, const Redactor &redactor,
                                                         bool *bodyWritten)
{
    const RequestTrail &t = entry.trail;
    Statement &q = m_request;
    m_row.clear();
    const auto requestId = m_row.addLatin1(t.requestId);
    const auto route = m_row.add(t.route);
    const auto method = m_row.add(t.method);
    const auto path = m_row.add(t.path);
    const auto consumer = m_row.add(t.consumer);
    const auto servedBy = m_row.add(t.servedBy);
    const auto servedModel = m_row.add(t.servedModel);
    m_row.bind(q, 2, requestId);
    q.bind(3, t.startedAtMs);
    m_row.bind(q, 4, route);
    m_row.bind(q, 5, method);
    m_row.bind(q, 6, path);
    m_row.bind(q, 7, consumer);
    q.bind(8, qint64(t.status));
    q.bindText(9, outcomeName(t.outcome));
    m_row.bind(q, 10, servedBy);
    m_row.bind(q, 11, servedModel);
    q.bind(12, qint64(t.fallbackDepth));
    q.bind(13, qint64(t.attemptCount()));
    q.bind(14, t.durationMs);
    q.bindOptional(15, t.ttftMs);
    q.bindOptional(16, t.promptTokens);
    q.bindOptional(17, t.completionTokens);
    q.bind(18, t.cost);
    q.bind(19, t.bytesIn);
    q.bind(20, t.bytesOut);
    q.bind(21, qint64(t.cached));
    q.bind(22, qint64(t.staticAnswer));
    q.bind(23, qint64(t.degraded));
    q.bind(24, qint64(t.stream));
    q.bindText(25, m_trail.build(t.attempts, [this](OutcomeClass o) -> const std::string & { return outcomeName(o); }));
    // The id orders the log by start time (RequestLogIds.h); two requests
    // that started in the same millisecond with the same sequence (after a
    // restart, or a million rows apart) take the next sequence.
    qint64 row = 0;
    int inserted = SQLITE_CONSTRAINT;
    for (int attempt = 0; attempt < kRowIdAttempts && inserted != SQLITE_DONE; ++attempt) {
        row = requestRowId(t.startedAtMs, m_sequence++);
        q.bind(1, row);
        inserted = q.run();
        if ((inserted & 0xff) != SQLITE_CONSTRAINT)
            break;
    }
    if (inserted != SQLITE_DONE)
        return sqliteFailure(QStringLiteral("writing a request"), m_db, inserted);

    *bodyWritten = false;
    if (entry.exchange) {
        const CapturedExchange &x = *entry.exchange;
        const RedactedBody request = redactor.body(x.requestBody);
        const RedactedBody response = redactor.body(x.responseBody);
        const QByteArray requestHeaders = redactor.headersJson(x.requestHeaders);
        const QByteArray responseHeaders = redactor.headersJson(x.responseHeaders);
        Statement &b = m_body;
        b.bind(1, row);
        b.bindText(2, requestHeaders.constData(), requestHeaders.size());
        b.bindBlob(3, request.bytes);
        b.bindText(4, responseHeaders.constData(), responseHeaders.size());
        b.bindBlob(5, response.bytes);
        b.bind(6, qint64(request.truncated || response.truncated));
        if (const int rc = b.run(); rc != SQLITE_DONE)
            return sqliteFailure(QStringLiteral("writing a request body"), m_db, rc);
        *bodyWritten = true;
    }
    return {};
}

Result<void> RequestLogWriter::Connection::write(std::vector<Entry> &entries, std::vector<Event> &events,
                                                 std::vector<MinuteRollup> &rollups, const Redactor &redactor,
                                                 std::uint64_t *bodiesWritten)
{
    if (const int rc = m_begin.run(); rc != SQLITE_DONE)
        return sqliteFailure(QStringLiteral("starting a request log batch"), m_db, rc);
    std::uint64_t bodies = 0;
    auto fail = [this](const Error &error) -> Result<void> {
        // A failed COMMIT may have rolled back already.
        if (!sqlite3_get_autocommit(m_db))
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        return error;
    };
    for (const Entry &entry : entries) {
        bool bodyWritten = false;
        if (auto done = insertRequest(entry, redactor, &bodyWritten); !done)
            return fail(done.error());
        bodies += bodyWritten ? 1 : 0;
    }
    for (const Event &event : events) {
        const QByteArray kind = event.kind.toUtf8();
        const QByteArray subject = event.subject.toUtf8();
        const QByteArray detail = QJsonDocument(event.detail).toJson(QJsonDocument::Compact);
        Statement &q = m_event;
        q.bind(1, event.atMs);
        q.bindText(2, kind.constData(), kind.size());
        q.bindText(3, subject.constData(), subject.size());
        q.bindText(4, detail.constData(), detail.size());
        if (const int rc = q.run(); rc != SQLITE_DONE)
            return fail(sqliteFailure(QStringLiteral("writing an event"), m_db, rc));
    }
    for (const MinuteRollup &r : rollups) {
        nlohmann::ordered_json outcomes = nlohmann::ordered_json::object();
        for (const auto &[name, count] : r.outcomes)
            outcomes[name.toStdString()] = count;
        const QByteArray route = r.route.toUtf8();
        const std::string outcomesJson = outcomes.dump();
        const std::string latency = histogramJson(r.latencyHistogram);
        const std::string ttft = histogramJson(r.ttftHistogram);
        Statement &q = m_rollup;
        q.bind(1, r.minuteMs);
        q.bindText(2, route.constData(), route.size());
        q.bind(3, r.requests);
        q.bind(4, r.errors);
        q.bind(5, r.fallbacks);
        q.bindText(6, outcomesJson);
        q.bindOptional(7, r.latencyP50Ms);
        q.bindOptional(8, r.latencyP95Ms);
        q.bindOptional(9, r.latencyP99Ms);
        q.bindOptional(10, r.ttftP50Ms);
        q.bindOptional(11, r.ttftP95Ms);
        q.bindOptional(12, r.ttftP99Ms);
        q.bindText(13, latency);
        q.bindText(14, ttft);
        q.bind(15, r.promptTokens);
        q.bind(16, r.completionTokens);
        q.bind(17, r.cost);
        if (const int rc = q.run(); rc != SQLITE_DONE)
            return fail(sqliteFailure(QStringLiteral("writing a metrics rollup"), m_db, rc));
    }
    if (const int rc = m_commit.run(); rc != SQLITE_DONE)
        return fail(sqliteFailure(QStringLiteral("committing a request log batch"), m_db, rc));
    *bodiesWritten = bodies;
    return {};
}

qint64 RequestLogWriter::Connection::deleteChunks(const char *sql, std::optional<qint64> before, int chunk,
                                                  qint64 limit, bool *ok)
{
    // Each DELETE is its own short transaction, so the console's readers
    // and the next batch never wait behind one huge delete.
    qint64 total = 0;
    Statement q;
    if (const int rc = q.prepare(m_db, sql); rc != SQLITE_OK) {
        qCWarning(lcRequestLog) << "retention:" << sqliteFailure(QStringLiteral("preparing"), m_db, rc).message;
        *ok = false;
        return 0;
    }
    while (limit < 0 || total < limit) {
        const qint64 n = limit < 0 ? chunk : std::min<qint64>(chunk, limit - total);
        int i = 1;
        if (before)
            q.bind(i++, *before);
        q.bind(i, n);
        if (const int rc = q.run(); rc != SQLITE_DONE) {
            qCWarning(lcRequestLog) << "retention:" << sqliteFailure(QStringLiteral("deleting"), m_db, rc).message;
            *ok = false;
            break;
        }
        const qint64 deleted = sqlite3_changes64(m_db);
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
    // Row ids sort by start time (RequestLogIds.h).
    result.requestsByAge = deleteChunks("DELETE FROM requests WHERE id IN (SELECT id FROM requests WHERE"
                                        " id < ? ORDER BY id LIMIT ?)",
                                        requestRowIdFloor(nowMs - policy.maxAgeMs), chunk, -1, &result.ok);
    if (policy.maxRows >= 0) {
        sqlite3_stmt *statement = nullptr;
        int rc = sqlite3_prepare_v2(m_db, "SELECT count(*) FROM requests", -1, &statement, nullptr);
        if (rc == SQLITE_OK)
            rc = sqlite3_step(statement);
        const qint64 count = rc == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : 0;
        sqlite3_finalize(statement);
        if (rc != SQLITE_ROW) {
            qCWarning(lcRequestLog) << "retention:"
                                    << sqliteFailure(QStringLiteral("counting requests"), m_db, rc).message;
            result.ok = false;
        } else if (const qint64 excess = count - policy.maxRows; excess > 0) {
            result.requestsByCount = deleteChunks("DELETE FROM requests WHERE id IN (SELECT id FROM requests"
                                                  " ORDER BY id LIMIT ?)",
                                                  std::nullopt, chunk, excess, &result.ok);
        }
    }
    result.events = deleteChunks("DELETE FROM events WHERE id IN (SELECT id FROM events WHERE at_ms < ?"
                                 " ORDER BY at_ms, id LIMIT ?)",
                                 nowMs - policy.eventMaxAgeMs, chunk, -1, &result.ok);
    // At most a few thousand rows a day (routes x 1440 minutes): one
    // statement is short enough.
    {
        Statement q;
        int rc = q.prepare(m_db, "DELETE FROM metrics_minute WHERE minute_ms < ?");
        if (rc == SQLITE_OK) {
            q.bind(1, nowMs - policy.rollupMaxAgeMs);
            rc = q.run();
        }
        if (rc == SQLITE_DONE) {
            result.rollups = sqlite3_changes64(m_db);
        } else {
            qCWarning(lcRequestLog) << "retention:"
                                    << sqliteFailure(QStringLiteral("deleting rollups"), m_db, rc).message;
            result.ok = false;
        }
    }
    result.tookMs = timer.elapsed();
    return result;
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
    submit(RequestTrail(trail), std::move(exchange));
}

void RequestLogWriter::submit(RequestTrail &&trail, std::shared_ptr<const CapturedExchange> exchange)
{
    Entry entry;
    entry.summaryBytes = summaryBytes(trail);
    entry.bodyBytes = exchange ? capturedByteSize(*exchange) : 0;
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
