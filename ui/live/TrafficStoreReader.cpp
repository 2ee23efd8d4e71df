#include "TrafficStoreReader.h"

#include <QCoreApplication>

namespace understudy {

namespace {

// Runs `done(result)` on the GUI thread if `receiver` still exists. Posted
// to the application object (always alive, on the GUI thread).
template<typename T> void deliver(QPointer<QObject> receiver, std::function<void(Result<T>)> done, Result<T> result)
{
    QMetaObject::invokeMethod(QCoreApplication::instance(),
                              [receiver, done = std::move(done), result = std::move(result)] {
                                  if (receiver)
                                      done(result);
                              });
}

constexpr int kPageRows = 500; // per query; find() follows the cursor

} // namespace

TrafficStoreReader::TrafficStoreReader(QString workspacePath) : m_path(std::move(workspacePath)), m_context(new QObject)
{
    m_thread.setObjectName(QStringLiteral("understudy-traffic-store"));
    m_context->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

TrafficStoreReader::~TrafficStoreReader()
{
    // A long read (show-around: up to 2,000 rows) stops between pages
    // instead of holding the GUI thread here.
    m_cancelled.store(true, std::memory_order_relaxed);
    // Close the connection on the thread that opened it, then stop.
    QMetaObject::invokeMethod(
        m_context, [this] { m_query.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void TrafficStoreReader::post(Job job)
{
    QMetaObject::invokeMethod(m_context, [this, job = std::move(job)] {
        std::optional<Error> openError;
        if (!m_query) {
            auto opened = RequestLogQuery::open(m_path);
            if (opened)
                m_query = std::move(*opened);
            else
                openError = opened.error();
        }
        job(m_query.get(), openError ? &*openError : nullptr);
    });
}

void TrafficStoreReader::find(RequestFilter filter, int maxRows, QString cursor, QObject *receiver, PageDone done)
{
    QPointer<QObject> target(receiver);
    post([this, filter = std::move(filter), maxRows, cursor = std::move(cursor), target,
          done = std::move(done)](RequestLogQuery *query, const Error *openError) {
        if (!query) {
            deliver<RequestPage>(target, done, *openError);
            return;
        }
        RequestPage all;
        QString next = cursor;
        do {
            const int want = std::min(kPageRows, maxRows - int(all.rows.size()));
            if (m_cancelled.load(std::memory_order_relaxed))
                return; // the reader is going away; nobody waits for this
            auto page = query->findWithAttempts(filter, want, next);
            if (!page) {
                deliver<RequestPage>(target, done, page.error());
                return;
            }
            for (LoggedRequest &row : page->rows)
                all.rows.push_back(std::move(row));
            next = page->nextCursor;
        } while (!next.isEmpty() && int(all.rows.size()) < maxRows);
        all.nextCursor = next;
        deliver<RequestPage>(target, done, std::move(all));
    });
}

void TrafficStoreReader::request(qint64 id, QObject *receiver, RequestDone done)
{
    QPointer<QObject> target(receiver);
    post([id, target, done = std::move(done)](RequestLogQuery *query, const Error *openError) {
        if (!query) {
            deliver<LoggedRequest>(target, done, *openError);
            return;
        }
        deliver<LoggedRequest>(target, done, query->request(id));
    });
}

void TrafficStoreReader::requestById(QByteArray requestId, qint64 startedAtMs, QObject *receiver, RequestDone done)
{
    QPointer<QObject> target(receiver);
    post([requestId = std::move(requestId), startedAtMs, target, done = std::move(done)](RequestLogQuery *query,
                                                                                         const Error *openError) {
        if (!query) {
            deliver<LoggedRequest>(target, done, *openError);
            return;
        }
        // The text filter is a substring of path, id and served-by ("req-1"
        // also finds "req-10"): the start time narrows it to a handful, and
        // the row whose id is exactly this one is taken.
        RequestFilter filter;
        filter.text = QString::fromLatin1(requestId);
        filter.fromMs = startedAtMs;
        filter.toMs = startedAtMs + 1;
        QString cursor;
        for (int pages = 0; pages < 20; ++pages) {
            auto page = query->find(filter, 100, cursor);
            if (!page) {
                deliver<LoggedRequest>(target, done, page.error());
                return;
            }
            for (const LoggedRequest &row : page->rows) {
                if (row.trail.requestId == requestId) {
                    deliver<LoggedRequest>(target, done, query->request(row.id));
                    return;
                }
            }
            cursor = page->nextCursor;
            if (cursor.isEmpty())
                break;
        }
        deliver<LoggedRequest>(target, done,
                               Result<LoggedRequest>::failure(QStringLiteral("not_found"),
                                                              QStringLiteral("the request is not in the log yet")));
    });
}

} // namespace understudy
