#include "observe/RequestLogConnection.h"

#include "observe/RequestLogIds.h"

#include <QElapsedTimer>

#include <limits>

// The request log's retention, on the writer's connection: deleting the
// oldest requests (by age, by row count, and down to the cap between
// batches) with their bodies, and keeping the route spans in step.

namespace understudy {

using requestlog::sqliteFailure;
using requestlog::Statement;

bool RequestLogWriter::Connection::trimSpans()
{
    // One transaction: a span is either trimmed and recounted or untouched.
    // Recounting scans only the cut span's ids (a batch's worth).
    const char *sql = "BEGIN IMMEDIATE;"
                      " DELETE FROM request_route_spans"
                      "  WHERE last_id < coalesce((SELECT min(id) FROM requests), 9223372036854775807);"
                      " UPDATE request_route_spans SET"
                      "  first_id = (SELECT min(id) FROM requests),"
                      "  row_count = (SELECT count(*) FROM requests r WHERE r.route = request_route_spans.route"
                      "   AND r.id BETWEEN (SELECT min(id) FROM requests) AND request_route_spans.last_id)"
                      "  WHERE first_id < (SELECT min(id) FROM requests);"
                      " COMMIT";
    if (auto done = exec(sql, QStringLiteral("retention: trimming the route spans")); !done) {
        qCWarning(lcRequestLog) << done.error().message;
        if (!sqlite3_get_autocommit(m_db))
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        return false;
    }
    return true;
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

Result<qint64> RequestLogWriter::Connection::countRows()
{
    // Every request is in exactly one span: their row counts add up to the
    // log's, without counting a million rows.
    sqlite3_stmt *statement = nullptr;
    int rc = sqlite3_prepare_v2(m_db, "SELECT coalesce(sum(row_count), 0) FROM request_route_spans", -1, &statement,
                                nullptr);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(statement);
    const qint64 count = rc == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : 0;
    sqlite3_finalize(statement);
    if (rc != SQLITE_ROW)
        return sqliteFailure(QStringLiteral("counting the request log"), m_db, rc);
    return count;
}

qint64 RequestLogWriter::Connection::deleteRequests(std::optional<qint64> beforeId, qint64 limit, int chunk, bool *ok)
{
    // Row ids sort by start time (RequestLogIds.h): the oldest requests are
    // an id range. Each chunk finds its last id, then deletes the range's
    // bodies and requests in one short transaction, so the console's readers
    // never wait behind one huge delete.
    const qint64 bound = beforeId.value_or(std::numeric_limits<qint64>::max());
    chunk = std::max(1, chunk);
    qint64 total = 0;
    Statement last, bodies, requests;
    for (auto [statement, sql] : std::initializer_list<std::pair<Statement *, const char *>>{
             {&last, "SELECT id FROM requests WHERE id < ? ORDER BY id LIMIT 1 OFFSET ?"},
             {&bodies, "DELETE FROM request_bodies WHERE request <= ?"},
             {&requests, "DELETE FROM requests WHERE id <= ?"},
         }) {
        if (const int rc = statement->prepare(m_db, sql); rc != SQLITE_OK) {
            qCWarning(lcRequestLog) << "retention:" << sqliteFailure(QStringLiteral("preparing"), m_db, rc).message;
            *ok = false;
            return 0;
        }
    }
    while (limit < 0 || total < limit) {
        const qint64 n = limit < 0 ? chunk : std::min<qint64>(chunk, limit - total);
        last.bind(1, bound);
        last.bind(2, n - 1);
        const int found = last.step();
        // Fewer than n rows left below the bound: this chunk takes them all.
        const qint64 upTo = found == SQLITE_ROW ? last.columnInt64(0) : bound - 1;
        last.reset();
        if (found != SQLITE_ROW && found != SQLITE_DONE) {
            qCWarning(lcRequestLog) << "retention:" << sqliteFailure(QStringLiteral("finding"), m_db, found).message;
            *ok = false;
            break;
        }
        int rc = m_begin.run();
        if (rc == SQLITE_DONE) {
            bodies.bind(1, upTo);
            rc = bodies.run();
        }
        if (rc == SQLITE_DONE) {
            requests.bind(1, upTo);
            rc = requests.run();
        }
        const qint64 deleted = sqlite3_changes64(m_db);
        if (rc == SQLITE_DONE)
            rc = m_commit.run();
        if (rc != SQLITE_DONE) {
            qCWarning(lcRequestLog) << "retention:" << sqliteFailure(QStringLiteral("deleting"), m_db, rc).message;
            if (!sqlite3_get_autocommit(m_db))
                sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
            *ok = false;
            break;
        }
        total += deleted;
        m_rowCount -= deleted;
        if (found != SQLITE_ROW)
            break;
    }
    return total;
}

qint64 RequestLogWriter::Connection::trimToCap(const RetentionPolicy &policy, bool *ok)
{
    if (policy.maxRows < 0 || m_rowCount - policy.maxRows < kCapTrimRows)
        return 0;
    return deleteRequests(std::nullopt, m_rowCount - policy.maxRows, policy.deleteChunk, ok);
}

RetentionResult RequestLogWriter::Connection::retain(const RetentionPolicy &policy, qint64 nowMs)
{
    QElapsedTimer timer;
    timer.start();
    RetentionResult result;
    const int chunk = std::max(1, policy.deleteChunk);
    // Row ids sort by start time (RequestLogIds.h).
    result.requestsByAge =
        deleteRequests(requestRowIdFloor(nowMs - policy.maxAgeMs), -1, policy.deleteChunk, &result.ok);
    // Always, not only after deleting by age: it also mends spans that an
    // interrupted retention run left behind.
    if (!trimSpans())
        result.ok = false;
    if (policy.maxRows >= 0) {
        if (auto count = countRows(); !count) {
            qCWarning(lcRequestLog) << "retention:" << count.error().message;
            result.ok = false;
        } else {
            m_rowCount = *count;
            if (const qint64 excess = m_rowCount - policy.maxRows; excess > 0) {
                result.requestsByCount = deleteRequests(std::nullopt, excess, policy.deleteChunk, &result.ok);
                if (!trimSpans())
                    result.ok = false;
            }
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

} // namespace understudy
