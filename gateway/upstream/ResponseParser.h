#pragma once

// Incremental HTTP/1.x response parser over Debian's http-parser. It frames
// one response (Content-Length, chunked or close-delimited), decodes chunked
// bodies, skips 1xx interim responses and knows which responses have no
// body (HEAD, 204, 304). Callbacks run synchronously inside feed().

#include "upstream/HttpHeaders.h"

#include <QByteArray>

#include <functional>
#include <memory>

struct http_parser;

namespace understudy {

class ResponseParser final
{
    Q_DISABLE_COPY_MOVE(ResponseParser)

public:
    enum class Status {
        NeedMore, // everything consumed, message not complete yet
        Paused,   // pause() was called from a callback; feed the rest after resume()
        Complete, // message complete; bytes after `consumed` do not belong to it
        Error,    // unparsable; see errorText()
    };
    struct FeedResult
    {
        Status status = Status::NeedMore;
        qsizetype consumed = 0;
    };

    std::function<void(int status, HttpHeaders headers)> onHead;
    std::function<void(const char *data, qsizetype size)> onBody;

    explicit ResponseParser(bool headRequest);
    ~ResponseParser();

    FeedResult feed(const char *data, qsizetype size);
    // The peer closed the connection. Returns Complete for a close-delimited
    // body, Error when the message was cut, NeedMore when nothing had started.
    Status finish();

    // Only from inside onHead/onBody: stop after the current callback.
    void pause();
    void resume();

    bool headComplete() const { return m_headComplete; }
    // Whether the connection may carry another request after this response.
    bool keepAlive() const;
    bool isCutMidMessage() const { return m_cut; }
    QString errorText() const;

private:
    static int onHeaderField(http_parser *parser, const char *at, size_t length);
    static int onHeaderValue(http_parser *parser, const char *at, size_t length);
    static int onHeadersComplete(http_parser *parser);
    static int onBodyData(http_parser *parser, const char *at, size_t length);
    static int onMessageComplete(http_parser *parser);

    std::unique_ptr<http_parser> m_parser;
    bool m_headRequest = false;
    bool m_interim = false; // current message is a 1xx interim response
    bool m_headComplete = false;
    bool m_complete = false;
    bool m_cut = false;
    bool m_fedAny = false;
    bool m_lastWasValue = false;
    HttpHeaders m_headers;
};

} // namespace understudy
