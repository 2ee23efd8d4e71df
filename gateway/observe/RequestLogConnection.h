#pragma once

// Inside the request log writer (not for other users): the queued entry and
// the writer thread's SQLite connection with its prepared statements and
// row encoders. RequestLogWriter.cpp runs the queue and the thread;
// RequestLogConnection.cpp writes and prunes the rows.

#include "observe/RequestLogWriter.h"

#include <QLoggingCategory>
#include <QStringEncoder>

#include <sqlite3.h>

#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>

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
        // ASCII, the usual case (routes, paths, targets), one byte per unit;
        // anything else through the encoder.
        const std::size_t at = m_bytes.size();
        const qsizetype n = text.size();
        m_bytes.resize(at + std::size_t(n));
        char *out = m_bytes.data() + at;
        for (qsizetype i = 0; i < n; ++i) {
            const char16_t unit = text[i].unicode();
            if (unit >= 0x80) {
                m_bytes.resize(at);
                return addEncoded(text);
            }
            out[i] = char(unit);
        }
        return {at, std::size_t(n)};
    }
    Slot addEncoded(QStringView text)
    {
        const std::size_t at = m_bytes.size();
        m_bytes.resize(at + std::size_t(m_encoder.requiredSpace(text.size())));
        char *begin = m_bytes.data() + at;
        char *end = m_encoder.appendToBuffer(begin, text);
        m_bytes.resize(at + std::size_t(end - begin));
        return {at, std::size_t(end - begin)};
    }
    // Bytes that are UTF-8 already.
    Slot addUtf8(const std::string &text)
    {
        const std::size_t at = m_bytes.size();
        m_bytes.append(text);
        return {at, text.size()};
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

// Compact JSON text (no spaces), built in a reused buffer: the
// requests.summary and requests.trail columns (see schema v5) are arrays of
// plain values, written without a JSON library's per-value allocations.
class CompactJson final
{
public:
    void clear()
    {
        m_json.clear();
        m_first = true;
    }
    const std::string &text() const { return m_json; }

    // `[`, `]`, and the comma before every value but an array's first.
    void open()
    {
        comma();
        m_json.push_back('[');
        m_first = true;
    }
    void close()
    {
        m_json.push_back(']');
        m_first = false;
    }
    void number(qint64 value)
    {
        comma();
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
        m_json.append(digits, std::size_t(end - digits));
    }
    // Shortest text that reads back as the same double.
    void number(double value)
    {
        comma();
        if (!std::isfinite(value)) {
            m_json += "null";
            return;
        }
        char digits[32];
        const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
        m_json.append(digits, std::size_t(end - digits));
    }
    void null()
    {
        comma();
        m_json += "null";
    }
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
        comma();
        m_json.push_back('"');
        m_json += text;
        m_json.push_back('"');
    }
    // A JSON string: UTF-8, with quotes, backslashes and control characters
    // escaped.
    void string(const QString &text)
    {
        comma();
        // Printable ASCII without quotes or backslashes, the usual case, is
        // copied one byte per unit; anything else goes the long way below.
        const std::size_t at = m_json.size();
        const qsizetype n = text.size();
        const QChar *units = text.constData();
        m_json.resize(at + 1 + std::size_t(n));
        char *out = m_json.data() + at;
        *out++ = '"';
        qsizetype i = 0;
        for (; i < n; ++i) {
            const char16_t unit = units[i].unicode();
            if (unit < 0x20 || unit >= 0x80 || unit == u'"' || unit == u'\\')
                break;
            out[i] = char(unit);
        }
        if (i == n) {
            m_json.push_back('"');
            return;
        }
        m_json.resize(at);
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

private:
    void comma()
    {
        if (!m_first)
            m_json.push_back(',');
        m_first = false;
    }

    std::string m_json, m_utf8;
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

    Result<void> open(const QString &path);
    // One transaction for the whole batch; on failure the batch is rolled
    // back.
    Result<void> write(std::vector<Entry> &entries, std::vector<Event> &events, std::vector<MinuteRollup> &rollups,
                       const Redactor &redactor, std::uint64_t *bodiesWritten);
    RetentionResult retain(const RetentionPolicy &policy, qint64 nowMs);

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
    requestlog::Statement m_begin, m_commit, m_request, m_requests, m_body, m_event, m_rollup;
    quint64 m_sequence = 0; // low bits of the next request row id
    requestlog::Utf8Row m_row;
    requestlog::CompactJson m_json;
    std::array<std::string, kAllOutcomeClasses.size()> m_outcomeNames;
};

} // namespace understudy
