#pragma once

// Inside the request log writer (not for other users): the queued entry and
// the writer thread's SQLite connection with its prepared statements. RequestLogWriter.cpp runs the queue and the
// thread; RequestLogConnection.cpp writes and prunes the rows.

#include "observe/RequestLogRow.h"
#include "observe/RequestLogWriter.h"
#include "observe/RequestRouteSpans.h"

#include <QLoggingCategory>
#include <QStringEncoder>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace understudy {

Q_DECLARE_LOGGING_CATEGORY(lcRequestLog)

namespace requestlog {

// "corrupt" for SQLITE_CORRUPT / SQLITE_NOTADB, "io_error" for everything
// else, like sqlFailure() for the Qt connections.
Error sqliteFailure(const QString &what, sqlite3 *db, int rc);

// One prepared statement, kept for the writer's whole life. Parameters are
// 1-based, as in SQLite. Text and blobs are bound without a copy
// (SQLITE_STATIC): the caller keeps them alive until step().
class Statement final
{
public:
    Statement() = default;
    ~Statement() { sqlite3_finalize(m_statement); }
    Q_DISABLE_COPY_MOVE(Statement)

    // Replaces the statement this one held, if any.
    int prepare(sqlite3 *db, const char *sql)
    {
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
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
    void bindText(int i, std::string_view text) { bindText(i, text.data(), qsizetype(text.size())); }
    void bindBlob(int i, const QByteArray &bytes)
    {
        // An empty body is stored as an empty blob, not NULL.
        sqlite3_bind_blob64(m_statement, i, bytes.isEmpty() ? "" : bytes.constData(), sqlite3_uint64(bytes.size()),
                            SQLITE_STATIC);
    }
    // One step of a query, its first column, and back to the start.
    int step() { return sqlite3_step(m_statement); }
    qint64 columnInt64(int column) const { return sqlite3_column_int64(m_statement, column); }
    sqlite3_stmt *handle() const { return m_statement; }
    void reset() { sqlite3_reset(m_statement); }
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

} // namespace requestlog

struct RequestLogWriter::Entry
{
    requestlog::EncodedRow row;
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

    // `policy` sizes the segments (RequestLogSegments.h).
    Result<void> open(const QString &path, const RetentionPolicy &policy);
    // One transaction for the whole batch; on failure the batch is rolled
    // back.
    Result<void> write(std::vector<Entry> &entries, std::vector<Event> &events, std::vector<MinuteRollup> &rollups,
                       const Redactor &redactor, std::uint64_t *bodiesWritten);
    RetentionResult retain(const RetentionPolicy &policy, qint64 nowMs);
    // Between batches: brings a log past its row cap back under it and
    // returns how many rows went. Usually that drops the oldest segment; a
    // segment too large to drop whole (the cap was lowered) loses its
    // oldest rows once the log is kCapTrimRows past the cap. A log at its
    // cap under steady traffic is trimmed as it grows, instead of by
    // millions of rows at once in the periodic run (which would stall the
    // queue into dropping).
    qint64 trimToCap(const RetentionPolicy &policy, bool *ok);
    static constexpr qint64 kCapTrimRows = 1000;

private:
    // Binds every column but the id; `first` is the row's first parameter
    // (1 for the first row of a statement).
    static void bindRow(requestlog::Statement &q, int first, const requestlog::EncodedRow &row);
    // One request, taking another row id if its first choice is taken.
    Result<void> insertRequest(const Entry &entry, const Redactor &redactor, bool *bodyWritten);
    // kRowsPerStatement requests in one statement, their ids in `rows`;
    // returns SQLite's result code (SQLITE_CONSTRAINT when an id was taken:
    // then nothing was inserted, and the caller goes row by row).
    int insertRequests(const Entry *entries, qint64 *rows);
    Result<void> insertBody(const CapturedExchange &exchange, qint64 row, const Redactor &redactor);
    Result<void> exec(const char *sql, const QString &what);
    // Ends a transaction a failure left open, if any.
    void rollbackIfOpen();
    qint64 deleteChunks(const char *sql, std::optional<qint64> before, int chunk, qint64 limit, bool *ok);

    sqlite3 *m_db = nullptr;
    // The batch's route spans go in with its rows (schema 6).
    Result<void> insertSpans();

    // Segments (schema 7, RequestLogSegments.h; RequestLogSegments.cpp).
    struct Segment
    {
        qint64 seq = 0;
        qint64 rows = 0;
    };
    Result<void> loadSegments();
    // The insert statements, for the newest segment.
    Result<void> prepareInserts();
    // A new newest segment, in its own transaction.
    Result<void> startSegment();
    // Drops the oldest segment (not the newest) with its bodies; returns its
    // rows.
    qint64 dropOldestSegment(bool *ok);
    // The smallest or largest id in a segment, if it has rows.
    std::optional<qint64> segmentEdge(qint64 seq, bool largest, bool *ok);
    // Deletes the oldest rows of one segment (with their bodies) in chunks:
    // all of those with an id below `beforeId`, or the oldest `limit` (-1:
    // no limit). Returns how many went.
    qint64 deleteRows(Segment &segment, std::optional<qint64> beforeId, qint64 limit, int chunk, bool *ok);
    // Brings the log down to the cap once it is at least `least` rows past
    // it (whole segments first); returns how many rows went.
    qint64 trimRows(const RetentionPolicy &policy, qint64 least, bool *ok);
    // Inside a transaction, after rows with ids in [firstId, lastId] went:
    // recounts the route spans over that range and drops the empty ones, and
    // deletes the bodies whose request is gone.
    Result<void> mendAfterDelete(qint64 firstId, qint64 lastId);
    std::string segmentsViewSql() const;

    requestlog::Statement m_begin, m_commit, m_request, m_requests, m_span, m_body, m_event, m_rollup, m_segmentRows;
    RouteSpanBuilder m_spans;
    std::vector<Segment> m_segments; // oldest first; the newest takes the writes
    qint64 m_segmentCapacity = 0;    // rows after which the next batch starts a segment
    bool m_insertsReady = false;     // m_request/m_requests prepared for the newest segment
    qint64 m_rowCount = 0;           // rows in the log, kept as rows are written and deleted
    quint64 m_sequence = 0;          // low bits of the next request row id
};

} // namespace understudy
