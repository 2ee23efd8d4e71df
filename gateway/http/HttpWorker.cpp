#include "http/HttpWorker.h"

#include "http/HttpConnection.h"
#include "http/HttpExchange.h"
#include "http/ListenerContext.h"
#include "http/ServerStats.h"

#include <QAbstractEventDispatcher>
#include <QSslSocket>
#include <QTcpSocket>

#include <unistd.h>

namespace understudy {

namespace {

// Answers 500 when the factory gave no handler, so a wiring mistake is
// visible to the client instead of a hung request.
class MissingHandler final : public RequestHandler
{
public:
    void handle(HttpExchange *exchange) override
    {
        exchange->respondError(500, QStringLiteral("no request handler configured"));
    }
};

} // namespace

HttpWorker::HttpWorker(HandlerFactory factory, std::shared_ptr<ServerCounters> counters, ServerLimits limits)
    : m_factory(std::move(factory)), m_counters(std::move(counters)), m_limits(limits)
{}

HttpWorker::~HttpWorker()
{
    // Connections (and their exchanges) go before the handler that may
    // still hold pointers to them. Closed connections awaiting deleteLater
    // are children too; all must go while this object is still whole.
    m_connections.clear();
    const auto children = findChildren<HttpConnection *>(QString(), Qt::FindDirectChildrenOnly);
    for (HttpConnection *connection : children) {
        disconnect(connection, nullptr, this, nullptr);
        delete connection;
    }
    m_handler.reset();
}

void HttpWorker::start()
{
    if (m_factory)
        m_handler = m_factory();
    if (!m_handler)
        m_handler = std::make_unique<MissingHandler>();
    // Both: whichever the dispatcher emits between passes (the GLib one
    // signals aboutToBlock before it may wait, the UNIX one awake after).
    if (QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance()) {
        connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, this, &HttpWorker::flushConnections);
        connect(dispatcher, &QAbstractEventDispatcher::awake, this, &HttpWorker::flushConnections);
    }
}

void HttpWorker::queueFlush(HttpConnection *connection)
{
    m_toFlush.push_back(connection);
}

void HttpWorker::cancelFlush(HttpConnection *connection)
{
    std::erase(m_toFlush, connection);
}

void HttpWorker::flushConnections()
{
    // Flushing may let a handler write more (writable()), which queues again.
    while (!m_toFlush.empty()) {
        const std::vector<HttpConnection *> batch = std::exchange(m_toFlush, {});
        for (HttpConnection *connection : batch)
            connection->flushOutput();
    }
}

void HttpWorker::accept(qintptr descriptor, const std::shared_ptr<const ListenerContext> &listener, bool overloaded)
{
    QTcpSocket *socket = listener->tls ? new QSslSocket : new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        ::close(static_cast<int>(descriptor));
        delete socket;
        auto &count = overloaded ? m_counters->rejectingConnections : m_counters->openConnections;
        count.fetch_sub(1, std::memory_order_relaxed);
        return;
    }
    if (!listener->tls)
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // answers go out whole; never wait for an ACK
    auto *connection = new HttpConnection(this, socket, listener, overloaded);
    m_connections.insert(connection);
    connect(connection, &HttpConnection::closed, this, [this, connection] { connectionClosed(connection); });
    if (listener->tls) {
        auto *ssl = static_cast<QSslSocket *>(socket);
        ssl->setSslConfiguration(listener->ssl);
        ssl->startServerEncryption();
    }
    if (m_draining)
        connection->beginDrain();
}

void HttpWorker::connectionClosed(HttpConnection *connection)
{
    m_connections.erase(connection);
    if (m_draining && m_connections.empty())
        Q_EMIT drainedIdle();
}

void HttpWorker::startDrain()
{
    m_draining = true;
    // Copy: beginDrain may close a connection, which edits the set.
    const std::vector<HttpConnection *> connections(m_connections.begin(), m_connections.end());
    for (HttpConnection *connection : connections) {
        if (m_connections.count(connection))
            connection->beginDrain();
    }
    if (m_connections.empty())
        Q_EMIT drainedIdle();
}

void HttpWorker::closeAll()
{
    const std::vector<HttpConnection *> connections(m_connections.begin(), m_connections.end());
    for (HttpConnection *connection : connections) {
        if (m_connections.count(connection))
            connection->closeNow();
    }
}

} // namespace understudy
