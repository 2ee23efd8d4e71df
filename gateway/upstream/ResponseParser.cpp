#include "upstream/ResponseParser.h"

#include <QString>

#include <http_parser.h>

namespace understudy {

namespace {

const http_parser_settings &settingsFor()
{
    static const http_parser_settings settings = [] {
        http_parser_settings s;
        http_parser_settings_init(&s);
        return s;
    }();
    return settings;
}

ResponseParser *self(http_parser *parser)
{
    return static_cast<ResponseParser *>(parser->data);
}

} // namespace

ResponseParser::ResponseParser(bool headRequest) : m_parser(std::make_unique<http_parser>()), m_headRequest(headRequest)
{
    http_parser_init(m_parser.get(), HTTP_RESPONSE);
    m_parser->data = this;
}

ResponseParser::~ResponseParser() = default;

ResponseParser::FeedResult ResponseParser::feed(const char *data, qsizetype size)
{
    static const http_parser_settings settings = [] {
        http_parser_settings s = settingsFor();
        s.on_header_field = &ResponseParser::onHeaderField;
        s.on_header_value = &ResponseParser::onHeaderValue;
        s.on_headers_complete = &ResponseParser::onHeadersComplete;
        s.on_body = &ResponseParser::onBodyData;
        s.on_message_complete = &ResponseParser::onMessageComplete;
        return s;
    }();
    Q_ASSERT(!m_complete);
    m_fedAny = m_fedAny || size > 0;
    const size_t consumed = http_parser_execute(m_parser.get(), &settings, data, size_t(size));
    const auto error = HTTP_PARSER_ERRNO(m_parser.get());
    if (m_complete)
        return {Status::Complete, qsizetype(consumed)};
    if (error == HPE_PAUSED)
        return {Status::Paused, qsizetype(consumed)};
    if (error != HPE_OK || m_parser->upgrade)
        return {Status::Error, qsizetype(consumed)};
    return {Status::NeedMore, qsizetype(consumed)};
}

ResponseParser::Status ResponseParser::finish()
{
    if (m_complete)
        return Status::Complete;
    http_parser_settings settings = settingsFor();
    settings.on_message_complete = &ResponseParser::onMessageComplete;
    http_parser_execute(m_parser.get(), &settings, nullptr, 0);
    if (m_complete)
        return Status::Complete;
    if (!m_fedAny && HTTP_PARSER_ERRNO(m_parser.get()) == HPE_OK)
        return Status::NeedMore;
    m_cut = true;
    return Status::Error;
}

void ResponseParser::pause()
{
    http_parser_pause(m_parser.get(), 1);
}

void ResponseParser::resume()
{
    if (HTTP_PARSER_ERRNO(m_parser.get()) == HPE_PAUSED)
        http_parser_pause(m_parser.get(), 0);
}

bool ResponseParser::keepAlive() const
{
    return http_should_keep_alive(m_parser.get()) != 0;
}

QString ResponseParser::errorText() const
{
    if (m_parser->upgrade)
        return QStringLiteral("unexpected protocol upgrade");
    const auto error = HTTP_PARSER_ERRNO(m_parser.get());
    return QString::fromLatin1(http_errno_name(error)) + QStringLiteral(": ") +
           QString::fromLatin1(http_errno_description(error));
}

int ResponseParser::onHeaderField(http_parser *parser, const char *at, size_t length)
{
    ResponseParser *p = self(parser);
    // http-parser may deliver one name in several pieces across reads.
    if (p->m_headers.empty() || p->m_lastWasValue)
        p->m_headers.emplace_back();
    p->m_headers.back().first.append(at, qsizetype(length));
    p->m_lastWasValue = false;
    return 0;
}

int ResponseParser::onHeaderValue(http_parser *parser, const char *at, size_t length)
{
    ResponseParser *p = self(parser);
    if (p->m_headers.empty())
        return 1;
    p->m_headers.back().second.append(at, qsizetype(length));
    p->m_lastWasValue = true;
    return 0;
}

int ResponseParser::onHeadersComplete(http_parser *parser)
{
    ResponseParser *p = self(parser);
    const int status = int(parser->status_code);
    if (status >= 100 && status < 200 && status != 101) {
        // 100 Continue, 103 Early Hints...: not the response; wait for the real one.
        p->m_interim = true;
        p->m_headers.clear();
        p->m_lastWasValue = false;
        return 1;
    }
    p->m_headComplete = true;
    if (p->onHead)
        p->onHead(status, std::exchange(p->m_headers, {}));
    // 1 tells http-parser there is no body, whatever the framing headers say.
    const bool noBody = p->m_headRequest || status == 204 || status == 304;
    return noBody ? 1 : 0;
}

int ResponseParser::onBodyData(http_parser *parser, const char *at, size_t length)
{
    ResponseParser *p = self(parser);
    if (p->onBody)
        p->onBody(at, qsizetype(length));
    return 0;
}

int ResponseParser::onMessageComplete(http_parser *parser)
{
    ResponseParser *p = self(parser);
    if (p->m_interim) {
        p->m_interim = false;
        return 0;
    }
    p->m_complete = true;
    // Stop right after this message so surplus bytes are visible to the caller.
    http_parser_pause(parser, 1);
    return 0;
}

} // namespace understudy
