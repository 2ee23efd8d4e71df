#include "observe/RequestLogSegments.h"
#include "observe/RequestLogConnection.h"

// The writer's side of the request log's segments (RequestLogSegments.h):
// reading the catalog, starting a segment, dropping the oldest, and mending
// the route spans and bodies after rows went.

namespace understudy {

using requestlog::sqliteFailure;
using requestlog::Statement;

std::string RequestLogWriter::Connection::segmentsViewSql() const
{
    std::vector<qint64> seqs;
    seqs.reserve(m_segments.size());
    for (const Segment &segment : m_segments)
        seqs.push_back(segment.seq);
    return requestlog::requestsViewSql(seqs);
}

Result<void> RequestLogWriter::Connection::loadSegments()
{
    m_segments.clear();
    Statement q;
    int rc = q.prepare(m_db, "SELECT seq, row_count FROM request_segments ORDER BY seq");
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        rc = q.step();
        if (rc == SQLITE_ROW)
            m_segments.push_back({q.columnInt64(0), q.columnInt64(1)});
    }
    if (rc != SQLITE_DONE)
        return sqliteFailure(QStringLiteral("reading the request log segments"), m_db, rc);
    if (m_segments.empty()) {
        // Only a hand-edited file gets here: the migration to schema 7
        // creates the first segment.
        if (auto started = startSegment(); !started)
            return started;
    }
    m_rowCount = 0;
    for (const Segment &segment : m_segments)
        m_rowCount += segment.rows;
    return {};
}

Result<void> RequestLogWriter::Connection::startSegment()
{
    const qint64 seq = m_segments.empty() ? 1 : m_segments.back().seq + 1;
    m_segments.push_back({seq, 0});
    const std::string sql = "BEGIN IMMEDIATE; " + requestlog::createSegmentSql(seq) +
                            " INSERT INTO request_segments (seq, row_count) VALUES (" + std::to_string(seq) + ", 0); " +
                            segmentsViewSql() + "; COMMIT";
    if (auto done = exec(sql.c_str(), QStringLiteral("starting request log segment %1").arg(seq)); !done) {
        rollbackIfOpen();
        m_segments.pop_back();
        return done;
    }
    // The segment exists now; if its statements do not prepare, the next
    // batch tries again (write()) rather than writing elsewhere.
    return prepareInserts();
}

std::optional<qint64> RequestLogWriter::Connection::segmentEdge(qint64 seq, bool largest, bool *ok)
{
    Statement q;
    const std::string sql =
        "SELECT id FROM " + requestlog::segmentTable(seq) + " ORDER BY id " + (largest ? "DESC" : "ASC") + " LIMIT 1";
    int rc = q.prepare(m_db, sql.c_str());
    if (rc == SQLITE_OK)
        rc = q.step();
    if (rc == SQLITE_ROW)
        return q.columnInt64(0);
    if (rc != SQLITE_DONE) {
        qCWarning(lcRequestLog) << "retention:"
                                << sqliteFailure(QStringLiteral("reading a segment's ids"), m_db, rc).message;
        *ok = false;
    }
    return std::nullopt;
}

Result<void> RequestLogWriter::Connection::mendAfterDelete(qint64 firstId, qint64 lastId)
{
    // Bodies of requests that are gone. A request that ran long may sit in
    // a newer segment than its id's neighbours: its body stays.
    {
        Statement q;
        int rc = q.prepare(m_db, "DELETE FROM request_bodies WHERE request BETWEEN ?1 AND ?2"
                                 " AND request NOT IN (SELECT id FROM requests WHERE id BETWEEN ?1 AND ?2)");
        if (rc == SQLITE_OK) {
            q.bind(1, firstId);
            q.bind(2, lastId);
            rc = q.run();
        }
        if (rc != SQLITE_DONE && rc != SQLITE_OK)
            return sqliteFailure(QStringLiteral("deleting the bodies of deleted requests"), m_db, rc);
    }
    // The spans over the range: recounted and narrowed to the first row
    // left, or dropped once empty, so every request left is in exactly one
    // span and the spans' counts add up.
    struct Span
    {
        std::string route;
        qint64 firstId = 0, lastId = 0;
    };
    std::vector<Span> spans;
    Statement find, count, update, remove;
    for (auto [statement, sql] : std::initializer_list<std::pair<Statement *, const char *>>{
             {&find, "SELECT route, first_id, last_id FROM request_route_spans WHERE last_id >= ? AND first_id <= ?"},
             {&count, "SELECT count(*), min(id) FROM requests WHERE route = ? AND id BETWEEN ? AND ?"},
             {&update, "UPDATE request_route_spans SET row_count = ?, first_id = ?"
                       " WHERE route = ? AND last_id = ? AND first_id = ?"},
             {&remove, "DELETE FROM request_route_spans WHERE route = ? AND last_id = ? AND first_id = ?"},
         }) {
        if (const int rc = statement->prepare(m_db, sql); rc != SQLITE_OK)
            return sqliteFailure(QStringLiteral("preparing the span repair"), m_db, rc);
    }
    find.bind(1, firstId);
    find.bind(2, lastId);
    int rc = SQLITE_ROW;
    while ((rc = find.step()) == SQLITE_ROW) {
        const auto *route = reinterpret_cast<const char *>(sqlite3_column_text(find.handle(), 0));
        spans.push_back({route ? route : "", find.columnInt64(1), find.columnInt64(2)});
    }
    if (rc != SQLITE_DONE)
        return sqliteFailure(QStringLiteral("reading the route spans"), m_db, rc);
    for (const Span &span : spans) {
        count.bindText(1, span.route);
        count.bind(2, span.firstId);
        count.bind(3, span.lastId);
        rc = count.step();
        const qint64 rows = rc == SQLITE_ROW ? count.columnInt64(0) : -1;
        const qint64 firstLeft = rc == SQLITE_ROW ? count.columnInt64(1) : 0;
        count.reset();
        if (rows < 0)
            return sqliteFailure(QStringLiteral("recounting a route span"), m_db, rc);
        Statement &q = rows == 0 ? remove : update;
        int i = 1;
        if (rows > 0) {
            q.bind(i++, rows);
            q.bind(i++, firstLeft);
        }
        q.bindText(i++, span.route);
        q.bind(i++, span.lastId);
        q.bind(i, span.firstId);
        if (rc = q.run(); rc != SQLITE_DONE)
            return sqliteFailure(QStringLiteral("mending a route span"), m_db, rc);
    }
    return {};
}

qint64 RequestLogWriter::Connection::dropOldestSegment(bool *ok)
{
    if (m_segments.size() < 2)
        return 0;
    const Segment oldest = m_segments.front();
    const std::optional<qint64> first = segmentEdge(oldest.seq, false, ok);
    const std::optional<qint64> last = segmentEdge(oldest.seq, true, ok);
    if (!*ok)
        return 0;
    m_segments.erase(m_segments.begin());
    auto fail = [&](const Error &error) -> qint64 {
        qCWarning(lcRequestLog) << "retention:" << error.message;
        rollbackIfOpen();
        m_segments.insert(m_segments.begin(), oldest);
        *ok = false;
        return 0;
    };
    // One transaction: the view, the catalog, the bodies and the spans
    // change together or not at all.
    if (const int rc = m_begin.run(); rc != SQLITE_DONE)
        return fail(sqliteFailure(QStringLiteral("dropping a request log segment"), m_db, rc));
    const std::string sql = segmentsViewSql() + "; DROP TABLE " + requestlog::segmentTable(oldest.seq) +
                            "; DELETE FROM request_segments WHERE seq = " + std::to_string(oldest.seq);
    if (auto done = exec(sql.c_str(), QStringLiteral("dropping request log segment %1").arg(oldest.seq)); !done)
        return fail(done.error());
    if (first && last) {
        if (auto mended = mendAfterDelete(*first, *last); !mended)
            return fail(mended.error());
    }
    if (const int rc = m_commit.run(); rc != SQLITE_DONE)
        return fail(sqliteFailure(QStringLiteral("dropping a request log segment"), m_db, rc));
    m_rowCount -= oldest.rows;
    return oldest.rows;
}

} // namespace understudy
