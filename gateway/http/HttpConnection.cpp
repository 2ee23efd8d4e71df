#include "http/HttpConnection.h"

#include "http/ErrorBody.h"
#include "http/HttpExchange.h"
#include "http/HttpWorker.h"
#include "http/ListenerContext.h"
#include "http/RequestHandler.h"
#include "http/ServerStats.h"
#include "http/SocketWrite.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <sys/socket.h>

namespace understudy {

namespace {
const QByteArray kContinue = QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n");
}

HttpConnection::HttpConnection(HttpWorker *worker, QTcpSocket *socket, std::shared_ptr<const ListenerContext> listener,
                               bool overloaded)
    : QObject(worker)
    , m_worker(worker)
    , m_socket(socket)
    , m_ssl(qobject_cast<QSslSocket *>(socket))
    , m_listener(std::move(listener))
    , m_overloaded(overloaded)
    , m_countsAsOpen(!overloaded)
{
    m_socket->setParent(this);
    // Bounded input: when the handler side is behind, Qt stops reading and
    // TCP flow control pushes back on the client.
    m_socket->setReadBufferSize(kSocketReadBuffer);
    const ServerLimits &limits = m_worker->limits();
    m_parser.setLimits(limits.maxHeaderBytes, limits.maxBodyBytes);

    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    if (m_ssl)
        connect(m_ssl, &QSslSocket::encryptedBytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::teardown);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            teardown();
    });

    m_readTimer.setSingleShot(true);
    m_idleTimer.setSingleShot(true);
    m_lingerTimer.setSingleShot(true);
    connect(&m_readTimer, &QTimer::timeout, this, &HttpConnection::onReadTimeout);
    connect(&m_idleTimer, &QTimer::timeout, this, &HttpConnection::closeGracefully);
    connect(&m_lingerTimer, &QTimer::timeout, this, &HttpConnection::teardown);
    updateTimers();
}

HttpConnection::~HttpConnection()
{
    if (m_flushQueued)
        m_worker->cancelFlush(this);
    auto &open = m_countsAsOpen ? counters().openConnections : counters().rejectingConnections;
    open.fetch_sub(1, std::memory_order_relaxed);
}

ServerCounters &HttpConnection::counters() const
{
    return m_worker->counters();
}

bool HttpConnection::isFront(const HttpExchange *exchange) const
{
    return !m_queue.empty() && m_queue.front() == exchange;
}

qint64 HttpConnection::socketUnsent() const
{
    return m_output.size() + m_socket->bytesToWrite() + (m_ssl ? m_ssl->encryptedBytesToWrite() : 0);
}

// Every byte for the client goes through here, so the order never changes.
void HttpConnection::sendBytes(QByteArray bytes)
{
    if (m_ssl) {
        m_socket->write(bytes);
        return;
    }
    if (m_output.isEmpty())
        m_output = std::move(bytes);
    else
        m_output += bytes;
    if (!m_flushQueued) {
        m_flushQueued = true;
        m_worker->queueFlush(this);
    }
}

void HttpConnection::flushOutput()
{
    m_flushQueued = false;
    if (m_dead) {
        m_output.clear();
        return;
    }
    if (m_output.isEmpty())
        return;
    writeToPlainSocket(m_socket, std::exchange(m_output, QByteArray()));
    // What the kernel took at once produces no bytesWritten(): act as if it did.
    onBytesWritten();
}

void HttpConnection::noteBuffered()
{
    counters().noteBuffered(socketUnsent() + m_queuedBytes);
}

bool HttpConnection::shouldCloseAfter(const HttpExchange *exchange) const
{
    if (!exchange->request().keepAlive)
        return true;
    return m_draining && !m_queue.empty() && m_queue.back() == exchange && !m_parser.midMessage();
}

void HttpConnection::onReadyRead()
{
    if (m_dead)
        return;
    if (m_lingering) {
        m_lingerDiscarded += m_socket->readAll().size();
        if (m_lingerDiscarded > kLingerMaxBytes)
            teardown();
        return;
    }
    if (!m_stopParsing)
        processInput();
}

void HttpConnection::processInput()
{
    if (m_processing) {
        m_reprocess = true; // re-entered from a handler; the outer loop continues
        return;
    }
    m_processing = true;
    do {
        m_reprocess = false;
        while (!m_dead && !m_stopParsing && m_queue.size() < kMaxPipelined) {
            if (m_input.isEmpty()) {
                m_input = m_socket->read(kReadChunk);
                if (m_input.isEmpty())
                    break;
                if (m_parser.inBody())
                    m_readTimer.start(m_worker->limits().requestHeadTimeoutMs); // body gap
            }
            switch (m_parser.parse(m_input)) {
            case RequestParser::Event::NeedMore:
                break;
            case RequestParser::Event::HeadComplete:
                onHeadComplete();
                break;
            case RequestParser::Event::MessageComplete:
                dispatch();
                break;
            case RequestParser::Event::Error:
                reject(m_parser.failure().status, m_parser.failure().message);
                break;
            }
        }
    } while (m_reprocess && !m_dead);
    m_processing = false;
    updateTimers();
}

void HttpConnection::onHeadComplete()
{
    if (m_overloaded) {
        reject(503, QStringLiteral("the server has too many open connections, retry later"));
        return;
    }
    m_readTimer.start(m_worker->limits().requestHeadTimeoutMs); // from now on: body gap
    if (m_parser.expectsContinue()) {
        // An interim answer must not land inside an earlier response.
        if (m_queue.empty())
            sendBytes(kContinue);
        else
            m_pendingContinue = true;
    }
}

void HttpConnection::dispatch()
{
    m_readTimer.stop();
    m_pendingContinue = false;
    HttpRequest request = m_parser.takeRequest();
    fillRequestContext(request);
    if (!request.keepAlive || m_draining)
        m_stopParsing = true;
    const ServerLimits &limits = m_worker->limits();
    m_parser.setLimits(limits.maxHeaderBytes, limits.maxBodyBytes); // hot-reloaded limits apply from the next request
    auto *exchange = new HttpExchange(this, std::move(request));
    m_queue.push_back(exchange);
    m_servedAny = true;
    m_worker->handler()->handle(exchange);
}

void HttpConnection::reject(int status, const QString &message)
{
    m_stopParsing = true;
    m_readTimer.stop();
    m_pendingContinue = false;
    counters().noteRejected(status);
    HttpRequest request = m_parser.current();
    request.body.clear();
    request.keepAlive = false;
    fillRequestContext(request);
    auto *exchange = new HttpExchange(this, std::move(request));
    m_queue.push_back(exchange);
    if (RequestHandler *handler = m_worker->handler())
        handler->refuse(exchange, status, message);
    else
        exchange->respondError(status, message);
}

void HttpConnection::fillRequestContext(HttpRequest &request) const
{
    request.listenerName = m_listener->name;
    request.tls = m_listener->tls;
    request.peerAddress = m_socket->peerAddress();
    request.peerPort = m_socket->peerPort();
    const QByteArray offered = request.header("x-request-id");
    request.requestId = isAcceptableRequestId(offered) ? offered : generateRequestId();
}

void HttpConnection::exchangeOutput(HttpExchange *exchange, QByteArray bytes)
{
    if (m_dead || m_closing)
        return;
    if (isFront(exchange)) {
        sendBytes(std::move(bytes));
    } else {
        m_queuedBytes += bytes.size();
        exchange->m_pendingOutput += bytes;
    }
    noteBuffered();
}

qint64 HttpConnection::unsentFor(const HttpExchange *exchange) const
{
    return isFront(exchange) ? socketUnsent() : exchange->m_pendingOutput.size();
}

void HttpConnection::exchangeFinished(HttpExchange *exchange)
{
    if (!m_dead && isFront(exchange))
        advanceQueue();
}

void HttpConnection::exchangeAborted(HttpExchange *exchange)
{
    Q_UNUSED(exchange);
    teardown();
}

// Retires finished exchanges at the front and hands the socket to the next.
void HttpConnection::advanceQueue()
{
    while (!m_dead && !m_closing && !m_queue.empty() && m_queue.front()->isFinished()) {
        HttpExchange *done = m_queue.front();
        m_queue.pop_front();
        counters().requestsServed.fetch_add(1, std::memory_order_relaxed);
        const bool close = done->m_closeAfter;
        done->deleteLater();
        if (close) {
            closeGracefully();
            return;
        }
        if (!m_queue.empty() && !m_queue.front()->m_pendingOutput.isEmpty()) {
            HttpExchange *next = m_queue.front();
            m_queuedBytes -= next->m_pendingOutput.size();
            sendBytes(std::exchange(next->m_pendingOutput, QByteArray()));
        }
    }
    if (m_dead || m_closing)
        return;
    if (m_queue.empty()) {
        if (m_pendingContinue) {
            m_pendingContinue = false;
            sendBytes(kContinue);
        }
        if (m_draining && !m_parser.midMessage()) {
            closeGracefully();
            return;
        }
    }
    checkWritable();
    processInput(); // a full pipeline may have paused reading
}

void HttpConnection::checkWritable()
{
    if (m_queue.empty())
        return;
    HttpExchange *front = m_queue.front();
    if (front->m_wantsWritable && socketUnsent() <= HttpExchange::kLowWaterBytes) {
        front->m_wantsWritable = false;
        Q_EMIT front->writable();
    }
}

void HttpConnection::onBytesWritten()
{
    if (m_dead)
        return;
    if (m_closing) {
        if (!m_lingering && socketUnsent() == 0)
            shutdownWrite();
        return;
    }
    checkWritable();
}

void HttpConnection::updateTimers()
{
    if (m_dead || m_closing || m_stopParsing || m_queue.size() >= kMaxPipelined) {
        m_readTimer.stop();
        m_idleTimer.stop();
        return;
    }
    const ServerLimits &limits = m_worker->limits();
    if (m_parser.midMessage() || !m_servedAny) {
        m_idleTimer.stop();
        if (!m_readTimer.isActive())
            m_readTimer.start(limits.requestHeadTimeoutMs);
        return;
    }
    m_readTimer.stop();
    if (!m_queue.empty())
        m_idleTimer.stop();
    else if (!m_idleTimer.isActive())
        m_idleTimer.start(limits.keepAliveTimeoutMs);
}

void HttpConnection::onReadTimeout()
{
    if (m_dead || m_closing)
        return;
    if (m_parser.midMessage())
        reject(408, QStringLiteral("request not received within %1 ms").arg(m_worker->limits().requestHeadTimeoutMs));
    else
        closeGracefully(); // connected but never sent a byte: nobody to answer
}

void HttpConnection::beginDrain()
{
    m_draining = true;
    if (m_dead || m_closing)
        return;
    if (!m_parser.midMessage()) {
        m_stopParsing = true;
        if (m_queue.empty())
            closeGracefully();
    }
}

void HttpConnection::closeNow()
{
    teardown();
}

void HttpConnection::closeGracefully()
{
    if (m_dead || m_closing)
        return;
    m_closing = true;
    m_stopParsing = true;
    m_readTimer.stop();
    m_idleTimer.stop();
    // Nothing should be queued behind a closing answer; if something is,
    // its handler must learn that it will never be delivered.
    for (HttpExchange *exchange : std::exchange(m_queue, {})) {
        if (!exchange->isFinished() && !exchange->isClientGone()) {
            exchange->markGone();
            Q_EMIT exchange->clientGone();
        }
        exchange->deleteLater();
    }
    m_queuedBytes = 0;
    // A client that never reads its final answer must not pin the socket.
    m_lingerTimer.start(m_worker->limits().keepAliveTimeoutMs);
    if (socketUnsent() == 0)
        shutdownWrite();
}

void HttpConnection::shutdownWrite()
{
    m_lingering = true;
    if (m_ssl) {
        m_ssl->disconnectFromHost(); // sends close_notify, closes once flushed
    } else {
        ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
        m_lingerDiscarded += m_socket->readAll().size();
    }
    m_lingerTimer.start(kLingerMs);
}

void HttpConnection::teardown()
{
    if (m_dead)
        return;
    m_dead = true;
    m_output.clear();
    m_readTimer.stop();
    m_idleTimer.stop();
    m_lingerTimer.stop();
    for (HttpExchange *exchange : std::exchange(m_queue, {})) {
        if (!exchange->isFinished() && !exchange->isClientGone()) {
            exchange->markGone();
            Q_EMIT exchange->clientGone();
        }
    }
    m_socket->abort();
    Q_EMIT closed();
    deleteLater();
}

} // namespace understudy
