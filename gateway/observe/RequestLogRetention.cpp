#include "observe/RequestLogConnection.h"

#include "observe/RequestLogIds.h"
#include "observe/RequestLogSegments.h"

#include <QElapsedTimer>

#include <limits>

// The request log's retention, on the writer's connection: dropping the
// oldest segments and deleting the oldest requests (by age, by row count,
// and down to the cap between batches) with their bodies, and keeping the
// route spans in step.

namespace understudy {

using requestlog::sqliteFailure;
using requestlog::Statement;

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

qint64 RequestLogWriter::Connection::deleteRows(Segment &segment, std::optional<qint64> beforeId, qint64 limit,
                                                int chunk, bool *ok)
{
    // Row ids sort by start time (RequestLogIds.h): a segment's oldest
    // requests are an id range. Each chunk finds its last id, then deletes
    // the range's rows, their bodies and their spans in one short
    // transaction, so the console's readers never wait behind one huge
    // delete.
    const qint64 bound = beforeId.value_or(std::numeric_limits<qint64>::max());
    const std::string table = requestlog::segmentTable(segment.seq);
    const std::string findSql = "SELECT id FROM " + table + " WHERE id < ? ORDER BY id LIMIT 1 OFFSET ?";
    const std::string deleteSql = "DELETE FROM " + table + " WHERE id <= ?";
    chunk = std::max(1, chunk);
    qint64 total = 0;
    Statement last, rows;
    for (auto [statement, sql] : std::initializer_list<std::pair<Statement *, const char *>>{
             {&last, findSql.c_str()},
             {&rows, deleteSql.c_str()},
         }) {
        if (const int rc = statement->prepare(m_db, sql); rc != SQLITE_OK) {
            qCWarning(lcRequestLog) << "retention:" << sqliteFailure(QStringLiteral("preparing"), m_db, rc).message;
            *ok = false;
            return 0;
        }
    }
    while (limit < 0 || total < limit) {
        const std::optional<qint64> first = segmentEdge(segment.seq, false, ok);
        if (!first || *first >= bound)
            break;
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
        qint64 deleted = 0;
        if (rc == SQLITE_DONE) {
            rows.bind(1, upTo);
            rc = rows.run();
            deleted = sqlite3_changes64(m_db);
        }
        if (rc == SQLITE_DONE) {
            m_segmentRows.bind(1, -deleted);
            m_segmentRows.bind(2, segment.seq);
            rc = m_segmentRows.run();
        }
        if (rc == SQLITE_DONE) {
            if (auto mended = mendAfterDelete(*first, upTo); !mended) {
                qCWarning(lcRequestLog) << "retention:" << mended.error().message;
                rc = SQLITE_ERROR;
            }
        }
        if (rc == SQLITE_DONE)
            rc = m_commit.run();
        if (rc != SQLITE_DONE) {
            if (rc != SQLITE_ERROR)
                qCWarning(lcRequestLog) << "retention:" << sqliteFailure(QStringLiteral("deleting"), m_db, rc).message;
            rollbackIfOpen();
            *ok = false;
            break;
        }
        total += deleted;
        m_rowCount -= deleted;
        segment.rows -= deleted;
        if (found != SQLITE_ROW)
            break;
    }
    return total;
}

qint64 RequestLogWriter::Connection::trimToCap(const RetentionPolicy &policy, bool *ok)
{
    return trimRows(policy, kCapTrimRows, ok);
}

qint64 RequestLogWriter::Connection::trimRows(const RetentionPolicy &policy, qint64 least, bool *ok)
{
    if (policy.maxRows < 0)
        return 0;
    qint64 total = 0;
    // Whole segments while what stays keeps at least the cap less a
    // segment: under steady traffic the oldest segment always goes whole.
    while (*ok && m_rowCount > policy.maxRows && m_segments.size() > 1 &&
           m_rowCount - m_segments.front().rows >= policy.maxRows - m_segmentCapacity)
        total += dropOldestSegment(ok);
    // A segment larger than that (the cap was lowered, or the log was
    // migrated from one table) loses its oldest rows instead.
    while (*ok && m_rowCount - policy.maxRows >= std::max<qint64>(least, 1)) {
        Segment &oldest = m_segments.front();
        const qint64 deleted = deleteRows(oldest, std::nullopt, std::min(m_rowCount - policy.maxRows, oldest.rows),
                                          policy.deleteChunk, ok);
        total += deleted;
        if (oldest.rows <= 0 && m_segments.size() > 1)
            total += dropOldestSegment(ok);
        else if (deleted == 0)
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
    // Row ids sort by start time (RequestLogIds.h): segments whose newest
    // request is too old go whole, and every other segment loses the rows
    // below the cutoff (usually only the oldest segment has any).
    const qint64 cutoff = requestRowIdFloor(nowMs - policy.maxAgeMs);
    while (result.ok && m_segments.size() > 1) {
        const std::optional<qint64> newest = segmentEdge(m_segments.front().seq, true, &result.ok);
        if (newest && *newest >= cutoff)
            break;
        result.requestsByAge += dropOldestSegment(&result.ok);
    }
    for (std::size_t i = 0; result.ok && i < m_segments.size(); ++i)
        result.requestsByAge += deleteRows(m_segments[i], cutoff, -1, policy.deleteChunk, &result.ok);
    if (result.ok)
        result.requestsByCount = trimRows(policy, 1, &result.ok);
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
