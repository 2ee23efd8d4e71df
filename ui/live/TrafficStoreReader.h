#pragma once

// The Traffic page's reads of the workspace request log (older pages, the
// window around a moment, one request's attempts and bodies) on a thread of
// its own: the GUI thread runs no SQL (STYLE.md). Like RollupReader, the
// RequestLogQuery connection is opened on that thread at the first read and
// closed there on destruction; reads run in the order they were asked for.
// Every callback runs on the GUI thread, and not at all once its receiver
// is gone.

#include "core/Result.h"
#include "observe/RequestLogQuery.h"

#include <QPointer>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

namespace understudy {

class TrafficStoreReader final
{
public:
    using PageDone = std::function<void(Result<RequestPage>)>;
    using RequestDone = std::function<void(Result<LoggedRequest>)>;

    explicit TrafficStoreReader(QString workspacePath);
    ~TrafficStoreReader();
    Q_DISABLE_COPY_MOVE(TrafficStoreReader)

    QString workspacePath() const { return m_path; }

    // Up to `maxRows` requests matching `filter`, newest first, following
    // the keyset cursor from `cursor` page by page; nextCursor continues
    // after the last row returned. Each row's attempts are read too (the
    // filter's target: term and the attempt column need them); stored
    // bodies are not kept.
    void find(RequestFilter filter, int maxRows, QString cursor, QObject *receiver, PageDone done);
    // One stored request with its attempts and bodies.
    void request(qint64 id, QObject *receiver, RequestDone done);
    // The stored request with this request id that started at
    // `startedAtMs` ("not_found" while the log writer has not written it).
    void requestById(QByteArray requestId, qint64 startedAtMs, QObject *receiver, RequestDone done);

private:
    using Job = std::function<void(RequestLogQuery *query, const Error *openError)>;
    void post(Job job);

    const QString m_path;
    QThread m_thread;
    QObject *m_context = nullptr;             // lives on m_thread
    std::unique_ptr<RequestLogQuery> m_query; // only touched on m_thread
    std::atomic<bool> m_cancelled{false};     // set by the destructor
};

} // namespace understudy
