#pragma once

// One request and its response on an inbound connection. Lives on the
// connection's worker thread; every method must be called on that thread.
//
// Response framing belongs to the server: Content-Length, Transfer-Encoding,
// Connection and x-understudy-request-id supplied by a handler are replaced.
// Pipelined exchanges may be answered in any order by handlers; output is
// put on the wire in request order (later exchanges buffer until earlier
// ones finish, bounded by the same write() high-water mark).

#include "http/HttpRequest.h"

#include <QObject>

#include <memory>

namespace understudy {

class HttpConnection;
class ResponseTransform;

class HttpExchange final : public QObject
{
    Q_OBJECT
public:
    // write() returns false once this many bytes wait unsent; writable()
    // follows when they drain below kLowWaterBytes.
    static constexpr qint64 kHighWaterBytes = 256 * 1024;
    static constexpr qint64 kLowWaterBytes = 64 * 1024;

    ~HttpExchange() override;
    Q_DISABLE_COPY_MOVE(HttpExchange)

    const HttpRequest &request() const { return m_request; }
    // For a handler that translates the request into the API the rest of
    // the pipeline speaks (the Anthropic Messages inbound); before any
    // response is started.
    void setRequestBody(QByteArray body);
    // Rewrites everything respond / startResponse / write / finish send from
    // now on (see http/ResponseTransform.h). Install before the head is sent.
    void setResponseTransform(std::unique_ptr<ResponseTransform> transform);

    // Whole response at once; sets Content-Length, then finishes.
    void respond(int status, HttpHeaders headers, QByteArray body);
    // The JSON error shape of SPEC §5 with this request's id.
    void respondError(int status, const QString &message, QByteArrayView type = {});

    // Sends the head. contentLength -1: chunked on HTTP/1.1, close-delimited
    // on HTTP/1.0. HEAD requests and 204/304 never carry a body: write()
    // then discards data.
    void startResponse(int status, HttpHeaders headers, qint64 contentLength = -1);
    // Queues body bytes (never drops them). Returns false when the
    // connection holds kHighWaterBytes or more unsent: stop writing until
    // writable(). A handler that ignores this defeats the memory bound.
    bool write(QByteArray chunk);
    // Ends the response. With a declared length and fewer bytes written the
    // connection is closed after the body so the client sees a truncation.
    void finish();
    // Hard close of the connection, for a stream that cannot be completed
    // (the client must not mistake a cut answer for a whole one).
    void abort();

    bool responseStarted() const { return m_headSent; }
    bool isFinished() const { return m_finished; }
    bool isClientGone() const { return m_gone; }
    qint64 unsentBytes() const;
    // Response body bytes handed to the connection so far (after any transform).
    qint64 bodyBytesWritten() const { return m_bodyWritten; }

    // Keep a copy of the response head and of the first `maxBytes` of the
    // body as sent, for the request log (routes with log_bodies). Off (0)
    // by default: nothing is copied.
    void setResponseCapture(qint64 maxBytes) { m_captureLimit = maxBytes; }
    const HttpHeaders &capturedResponseHeaders() const { return m_capturedHeaders; }
    const QByteArray &capturedResponseBody() const { return m_capturedBody; }

Q_SIGNALS:
    void writable();
    // The client disconnected (or the server is closing) before finish();
    // stop work, the exchange is deleted soon after.
    void clientGone();

private:
    friend class HttpConnection;
    HttpExchange(HttpConnection *connection, HttpRequest request);

    void send(QByteArray bytes);
    void markGone();

    void writeFramed(QByteArray chunk);

    HttpConnection *m_connection;
    HttpRequest m_request;
    std::unique_ptr<ResponseTransform> m_transform;
    QByteArray m_pendingOutput; // output held while earlier exchanges still write
    qint64 m_declaredLength = -1;
    qint64 m_bodyWritten = 0;
    bool m_headSent = false;
    bool m_finished = false;
    bool m_gone = false;
    bool m_chunked = false;
    bool m_noBody = false;
    bool m_closeAfter = false;
    bool m_wantsWritable = false;
    qint64 m_captureLimit = 0;
    HttpHeaders m_capturedHeaders;
    QByteArray m_capturedBody;
};

} // namespace understudy
