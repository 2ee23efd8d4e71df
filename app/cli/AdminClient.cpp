#include "AdminClient.h"

#include <QElapsedTimer>
#include <QSslSocket>

#include <nlohmann/json.hpp>

#include <memory>

namespace understudy::cli {

namespace {

constexpr qsizetype kMaxHeadBytes = 64 * 1024;
constexpr qsizetype kMaxBodyBytes = 256LL << 20;

Error unavailable(const QString &message)
{
    return Error{QStringLiteral("unavailable"), message};
}

Error protocol(const QString &message)
{
    return Error{QStringLiteral("protocol"), QStringLiteral("not an admin API answer: %1").arg(message)};
}

// Incremental decoding of a response body (Content-Length, chunked, or
// until the connection closes).
class BodyDecoder
{
public:
    enum class Mode { Length, Chunked, UntilClose };

    BodyDecoder(Mode mode, qint64 length) : m_mode(mode), m_remaining(length) {}

    // Moves decoded bytes from `in` to `out`; false on a framing error.
    bool feed(QByteArray &in, QByteArray &out)
    {
        if (m_mode == Mode::UntilClose) {
            out += in;
            in.clear();
            return true;
        }
        if (m_mode == Mode::Length) {
            const qint64 take = std::min<qint64>(m_remaining, in.size());
            out += in.left(take);
            in.remove(0, take);
            m_remaining -= take;
            m_done = m_remaining == 0;
            return true;
        }
        while (!m_done && !in.isEmpty()) {
            if (m_remaining > 0) {
                const qint64 take = std::min<qint64>(m_remaining, in.size());
                out += in.left(take);
                in.remove(0, take);
                m_remaining -= take;
                if (m_remaining == 0)
                    m_needCrlf = true;
                continue;
            }
            const qsizetype eol = in.indexOf("\r\n");
            if (eol < 0)
                return in.size() < 1024;
            const QByteArray line = in.left(eol);
            in.remove(0, eol + 2);
            if (m_needCrlf) {
                m_needCrlf = false;
                if (!line.isEmpty())
                    return false;
                continue;
            }
            bool ok = false;
            const qint64 size = line.split(';').constFirst().trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0)
                return false;
            if (size == 0) {
                m_done = true; // trailers, if any, are ignored
                return true;
            }
            m_remaining = size;
        }
        return true;
    }
    bool done() const { return m_done; }
    Mode mode() const { return m_mode; }

private:
    Mode m_mode;
    qint64 m_remaining;
    bool m_needCrlf = false;
    bool m_done = false;
};

// One request on its own connection; the caller reads the answer.
class Exchange
{
public:
    Exchange(const QUrl &url, int timeoutMs) : m_url(url), m_timeoutMs(timeoutMs) {}

    Result<void> send(const QByteArray &request)
    {
        const bool tls = m_url.scheme() == QLatin1String("https");
        const QString host = m_url.host();
        const quint16 port = static_cast<quint16>(m_url.port(tls ? 443 : 80));
        if (tls) {
            auto *ssl = new QSslSocket;
            m_socket.reset(ssl);
            ssl->connectToHostEncrypted(host, port);
            if (!ssl->waitForEncrypted(m_timeoutMs))
                return unavailable(
                    QStringLiteral("cannot reach the gateway at %1: %2").arg(m_url.toString(), ssl->errorString()));
        } else {
            m_socket = std::make_unique<QTcpSocket>();
            m_socket->connectToHost(host, port);
            if (!m_socket->waitForConnected(m_timeoutMs))
                return unavailable(QStringLiteral("cannot reach the gateway at %1: %2")
                                       .arg(m_url.toString(), m_socket->errorString()));
        }
        m_socket->write(request);
        QElapsedTimer timer;
        timer.start();
        while (m_socket->bytesToWrite() > 0) {
            if (timer.hasExpired(m_timeoutMs) || !m_socket->waitForBytesWritten(m_timeoutMs))
                return unavailable(
                    QStringLiteral("the gateway did not take the request: %1").arg(m_socket->errorString()));
        }
        return {};
    }

    // Waits for more bytes; false on close or timeout (`closed` tells which).
    bool readMore(int timeoutMs, bool &closed)
    {
        closed = false;
        if (m_socket->bytesAvailable() > 0 || m_socket->waitForReadyRead(timeoutMs)) {
            m_buffer += m_socket->readAll();
            return true;
        }
        closed = m_socket->state() != QAbstractSocket::ConnectedState;
        m_buffer += m_socket->readAll();
        return false;
    }

    Result<AdminResponse> readHead(std::unique_ptr<BodyDecoder> &decoder)
    {
        QElapsedTimer timer;
        timer.start();
        qsizetype end = -1;
        while ((end = m_buffer.indexOf("\r\n\r\n")) < 0) {
            if (m_buffer.size() > kMaxHeadBytes)
                return protocol(QStringLiteral("response head too large"));
            bool closed = false;
            const qint64 left = m_timeoutMs - timer.elapsed();
            if (left <= 0)
                return unavailable(QStringLiteral("the gateway did not answer within %1 ms").arg(m_timeoutMs));
            if (!readMore(int(left), closed) && closed && m_buffer.indexOf("\r\n\r\n") < 0)
                return unavailable(QStringLiteral("the gateway closed the connection without answering"));
        }
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        m_buffer.remove(0, end + 4);
        AdminResponse response;
        const QList<QByteArray> statusLine = lines.constFirst().trimmed().split(' ');
        bool ok = false;
        response.status = statusLine.size() >= 2 ? statusLine[1].toInt(&ok) : 0;
        if (!statusLine.constFirst().startsWith("HTTP/1.") || !ok)
            return protocol(QString::fromLatin1(lines.constFirst().left(80)));
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                response.headers.emplace_back(lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed());
        }
        if (response.header("transfer-encoding").toLower().contains("chunked")) {
            decoder = std::make_unique<BodyDecoder>(BodyDecoder::Mode::Chunked, 0);
        } else if (const QByteArray length = response.header("content-length"); !length.isEmpty()) {
            const qint64 n = length.toLongLong(&ok);
            if (!ok || n < 0 || n > kMaxBodyBytes)
                return protocol(QStringLiteral("bad Content-Length"));
            decoder = std::make_unique<BodyDecoder>(BodyDecoder::Mode::Length, n);
        } else {
            decoder = std::make_unique<BodyDecoder>(BodyDecoder::Mode::UntilClose, 0);
        }
        return response;
    }

    QByteArray &buffer() { return m_buffer; }

private:
    QUrl m_url;
    int m_timeoutMs;
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
};

QByteArray requestBytes(const QUrl &url, QByteArrayView method, const QByteArray &path, const QByteArray &token,
                        const QByteArray &body, bool stream)
{
    QByteArray out = method.toByteArray() + ' ' + path + " HTTP/1.1\r\nHost: " + url.host().toUtf8() + ':' +
                     QByteArray::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80)) +
                     "\r\nAuthorization: Bearer " + token +
                     "\r\nConnection: close\r\nUser-Agent: understudy-gateway-cli\r\n";
    out +=
        stream ? QByteArrayLiteral("Accept: text/event-stream\r\n") : QByteArrayLiteral("Accept: application/json\r\n");
    if (!body.isEmpty() || method == "POST" || method == "PUT")
        out += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "\r\n";
    out += body;
    return out;
}

} // namespace

QByteArray AdminResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString adminErrorMessage(const AdminResponse &response)
{
    const auto document = nlohmann::json::parse(response.body.toStdString(), nullptr, false);
    if (document.is_object() && document.contains("error") && document["error"].is_object() &&
        document["error"].contains("message") && document["error"]["message"].is_string())
        return QString::fromStdString(document["error"]["message"].get<std::string>());
    return QString::fromUtf8(response.body.left(500)).trimmed();
}

AdminClient::AdminClient(QUrl url, QByteArray token, int timeoutMs)
    : m_url(std::move(url)), m_token(std::move(token)), m_timeoutMs(timeoutMs)
{}

Result<AdminClient> AdminClient::create(const QString &url, QByteArray token, int timeoutMs)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty() ||
        (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https")))
        return Error{QStringLiteral("usage"), QStringLiteral("--url expects http(s)://HOST:PORT, got '%1'").arg(url)};
    if (token.isEmpty())
        return Error{QStringLiteral("usage"),
                     QStringLiteral("no admin token: pass --token or set UNDERSTUDY_ADMIN_TOKEN")};
    for (char c : token) {
        if (c <= ' ' || c > '~')
            return Error{QStringLiteral("usage"), QStringLiteral("the admin token has characters a token cannot have")};
    }
    return AdminClient(parsed, std::move(token), timeoutMs);
}

Result<AdminResponse> AdminClient::request(QByteArrayView method, const QByteArray &path, const QByteArray &body)
{
    Exchange exchange(m_url, m_timeoutMs);
    if (auto sent = exchange.send(requestBytes(m_url, method, path, m_token, body, false)); !sent)
        return sent.error();
    std::unique_ptr<BodyDecoder> decoder;
    auto head = exchange.readHead(decoder);
    if (!head)
        return head.error();
    AdminResponse response = std::move(head).value();
    QElapsedTimer timer;
    timer.start();
    while (true) {
        if (!decoder->feed(exchange.buffer(), response.body))
            return protocol(QStringLiteral("bad chunked framing"));
        if (decoder->done())
            return response;
        if (response.body.size() > kMaxBodyBytes)
            return protocol(QStringLiteral("response too large"));
        bool closed = false;
        const qint64 left = m_timeoutMs - timer.elapsed();
        if (left <= 0)
            return unavailable(QStringLiteral("the gateway did not finish its answer within %1 ms").arg(m_timeoutMs));
        if (!exchange.readMore(int(left), closed) && closed) {
            (void)decoder->feed(exchange.buffer(), response.body);
            if (decoder->mode() == BodyDecoder::Mode::UntilClose || decoder->done())
                return response;
            return unavailable(QStringLiteral("the gateway closed the connection mid-answer"));
        }
    }
}

Result<void> AdminClient::stream(const QByteArray &path,
                                 const std::function<bool(const QByteArray &, const QByteArray &)> &onEvent,
                                 const std::function<bool()> &cancelled, int idleTimeoutMs)
{
    Exchange exchange(m_url, m_timeoutMs);
    if (auto sent = exchange.send(requestBytes(m_url, "GET", path, m_token, {}, true)); !sent)
        return sent.error();
    std::unique_ptr<BodyDecoder> decoder;
    auto head = exchange.readHead(decoder);
    if (!head)
        return head.error();
    if (head->status != 200) {
        AdminResponse response = std::move(head).value();
        QElapsedTimer timer;
        timer.start();
        bool closed = false;
        while (decoder->feed(exchange.buffer(), response.body) && !decoder->done() && !closed &&
               !timer.hasExpired(m_timeoutMs))
            exchange.readMore(200, closed);
        return Error{QStringLiteral("status_%1").arg(response.status), adminErrorMessage(response)};
    }
    QByteArray text;
    QElapsedTimer idle;
    idle.start();
    while (true) {
        if (!decoder->feed(exchange.buffer(), text))
            return protocol(QStringLiteral("bad chunked framing"));
        text.replace("\r\n", "\n");
        qsizetype end = -1;
        while ((end = text.indexOf("\n\n")) >= 0) {
            const QByteArray block = text.left(end);
            text.remove(0, end + 2);
            QByteArray event = "message";
            QByteArray data;
            bool any = false;
            for (const QByteArray &line : block.split('\n')) {
                if (line.startsWith(':'))
                    continue; // comment: heartbeat or a dropped-events note
                const qsizetype colon = line.indexOf(':');
                const QByteArray field = colon < 0 ? line : line.left(colon);
                QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
                if (value.startsWith(' '))
                    value.remove(0, 1);
                if (field == "event") {
                    event = value;
                } else if (field == "data") {
                    data += (any ? "\n" : "") + value;
                    any = true;
                }
            }
            if (any && !onEvent(event, data))
                return {};
        }
        if (decoder->done())
            return Error{QStringLiteral("closed"), QStringLiteral("the gateway ended the stream")};
        if (cancelled && cancelled())
            return {};
        bool closed = false;
        if (exchange.readMore(200, closed)) {
            idle.restart();
        } else if (closed) {
            (void)decoder->feed(exchange.buffer(), text);
            return Error{QStringLiteral("closed"), QStringLiteral("the gateway closed the stream")};
        } else if (idle.hasExpired(idleTimeoutMs)) {
            return unavailable(
                QStringLiteral("nothing from the gateway for %1 ms, not even a heartbeat").arg(idleTimeoutMs));
        }
    }
}

} // namespace understudy::cli
