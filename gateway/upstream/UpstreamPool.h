#pragma once

// Pooled HTTP/1.1 client for upstream calls, one per worker thread (sockets
// never cross threads). Connections are pooled per origin: scheme, host,
// port, TLS options and proxy (see originKey()). Per origin, at most
// maxConnections are open; further calls queue FIFO until a connection
// frees or their totalMs deadline passes. Kept-alive connections wait idle
// (at most maxIdle, for at most idleTimeoutMs) and are reused most recent
// first. Limits are taken from the latest request for the origin, so a
// config change applies without a restart.
//
// The pool must outlive its calls' usefulness: destroying it cancels every
// call still in flight (they emit nothing more).

#include "upstream/UpstreamCall.h"
#include "upstream/UpstreamRequest.h"

#include <QList>
#include <QObject>
#include <QSslCertificate>

#include <deque>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

namespace understudy {

class UpstreamConnection;

class UpstreamPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamPool)

public:
    struct Stats
    {
        int open = 0;       // connections open or connecting (busy + idle)
        int idle = 0;       // kept-alive connections waiting for a call
        int queued = 0;     // calls waiting for a connection slot
        qint64 created = 0; // connections ever opened
        qint64 reused = 0;  // calls that went out on a pooled connection
    };

    explicit UpstreamPool(QObject *parent = nullptr);
    ~UpstreamPool() override;

    // Starts a call: at once when a kept-alive connection is idle (the
    // request is written, nothing is emitted), else from the event loop.
    // Either way connect to its signals right after this returns. `parent`
    // owns the call.
    UpstreamCall *send(UpstreamRequest request, QObject *parent);

    Stats stats() const;
    // Closes every idle connection (e.g. on config change or network change).
    void closeIdle();

private:
    friend class UpstreamCall;
    friend class UpstreamConnection;

    struct Origin
    {
        QUrl target; // scheme://host:port
        UpstreamOriginOptions options;
        QList<QSslCertificate> extraCas;
        QString caError;                        // why the custom CA file could not be used
        std::vector<UpstreamConnection *> idle; // most recently used at the back
        int busy = 0;                           // held by a call (connecting or exchanging)
        std::deque<UpstreamCall *> waiting;
    };

    // UpstreamCall interface.
    void acquire(UpstreamCall *call);
    // An idle, healthy connection for the call's origin, now busy; or null.
    UpstreamConnection *takeIdle(const UpstreamRequest &request);
    void release(UpstreamConnection *connection, bool reusable);
    void forget(UpstreamCall *call);
    // UpstreamConnection interface: send its held output when the event
    // loop is about to wait, together with every other connection's.
    void queueFlush(UpstreamConnection *connection);
    void flushWrites();

    Origin &originFor(const UpstreamRequest &request);
    UpstreamConnection *takeIdle(Origin &origin);
    void openFor(Origin &origin, UpstreamCall *call);
    void serveWaiting(Origin &origin);
    void discard(UpstreamConnection *connection);

    std::map<QString, std::unique_ptr<Origin>> m_origins;
    std::unordered_map<UpstreamConnection *, Origin *> m_owner;
    std::vector<UpstreamCall *> m_calls; // live calls, cancelled on destruction
    std::vector<UpstreamConnection *> m_toFlush;
    bool m_flushHooked = false;
    qint64 m_created = 0;
    qint64 m_reused = 0;
};

} // namespace understudy
