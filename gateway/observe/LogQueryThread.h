#pragma once

// Reads of the request log off every latency-sensitive thread: ONE thread
// of its own owns a RequestLogQuery connection (opened on first use) and
// answers queued searches in order, calling each callback on that thread.
// Engine workers and the GUI/engine thread never run SQL for a reader.
//
// The types here mirror observe/RequestLogQuery.h's, so callers (the admin
// API's bridge) depend on neither the reader class nor its SQL connection.
//
// Event pages use a keyset cursor "<at_ms>:<id>" over (at_ms DESC, id DESC),
// so pages neither repeat nor skip events stored in the same millisecond.

#include "core/Result.h"
#include "fallback/AttemptTrail.h"
#include "observe/Event.h"

#include <QByteArray>
#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace understudy {

struct LogRequestSearch
{
    std::optional<qint64> fromMs; // started_at >= fromMs
    std::optional<qint64> toMs;   // started_at < toMs
    QString route;                // exact
    QString outcome;              // exact class name
    std::optional<int> statusMin, statusMax;
    QString servedBy; // substring
    QString text;     // substring of path, request id or served_by
    QString cursor;   // a previous page's nextCursor
    int limit = 100;
};

struct LogRequestRow
{
    qint64 id = 0;    // row id in the log
    int attempts = 0; // attempts that went to a target
    RequestTrail trail;
    bool hasBodies = false;
    QByteArray requestHeadersJson, requestBody, responseHeadersJson, responseBody; // request() only
    bool bodiesTruncated = false;
};

struct LogRequestPage
{
    std::vector<LogRequestRow> rows; // newest first
    QString nextCursor;              // empty on the last page
};

struct LogEventSearch
{
    std::optional<qint64> fromMs;
    std::optional<qint64> toMs;
    QString kind;
    QString cursor;
    int limit = 100;
};

struct LogEventPage
{
    std::vector<Event> events; // newest first
    QString nextCursor;
};

// The event keyset cursor, shared with in-memory event pages.
QString eventCursor(const Event &event);
// (at_ms, id); nullopt when malformed.
std::optional<std::pair<qint64, qint64>> parseEventCursor(const QString &cursor);
// Whether `event` comes after the cursor position in newest-first order.
bool isAfterEventCursor(const Event &event, const std::pair<qint64, qint64> &position);

class LogQueryThread final
{
public:
    explicit LogQueryThread(QString workspacePath);
    // Answers what is queued, then stops.
    ~LogQueryThread();
    Q_DISABLE_COPY_MOVE(LogQueryThread)

    // Callbacks run on the query thread. Errors: "unavailable" (cannot
    // open the log), "bad_query" (malformed cursor), "not_found".
    void findRequests(LogRequestSearch search, std::function<void(Result<LogRequestPage>)> done);
    // The request with this x-understudy-request-id, with its attempts and
    // stored bodies.
    void requestById(QByteArray requestId, std::function<void(Result<LogRequestRow>)> done);
    void findEvents(LogEventSearch search, std::function<void(Result<LogEventPage>)> done);

private:
    class Reader;
    void post(std::function<void(Reader &)> job);
    void run();

    const QString m_path;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void(Reader &)>> m_jobs;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace understudy
