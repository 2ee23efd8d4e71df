#include "http/RequestParser.h"

#include <algorithm>

namespace understudy {

namespace {

RequestParser *self(http_parser *parser)
{
    return static_cast<RequestParser *>(parser->data);
}

// RFC 9110 tchar.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

// Field values: visible ASCII, SP, HTAB and obs-text; no other controls.
bool isFieldValue(QByteArrayView text)
{
    return std::all_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u == '\t' || (u >= 0x20 && u != 0x7f);
    });
}

bool isDigits(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

RequestParser::RequestParser()
{
    http_parser_init(&m_parser, HTTP_REQUEST);
    m_parser.data = this;
    http_parser_settings_init(&m_settings);
    m_settings.on_message_begin = &RequestParser::onMessageBegin;
    m_settings.on_url = &RequestParser::onUrl;
    m_settings.on_header_field = &RequestParser::onHeaderField;
    m_settings.on_header_value = &RequestParser::onHeaderValue;
    m_settings.on_headers_complete = &RequestParser::onHeadersComplete;
    m_settings.on_body = &RequestParser::onBody;
    m_settings.on_message_complete = &RequestParser::onMessageComplete;
}

void RequestParser::setLimits(int maxHeaderBytes, qint64 maxBodyBytes)
{
    m_maxHeaderBytes = maxHeaderBytes;
    m_maxBodyBytes = maxBodyBytes;
}

void RequestParser::fail(int status, QString message)
{
    if (!m_failure)
        m_failure = Failure{status, std::move(message)};
}

// Walks the head byte by byte ahead of the parser so that size, obs-fold
// and bare CR are judged on exactly what the client sent. Stops at the
// empty line; the parser is then fed no further than that point.
bool RequestParser::scanHead(const QByteArray &input)
{
    while (m_scan != Scan::Done && m_scannedAhead < input.size()) {
        const char c = input.at(m_scannedAhead++);
        if (m_scan == Scan::Idle) {
            if (c == '\r' || c == '\n')
                continue; // RFC 9112 §2.2: ignore empty lines before the request-line
            m_scan = Scan::Head;
            m_headBytes = 0;
            m_lineLength = 0;
            m_firstLine = true;
            m_previousCR = false;
        }
        if (++m_headBytes > m_maxHeaderBytes) {
            fail(431, QStringLiteral("request head exceeds %1 bytes").arg(m_maxHeaderBytes));
            return false;
        }
        if (m_previousCR && c != '\n') {
            fail(400, QStringLiteral("bare CR in request head"));
            return false;
        }
        m_previousCR = c == '\r';
        if (c == '\r')
            continue;
        if (c == '\n') {
            if (m_lineLength == 0 && !m_firstLine) {
                m_scan = Scan::Done;
                return true;
            }
            m_firstLine = false;
            m_lineLength = 0;
            continue;
        }
        if (m_lineLength == 0 && !m_firstLine && (c == ' ' || c == '\t')) {
            fail(400, QStringLiteral("obsolete line folding in header"));
            return false;
        }
        ++m_lineLength;
    }
    return true;
}

RequestParser::Event RequestParser::parse(QByteArray &input)
{
    if (m_failure)
        return Event::Error;
    while (!input.isEmpty()) {
        qsizetype feed = input.size();
        if (m_scan != Scan::Done) {
            if (!scanHead(input))
                return Event::Error;
            feed = m_scannedAhead;
        }
        if (feed == 0) {
            // Only ignorable bytes; nothing for the parser yet.
            input.clear();
            m_scannedAhead = 0;
            return Event::NeedMore;
        }
        m_pending = Event::NeedMore;
        const size_t consumed =
            http_parser_execute(&m_parser, &m_settings, input.constData(), static_cast<size_t>(feed));
        input.remove(0, static_cast<qsizetype>(consumed));
        m_scannedAhead = std::max<qsizetype>(0, m_scannedAhead - static_cast<qsizetype>(consumed));
        const http_errno error = HTTP_PARSER_ERRNO(&m_parser);
        if (error == HPE_PAUSED) {
            http_parser_pause(&m_parser, 0);
            return m_pending;
        }
        if (error != HPE_OK || m_failure) {
            if (error == HPE_HEADER_OVERFLOW)
                fail(431, QStringLiteral("request head too large"));
            else
                fail(400, QString::fromLatin1(http_errno_description(error)));
            return Event::Error;
        }
        if (m_parser.upgrade) {
            // We never switch protocols; the message is over and the
            // connection closes after the answer (keepAlive is false).
            return m_pending == Event::NeedMore ? Event::MessageComplete : m_pending;
        }
        if (static_cast<qsizetype>(consumed) < feed) {
            fail(400, QStringLiteral("unparsable request"));
            return Event::Error;
        }
        if (m_scan != Scan::Done)
            return Event::NeedMore; // head incomplete, all of it consumed
    }
    return Event::NeedMore;
}

HttpRequest RequestParser::takeRequest()
{
    HttpRequest request = std::move(m_request);
    m_request = HttpRequest{};
    return request;
}

void RequestParser::storeField()
{
    if (!m_field.isEmpty() || m_inValue) {
        while (!m_value.isEmpty() && (m_value.back() == ' ' || m_value.back() == '\t'))
            m_value.chop(1);
        m_request.headers.emplace_back(std::move(m_field), std::move(m_value));
    }
    m_field.clear();
    m_value.clear();
    m_inValue = false;
}

int RequestParser::onMessageBegin(http_parser *parser)
{
    RequestParser *p = self(parser);
    p->m_request = HttpRequest{};
    p->m_field.clear();
    p->m_value.clear();
    p->m_inValue = false;
    p->m_headDone = false;
    p->m_expectContinue = false;
    return 0;
}

int RequestParser::onUrl(http_parser *parser, const char *at, size_t length)
{
    self(parser)->m_request.target.append(at, static_cast<qsizetype>(length));
    return 0;
}

int RequestParser::onHeaderField(http_parser *parser, const char *at, size_t length)
{
    RequestParser *p = self(parser);
    if (p->m_inValue)
        p->storeField();
    p->m_field.append(at, static_cast<qsizetype>(length));
    return 0;
}

int RequestParser::onHeaderValue(http_parser *parser, const char *at, size_t length)
{
    RequestParser *p = self(parser);
    p->m_inValue = true;
    p->m_value.append(at, static_cast<qsizetype>(length));
    return 0;
}

int RequestParser::onHeadersComplete(http_parser *parser)
{
    RequestParser *p = self(parser);
    p->storeField();
    if (!p->checkHead())
        return -1; // any value but 0/1/2 makes the parser stop with an error
    p->m_headDone = true;
    p->m_pending = Event::HeadComplete;
    http_parser_pause(parser, 1);
    return 0;
}

int RequestParser::onBody(http_parser *parser, const char *at, size_t length)
{
    RequestParser *p = self(parser);
    if (p->m_request.body.size() + static_cast<qint64>(length) > p->m_maxBodyBytes) {
        p->fail(413, QStringLiteral("request body exceeds %1 bytes").arg(p->m_maxBodyBytes));
        return -1;
    }
    p->m_request.body.append(at, static_cast<qsizetype>(length));
    return 0;
}

int RequestParser::onMessageComplete(http_parser *parser)
{
    RequestParser *p = self(parser);
    p->m_pending = Event::MessageComplete;
    p->m_scan = Scan::Idle;
    p->m_headDone = false;
    http_parser_pause(parser, 1);
    return 0;
}

bool RequestParser::checkHead()
{
    HttpRequest &r = m_request;
    r.method = QByteArray(http_method_str(static_cast<http_method>(m_parser.method)));
    r.versionMajor = m_parser.http_major;
    r.versionMinor = m_parser.http_minor;
    if (r.versionMajor != 1) {
        fail(505, QStringLiteral("only HTTP/1.x is supported"));
        return false;
    }

    // Split the target; absolute-form (proxy style) keeps only path and query.
    QByteArray pathAndQuery = r.target;
    if (!pathAndQuery.startsWith('/') && pathAndQuery != "*") {
        http_parser_url url;
        http_parser_url_init(&url);
        if (http_parser_parse_url(r.target.constData(), static_cast<size_t>(r.target.size()),
                                  m_parser.method == HTTP_CONNECT, &url) == 0 &&
            (url.field_set & (1 << UF_PATH))) {
            pathAndQuery = r.target.mid(url.field_data[UF_PATH].off);
        } else if (m_parser.method != HTTP_CONNECT) {
            fail(400, QStringLiteral("invalid request target"));
            return false;
        }
    }
    const qsizetype hash = pathAndQuery.indexOf('#');
    if (hash >= 0)
        pathAndQuery.truncate(hash);
    const qsizetype question = pathAndQuery.indexOf('?');
    r.path = question >= 0 ? pathAndQuery.left(question) : pathAndQuery;
    r.query = question >= 0 ? pathAndQuery.mid(question + 1) : QByteArray();

    int contentLengths = 0;
    int transferEncodings = 0;
    int hosts = 0;
    QByteArray contentLength;
    for (const auto &[name, value] : r.headers) {
        if (!isToken(name)) {
            fail(400, QStringLiteral("invalid character in header name"));
            return false;
        }
        if (!isFieldValue(value)) {
            fail(400, QStringLiteral("invalid character in value of header %1").arg(QString::fromLatin1(name)));
            return false;
        }
        if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            if (!isDigits(value) || (contentLengths > 0 && value != contentLength)) {
                fail(400, QStringLiteral("invalid or conflicting Content-Length"));
                return false;
            }
            contentLength = value;
            ++contentLengths;
        } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            ++transferEncodings;
            if (value.compare("chunked", Qt::CaseInsensitive) != 0) {
                fail(400, QStringLiteral("unsupported Transfer-Encoding"));
                return false;
            }
        } else if (name.compare("host", Qt::CaseInsensitive) == 0) {
            ++hosts;
        }
    }
    if (contentLengths > 0 && transferEncodings > 0) {
        fail(400, QStringLiteral("both Content-Length and Transfer-Encoding present"));
        return false;
    }
    if (transferEncodings > 1 || (transferEncodings > 0 && r.versionMinor == 0)) {
        fail(400, QStringLiteral("invalid Transfer-Encoding"));
        return false;
    }
    if (hosts > 1 || (hosts == 0 && r.versionMinor >= 1)) {
        fail(400, QStringLiteral("HTTP/1.1 requires exactly one Host header"));
        return false;
    }
    if (contentLengths > 0 && (m_parser.content_length > static_cast<uint64_t>(m_maxBodyBytes))) {
        fail(413, QStringLiteral("request body exceeds %1 bytes").arg(m_maxBodyBytes));
        return false;
    }

    const bool hasBody = (m_parser.flags & F_CHUNKED) || (contentLengths > 0 && m_parser.content_length > 0);
    m_expectContinue =
        hasBody && r.versionMinor >= 1 && r.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0;
    r.keepAlive = http_should_keep_alive(&m_parser) != 0 && !m_parser.upgrade;
    if (contentLengths > 0)
        r.body.reserve(static_cast<qsizetype>(std::min<uint64_t>(m_parser.content_length, 1u << 20)));
    return true;
}

} // namespace understudy
