#pragma once

// One request to an upstream and its streamed response. Created by
// UpstreamPool::send(); lives on the pool's thread.
//
// Signals: responseHead() once, bodyData() per decoded chunk as it arrives,
// then exactly one of finished() or failed(), once. Nothing is emitted from
// inside send(), and nothing after cancel(). Do not `delete` a call inside
// one of its own signal handlers; use deleteLater().
//
// Memory per in-flight call is bounded, whatever the body size: the socket
// read buffer (kReadBufferBytes) + one read chunk held while paused
// (kReadChunkBytes) + the response head (http-parser's 80 KiB header limit),
// i.e. about 160 KiB, plus the request itself.

#include "config/Outcome.h"
#include "upstream/HttpHeaders.h"
#include "upstream/ResponseParser.h"
#include "upstream/UpstreamRequest.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace understudy {

class UpstreamConnection;
class UpstreamPool;

class UpstreamCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamCall)

public:
    // Bound on what the socket buffers on our side while the consumer is paused.
    static constexpr qint64 kReadBufferBytes = 64 * 1024;
    // Largest piece read from the socket and parsed at a time.
    static constexpr qint64 kReadChunkBytes = 16 * 1024;

    ~UpstreamCall() override;

    // Stop delivering bodyData and stop reading from the socket: once the
    // bounded buffers fill, TCP flow control slows the upstream down. The
    // idle timeout is suspended while paused (the consumer is slow, not the
    // upstream); the total timeout is not. Safe inside a bodyData handler.
    void pause();
    // Continue delivering; takes effect from the event loop, never re-entrantly.
    void resume();
    // Abandon the call: no signal follows; an incomplete response's
    // connection is closed, never returned to the pool.
    void cancel();

    const UpstreamRequest &request() const { return m_request; }
    bool isPaused() const { return m_paused; }
    bool isDone() const { return m_state == State::Done; }

    // True once any request body byte was handed to the socket: from then
    // on a non-idempotent request may have been processed upstream.
    bool bodyReachedUpstream() const { return m_bodyReachedUpstream; }
    // The request went out on a kept-alive connection from the pool.
    bool reusedConnection() const { return m_reused; }
    // Failed with reset_before_response on a reused connection: the classic
    // stale keep-alive race, where the upstream closed the connection before
    // seeing the request. Safe to retry when bodyReachedUpstream() is false
    // or the method is idempotent.
    bool staleConnection() const { return m_stale; }
    // Milliseconds to establish the connection (0 when reused, -1 before).
    qint64 connectMs() const { return m_connectMs; }
    // Milliseconds from the call's start (including queueing and connecting)
    // to the first response byte (-1 before).
    qint64 firstByteMs() const { return m_firstByteMs; }
    // Response bytes read from the connection (head and framed body).
    qint64 bytesReceived() const { return m_bytesReceived; }
    // Response bytes held on our side and not yet delivered (bounded, see above).
    qint64 bufferedBytes() const;
    // The peer's status code once responseHead was emitted, else 0.
    int status() const { return m_status; }

Q_SIGNALS:
    void responseHead(int status, const understudy::HttpHeaders &headers);
    void bodyData(const QByteArray &data);
    void finished();
    void failed(understudy::OutcomeClass outcome, const QString &detail);

private:
    friend class UpstreamPool;
    enum class State { Created, Queued, Connecting, Exchanging, Done };

    UpstreamCall(UpstreamRequest request, UpstreamPool *pool, QObject *parent);

    // Pool interface.
    void begin();
    // begin() without the event-loop round trip, when a kept-alive
    // connection is idle; false (nothing done) otherwise.
    bool beginOnIdleConnection();
    bool hasUsableUrl() const;
    void markQueued() { m_state = State::Queued; }
    void attach(UpstreamConnection *connection, bool reused);
    void detachFromPool();
    void fail(OutcomeClass outcome, const QString &detail);

    void onConnectionReady();
    void sendRequest();
    QByteArray requestHead() const;
    void pump();
    void process(const QByteArray &data);
    void handleEnd();
    void complete(bool surplusBytes);
    void releaseConnection(bool reusable);
    void stopTimers();
    void armTimer(QTimer &timer, int ms);

    UpstreamRequest m_request;
    QPointer<UpstreamPool> m_pool;
    QPointer<UpstreamConnection> m_connection;
    ResponseParser m_parser;
    State m_state = State::Created;
    bool m_paused = false;
    bool m_inFeed = false;
    bool m_eof = false;
    bool m_reused = false;
    bool m_stale = false;
    bool m_bodyReachedUpstream = false;
    QByteArray m_pending; // parsed-but-undelivered remainder of one chunk while paused
    QString m_endDetail;  // socket error text, for the failure detail
    int m_status = 0;
    qint64 m_bytesReceived = 0;
    qint64 m_connectMs = -1;
    qint64 m_firstByteMs = -1;
    QElapsedTimer m_clock; // since begin()
    qint64 m_connectStart = 0;
    QTimer m_connectTimer;
    QTimer m_firstByteTimer;
    QTimer m_idleTimer;
    QTimer m_totalTimer;
};

} // namespace understudy
