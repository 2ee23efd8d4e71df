#pragma once

// One inbound connection on one worker thread, for its whole life: reads
// and frames requests (RequestParser), hands each to the worker's
// RequestHandler as an HttpExchange, and writes answers in request order.
//
// Memory held per connection is bounded:
//   input   <= kSocketReadBuffer in the socket + one read chunk being parsed
//   head    <= ServerLimits::maxHeaderBytes (parsed copy of the same size)
//   body    <= ServerLimits::maxBodyBytes per request (buffered whole)
//   output  ~  HttpExchange::kHighWaterBytes + the last chunk a handler
//              wrote, for handlers that honour write()'s return value;
//              pipelined exchanges waiting their turn hold at most the
//              same each, and at most kMaxPipelined are in flight.
// Internal to gateway/http.

#include "http/RequestParser.h"

#include <QObject>
#include <QTimer>

#include <deque>
#include <memory>

class QSslSocket;
class QTcpSocket;

namespace understudy {

class HttpExchange;
class HttpWorker;
class ServerCounters;
struct ListenerContext;

class HttpConnection final : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kSocketReadBuffer = 64 * 1024;
    static constexpr qint64 kReadChunk = 64 * 1024;
    static constexpr size_t kMaxPipelined = 16;
    // After a final answer the server half-closes and discards what the
    // client still sends for this long, so the answer is not lost to a
    // TCP reset (the "lingering close" of Apache and nginx).
    static constexpr int kLingerMs = 2'000;
    static constexpr qint64 kLingerMaxBytes = 1 << 20;

    // Takes ownership of `socket`, already bound to its descriptor.
    HttpConnection(HttpWorker *worker, QTcpSocket *socket, std::shared_ptr<const ListenerContext> listener,
                   bool overloaded);
    ~HttpConnection() override;
    Q_DISABLE_COPY_MOVE(HttpConnection)

    void beginDrain();
    void closeNow();
    // Sends output collected during this event-loop pass (HttpWorker).
    void flushOutput();

    // Used by HttpExchange.
    void exchangeOutput(HttpExchange *exchange, QByteArray bytes);
    qint64 unsentFor(const HttpExchange *exchange) const;
    void exchangeFinished(HttpExchange *exchange);
    void exchangeAborted(HttpExchange *exchange);
    bool shouldCloseAfter(const HttpExchange *exchange) const;
    ServerCounters &counters() const;

Q_SIGNALS:
    void closed();

private:
    void onReadyRead();
    void onBytesWritten();
    void processInput();
    void onHeadComplete();
    void dispatch();
    void reject(int status, const QString &message);
    void fillRequestContext(HttpRequest &request) const;
    void advanceQueue();
    void updateTimers();
    void onReadTimeout();
    void closeGracefully();
    void checkWritable();
    void shutdownWrite();
    void teardown();
    qint64 socketUnsent() const;
    void sendBytes(QByteArray bytes);
    void noteBuffered();
    bool isFront(const HttpExchange *exchange) const;

    HttpWorker *m_worker;
    QTcpSocket *m_socket;
    QSslSocket *m_ssl; // m_socket when the listener is TLS, else null
    std::shared_ptr<const ListenerContext> m_listener;
    RequestParser m_parser;
    QByteArray m_input;
    QByteArray m_output; // plain TCP: collected until HttpWorker flushes (see queueFlush)
    bool m_flushQueued = false;
    std::deque<HttpExchange *> m_queue; // request order; front owns the socket's output
    qint64 m_queuedBytes = 0;           // output held by exchanges behind the front
    QTimer m_readTimer;                 // head (slowloris) and body-gap timeout
    QTimer m_idleTimer;                 // keep-alive idle timeout
    QTimer m_lingerTimer;
    qint64 m_lingerDiscarded = 0;
    bool m_overloaded;
    bool m_countsAsOpen;
    bool m_servedAny = false;
    bool m_stopParsing = false;
    bool m_pendingContinue = false;
    bool m_draining = false;
    bool m_closing = false;   // final answer queued: half-close once flushed
    bool m_lingering = false; // half-closed: discard input until the client closes
    bool m_dead = false;
    bool m_processing = false;
    bool m_reprocess = false;
};

} // namespace understudy
