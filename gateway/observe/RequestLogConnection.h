#pragma once

// Inside the request log writer (not for other users): the queued entry and
// the writer thread's SQLite connection with its prepared statements and
// row encoders. RequestLogWriter.cpp runs the queue and the thread;
// RequestLogConnection.cpp writes and prunes the rows.

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
    void bindText(int i, const std::string &text) { bindText(i, text.data(), qsizetype(text.size())); }
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

// A growable byte buffer for the row encoders below. Unlike std::string,
// making room writes nothing (no zero fill), and an encoder that made room
// once writes through a plain pointer. Positions are offsets: they stay
// valid when the buffer moves as it grows.
class ByteBuffer final
{
public:
    void clear() { m_size = 0; }
    std::size_t size() const { return m_size; }
    const char *data() const { return m_bytes.get(); }
    // Room for `n` more bytes at the end; the pointer is valid until the
    // next reserve(). Write, then commit() where the writing ended.
    char *reserve(std::size_t n)
    {
        if (m_capacity - m_size < n)
            grow(n);
        return m_bytes.get() + m_size;
    }
    void commit(const char *end) { m_size = std::size_t(end - m_bytes.get()); }
    void truncate(std::size_t size) { m_size = size; }

private:
    void grow(std::size_t n)
    {
        const std::size_t capacity = std::max({m_capacity * 2, m_size + n, std::size_t(4096)});
        std::unique_ptr<char[]> bytes(new char[capacity]); // uninitialised on purpose
        if (m_size > 0)
            std::memcpy(bytes.get(), m_bytes.get(), m_size);
        m_bytes = std::move(bytes);
        m_capacity = capacity;
    }

    std::unique_ptr<char[]> m_bytes;
    std::size_t m_size = 0, m_capacity = 0;
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
        const qsizetype n = text.size();
        // UTF-8 takes at most three bytes per UTF-16 unit.
        char *out = m_bytes.reserve(3 * std::size_t(n));
        // ASCII, the usual case (routes, paths, targets), one byte per unit;
        // anything else through the encoder.
        const QChar *units = text.data();
        for (qsizetype i = 0; i < n; ++i) {
            const char16_t unit = units[i].unicode();
            if (unit >= 0x80) {
                m_bytes.commit(m_encoder.appendToBuffer(out, text));
                return {at, m_bytes.size() - at};
            }
            out[i] = char(unit);
        }
        m_bytes.commit(out + n);
        return {at, std::size_t(n)};
    }
    Slot addLatin1(const QByteArray &text)
    {
        for (char c : text) {
            if (static_cast<unsigned char>(c) >= 0x80)
                return add(QString::fromLatin1(text));
        }
        const std::size_t at = m_bytes.size();
        char *out = m_bytes.reserve(std::size_t(text.size()));
        std::memcpy(out, text.constData(), std::size_t(text.size()));
        m_bytes.commit(out + text.size());
        return {at, std::size_t(text.size())};
    }
    // What was appended to bytes() since `offset`, e.g. by a CompactJson.
    Slot since(std::size_t offset) const { return {offset, m_bytes.size() - offset}; }
    ByteBuffer &bytes() { return m_bytes; }
    void bind(Statement &statement, int i, Slot slot) const
    {
        statement.bindText(i, m_bytes.data() + slot.offset, qsizetype(slot.size));
    }

private:
    ByteBuffer m_bytes;
    QStringEncoder m_encoder{QStringEncoder::Utf8, QStringEncoder::Flag::Stateless};
};

// Compact JSON text (no spaces), appended to a ByteBuffer: the
// requests.summary and requests.trail columns (see schema v5) are arrays of
// plain values, written without a JSON library's per-value allocations.
// Each value makes room for its longest form once and is written through a
// pointer.
class CompactJson final
{
public:
    // Starts a new text at the end of `out`.
    void begin(ByteBuffer &out)
    {
        m_out = &out;
        m_first = true;
    }

    // `[`, `]`, and the comma before every value but an array's first.
    void open()
    {
        char *p = start(1);
        *p++ = '[';
        m_out->commit(p);
        m_first = true;
    }
    void close()
    {
        char *p = m_out->reserve(1);
        *p++ = ']';
        m_out->commit(p);
        m_first = false;
    }
    void number(qint64 value)
    {
        char *p = start(20);
        m_out->commit(std::to_chars(p, p + 20, value).ptr);
    }
    // Shortest text that reads back as the same double; whole numbers (a
    // cost of 0, the usual case) take the integer path.
    void number(double value)
    {
        if (!std::isfinite(value)) {
            null();
            return;
        }
        if (std::trunc(value) == value && std::fabs(value) < 1e15) {
            number(qint64(value));
            return;
        }
        char *p = start(32);
        m_out->commit(std::to_chars(p, p + 32, value).ptr);
    }
    void null() { literal("null", 4); }
    // Negative: null (no time to first token, no token count).
    void optional(qint64 value)
    {
        if (value < 0)
            null();
        else
            number(value);
    }
    void optional(const std::optional<qint64> &value)
    {
        if (value)
            number(*value);
        else
            null();
    }
    // A string of [a-z0-9_] only, such as an outcome class name.
    void plain(const std::string &text)
    {
        char *p = start(text.size() + 2);
        *p++ = '"';
        std::memcpy(p, text.data(), text.size());
        p += text.size();
        *p++ = '"';
        m_out->commit(p);
    }
    // A JSON string: UTF-8, with quotes, backslashes and control characters
    // escaped.
    void string(const QString &text)
    {
        const qsizetype n = text.size();
        // The longest form: every unit a control character, `\u00XX`.
        char *p = start(6 * std::size_t(n) + 2);
        *p++ = '"';
        // Printable ASCII without quotes or backslashes, the usual case, is
        // copied one byte per unit; anything else goes the long way below.
        const QChar *units = text.constData();
        qsizetype i = 0;
        for (; i < n; ++i) {
            const char16_t unit = units[i].unicode();
            if (unit < 0x20 || unit >= 0x80 || unit == u'"' || unit == u'\\')
                break;
            p[i] = char(unit);
        }
        if (i < n) {
            p = escaped(p, text);
        } else {
            p += n;
        }
        *p++ = '"';
        m_out->commit(p);
    }

private:
    // Room for the comma and `n` bytes; writes the comma.
    char *start(std::size_t n)
    {
        char *p = m_out->reserve(n + 1);
        if (!m_first)
            *p++ = ',';
        m_first = false;
        return p;
    }
    void literal(const char *text, std::size_t n)
    {
        char *p = start(n);
        std::memcpy(p, text, n);
        m_out->commit(p + n);
    }
    // `text` as UTF-8 with JSON escapes, written at `p` (room for six bytes
    // a unit); returns the end.
    char *escaped(char *p, const QString &text)
    {
        m_utf8.resize(std::size_t(m_encoder.requiredSpace(text.size())));
        const char *end = m_encoder.appendToBuffer(m_utf8.data(), text);
        for (const char *c = m_utf8.data(); c != end; ++c) {
            const auto byte = static_cast<unsigned char>(*c);
            if (byte == '"' || byte == '\\') {
                *p++ = '\\';
                *p++ = char(byte);
            } else if (byte < 0x20) {
                static constexpr char kHex[] = "0123456789abcdef";
                *p++ = '\\';
                *p++ = 'u';
                *p++ = '0';
                *p++ = '0';
                *p++ = kHex[byte >> 4];
                *p++ = kHex[byte & 0xf];
            } else {
                *p++ = char(byte);
            }
        }
        return p;
    }

    ByteBuffer *m_out = nullptr;
    std::string m_utf8;
    bool m_first = true;
    QStringEncoder m_encoder{QStringEncoder::Utf8, QStringEncoder::Flag::Stateless};
};

} // namespace requestlog

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
    // A request's strings, UTF-8 in m_row.
    struct RowText
    {
        requestlog::Utf8Row::Slot requestId, route, path, servedBy, summary, trail;
    };
    RowText encode(const RequestTrail &t);
    // Binds every column but the id; `first` is the row's first parameter
    // (1 for the first row of a statement).
    void bindSummary(requestlog::Statement &q, int first, const RequestTrail &t, const RowText &text);
    // One request, taking another row id if its first choice is taken.
    Result<void> insertRequest(const Entry &entry, const Redactor &redactor, bool *bodyWritten);
    // kRowsPerStatement requests in one statement, their ids in `rows`;
    // returns SQLite's result code (SQLITE_CONSTRAINT when an id was taken:
    // then nothing was inserted, and the caller goes row by row).
    int insertRequests(const Entry *entries, qint64 *rows);
    Result<void> insertBody(const CapturedExchange &exchange, qint64 row, const Redactor &redactor);
    Result<void> exec(const char *sql, const QString &what);
    qint64 deleteChunks(const char *sql, std::optional<qint64> before, int chunk, qint64 limit, bool *ok);
    const std::string &outcomeName(OutcomeClass outcome);

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
    qint64 m_rowCount = 0;           // rows in the log, kept as rows are written and deleted
    quint64 m_sequence = 0;          // low bits of the next request row id
    requestlog::Utf8Row m_row;
    requestlog::CompactJson m_json;
    std::array<std::string, kAllOutcomeClasses.size()> m_outcomeNames;
};

} // namespace understudy
