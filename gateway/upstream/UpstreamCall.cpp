#include "upstream/UpstreamCall.h"

#include "upstream/UpstreamConnection.h"
#include "upstream/UpstreamPool.h"

#include <QLoggingCategory>
#include <QTcpSocket>

namespace understudy {

Q_LOGGING_CATEGORY(lcUpstream, "understudy.upstream")

namespace {

bool hasControlBytes(QByteArrayView text)
{
    for (const char c : text) {
        if (c == '\r' || c == '\n' || c == '\0')
            return true;
    }
    return false;
}

bool methodCarriesBody(const QByteArray &method)
{
    return method == "POST" || method == "PUT" || method == "PATCH";
}

} // namespace

UpstreamCall::UpstreamCall(UpstreamRequest request, UpstreamPool *pool, QObject *parent)
    : QObject(parent), m_request(std::move(request)), m_pool(pool), m_parser(m_request.method == "HEAD")
{
    for (QTimer *timer : {&m_connectTimer, &m_firstByteTimer, &m_idleTimer, &m_totalTimer})
        timer->setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        fail(OutcomeClass::ConnectTimeout,
             QStringLiteral("no connection within %1 ms").arg(m_request.timeouts.connectMs));
    });
    connect(&m_firstByteTimer, &QTimer::timeout, this, [this] {
        fail(OutcomeClass::FirstByteTimeout,
             QStringLiteral("no response within %1 ms").arg(m_request.timeouts.firstByteMs));
    });
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        fail(OutcomeClass::IdleTimeout, QStringLiteral("response stalled for %1 ms").arg(m_request.timeouts.idleMs));
    });
    connect(&m_totalTimer, &QTimer::timeout, this, [this] {
        fail(OutcomeClass::DeadlineExceeded,
             QStringLiteral("call exceeded its %1 ms deadline").arg(m_request.timeouts.totalMs));
    });

    m_parser.onHead = [this](int status, HttpHeaders headers) {
        m_status = status;
        Q_EMIT responseHead(status, headers);
    };
    m_parser.onBody = [this](const char *data, qsizetype size) {
        if (m_state != State::Done)
            Q_EMIT bodyData(QByteArray(data, size));
        // A handler may have paused or cancelled: stop the parser right here.
        if (m_paused || m_state == State::Done)
            m_parser.pause();
    };
}

UpstreamCall::~UpstreamCall()
{
    cancel();
    if (m_pool)
        m_pool->forget(this);
}

bool UpstreamCall::hasUsableUrl() const
{
    const QString scheme = m_request.url.scheme();
    return m_request.url.isValid() && !m_request.url.host().isEmpty() &&
           (scheme == QLatin1String("http") || scheme == QLatin1String("https"));
}

bool UpstreamCall::beginOnIdleConnection()
{
    if (m_state != State::Created || !m_pool || !hasUsableUrl())
        return false;
    UpstreamConnection *connection = m_pool->takeIdle(m_request);
    if (!connection)
        return false;
    m_clock.start();
    armTimer(m_totalTimer, m_request.timeouts.totalMs);
    attach(connection, true);
    return true;
}

void UpstreamCall::begin()
{
    if (m_state != State::Created)
        return;
    m_clock.start();
    if (!hasUsableUrl()) {
        fail(OutcomeClass::ConnectError,
             QStringLiteral("invalid upstream URL: %1").arg(m_request.url.toDisplayString(QUrl::RemoveUserInfo)));
        return;
    }
    if (!m_pool) {
        fail(OutcomeClass::ConnectError, QStringLiteral("upstream pool is gone"));
        return;
    }
    armTimer(m_totalTimer, m_request.timeouts.totalMs);
    m_pool->acquire(this);
}

void UpstreamCall::attach(UpstreamConnection *connection, bool reused)
{
    Q_ASSERT(m_state == State::Created || m_state == State::Queued);
    m_connection = connection;
    m_reused = reused;
    if (reused) {
        m_connectMs = 0;
        sendRequest();
        return;
    }
    m_state = State::Connecting;
    connect(connection, &UpstreamConnection::ready, this, &UpstreamCall::onConnectionReady);
    connect(connection, &UpstreamConnection::failed, this, &UpstreamCall::fail);
    m_connectStart = m_clock.elapsed();
    armTimer(m_connectTimer, m_request.timeouts.connectMs);
    connection->open();
}

void UpstreamCall::onConnectionReady()
{
    m_connectTimer.stop();
    m_connectMs = m_clock.elapsed() - m_connectStart;
    sendRequest();
}

void UpstreamCall::sendRequest()
{
    m_state = State::Exchanging;
    m_connection->disconnect(this);
    m_connection->countRequest();
    QTcpSocket *socket = m_connection->socket();
    connect(socket, &QIODevice::readyRead, this, &UpstreamCall::pump);
    connect(socket, &QAbstractSocket::disconnected, this, [this] {
        m_eof = true;
        pump();
    });
    connect(socket, &QAbstractSocket::errorOccurred, this, [this, socket] {
        if (m_endDetail.isEmpty())
            m_endDetail = socket->errorString();
        m_eof = true;
        pump();
    });

    // Head and body in one buffer: one send() for the usual small request.
    QByteArray bytes = requestHead();
    if (!m_request.body.isEmpty()) {
        bytes += m_request.body;
        m_bodyReachedUpstream = true;
    }
    m_connection->send(std::move(bytes));
    armTimer(m_firstByteTimer, m_request.timeouts.firstByteMs);
    // The connection may have been closed between the pool check and now.
    if (socket->state() != QAbstractSocket::ConnectedState)
        m_eof = true;
    if (m_eof || socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &UpstreamCall::pump, Qt::QueuedConnection);
}

QByteArray UpstreamCall::requestHead() const
{
    const QUrl &url = m_request.url;
    QByteArray pathAndQuery = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (!pathAndQuery.startsWith('/'))
        pathAndQuery.prepend('/');
    const QByteArray authority = url.adjusted(QUrl::RemoveUserInfo).authority(QUrl::FullyEncoded).toUtf8();
    QByteArray target = pathAndQuery;
    if (m_connection->usesAbsoluteForm())
        target = url.scheme().toLatin1() + "://" + authority + pathAndQuery;

    QByteArray head;
    head.reserve(512 + m_request.body.size());
    head += m_request.method + ' ' + target + " HTTP/1.1\r\nHost: " + authority + "\r\n";
    HttpHeaders headers = m_request.headers;
    stripHopByHop(headers);
    removeHeader(headers, "Host");
    removeHeader(headers, "Content-Length");
    removeHeader(headers, "Proxy-Authorization");
    for (const auto &[name, value] : headers) {
        // Never let a value smuggle a second header or request upstream.
        if (name.isEmpty() || hasControlBytes(name) || hasControlBytes(value)) {
            qCWarning(lcUpstream) << "dropping header with control characters:" << name.left(64);
            continue;
        }
        head += name + ": " + value + "\r\n";
    }
    if (!m_request.body.isEmpty() || methodCarriesBody(m_request.method))
        head += "Content-Length: " + QByteArray::number(m_request.body.size()) + "\r\n";
    if (m_connection->usesAbsoluteForm() && !m_connection->proxyAuthorization().isEmpty())
        head += "Proxy-Authorization: " + m_connection->proxyAuthorization() + "\r\n";
    head += "Connection: keep-alive\r\n\r\n";
    return head;
}

void UpstreamCall::pump()
{
    if (m_state != State::Exchanging || m_inFeed || !m_connection)
        return;
    QTcpSocket *socket = m_connection->socket();
    while (!m_paused && m_state == State::Exchanging) {
        if (!m_pending.isEmpty()) {
            process(std::exchange(m_pending, {}));
            continue;
        }
        const QByteArray chunk = socket->read(kReadChunkBytes);
        if (chunk.isEmpty())
            break;
        if (m_bytesReceived == 0) {
            m_firstByteTimer.stop();
            m_firstByteMs = m_clock.elapsed();
        }
        m_bytesReceived += chunk.size();
        armTimer(m_idleTimer, m_request.timeouts.idleMs);
        process(chunk);
    }
    if (m_state == State::Exchanging && !m_paused && m_pending.isEmpty() && m_eof && socket->bytesAvailable() == 0)
        handleEnd();
}

void UpstreamCall::process(const QByteArray &data)
{
    m_inFeed = true;
    const ResponseParser::FeedResult result = m_parser.feed(data.constData(), data.size());
    m_inFeed = false;
    if (m_state != State::Exchanging)
        return; // cancelled or failed from a handler
    switch (result.status) {
    case ResponseParser::Status::NeedMore:
        break;
    case ResponseParser::Status::Paused:
        m_pending = data.mid(result.consumed);
        break;
    case ResponseParser::Status::Complete:
        complete(result.consumed < data.size());
        break;
    case ResponseParser::Status::Error:
        fail(OutcomeClass::MalformedResponse, m_parser.errorText());
        break;
    }
}

void UpstreamCall::handleEnd()
{
    const QString why = m_endDetail.isEmpty() ? QStringLiteral("connection closed") : m_endDetail;
    if (m_bytesReceived == 0) {
        m_stale = m_reused;
        fail(OutcomeClass::ResetBeforeResponse,
             why + (m_reused ? QStringLiteral(" before any response (reused connection)")
                             : QStringLiteral(" before any response")));
        return;
    }
    switch (m_parser.finish()) {
    case ResponseParser::Status::Complete:
        complete(false); // close-delimited body
        return;
    case ResponseParser::Status::NeedMore:
    case ResponseParser::Status::Paused:
    case ResponseParser::Status::Error:
        break;
    }
    fail(OutcomeClass::Truncated, m_parser.headComplete() ? why + QStringLiteral(" before the body was complete")
                                                          : why + QStringLiteral(" inside the response head"));
}

void UpstreamCall::complete(bool surplusBytes)
{
    const QTcpSocket *socket = m_connection ? m_connection->socket() : nullptr;
    const bool reusable = socket && !surplusBytes && !m_eof && m_parser.keepAlive() &&
                          socket->state() == QAbstractSocket::ConnectedState && socket->bytesAvailable() == 0 &&
                          socket->bytesToWrite() == 0;
    m_state = State::Done;
    stopTimers();
    releaseConnection(reusable);
    if (m_pool)
        m_pool->forget(this);
    Q_EMIT finished();
}

void UpstreamCall::fail(OutcomeClass outcome, const QString &detail)
{
    if (m_state == State::Done)
        return;
    if (m_inFeed)
        m_parser.pause();
    m_state = State::Done;
    stopTimers();
    releaseConnection(false);
    if (m_pool)
        m_pool->forget(this);
    Q_EMIT failed(outcome, detail);
}

void UpstreamCall::cancel()
{
    if (m_state == State::Done)
        return;
    if (m_inFeed)
        m_parser.pause();
    m_state = State::Done;
    stopTimers();
    releaseConnection(false);
    if (m_pool)
        m_pool->forget(this);
}

void UpstreamCall::detachFromPool()
{
    // Forget the pool first: the pool is being destroyed and must not be
    // handed our connection back (it would serve queued calls with it).
    m_pool = nullptr;
    cancel();
}

void UpstreamCall::releaseConnection(bool reusable)
{
    UpstreamConnection *connection = m_connection.data();
    m_connection = nullptr;
    if (!connection)
        return;
    connection->disconnect(this);
    connection->socket()->disconnect(this);
    if (m_pool)
        m_pool->release(connection, reusable);
    else
        connection->abort();
}

void UpstreamCall::pause()
{
    if (m_state == State::Done || m_paused)
        return;
    m_paused = true;
    m_idleTimer.stop();
    if (m_inFeed)
        m_parser.pause();
}

void UpstreamCall::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    m_parser.resume();
    if (m_state != State::Exchanging)
        return;
    if (m_bytesReceived > 0)
        armTimer(m_idleTimer, m_request.timeouts.idleMs);
    QMetaObject::invokeMethod(this, &UpstreamCall::pump, Qt::QueuedConnection);
}

qint64 UpstreamCall::bufferedBytes() const
{
    const qint64 inSocket = m_connection ? m_connection->socket()->bytesAvailable() : 0;
    return m_pending.size() + inSocket;
}

void UpstreamCall::stopTimers()
{
    for (QTimer *timer : {&m_connectTimer, &m_firstByteTimer, &m_idleTimer, &m_totalTimer})
        timer->stop();
}

void UpstreamCall::armTimer(QTimer &timer, int ms)
{
    if (ms > 0)
        timer.start(ms);
}

} // namespace understudy
