#pragma once

// Reading the request log back: filtered, newest-first pages with a keyset
// cursor (stable under concurrent inserts: no duplicates or gaps between
// pages), one request's full trail with its stored headers/bodies, stored
// events and per-minute rollups.
//
// Threading: a RequestLogQuery owns its own SQLite connection and must be
// used on the thread that opened it (the console's store thread, the admin
// API's worker). WAL mode lets it read while the writer thread writes.

#include "core/Result.h"
#include "fallback/AttemptTrail.h"
#include "observe/Event.h"
#include "observe/MinuteRollup.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace understudy {

struct RequestFilter
{
    std::optional<qint64> fromMs; // started_at >= fromMs
    std::optional<qint64> toMs;   // started_at < toMs
    QString route;                // exact
    QString outcome;              // exact class name, e.g. "status_5xx"
    std::optional<int> statusMin; // inclusive; set both for one status
    std::optional<int> statusMax; // inclusive
    QString servedBy;             // substring of served_by (provider/model or step path)
    QString text;                 // substring of path, request id or served_by
};

struct LoggedRequest
{
    qint64 id = 0;      // row id; the cursor and request() use it
    int attempts = 0;   // attempts that went to a target
    RequestTrail trail; // summary; attempts filled only by request()
    bool hasBodies = false;
    // Filled by request() when bodies were stored.
    QByteArray requestHeadersJson, requestBody, responseHeadersJson, responseBody;
    bool bodiesTruncated = false;
};

struct RequestPage
{
    std::vector<LoggedRequest> rows; // newest first
    QString nextCursor;              // empty on the last page
};

struct EventFilter
{
    std::optional<qint64> fromMs;
    std::optional<qint64> toMs;
    QString kind;
    QString subject;
    int limit = 200; // newest first
};

class RequestLogQuery final
{
public:
    // Opens a read connection; fails if the workspace is older than the current schema.
    static Result<std::unique_ptr<RequestLogQuery>> open(const QString &workspacePath);
    ~RequestLogQuery();
    Q_DISABLE_COPY_MOVE(RequestLogQuery)

    // `cursor` is a previous page's nextCursor (or empty for the first
    // page). A malformed cursor is an "invalid_cursor" error.
    Result<RequestPage> find(const RequestFilter &filter, int limit, const QString &cursor = {});
    // The same rows with their attempt trails (no bodies): one query for a
    // page instead of one request() per row.
    Result<RequestPage> findWithAttempts(const RequestFilter &filter, int limit, const QString &cursor = {});
    Result<qint64> count(const RequestFilter &filter);
    // One request with its attempt trail and stored bodies ("not_found" if
    // retention took it).
    Result<LoggedRequest> request(qint64 id);

    Result<std::vector<Event>> events(const EventFilter &filter);
    Result<std::vector<MinuteRollup>> rollups(qint64 fromMs, qint64 toMs, const QString &route = {});

private:
    Result<RequestPage> findRows(const RequestFilter &filter, int limit, const QString &cursor, bool withAttempts);
    class Private;
    explicit RequestLogQuery(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace understudy
