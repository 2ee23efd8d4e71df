#include "http/HttpExchange.h"

#include "http/ErrorBody.h"
#include "http/HttpConnection.h"
#include "http/RequestHandler.h"
#include "http/ResponseTransform.h"
#include "http/ServerStats.h"

#include <QDateTime>
#include <QDebug>
#include <QLocale>

#include <http_parser.h>

namespace understudy {

namespace {

// IMF-fixdate, recomputed at most once a second per thread.
QByteArray httpDate()
{
    thread_local qint64 cachedSecond = -1;
    thread_local QByteArray cached;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 second = now.toSecsSinceEpoch();
    if (second != cachedSecond) {
        cachedSecond = second;
        cached = QLocale::c().toString(now, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
    }
    return cached;
}

QByteArray reasonPhrase(int status)
{
    const char *text = http_status_str(static_cast<http_status>(status));
    if (!text || *text == '<')
        return QByteArrayLiteral("Unknown");
    return QByteArray(text);
}

// Framing and hop-by-hop fields belong to this server, not to handlers.
bool isServerOwnedHeader(QByteArrayView name)
{
    static const char *const owned[] = {"content-length", "transfer-encoding", "connection",    "keep-alive",
                                        "upgrade",        "trailer",           kRequestIdHeader};
    for (const char *candidate : owned) {
        if (name.compare(QByteArrayView(candidate), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool isSafeHeader(const QByteArray &name, const QByteArray &value)
{
    if (name.isEmpty())
        return false;
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == ':')
            return false;
    }
    // CR, LF or NUL in a value would split the response.
    return !value.contains('\r') && !value.contains('\n') && !value.contains('\0');
}

} // namespace

HttpExchange::HttpExchange(HttpConnection *connection, HttpRequest request)
    : QObject(connection), m_connection(connection), m_request(std::move(request))
{}

HttpExchange::~HttpExchange() = default;

qint64 HttpExchange::unsentBytes() const
{
    return m_gone ? 0 : m_connection->unsentFor(this);
}

void HttpExchange::send(QByteArray bytes)
{
    m_connection->exchangeOutput(this, std::move(bytes));
}

void HttpExchange::markGone()
{
    m_gone = true;
}

void HttpExchange::setRequestBody(QByteArray body)
{
    m_request.body = std::move(body);
}

void HttpExchange::setResponseTransform(std::unique_ptr<ResponseTransform> transform)
{
    if (m_headSent) {
        qWarning("HttpExchange::setResponseTransform after the response started (request %s)",
                 m_request.requestId.constData());
        return;
    }
    m_transform = std::move(transform);
}

void HttpExchange::respond(int status, HttpHeaders headers, QByteArray body)
{
    if (m_gone)
        return;
    if (m_headSent) {
        qWarning("HttpExchange::respond after the response started (request %s)", m_request.requestId.constData());
        return;
    }
    startResponse(status, std::move(headers), body.size());
    if (!body.isEmpty())
        write(std::move(body));
    finish();
}

void RequestHandler::refuse(HttpExchange *exchange, int status, const QString &message)
{
    exchange->respondError(status, message);
}

void HttpExchange::respondError(int status, const QString &message, QByteArrayView type)
{
    const QByteArray errorType = type.isEmpty() ? errorTypeForStatus(status) : type.toByteArray();
    HttpHeaders headers{{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    if (status == 503)
        headers.emplace_back(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
    respond(status, std::move(headers), errorBody(errorType, message, m_request.requestId));
}

void HttpExchange::startResponse(int status, HttpHeaders headers, qint64 contentLength)
{
    if (m_gone)
        return;
    if (m_headSent || status < 200 || status > 999) {
        qWarning("HttpExchange::startResponse: invalid call (status %d, request %s)", status,
                 m_request.requestId.constData());
        return;
    }
    if (m_transform)
        m_transform->head(status, headers, contentLength);
    if (m_captureLimit > 0)
        m_capturedHeaders = headers;
    m_headSent = true;
    const bool isHead = m_request.method == "HEAD";
    m_noBody = isHead || status == 204 || status == 304;
    m_declaredLength = contentLength;
    m_closeAfter = m_connection->shouldCloseAfter(this);

    QByteArray head;
    head.reserve(512);
    head += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    bool hasDate = false;
    for (const auto &[name, value] : headers) {
        if (isServerOwnedHeader(name))
            continue;
        if (!isSafeHeader(name, value)) {
            qWarning("HttpExchange: dropping unsafe response header (request %s)", m_request.requestId.constData());
            continue;
        }
        hasDate = hasDate || name.compare("date", Qt::CaseInsensitive) == 0;
        head += name + ": " + value + "\r\n";
    }
    if (!hasDate)
        head += "Date: " + httpDate() + "\r\n";
    head += QByteArray(kRequestIdHeader) + ": " + m_request.requestId + "\r\n";
    if (!m_noBody) {
        if (contentLength >= 0) {
            head += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
        } else if (m_request.versionMinor >= 1) {
            head += "Transfer-Encoding: chunked\r\n";
            m_chunked = true;
        } else {
            m_closeAfter = true; // HTTP/1.0 without a length: the close ends the body
        }
    } else if (isHead && contentLength >= 0 && status != 204 && status != 304) {
        head += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    }
    if (m_closeAfter)
        head += "Connection: close\r\n";
    else if (m_request.versionMinor == 0)
        head += "Connection: keep-alive\r\n";
    head += "\r\n";
    m_connection->counters().noteResponse(status);
    send(std::move(head));
}

bool HttpExchange::write(QByteArray chunk)
{
    if (m_gone || m_finished)
        return false;
    if (!m_headSent) {
        qWarning("HttpExchange::write before startResponse (request %s)", m_request.requestId.constData());
        return false;
    }
    if (m_transform && !m_noBody)
        chunk = m_transform->body(chunk);
    writeFramed(std::move(chunk));
    if (m_gone)
        return false;
    const bool belowHighWater = unsentBytes() < kHighWaterBytes;
    if (!belowHighWater)
        m_wantsWritable = true;
    return belowHighWater;
}

void HttpExchange::writeFramed(QByteArray chunk)
{
    if (!m_noBody && !chunk.isEmpty()) {
        if (m_declaredLength >= 0 && m_bodyWritten + chunk.size() > m_declaredLength) {
            qWarning("HttpExchange::write beyond the declared Content-Length; excess dropped (request %s)",
                     m_request.requestId.constData());
            chunk.truncate(m_declaredLength - m_bodyWritten);
        }
        m_bodyWritten += chunk.size();
        if (m_capturedBody.size() < m_captureLimit)
            m_capturedBody +=
                QByteArrayView(chunk).first(std::min<qsizetype>(chunk.size(), m_captureLimit - m_capturedBody.size()));
        if (m_chunked && !chunk.isEmpty()) {
            QByteArray framed;
            framed.reserve(chunk.size() + 16);
            framed += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
            send(std::move(framed));
        } else if (!chunk.isEmpty()) {
            send(std::move(chunk));
        }
    }
}

void HttpExchange::finish()
{
    if (m_gone || m_finished)
        return;
    if (!m_headSent)
        startResponse(200, {}, 0);
    if (m_transform && !m_noBody) {
        writeFramed(m_transform->finish());
        if (m_gone)
            return;
    }
    if (m_chunked)
        send(QByteArrayLiteral("0\r\n\r\n"));
    if (!m_noBody && m_declaredLength >= 0 && m_bodyWritten < m_declaredLength)
        m_closeAfter = true; // the client must see the body cut short, not wait for more
    m_finished = true;
    m_connection->exchangeFinished(this);
}

void HttpExchange::abort()
{
    if (m_gone || m_finished)
        return;
    m_gone = true;
    m_connection->exchangeAborted(this);
}

} // namespace understudy
