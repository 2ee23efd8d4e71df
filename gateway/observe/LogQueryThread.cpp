#include "observe/LogQueryThread.h"

#include "observe/RequestLogQuery.h"

#include <algorithm>

namespace understudy {

namespace {

constexpr int kMaxRequestPage = 1000;
constexpr int kMaxEventPage = 1000;
// Events sharing one millisecond are rare; past this many the cursor gives up.
constexpr int kMaxEventScan = 100000;

LogRequestRow rowOf(LoggedRequest &&logged)
{
    LogRequestRow row;
    row.id = logged.id;
    row.attempts = logged.attempts;
    row.trail = std::move(logged.trail);
    row.hasBodies = logged.hasBodies;
    row.requestHeadersJson = std::move(logged.requestHeadersJson);
    row.requestBody = std::move(logged.requestBody);
    row.responseHeadersJson = std::move(logged.responseHeadersJson);
    row.responseBody = std::move(logged.responseBody);
    row.bodiesTruncated = logged.bodiesTruncated;
    return row;
}

Error badCursor(const QString &cursor)
{
    return Error{QStringLiteral("bad_query"),
                 QStringLiteral("the page cursor \"%1\" is not one this log handed out").arg(cursor)};
}

} // namespace

QString eventCursor(const Event &event)
{
    return QStringLiteral("%1:%2").arg(event.atMs).arg(event.id);
}

std::optional<std::pair<qint64, qint64>> parseEventCursor(const QString &cursor)
{
    const qsizetype colon = cursor.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return std::nullopt;
    bool okAt = false, okId = false;
    const qint64 at = cursor.left(colon).toLongLong(&okAt);
    const qint64 id = cursor.mid(colon + 1).toLongLong(&okId);
    if (!okAt || !okId || at < 0 || id < 0)
        return std::nullopt;
    return std::make_pair(at, id);
}

bool isAfterEventCursor(const Event &event, const std::pair<qint64, qint64> &position)
{
    return event.atMs < position.first || (event.atMs == position.first && event.id < position.second);
}

// Lives on the query thread only.
class LogQueryThread::Reader
{
public:
    explicit Reader(QString path) : m_path(std::move(path)) {}

    Result<RequestLogQuery *> query()
    {
        if (!m_query) {
            auto opened = RequestLogQuery::open(m_path);
            if (!opened)
                return Error{QStringLiteral("unavailable"),
                             QStringLiteral("cannot read the request log: %1").arg(opened.error().message)};
            m_query = std::move(opened).value();
        }
        return m_query.get();
    }

    Result<LogRequestPage> findRequests(const LogRequestSearch &search)
    {
        auto q = query();
        if (!q)
            return q.error();
        RequestFilter filter;
        filter.fromMs = search.fromMs;
        filter.toMs = search.toMs;
        filter.route = search.route;
        filter.outcome = search.outcome;
        filter.statusMin = search.statusMin;
        filter.statusMax = search.statusMax;
        filter.servedBy = search.servedBy;
        filter.text = search.text;
        auto page = (*q)->find(filter, std::clamp(search.limit, 1, kMaxRequestPage), search.cursor);
        if (!page) {
            if (page.error().code == QLatin1String("invalid_cursor"))
                return badCursor(search.cursor);
            return page.error();
        }
        LogRequestPage out;
        out.nextCursor = page->nextCursor;
        out.rows.reserve(page->rows.size());
        for (LoggedRequest &row : page->rows)
            out.rows.push_back(rowOf(std::move(row)));
        return out;
    }

    Result<LogRequestRow> requestById(const QByteArray &requestId)
    {
        auto q = query();
        if (!q)
            return q.error();
        const Error notFound{QStringLiteral("not_found"),
                             QStringLiteral("no request %1 in the log").arg(QString::fromLatin1(requestId))};
        if (requestId.isEmpty())
            return notFound;
        // The text filter matches substrings of the id, path and served-by:
        // page through its hits for the exact id (normally the first row).
        RequestFilter filter;
        filter.text = QString::fromLatin1(requestId);
        QString cursor;
        for (int pages = 0; pages < 20; ++pages) {
            auto page = (*q)->find(filter, 100, cursor);
            if (!page)
                return page.error();
            for (const LoggedRequest &row : page->rows) {
                if (row.trail.requestId == requestId) {
                    auto full = (*q)->request(row.id);
                    if (!full)
                        return full.error().code == QLatin1String("not_found") ? notFound : full.error();
                    return rowOf(std::move(full).value());
                }
            }
            if (page->nextCursor.isEmpty())
                break;
            cursor = page->nextCursor;
        }
        return notFound;
    }

    Result<LogEventPage> findEvents(const LogEventSearch &search)
    {
        auto q = query();
        if (!q)
            return q.error();
        const int limit = std::clamp(search.limit, 1, kMaxEventPage);
        std::optional<std::pair<qint64, qint64>> position;
        if (!search.cursor.isEmpty()) {
            position = parseEventCursor(search.cursor);
            if (!position)
                return badCursor(search.cursor);
        }
        EventFilter filter;
        filter.fromMs = search.fromMs;
        filter.toMs = search.toMs;
        filter.kind = search.kind;
        if (position)
            filter.toMs = filter.toMs ? std::min(*filter.toMs, position->first + 1) : position->first + 1;
        // One more than a page tells whether another page follows; events
        // of the cursor's millisecond at or above its id are skipped, so ask
        // for more until enough remain or the log has no more.
        int ask = limit + 1;
        for (;;) {
            auto events = (*q)->events(EventFilter{filter.fromMs, filter.toMs, filter.kind, {}, ask});
            if (!events)
                return events.error();
            const bool exhausted = int(events->size()) < ask;
            std::vector<Event> kept;
            kept.reserve(events->size());
            for (Event &e : *events)
                if (!position || isAfterEventCursor(e, *position))
                    kept.push_back(std::move(e));
            if (int(kept.size()) > limit || exhausted || ask >= kMaxEventScan) {
                LogEventPage page;
                const bool more = int(kept.size()) > limit;
                if (more)
                    kept.resize(std::size_t(limit));
                page.events = std::move(kept);
                if (more && !page.events.empty())
                    page.nextCursor = eventCursor(page.events.back());
                return page;
            }
            ask = std::min(ask * 4, kMaxEventScan);
        }
    }

private:
    QString m_path;
    std::unique_ptr<RequestLogQuery> m_query;
};

LogQueryThread::LogQueryThread(QString workspacePath) : m_path(std::move(workspacePath))
{
    m_thread = std::thread([this] { run(); });
}

LogQueryThread::~LogQueryThread()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void LogQueryThread::post(std::function<void(Reader &)> job)
{
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void LogQueryThread::run()
{
    // Opened and closed on this thread: a SQLite connection belongs to it.
    // Opened at once, next to the writer's connection, not on the first
    // query: Workspace::open's probe reads the file through a QFile, and
    // closing that descriptor drops every POSIX lock this process holds on
    // it, so another process closing its connection may then delete the
    // -wal/-shm files. A connection opened after that would read another
    // WAL than the writer's. A failure here is retried by the first query.
    auto reader = std::make_unique<Reader>(m_path);
    (void)reader->query();
    for (;;) {
        std::function<void(Reader &)> job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_jobs.empty(); });
            if (m_jobs.empty())
                break;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        job(*reader);
    }
    reader.reset();
}

void LogQueryThread::findRequests(LogRequestSearch search, std::function<void(Result<LogRequestPage>)> done)
{
    post([search = std::move(search), done = std::move(done)](Reader &reader) { done(reader.findRequests(search)); });
}

void LogQueryThread::requestById(QByteArray requestId, std::function<void(Result<LogRequestRow>)> done)
{
    post([requestId = std::move(requestId), done = std::move(done)](Reader &reader) {
        done(reader.requestById(requestId));
    });
}

void LogQueryThread::findEvents(LogEventSearch search, std::function<void(Result<LogEventPage>)> done)
{
    post([search = std::move(search), done = std::move(done)](Reader &reader) { done(reader.findEvents(search)); });
}

} // namespace understudy
