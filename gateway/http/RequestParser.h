#pragma once

// Incremental HTTP/1.x request framing on top of Debian's http-parser
// (Node.js lineage; it owns chunked decoding, Content-Length framing and
// keep-alive rules). Around it sit the checks a gateway needs that the
// parser leaves to its caller or only does in part:
//  - a pre-scan of the request head that bounds its size (431), rejects
//    obs-fold continuation lines and bare CR before the parser sees them;
//  - request-smuggling shapes at end of head: Content-Length together with
//    Transfer-Encoding, repeated or non-numeric Content-Length, any
//    Transfer-Encoding other than a single "chunked", Transfer-Encoding on
//    HTTP/1.0, invalid header-name or header-value characters, missing or
//    repeated Host on HTTP/1.1;
//  - the body limit (413), checked against Content-Length before any body
//    byte is read and against the decoded size for chunked bodies.
// Internal to gateway/http.

#include "http/HttpRequest.h"

#include <http_parser.h>

#include <QString>

#include <optional>

namespace understudy {

class RequestParser final
{
public:
    enum class Event {
        NeedMore,        // all input consumed, message not complete
        HeadComplete,    // head parsed and checked; current() has method/target/headers
        MessageComplete, // whole message parsed; takeRequest()
        Error,           // failure(); the parser is dead, answer and close
    };
    struct Failure
    {
        int status = 400;
        QString message;
    };

    RequestParser();
    Q_DISABLE_COPY_MOVE(RequestParser)

    void setLimits(int maxHeaderBytes, qint64 maxBodyBytes);

    // Consumes bytes from the front of `input` up to the next event.
    Event parse(QByteArray &input);

    // True once any byte of a message (other than leading CRLFs) arrived
    // and until that message completes.
    bool midMessage() const { return m_scan != Scan::Idle; }
    bool inBody() const { return m_headDone; }
    bool expectsContinue() const { return m_expectContinue; }

    const HttpRequest &current() const { return m_request; }
    HttpRequest takeRequest();
    const Failure &failure() const { return *m_failure; }

private:
    enum class Scan { Idle, Head, Done };

    bool scanHead(const QByteArray &input);
    void fail(int status, QString message);
    void storeField();
    bool checkHead();

    static int onMessageBegin(http_parser *parser);
    static int onUrl(http_parser *parser, const char *at, size_t length);
    static int onHeaderField(http_parser *parser, const char *at, size_t length);
    static int onHeaderValue(http_parser *parser, const char *at, size_t length);
    static int onHeadersComplete(http_parser *parser);
    static int onBody(http_parser *parser, const char *at, size_t length);
    static int onMessageComplete(http_parser *parser);

    http_parser m_parser;
    http_parser_settings m_settings;
    int m_maxHeaderBytes = 64 * 1024;
    qint64 m_maxBodyBytes = 32LL << 20;

    HttpRequest m_request;
    QByteArray m_field;
    QByteArray m_value;
    bool m_inValue = false;
    bool m_headDone = false;
    bool m_expectContinue = false;
    Event m_pending = Event::NeedMore;
    std::optional<Failure> m_failure;

    Scan m_scan = Scan::Idle;
    qsizetype m_scannedAhead = 0; // bytes at the front of input already scanned, not yet parsed
    int m_headBytes = 0;
    int m_lineLength = 0;
    bool m_firstLine = true;
    bool m_previousCR = false;
};

} // namespace understudy
