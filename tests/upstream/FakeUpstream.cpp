#include "FakeUpstream.h"

#include <QHostAddress>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

#include <sys/socket.h>

namespace understudy::test {

namespace {

// Returns the length of the complete request at the front of `buffer`, or 0.
qsizetype completeRequestLength(const QByteArray &buffer)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return 0;
    qsizetype bodyLength = 0;
    for (const QByteArray &line : buffer.left(headEnd).split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            bodyLength = line.mid(15).trimmed().toLongLong();
    }
    const qsizetype total = headEnd + 4 + bodyLength;
    return buffer.size() >= total ? total : 0;
}

} // namespace

void resetConnection(QTcpSocket *socket)
{
    const linger option{1, 0};
    ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &option, sizeof option);
    socket->abort();
}

FakeUpstream::FakeUpstream(QObject *parent) : QTcpServer(parent)
{}

bool FakeUpstream::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

void FakeUpstream::setTls(const QSslCertificate &certificate, const QSslKey &key)
{
    m_certificate = certificate;
    m_key = key;
}

void FakeUpstream::incomingConnection(qintptr descriptor)
{
    QTcpSocket *socket = nullptr;
    if (m_certificate) {
        auto *tls = new QSslSocket(this);
        tls->setSocketDescriptor(descriptor);
        tls->setLocalCertificate(*m_certificate);
        tls->setPrivateKey(m_key);
        tls->setPeerVerifyMode(QSslSocket::VerifyNone);
        tls->startServerEncryption();
        socket = tls;
    } else {
        socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
    }
    ++accepted;
    maxOpen = std::max(maxOpen, ++open);
    lastSocket = socket;
    socket->setProperty("served", 0);
    connect(socket, &QIODevice::readyRead, this, [this, socket] { onReadable(socket); });
    connect(socket, &QAbstractSocket::disconnected, this, [this, socket] {
        --open;
        socket->deleteLater();
    });
}

void FakeUpstream::onReadable(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    while (const qsizetype length = completeRequestLength(buffer)) {
        const QByteArray request = buffer.left(length);
        buffer.remove(0, length);
        requests << request;
        const int index = socket->property("served").toInt();
        socket->setProperty("served", index + 1);
        maxInFlight = std::max(maxInFlight, ++inFlight);
        const QByteArray method = request.left(request.indexOf(' '));
        if (respondDelayMs > 0) {
            QTimer::singleShot(respondDelayMs, socket,
                               [this, socket, index, method] { respond(socket, index, method); });
        } else {
            respond(socket, index, method);
        }
    }
    socket->setProperty("buffer", buffer);
}

void FakeUpstream::respond(QTcpSocket *socket, int index, const QByteArray &method)
{
    --inFlight;
    switch (behaviour) {
    case Behaviour::Normal:
        socket->write(method == "HEAD"
                          ? QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
                          : QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Test: yes\r\n\r\nhello"));
        return;
    case Behaviour::Chunked:
        socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
        return;
    case Behaviour::CloseDelimited:
        socket->write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil close");
        socket->disconnectFromHost();
        return;
    case Behaviour::ConnectionClose:
        socket->write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
        return;
    case Behaviour::Http10:
        socket->write("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok");
        return;
    case Behaviour::NoContent:
        socket->write("HTTP/1.1 204 No Content\r\n\r\n");
        return;
    case Behaviour::Interim100:
        socket->write("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        return;
    case Behaviour::ResetBeforeHeaders:
        resetConnection(socket);
        return;
    case Behaviour::Silent:
        return;
    case Behaviour::HeadersThenStall:
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc");
        return;
    case Behaviour::CutChunked:
        socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        socket->disconnectFromHost();
        return;
    case Behaviour::ShortContentLength:
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");
        socket->disconnectFromHost();
        return;
    case Behaviour::Garbage:
        socket->write("HTXP/1.1 ??? nonsense\r\n\r\n");
        return;
    case Behaviour::CloseOnSecond:
        if (index >= 1)
            socket->disconnectFromHost();
        else
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        return;
    case Behaviour::CloseAfterResponse:
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        socket->disconnectFromHost();
        return;
    case Behaviour::BigBody:
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(bigBodyBytes) + "\r\n\r\n");
        socket->write(QByteArray(bigBodyBytes, 'x'));
        return;
    }
}

FakeProxy::FakeProxy(QObject *parent) : QTcpServer(parent)
{
    connect(this, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *client = nextPendingConnection()) {
            connect(client, &QIODevice::readyRead, this, [this, client] { onReadable(client); });
            connect(client, &QAbstractSocket::disconnected, client, &QObject::deleteLater);
        }
    });
}

bool FakeProxy::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

void FakeProxy::onReadable(QTcpSocket *client)
{
    if (client->property("tunnel").toBool())
        return; // the tunnel's own handler forwards
    QByteArray buffer = client->property("buffer").toByteArray() + client->readAll();
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        client->setProperty("buffer", buffer);
        return;
    }
    const QByteArray head = buffer.left(headEnd + 4);
    heads << head;
    client->setProperty("buffer", QByteArray());
    if (!head.startsWith("CONNECT ")) {
        client->write("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nvia proxy");
        return;
    }
    const QByteArray authority = head.mid(8, head.indexOf(' ', 8) - 8);
    const quint16 port = quint16(authority.mid(authority.lastIndexOf(':') + 1).toUInt());
    auto *target = new QTcpSocket(client);
    client->setProperty("tunnel", true);
    connect(target, &QAbstractSocket::connected, client,
            [client] { client->write("HTTP/1.1 200 Connection established\r\n\r\n"); });
    connect(target, &QIODevice::readyRead, client, [client, target] { client->write(target->readAll()); });
    connect(client, &QIODevice::readyRead, target, [client, target] { target->write(client->readAll()); });
    connect(target, &QAbstractSocket::disconnected, client, [client] { client->disconnectFromHost(); });
    connect(client, &QAbstractSocket::disconnected, target, [target] { target->disconnectFromHost(); });
    target->connectToHost(QHostAddress::LocalHost, port);
}

} // namespace understudy::test
