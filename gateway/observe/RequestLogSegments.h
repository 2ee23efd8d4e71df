#pragma once

// The request log's segments (schema 7). Requests are written to the newest
// of a few tables, request_segment_<seq>, listed in request_segments with
// their row counts; `requests` is a view over all of them (UNION ALL, which
// SQLite reads as a merge of the segments' id orders, so a page of the
// newest requests still reads only a page of rows). The writer starts a new
// segment once the newest holds segmentRowsFor() rows, and retention by
// row count drops the oldest segment whole: a DROP TABLE frees pages
// instead of deleting a million rows one B-tree cell at a time.
//
// A log at its cap of N rows therefore keeps between N - N/8 and N rows.
// Retention by age drops the segments that are entirely too old and deletes
// the old rows of the one it cuts through.

#include "observe/RequestLogWriter.h"

#include <QtGlobal>

#include <string>
#include <vector>

namespace understudy::requestlog {

// Segments per row cap: the log keeps at least 7/8 of its cap.
inline constexpr qint64 kSegmentsPerCap = 8;
// Without a row cap, segments still roll over (retention by age drops them).
inline constexpr qint64 kUncappedSegmentRows = 1000000;
// A UNION ALL view of more tables than SQLite's compound limit (500) would
// not compile; past this many segments the newest one keeps growing.
inline constexpr std::size_t kMaxSegments = 400;

inline qint64 segmentRowsFor(const RetentionPolicy &policy)
{
    if (policy.segmentRows > 0)
        return policy.segmentRows;
    return policy.maxRows > 0 ? std::max<qint64>(1, policy.maxRows / kSegmentsPerCap) : kUncappedSegmentRows;
}

inline std::string segmentTable(qint64 seq)
{
    return "request_segment_" + std::to_string(seq);
}

// A new, empty segment table with the indexes schema 5 gave `requests`.
inline std::string createSegmentSql(qint64 seq)
{
    const std::string t = segmentTable(seq);
    return "CREATE TABLE " + t +
           " (id INTEGER PRIMARY KEY, request_id TEXT NOT NULL, route TEXT NOT NULL, path TEXT NOT NULL,"
           " status INTEGER NOT NULL, outcome TEXT NOT NULL, served_by TEXT NOT NULL DEFAULT '',"
           " summary TEXT NOT NULL, trail TEXT NOT NULL DEFAULT '[]');"
           " CREATE INDEX " +
           t + "_outcome ON " + t + " (outcome) WHERE outcome <> 'ok';" + " CREATE INDEX " + t + "_status ON " + t +
           " (status) WHERE status >= 400;";
}

// Replaces the `requests` view with one over `seqs`.
inline std::string requestsViewSql(const std::vector<qint64> &seqs)
{
    std::string sql = "DROP VIEW IF EXISTS requests; CREATE VIEW requests AS ";
    for (std::size_t i = 0; i < seqs.size(); ++i) {
        if (i > 0)
            sql += " UNION ALL ";
        sql += "SELECT * FROM " + segmentTable(seqs[i]);
    }
    return sql;
}

} // namespace understudy::requestlog
