// OpenAI answers -> Anthropic Messages answers, for the /v1/messages inbound
// (see InboundMessages.h).

#include "providers/anthropic/AnthropicJson.h"
#include "providers/anthropic/InboundMessages.h"
#include "providers/openai/SseParser.h"

#include <map>

namespace understudy::anthropic {

using namespace detail;

namespace {

// "chatcmpl-abc" -> "msg_abc"; ids that already look like Anthropic's stay.
std::string messageId(const std::string &openAiId)
{
    if (openAiId.rfind("msg_", 0) == 0)
        return openAiId;
    std::string rest = openAiId;
    if (rest.rfind("chatcmpl-", 0) == 0)
        rest.erase(0, 9);
    if (rest.empty())
        rest = "understudy";
    return "msg_" + rest;
}

ojson usageFrom(const ojson *usage)
{
    ojson out{{"input_tokens", 0}, {"output_tokens", 0}};
    if (!usage)
        return out;
    if (const qint64 prompt = count(*usage, "prompt_tokens"); prompt >= 0)
        out["input_tokens"] = prompt;
    if (const qint64 completion = count(*usage, "completion_tokens"); completion >= 0)
        out["output_tokens"] = completion;
    if (const ojson *details = member(*usage, "prompt_tokens_details")) {
        if (const qint64 cached = count(*details, "cached_tokens"); cached >= 0)
            out["cache_read_input_tokens"] = cached;
    }
    return out;
}

// Tool call arguments as an input object; text that is not an object is kept
// under "_raw" rather than lost.
ojson toolInput(const std::string &arguments)
{
    if (arguments.empty())
        return ojson::object();
    ojson parsedArgs = parse(QByteArrayView(arguments.data(), qsizetype(arguments.size())));
    if (parsed(parsedArgs) && parsedArgs.is_object())
        return parsedArgs;
    return ojson{{"_raw", arguments}};
}

QByteArray sseEvent(const char *type, const ojson &data)
{
    return QByteArray("event: ") + type + "\ndata: " + dump(data) + "\n\n";
}

} // namespace

QByteArray inboundErrorBody(const QByteArray &type, const QString &message)
{
    const ojson doc{{"type", "error"}, {"error", ojson{{"type", type.toStdString()}, {"message", toUtf8(message)}}}};
    return dump(doc);
}

QByteArray inboundErrorTypeForStatus(int status)
{
    switch (status) {
    case 400:
        return QByteArrayLiteral("invalid_request_error");
    case 401:
        return QByteArrayLiteral("authentication_error");
    case 403:
        return QByteArrayLiteral("permission_error");
    case 404:
        return QByteArrayLiteral("not_found_error");
    case 413:
        return QByteArrayLiteral("request_too_large");
    case 429:
        return QByteArrayLiteral("rate_limit_error");
    case 503:
    case 529:
        return QByteArrayLiteral("overloaded_error");
    default:
        break;
    }
    return status >= 500 ? QByteArrayLiteral("api_error") : QByteArrayLiteral("invalid_request_error");
}

QByteArray inboundErrorFromOpenAi(int status, QByteArrayView body)
{
    const ojson doc = parse(body);
    QString message;
    if (parsed(doc)) {
        if (const ojson *error = member(doc, "error")) {
            message = error->is_string() ? fromUtf8(error->get<std::string>()) : qstr(*error, "message");
        } else {
            message = qstr(doc, "message");
        }
    } else {
        message = QString::fromUtf8(body.first(qMin<qsizetype>(body.size(), 2000))).trimmed();
    }
    if (message.isEmpty())
        message = QStringLiteral("the gateway answered HTTP %1").arg(status);
    return inboundErrorBody(inboundErrorTypeForStatus(status), message);
}

QString stopReasonFor(const QString &finishReason)
{
    if (finishReason == QLatin1String("length"))
        return QStringLiteral("max_tokens");
    if (finishReason == QLatin1String("tool_calls") || finishReason == QLatin1String("function_call"))
        return QStringLiteral("tool_use");
    if (finishReason == QLatin1String("content_filter"))
        return QStringLiteral("refusal");
    return QStringLiteral("end_turn");
}

QByteArray messageFromCompletion(QByteArrayView completion, const QString &fallbackModel)
{
    const ojson doc = parse(completion);
    if (!parsed(doc) || !doc.is_object())
        return {};
    const ojson *choices = member(doc, "choices");
    if (!choices || !choices->is_array())
        return {};
    ojson content = ojson::array();
    std::string finish;
    if (!choices->empty()) {
        const ojson &choice = (*choices)[0];
        finish = str(choice, "finish_reason");
        const ojson *message = member(choice, "message");
        if (message) {
            std::string text = str(*message, "content");
            if (text.empty())
                text = str(*message, "refusal");
            if (!text.empty())
                content.push_back(ojson{{"type", "text"}, {"text", text}});
            if (const ojson *calls = member(*message, "tool_calls"); calls && calls->is_array()) {
                for (const ojson &call : *calls) {
                    const ojson *function = member(call, "function");
                    if (!function)
                        continue;
                    content.push_back(ojson{{"type", "tool_use"},
                                            {"id", str(call, "id")},
                                            {"name", str(*function, "name")},
                                            {"input", toolInput(str(*function, "arguments"))}});
                }
            }
        }
    }
    std::string model = str(doc, "model");
    if (model.empty())
        model = toUtf8(fallbackModel);
    const ojson out{{"id", messageId(str(doc, "id"))},
                    {"type", "message"},
                    {"role", "assistant"},
                    {"model", model},
                    {"content", std::move(content)},
                    {"stop_reason", finish.empty() ? ojson() : ojson(toUtf8(stopReasonFor(fromUtf8(finish))))},
                    {"stop_sequence", nullptr},
                    {"usage", usageFrom(member(doc, "usage"))}};
    return dump(out);
}

// ------------------------------------------------------------------ streams

struct MessagesStreamTranslator::Private
{
    enum class Block { None, Text, Tool };

    openai::SseParser parser;
    std::string fallbackModel;
    bool started = false;
    bool done = false;    // [DONE] seen and message_stop sent
    bool errored = false; // an error event was sent
    int nextIndex = 0;
    int openIndex = -1;
    Block openKind = Block::None;
    std::map<qint64, int> toolBlocks; // OpenAI tool call index -> our block index
    std::string finishReason;
    ojson usage;

    void start(const ojson &chunk, QByteArray &out)
    {
        if (started)
            return;
        started = true;
        std::string model = str(chunk, "model");
        if (model.empty())
            model = fallbackModel;
        const ojson message{{"id", messageId(str(chunk, "id"))},
                            {"type", "message"},
                            {"role", "assistant"},
                            {"model", model},
                            {"content", ojson::array()},
                            {"stop_reason", nullptr},
                            {"stop_sequence", nullptr},
                            {"usage", ojson{{"input_tokens", 0}, {"output_tokens", 0}}}};
        out += sseEvent("message_start", ojson{{"type", "message_start"}, {"message", message}});
    }

    void closeBlock(QByteArray &out)
    {
        if (openIndex < 0)
            return;
        out += sseEvent("content_block_stop", ojson{{"type", "content_block_stop"}, {"index", openIndex}});
        openIndex = -1;
        openKind = Block::None;
    }

    void text(const std::string &piece, QByteArray &out)
    {
        if (piece.empty())
            return;
        if (openKind != Block::Text) {
            closeBlock(out);
            openIndex = nextIndex++;
            openKind = Block::Text;
            out += sseEvent("content_block_start",
                            ojson{{"type", "content_block_start"},
                                  {"index", openIndex},
                                  {"content_block", ojson{{"type", "text"}, {"text", ""}}}});
        }
        out += sseEvent("content_block_delta",
                        ojson{{"type", "content_block_delta"},
                              {"index", openIndex},
                              {"delta", ojson{{"type", "text_delta"}, {"text", piece}}}});
    }

    void toolCall(const ojson &call, QByteArray &out)
    {
        const qint64 callIndex = std::max<qint64>(count(call, "index"), 0);
        const ojson *function = member(call, "function");
        auto known = toolBlocks.find(callIndex);
        if (known == toolBlocks.end()) {
            closeBlock(out);
            openIndex = nextIndex++;
            openKind = Block::Tool;
            known = toolBlocks.emplace(callIndex, openIndex).first;
            out += sseEvent("content_block_start",
                            ojson{{"type", "content_block_start"},
                                  {"index", openIndex},
                                  {"content_block", ojson{{"type", "tool_use"},
                                                          {"id", str(call, "id")},
                                                          {"name", function ? str(*function, "name") : std::string()},
                                                          {"input", ojson::object()}}}});
        }
        const std::string arguments = function ? str(*function, "arguments") : std::string();
        if (!arguments.empty())
            out += sseEvent("content_block_delta",
                            ojson{{"type", "content_block_delta"},
                                  {"index", known->second},
                                  {"delta", ojson{{"type", "input_json_delta"}, {"partial_json", arguments}}}});
    }

    void error(const ojson *errorObject, QByteArray &out)
    {
        if (errored || done)
            return;
        errored = true;
        QString message = errorObject ? qstr(*errorObject, "message") : QString();
        if (message.isEmpty())
            message = QStringLiteral("the answer was interrupted");
        const std::string type = errorObject ? str(*errorObject, "type") : std::string();
        const bool overloaded = type == "overloaded_error" || type == "rate_limit_error" ||
                                message.contains(QLatin1String("overloaded"), Qt::CaseInsensitive);
        out += sseEvent("error",
                        ojson{{"type", "error"},
                              {"error", ojson{{"type", overloaded ? "overloaded_error" : "api_error"},
                                              {"message", toUtf8(message)}}}});
    }

    void end(QByteArray &out)
    {
        if (done || errored)
            return;
        done = true;
        closeBlock(out);
        ojson delta{{"stop_reason", finishReason.empty() ? ojson() : ojson(toUtf8(stopReasonFor(fromUtf8(finishReason))))},
                    {"stop_sequence", nullptr}};
        ojson eventUsage = usageFrom(usage.is_object() ? &usage : nullptr);
        out += sseEvent("message_delta", ojson{{"type", "message_delta"}, {"delta", delta}, {"usage", eventUsage}});
        out += sseEvent("message_stop", ojson{{"type", "message_stop"}});
    }

    void event(const openai::SseEvent &event, QByteArray &out)
    {
        if (done || errored || event.oversized)
            return;
        if (event.data == "[DONE]") {
            end(out);
            return;
        }
        const ojson chunk = parse(event.data);
        if (!parsed(chunk) || !chunk.is_object())
            return;
        if (const ojson *err = member(chunk, "error")) {
            error(err->is_object() ? err : nullptr, out);
            return;
        }
        start(chunk, out);
        if (const ojson *u = member(chunk, "usage"); u && u->is_object())
            usage = *u;
        const ojson *choices = member(chunk, "choices");
        if (!choices || !choices->is_array() || choices->empty())
            return;
        const ojson &choice = (*choices)[0];
        if (const ojson *delta = member(choice, "delta")) {
            text(str(*delta, "content"), out);
            text(str(*delta, "refusal"), out);
            if (const ojson *calls = member(*delta, "tool_calls"); calls && calls->is_array()) {
                for (const ojson &call : *calls)
                    toolCall(call, out);
            }
        }
        if (const std::string finish = str(choice, "finish_reason"); !finish.empty()) {
            finishReason = finish;
            closeBlock(out);
        }
    }
};

MessagesStreamTranslator::MessagesStreamTranslator(const QString &fallbackModel) : d(std::make_unique<Private>())
{
    d->fallbackModel = toUtf8(fallbackModel);
}

MessagesStreamTranslator::~MessagesStreamTranslator() = default;

QByteArray MessagesStreamTranslator::feed(QByteArrayView bytes)
{
    QByteArray out;
    for (const openai::SseEvent &event : d->parser.feed(bytes))
        d->event(event, out);
    return out;
}

QByteArray MessagesStreamTranslator::finish()
{
    QByteArray out;
    d->parser.finish();
    if (!d->done && !d->errored) {
        const ojson cut{{"message", "the answer ended before it was complete"}};
        d->error(&cut, out);
    }
    return out;
}

bool MessagesStreamTranslator::sawDone() const
{
    return d->done;
}

// ---------------------------------------------------------------- transform

namespace {

class MessagesTransform final : public ResponseTransform
{
public:
    explicit MessagesTransform(QString model) : m_model(std::move(model)) {}

    void head(int &status, HttpHeaders &headers, qint64 &contentLength) override
    {
        m_status = status;
        bool eventStream = false;
        for (auto it = headers.begin(); it != headers.end();) {
            if (it->first.compare("content-type", Qt::CaseInsensitive) == 0) {
                eventStream = it->second.toLower().startsWith("text/event-stream");
                it = headers.erase(it);
            } else if (it->first.compare("content-length", Qt::CaseInsensitive) == 0) {
                it = headers.erase(it);
            } else {
                ++it;
            }
        }
        if (eventStream && status >= 200 && status < 300) {
            m_stream = std::make_unique<MessagesStreamTranslator>(m_model);
            headers.emplace_back(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/event-stream"));
            headers.emplace_back(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache"));
        } else {
            headers.emplace_back(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
        }
        contentLength = -1; // the translation changes the length
    }

    QByteArray body(QByteArrayView bytes) override
    {
        if (m_stream)
            return m_stream->feed(bytes);
        if (m_buffer.size() < kMaxBuffered)
            m_buffer += bytes;
        return {};
    }

    QByteArray finish() override
    {
        if (m_stream)
            return m_stream->finish();
        if (m_status >= 200 && m_status < 300) {
            QByteArray message = messageFromCompletion(m_buffer, m_model);
            if (!message.isEmpty())
                return message;
            return inboundErrorBody(QByteArrayLiteral("api_error"),
                                    QStringLiteral("the answer could not be translated into a Message"));
        }
        return inboundErrorFromOpenAi(m_status, m_buffer);
    }

private:
    static constexpr qsizetype kMaxBuffered = 64 << 20;

    QString m_model;
    int m_status = 0;
    QByteArray m_buffer;
    std::unique_ptr<MessagesStreamTranslator> m_stream;
};

} // namespace

std::unique_ptr<ResponseTransform> makeMessagesTransform(const QString &requestedModel)
{
    return std::make_unique<MessagesTransform>(requestedModel);
}

} // namespace understudy::anthropic
