#pragma once

// Scripted HTTP/1.1 upstream and proxy for the upstream client tests. Every
// behaviour is a way real upstreams misbehave; the fake counts connections
// and in-flight requests so tests can assert pooling from the outside.

#include <QByteArray>
#include <QList>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>
#include <QTcpSocket>

#include <optional>

namespace understudy::test {

class FakeUpstream final : public QTcpServer
{
    Q_OBJECT

public:
    enum class Behaviour {
        Normal,             // 200, Content-Length "hello" (no body for HEAD)
        Chunked,            // 200, chunked "hello world"
        CloseDelimited,     // 200, no length, body until close
        ConnectionClose,    // 200 with Connection: close, socket left open
        Http10,             // HTTP/1.0 200 without keep-alive, socket left open
        NoContent,          // 204
        Interim100,         // 100 Continue, then 200 "ok"
        ResetBeforeHeaders, // TCP RST as soon as the request arrived
        Silent,             // read the request, never answer
        HeadersThenStall,   // head + 3 of 100 body bytes, then nothing
        CutChunked,         // one chunk, then close without the last chunk
        ShortContentLength, // Content-Length 100, 5 bytes, close
        Garbage,            // unparsable status line
        CloseOnSecond,      // first request normal, close before answering the second
        CloseAfterResponse, // keep-alive response, then close the idle connection
        BigBody,            // 200 with bigBodyBytes of body
    };

    explicit FakeUpstream(QObject *parent = nullptr);

    bool start();
    quint16 serverPort() const { return QTcpServer::serverPort(); }
    // Serve TLS with this identity.
    void setTls(const QSslCertificate &certificate, const QSslKey &key);

    Behaviour behaviour = Behaviour::Normal;
    int respondDelayMs = 0;
    qint64 bigBodyBytes = 32LL << 20;

    int accepted = 0;
    int open = 0;
    int maxOpen = 0;
    int inFlight = 0;
    int maxInFlight = 0;
    QList<QByteArray> requests; // full request heads + bodies, in arrival order
    QPointer<QTcpSocket> lastSocket;

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void onReadable(QTcpSocket *socket);
    void respond(QTcpSocket *socket, int indexOnConnection, const QByteArray &method);

    std::optional<QSslCertificate> m_certificate;
    QSslKey m_key;
};

// Answers absolute-form requests itself (200 "via proxy") and tunnels
// CONNECT requests to 127.0.0.1 ports only.
class FakeProxy final : public QTcpServer
{
    Q_OBJECT

public:
    explicit FakeProxy(QObject *parent = nullptr);
    bool start();

    QList<QByteArray> heads; // request heads as received

private:
    void onReadable(QTcpSocket *client);
};

// Sends a TCP reset instead of a FIN.
void resetConnection(QTcpSocket *socket);

} // namespace understudy::test
