#pragma once

// A deliberately small HTTP/1.1 client for server tests: raw bytes out,
// responses parsed by hand (independently of the server's parser). All
// waits spin the event loop, so a server on the same thread keeps working.

#include <QByteArray>
#include <QList>
#include <QTcpSocket>

#include <optional>
#include <utility>

struct TestResponse
{
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool chunked = false;

    QByteArray header(const char *name) const;
    bool hasHeader(const char *name) const;
};

class RawClient final
{
public:
    explicit RawClient(quint16 port, qint64 readBufferSize = 0);
    Q_DISABLE_COPY_MOVE(RawClient)

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    void send(const QByteArray &bytes);
    // Next complete response (interim 1xx responses count as responses).
    std::optional<TestResponse> next(bool headRequest = false, int timeoutMs = 10'000);
    bool waitClosed(int timeoutMs = 10'000);
    // True when the server closed without sending anything more.
    QTcpSocket &socket() { return m_socket; }
    QByteArray &buffer() { return m_buffer; }

private:
    enum class Parse { Incomplete, Complete, Bad };
    Parse tryParse(bool headRequest, TestResponse &out);

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

// Status, headers and body of a raw request on a fresh connection.
std::optional<TestResponse> roundTrip(quint16 port, const QByteArray &request, bool headRequest = false);
