#include "upstream/UpstreamConnection.h"

#include "upstream/UpstreamCall.h"
#include "upstream/UpstreamPool.h"

#include "http/SocketWrite.h"
#include "upstream/UpstreamRequest.h"

#include <QNetworkProxy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>

namespace understudy {

namespace {

// A CONNECT reply head larger than this is not a proxy we can talk to.
constexpr qsizetype kMaxTunnelReplyBytes = 16 * 1024;

int defaultPort(const QUrl &url)
{
    return url.scheme() == QLatin1String("https") ? 443 : 80;
}

} // namespace

UpstreamConnection::UpstreamConnection(const QUrl &target, const UpstreamOriginOptions &options,
                                       QList<QSslCertificate> extraCas, QObject *parent)
    : QObject(parent)
    , m_target(target)
    , m_proxy(options.proxy)
    , m_tls(target.scheme() == QLatin1String("https"))
    , m_viaProxy(!options.proxy.isEmpty())
    , m_verifyPeer(options.tls.verifyPeer)
    , m_serverName(options.tls.serverName)
    , m_extraCas(std::move(extraCas))
{
    if (m_tls) {
        m_sslSocket = new QSslSocket(this);
        m_socket = m_sslSocket;
    } else {
        m_socket = new QTcpSocket(this);
    }
    // Never route through an application-wide proxy behind our back: the
    // provider's proxy option is the only proxy there is.
    m_socket->setProxy(QNetworkProxy::NoProxy);
    // Backpressure: when the holder stops reading, Qt stops reading from the
    // kernel once this much is buffered, and TCP flow control does the rest.
    m_socket->setReadBufferSize(UpstreamCall::kReadBufferBytes);
    if (m_viaProxy && !m_proxy.userName().isEmpty()) {
        const QByteArray credentials = m_proxy.userName().toUtf8() + ':' + m_proxy.password().toUtf8();
        m_proxyAuthorization = "Basic " + credentials.toBase64();
    }

    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        if (m_idle)
            Q_EMIT idleExpired();
    });
    connect(m_socket, &QAbstractSocket::connected, this, &UpstreamConnection::onConnected);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &UpstreamConnection::onSocketError);
    connect(m_socket, &QIODevice::readyRead, this, [this] {
        if (m_phase == Phase::Tunnelling)
            onTunnelData();
        else
            onIdleActivity();
    });
    connect(m_socket, &QAbstractSocket::disconnected, this, &UpstreamConnection::onIdleActivity);
    if (m_sslSocket) {
        connect(m_sslSocket, &QSslSocket::encrypted, this, &UpstreamConnection::onEncrypted);
        connect(m_sslSocket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            QStringList texts;
            for (const QSslError &error : errors)
                texts << error.errorString();
            // Not ignored: the handshake fails and errorOccurred follows.
            m_sslErrorText = texts.join(QStringLiteral("; "));
        });
    }
}

UpstreamConnection::~UpstreamConnection()
{
    // Never block in a destructor: drop the socket without flushing.
    m_socket->disconnect(this);
    m_socket->abort();
}

bool UpstreamConnection::isOpen() const
{
    return m_phase == Phase::Ready && m_socket->state() == QAbstractSocket::ConnectedState;
}

void UpstreamConnection::open()
{
    Q_ASSERT(m_phase == Phase::Unopened);
    m_phase = Phase::Connecting;
    if (m_viaProxy)
        m_socket->connectToHost(m_proxy.host(), quint16(m_proxy.port(8080)));
    else
        m_socket->connectToHost(m_target.host(), quint16(m_target.port(defaultPort(m_target))));
}

void UpstreamConnection::send(QByteArray bytes)
{
    auto *pool = qobject_cast<UpstreamPool *>(parent());
    if (m_sslSocket || !pool) {
        m_socket->write(bytes);
        return;
    }
    if (m_pending.isEmpty())
        pool->queueFlush(this);
    m_pending += bytes;
}

void UpstreamConnection::flushPending()
{
    if (m_pending.isEmpty())
        return;
    const QByteArray bytes = std::exchange(m_pending, QByteArray());
    if (m_phase == Phase::Ready)
        writeToPlainSocket(m_socket, bytes);
}

void UpstreamConnection::abort()
{
    m_pending.clear();
    m_phase = Phase::Failed;
    m_idle = false;
    m_idleTimer.stop();
    m_socket->abort();
}

void UpstreamConnection::onConnected()
{
    if (m_phase != Phase::Connecting)
        return;
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    if (m_viaProxy && m_tls) {
        m_phase = Phase::Tunnelling;
        const QByteArray authority =
            m_target.host(QUrl::FullyEncoded).toUtf8() + ':' + QByteArray::number(m_target.port(defaultPort(m_target)));
        QByteArray head = "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n";
        if (!m_proxyAuthorization.isEmpty())
            head += "Proxy-Authorization: " + m_proxyAuthorization + "\r\n";
        head += "\r\n";
        m_socket->write(head);
        return;
    }
    if (m_tls) {
        startTls();
        return;
    }
    m_phase = Phase::Ready;
    Q_EMIT ready();
}

void UpstreamConnection::onTunnelData()
{
    // Read byte-wise up to the end of the head: anything after it belongs
    // to the TLS session and must stay in the socket.
    while (m_socket->bytesAvailable() > 0 && !m_tunnelReply.endsWith("\r\n\r\n")) {
        char c = 0;
        m_socket->getChar(&c);
        m_tunnelReply.append(c);
        if (m_tunnelReply.size() > kMaxTunnelReplyBytes) {
            fail(OutcomeClass::ConnectError, QStringLiteral("proxy CONNECT reply too large"));
            return;
        }
    }
    if (!m_tunnelReply.endsWith("\r\n\r\n"))
        return;
    const QByteArray statusLine = m_tunnelReply.left(m_tunnelReply.indexOf("\r\n"));
    const QList<QByteArray> parts = statusLine.split(' ');
    const bool ok = parts.size() >= 2 && parts[0].startsWith("HTTP/1.") && parts[1].size() == 3 && parts[1][0] == '2';
    if (!ok) {
        fail(OutcomeClass::ConnectError,
             QStringLiteral("proxy refused CONNECT: %1").arg(QString::fromLatin1(statusLine.left(200))));
        return;
    }
    m_tunnelReply.clear();
    startTls();
}

void UpstreamConnection::startTls()
{
    m_phase = Phase::Handshaking;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!m_extraCas.isEmpty())
        tls.addCaCertificates(m_extraCas);
    tls.setPeerVerifyMode(m_verifyPeer ? QSslSocket::VerifyPeer : QSslSocket::VerifyNone);
    m_sslSocket->setSslConfiguration(tls);
    // The verify name is also what Qt sends as SNI; through a tunnel the
    // socket's peer is the proxy, so it must always be set explicitly.
    m_sslSocket->setPeerVerifyName(m_serverName.isEmpty() ? m_target.host() : m_serverName);
    m_sslSocket->startClientEncryption();
}

void UpstreamConnection::onEncrypted()
{
    if (m_phase != Phase::Handshaking)
        return;
    m_phase = Phase::Ready;
    Q_EMIT ready();
}

void UpstreamConnection::onSocketError()
{
    switch (m_phase) {
    case Phase::Connecting:
    case Phase::Tunnelling:
        fail(OutcomeClass::ConnectError, m_socket->errorString());
        break;
    case Phase::Handshaking: {
        QString detail = QStringLiteral("TLS handshake failed: ") + m_socket->errorString();
        if (!m_sslErrorText.isEmpty())
            detail += QStringLiteral(" (") + m_sslErrorText + QLatin1Char(')');
        fail(OutcomeClass::ConnectError, detail);
        break;
    }
    case Phase::Ready:
        onIdleActivity();
        break;
    case Phase::Unopened:
    case Phase::Failed:
        break;
    }
}

void UpstreamConnection::onIdleActivity()
{
    // While a call holds the connection it watches the socket itself.
    if (m_idle)
        Q_EMIT idleExpired();
}

void UpstreamConnection::markIdle(int idleTimeoutMs)
{
    m_idle = true;
    if (idleTimeoutMs > 0)
        m_idleTimer.start(idleTimeoutMs);
}

void UpstreamConnection::markBusy()
{
    m_idle = false;
    m_idleTimer.stop();
}

void UpstreamConnection::fail(OutcomeClass outcome, const QString &detail)
{
    if (m_phase == Phase::Failed)
        return;
    m_phase = Phase::Failed;
    m_socket->abort();
    Q_EMIT failed(outcome, detail);
}

} // namespace understudy
