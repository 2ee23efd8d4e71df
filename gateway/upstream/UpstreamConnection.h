#pragma once

// One TCP (optionally TLS, optionally proxied) connection to an origin.
// It knows how to get connected: plain connect, CONNECT tunnel through an
// HTTP proxy, TLS handshake. Request/response traffic is driven by the
// UpstreamCall that currently holds it; the UpstreamPool owns it.

#include "config/Outcome.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QTimer>
#include <QUrl>

class QTcpSocket;
class QSslSocket;

namespace understudy {

struct UpstreamOriginOptions;

class UpstreamConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamConnection)

public:
    // `target` is the origin (scheme, host, port); `extraCas` the custom CA
    // certificates already loaded by the pool.
    UpstreamConnection(const QUrl &target, const UpstreamOriginOptions &options, QList<QSslCertificate> extraCas,
                       QObject *parent);
    ~UpstreamConnection() override;

    // Starts connecting; ends in exactly one of ready() or failed().
    void open();
    // Closes the socket at once (no graceful shutdown, no signals).
    void abort();

    QTcpSocket *socket() const { return m_socket; }
    // Request bytes. Plain TCP: held until the pool flushes at the end of
    // the event-loop pass (one send() per connection per pass, see
    // UpstreamPool::flushWrites); TLS: handed to the socket at once.
    void send(QByteArray bytes);
    void flushPending();
    bool isOpen() const;
    // True when requests must use absolute-form targets (plain http through a proxy).
    bool usesAbsoluteForm() const { return m_viaProxy && !m_tls; }
    const QByteArray &proxyAuthorization() const { return m_proxyAuthorization; }
    int requestsServed() const { return m_requestsServed; }
    void countRequest() { ++m_requestsServed; }

    // Idle bookkeeping, managed by the pool.
    void markIdle(int idleTimeoutMs);
    void markBusy();
    bool isIdle() const { return m_idle; }

Q_SIGNALS:
    void ready();
    void failed(understudy::OutcomeClass outcome, const QString &detail);
    // While idle in the pool: the peer closed, sent unsolicited bytes or the
    // idle timeout passed. The pool discards the connection.
    void idleExpired();

private:
    void onConnected();
    void onTunnelData();
    void onSocketError();
    void onEncrypted();
    void onIdleActivity();
    void startTls();
    void fail(OutcomeClass outcome, const QString &detail);

    QUrl m_target;
    QUrl m_proxy;
    bool m_tls = false;
    bool m_viaProxy = false;
    bool m_verifyPeer = true;
    QString m_serverName;
    QList<QSslCertificate> m_extraCas;
    QByteArray m_proxyAuthorization;
    QTcpSocket *m_socket = nullptr;
    QSslSocket *m_sslSocket = nullptr; // same object as m_socket when TLS is used
    enum class Phase { Unopened, Connecting, Tunnelling, Handshaking, Ready, Failed };
    Phase m_phase = Phase::Unopened;
    QByteArray m_pending; // plain TCP output waiting for the pool's flush
    QByteArray m_tunnelReply;
    QString m_sslErrorText; // collected from sslErrors() for the failure detail
    bool m_idle = false;
    QTimer m_idleTimer;
    int m_requestsServed = 0;
};

} // namespace understudy
