#include "observe/RequestLogConnection.h"

#include "observe/RequestLogIds.h"
#include "observe/RequestLogSegments.h"

#include <QJsonDocument>

#include <nlohmann/json.hpp>

#include <cmath>

namespace understudy {

namespace requestlog {

Error sqliteFailure(const QString &what, sqlite3 *db, int rc)
{
    const int primary = rc & 0xff;
    const bool corrupt = primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
    const char *message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return Error{corrupt ? QStringLiteral("corrupt") : QStringLiteral("io_error"),
                 what + QStringLiteral(": ") + QString::fromUtf8(message)};
}

} // namespace requestlog

namespace {

using requestlog::CompactJson;
using requestlog::sqliteFailure;
using requestlog::Statement;

constexpr int kMinimumSchema = 7;
constexpr int kSummaryColumns = 9;
constexpr char kInsertRequestColumns[] =
    " (id, request_id, route, path, status, outcome, served_by, summary, trail) VALUES ";

// Into one segment table (RequestLogSegments.h).
std::string insertRequestsSql(const std::string &table, int rows)
{
    std::string row = "(?";
    for (int column = 1; column < kSummaryColumns; ++column)
        row += ", ?";
    row += ')';
    std::string sql = "INSERT INTO " + table + kInsertRequestColumns;
    for (int i = 0; i < rows; ++i) {
        if (i > 0)
            sql += ", ";
        sql += row;
    }
    return sql;
}

// SQLite counts every allocation under a global mutex unless it is told not
// to, and the writer allocates for every row. The switch only takes before
// SQLite initializes, so it runs as the program loads, before main() and
// before Qt's driver opens anything. Nothing here reads those statistics.
[[maybe_unused]] const bool kSqliteAllocationStatsOff = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
}();
// Tries to find a free id among requests that started in the same millisecond.
constexpr int kRowIdAttempts = 16;
constexpr int kBusyTimeoutMs = 5000;

std::string histogramJson(const std::map<double, qint64> &histogram)
{
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (const auto &[bound, count] : histogram)
        object[std::isinf(bound) ? std::string("+Inf") : QString::number(bound, 'g', 8).toStdString()] = count;
    return object.dump();
}

} // namespace

RequestLogWriter::Connection::~Connection()
{
    // The statements are members, finalized after this body runs: _v2
    // closes once the last of them is gone.
    sqlite3_close_v2(m_db);
}

void RequestLogWriter::Connection::rollbackIfOpen()
{
    // A failed statement or COMMIT may have rolled back already.
    if (!sqlite3_get_autocommit(m_db))
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
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

Result<void> RequestLogWriter::Connection::open(const QString &path, const RetentionPolicy &policy)
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
    // is truncated back by the checkpoint, so it stays bounded). Foreign
    // keys are off on this connection only: it writes a body after its
    // request in the same transaction, and deletes the bodies of the
    // requests it deletes itself, by id range (deleteRequests); SQLite's
    // ON DELETE CASCADE would look each deleted row up in request_bodies,
    // which costs more than the rest of the delete. Debian builds SQLite
    // with secure_delete on, which also writes every page a dropped segment
    // frees, zeroed, through the WAL into the file (a 125,000-row segment:
    // 0.17 s instead of 0.01 s); FAST still zeroes deleted rows in the pages
    // that are written anyway, and freed pages are reused by the next
    // segments.
    if (auto done = exec("PRAGMA foreign_keys = OFF; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -2048;"
                         " PRAGMA wal_autocheckpoint = 4000; PRAGMA secure_delete = FAST",
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
             {&m_segmentRows, "UPDATE request_segments SET row_count = row_count + ? WHERE seq = ?"},
             {&m_span, "INSERT INTO request_route_spans (route, first_id, last_id, row_count) VALUES (?, ?, ?, ?)"},
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
    m_segmentCapacity = requestlog::segmentRowsFor(policy);
    if (auto loaded = loadSegments(); !loaded)
        return loaded;
    return prepareInserts();
}

Result<void> RequestLogWriter::Connection::prepareInserts()
{
    m_insertsReady = false;
    const std::string table = requestlog::segmentTable(m_segments.back().seq);
    const std::string insertOne = insertRequestsSql(table, 1);
    const std::string insertMany = insertRequestsSql(table, kRowsPerStatement);
    for (auto [statement, sql] : std::initializer_list<std::pair<Statement *, const char *>>{
             {&m_request, insertOne.c_str()},
             {&m_requests, insertMany.c_str()},
         }) {
        if (const int prepared = statement->prepare(m_db, sql); prepared != SQLITE_OK)
            return sqliteFailure(QStringLiteral("preparing the request log statements"), m_db, prepared);
    }
    m_insertsReady = true;
    return {};
}

void RequestLogWriter::Connection::bindRow(Statement &q, int first, const requestlog::EncodedRow &row)
{
    using requestlog::EncodedRow;
    const int c = first - 1; // column n is parameter c + n
    q.bindText(c + 2, row.text(EncodedRow::RequestId));
    q.bindText(c + 3, row.text(EncodedRow::Route));
    q.bindText(c + 4, row.text(EncodedRow::Path));
    q.bind(c + 5, qint64(row.status));
    q.bindText(c + 6, requestlog::outcomeText(row.outcome));
    q.bindText(c + 7, row.text(EncodedRow::ServedBy));
    q.bindText(c + 8, row.text(EncodedRow::Summary));
    q.bindText(c + 9, row.text(EncodedRow::Trail));
}

Result<void> RequestLogWriter::Connection::insertRequest(const Entry &entry, const Redactor &redactor,
                                                         bool *bodyWritten)
{
    const requestlog::EncodedRow &r = entry.row;
    Statement &q = m_request;
    bindRow(q, 1, r);
    // The id orders the log by start time (RequestLogIds.h); two requests
    // that started in the same millisecond with the same sequence (after a
    // restart, or a million rows apart) take the next sequence.
    qint64 row = 0;
    int inserted = SQLITE_CONSTRAINT;
    for (int attempt = 0; attempt < kRowIdAttempts && inserted != SQLITE_DONE; ++attempt) {
        row = requestRowId(r.startedAtMs, m_sequence++);
        q.bind(1, row);
        inserted = q.run();
        if ((inserted & 0xff) != SQLITE_CONSTRAINT)
            break;
    }
    if (inserted != SQLITE_DONE)
        return sqliteFailure(QStringLiteral("writing a request"), m_db, inserted);
    m_spans.add(r.text(requestlog::EncodedRow::Route), row);

    *bodyWritten = false;
    if (entry.exchange) {
        if (auto done = insertBody(*entry.exchange, row, redactor); !done)
            return done;
        *bodyWritten = true;
    }
    return {};
}

int RequestLogWriter::Connection::insertRequests(const Entry *entries, qint64 *rows)
{
    Statement &q = m_requests;
    for (int i = 0; i < kRowsPerStatement; ++i) {
        const requestlog::EncodedRow &r = entries[i].row;
        const int first = 1 + i * kSummaryColumns;
        bindRow(q, first, r);
        rows[i] = requestRowId(r.startedAtMs, m_sequence++);
        q.bind(first, rows[i]);
    }
    // On a constraint failure the statement undoes its own rows only.
    return q.run();
}

Result<void> RequestLogWriter::Connection::insertBody(const CapturedExchange &x, qint64 row, const Redactor &redactor)
{
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
    return {};
}

Result<void> RequestLogWriter::Connection::write(std::vector<Entry> &entries, std::vector<Event> &events,
                                                 std::vector<MinuteRollup> &rollups, const Redactor &redactor,
                                                 std::uint64_t *bodiesWritten)
{
    if (!entries.empty() && m_segments.back().rows >= m_segmentCapacity &&
        m_segments.size() < requestlog::kMaxSegments) {
        // A failed start leaves the newest segment taking the rows; the next
        // batch tries again.
        if (auto started = startSegment(); !started)
            qCWarning(lcRequestLog) << "starting a request log segment:" << started.error().message;
    }
    // After a failed prepare (startSegment) the batch waits for statements.
    if (!entries.empty() && !m_insertsReady) {
        if (auto prepared = prepareInserts(); !prepared)
            return prepared.error();
    }
    if (const int rc = m_begin.run(); rc != SQLITE_DONE)
        return sqliteFailure(QStringLiteral("starting a request log batch"), m_db, rc);
    std::uint64_t bodies = 0;
    auto fail = [this](const Error &error) -> Result<void> {
        m_spans.take(); // rolled back with the rows
        rollbackIfOpen();
        return error;
    };
    for (std::size_t i = 0; i < entries.size();) {
        std::size_t oneByOne = entries.size() - i; // a batch's tail, shorter than a statement's rows
        if (oneByOne >= std::size_t(kRowsPerStatement)) {
            std::array<qint64, kRowsPerStatement> rows{};
            const int rc = insertRequests(&entries[i], rows.data());
            if (rc == SQLITE_DONE) {
                for (int k = 0; k < kRowsPerStatement; ++k, ++i) {
                    m_spans.add(entries[i].row.text(requestlog::EncodedRow::Route), rows[std::size_t(k)]);
                    if (!entries[i].exchange)
                        continue;
                    if (auto done = insertBody(*entries[i].exchange, rows[std::size_t(k)], redactor); !done)
                        return fail(done.error());
                    ++bodies;
                }
                continue;
            }
            if ((rc & 0xff) != SQLITE_CONSTRAINT)
                return fail(sqliteFailure(QStringLiteral("writing requests"), m_db, rc));
            // An id was taken: these rows one at a time, each finding a free id.
            oneByOne = kRowsPerStatement;
        }
        for (const std::size_t end = i + oneByOne; i < end; ++i) {
            bool bodyWritten = false;
            if (auto done = insertRequest(entries[i], redactor, &bodyWritten); !done)
                return fail(done.error());
            bodies += bodyWritten ? 1 : 0;
        }
    }
    if (auto done = insertSpans(); !done)
        return fail(done.error());
    if (!entries.empty()) {
        m_segmentRows.bind(1, qint64(entries.size()));
        m_segmentRows.bind(2, m_segments.back().seq);
        if (const int rc = m_segmentRows.run(); rc != SQLITE_DONE)
            return fail(sqliteFailure(QStringLiteral("counting the segment's rows"), m_db, rc));
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
    m_rowCount += qint64(entries.size());
    m_segments.back().rows += qint64(entries.size());
    *bodiesWritten = bodies;
    return {};
}

Result<void> RequestLogWriter::Connection::insertSpans()
{
    for (const RouteSpan &span : m_spans.take()) {
        Statement &q = m_span;
        q.bindText(1, span.route);
        q.bind(2, span.firstId);
        q.bind(3, span.lastId);
        q.bind(4, span.rows);
        if (const int rc = q.run(); rc != SQLITE_DONE)
            return sqliteFailure(QStringLiteral("writing the route spans"), m_db, rc);
    }
    return {};
}

} // namespace understudy
