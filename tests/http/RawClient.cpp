#include "RawClient.h"

#include <QTest>

QByteArray TestResponse::header(const char *name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool TestResponse::hasHeader(const char *name) const
{
    for (const auto &field : headers) {
        if (field.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

RawClient::RawClient(quint16 port, qint64 readBufferSize)
{
    m_socket.setReadBufferSize(readBufferSize);
    m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    (void)QTest::qWaitFor(
        [this] {
            return m_socket.state() == QAbstractSocket::ConnectedState ||
                   m_socket.state() == QAbstractSocket::UnconnectedState;
        },
        10'000);
}

void RawClient::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

RawClient::Parse RawClient::tryParse(bool headRequest, TestResponse &out)
{
    const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return Parse::Incomplete;
    const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    if (statusLine.size() < 2 || !statusLine.first().startsWith("HTTP/1."))
        return Parse::Bad;
    TestResponse response;
    response.status = statusLine.at(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return Parse::Bad;
        response.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    const qsizetype bodyStart = headEnd + 4;
    const bool noBody = headRequest || response.status < 200 || response.status == 204 || response.status == 304;
    qsizetype consumed = bodyStart;
    if (noBody) {
        // nothing
    } else if (response.header("transfer-encoding").compare("chunked", Qt::CaseInsensitive) == 0) {
        response.chunked = true;
        qsizetype pos = bodyStart;
        for (;;) {
            const qsizetype lineEnd = m_buffer.indexOf("\r\n", pos);
            if (lineEnd < 0)
                return Parse::Incomplete;
            bool ok = false;
            const qsizetype size = m_buffer.mid(pos, lineEnd - pos).toLongLong(&ok, 16);
            if (!ok)
                return Parse::Bad;
            if (size == 0) {
                if (m_buffer.size() < lineEnd + 4)
                    return Parse::Incomplete;
                consumed = lineEnd + 4;
                break;
            }
            if (m_buffer.size() < lineEnd + 2 + size + 2)
                return Parse::Incomplete;
            response.body += m_buffer.mid(lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
    } else if (response.hasHeader("content-length")) {
        const qsizetype length = response.header("content-length").toLongLong();
        if (m_buffer.size() < bodyStart + length)
            return Parse::Incomplete;
        response.body = m_buffer.mid(bodyStart, length);
        consumed = bodyStart + length;
    } else {
        if (m_socket.state() != QAbstractSocket::UnconnectedState)
            return Parse::Incomplete; // close-delimited
        response.body = m_buffer.mid(bodyStart);
        consumed = m_buffer.size();
    }
    m_buffer.remove(0, consumed);
    out = std::move(response);
    return Parse::Complete;
}

std::optional<TestResponse> RawClient::next(bool headRequest, int timeoutMs)
{
    TestResponse response;
    Parse state = Parse::Incomplete;
    (void)QTest::qWaitFor(
        [&] {
            m_buffer += m_socket.readAll();
            state = tryParse(headRequest, response);
            return state != Parse::Incomplete || m_socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
    if (state == Parse::Incomplete) {
        m_buffer += m_socket.readAll();
        state = tryParse(headRequest, response);
    }
    if (state != Parse::Complete)
        return std::nullopt;
    return response;
}

bool RawClient::waitClosed(int timeoutMs)
{
    return QTest::qWaitFor(
        [this] {
            m_buffer += m_socket.readAll();
            return m_socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
}

std::optional<TestResponse> roundTrip(quint16 port, const QByteArray &request, bool headRequest)
{
    RawClient client(port);
    if (!client.isConnected())
        return std::nullopt;
    client.send(request);
    return client.next(headRequest);
}
