#include "providers/anthropic/AnthropicAdapter.h"
#include "providers/anthropic/AnthropicJson.h"
#include "providers/openai/SseParser.h"

#include <QDateTime>

#include <algorithm>
#include <map>
#include <utility>

namespace understudy::anthropic {

using detail::ojson;

namespace {

// Error messages kept from a non-JSON error body (an HTML page from a proxy...).
constexpr qsizetype kMaxErrorTextChars = 2000;
// Evidence kept from an event that could not be read; it is dropped anyway.
constexpr qsizetype kMaxMalformedEchoBytes = 4096;

QByteArray sseData(const ojson &doc)
{
    return "data: " + detail::dump(doc) + "\n\n";
}

// An event the executor's decoder must count as malformed: never valid JSON
// and never "[DONE]", whatever the upstream sent.
QByteArray malformedEvent(QByteArrayView raw)
{
    QByteArray text = raw.first(std::min<qsizetype>(raw.size(), kMaxMalformedEchoBytes)).toByteArray();
    const QByteArray trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed == "[DONE]" || detail::parsed(detail::parse(text)))
        text.prepend("malformed upstream event: ");
    text.replace('\r', ' ');
    return "data: " + text.replace('\n', "\ndata: ") + "\n\n";
}

QString errorTypeForStatus(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("invalid_request_error");
    case 401:
        return QStringLiteral("authentication_error");
    case 402:
        return QStringLiteral("billing_error");
    case 403:
        return QStringLiteral("permission_error");
    case 404:
        return QStringLiteral("not_found_error");
    case 413:
        return QStringLiteral("request_too_large");
    case 429:
        return QStringLiteral("rate_limit_error");
    case 504:
        return QStringLiteral("timeout_error");
    case 529:
        return QStringLiteral("overloaded_error");
    default:
        break;
    }
    return status >= 500 ? QStringLiteral("api_error") : QStringLiteral("invalid_request_error");
}

// Anthropic says "prompt is too long: 203524 tokens > 200000 maximum", or
// "input length and `max_tokens` exceed context limit: ...".
bool saysContextTooLong(const QString &message)
{
    const QString lowered = message.toLower();
    return lowered.contains(QLatin1String("prompt is too long")) ||
           lowered.contains(QLatin1String("exceed context limit")) || lowered.contains(QLatin1String("context window"));
}

// {"error":{"message","type","param","code"}} from an Anthropic error object.
ojson openAiError(const QString &message, const QString &type, const std::string &requestId)
{
    const QString code = saysContextTooLong(message) ? QStringLiteral("context_length_exceeded") : type;
    ojson error{{"message", detail::toUtf8(message)},
                {"type", detail::toUtf8(type)},
                {"param", nullptr},
                {"code", code.isEmpty() ? ojson() : ojson(detail::toUtf8(code))}};
    if (!requestId.empty())
        error["request_id"] = requestId;
    return ojson{{"error", std::move(error)}};
}

ojson openAiErrorFrom(const ojson &doc, int status)
{
    const ojson *error = detail::member(doc, "error");
    QString message;
    QString type;
    if (error && error->is_object()) {
        message = detail::qstr(*error, "message");
        type = detail::qstr(*error, "type");
    } else if (error && error->is_string()) {
        message = detail::fromUtf8(error->get<std::string>());
    } else {
        message = detail::qstr(doc, "message");
    }
    if (type.isEmpty())
        type = status > 0 ? errorTypeForStatus(status) : QStringLiteral("api_error");
    if (message.isEmpty())
        message = QStringLiteral("The provider returned an error (%1).").arg(type);
    return openAiError(message, type, detail::str(doc, "request_id"));
}

struct Usage
{
    qint64 input = -1; // input_tokens: the uncached part of the prompt
    qint64 cacheCreation = -1;
    qint64 cacheRead = -1;
    qint64 output = -1;

    // The counts are cumulative: a later report replaces an earlier one.
    void update(const ojson &usage)
    {
        for (auto [key, field] :
             {std::pair{"input_tokens", &input}, std::pair{"cache_creation_input_tokens", &cacheCreation},
              std::pair{"cache_read_input_tokens", &cacheRead}, std::pair{"output_tokens", &output}}) {
            if (const qint64 n = detail::count(usage, key); n >= 0)
                *field = n;
        }
    }

    // OpenAI counts the whole prompt, cached or not.
    ojson openAi() const
    {
        const qint64 prompt = qMax<qint64>(input, 0) + qMax<qint64>(cacheCreation, 0) + qMax<qint64>(cacheRead, 0);
        const qint64 completion = qMax<qint64>(output, 0);
        ojson out{{"prompt_tokens", prompt}, {"completion_tokens", completion}, {"total_tokens", prompt + completion}};
        if (cacheRead >= 0)
            out["prompt_tokens_details"] = ojson{{"cached_tokens", cacheRead}};
        return out;
    }
};

class AnthropicTranslator final : public ResponseTranslator
{
public:
    AnthropicTranslator(bool stream, const QString &model, const QByteArray &requestId, bool includeUsageChunk,
                        qint64 createdSecs)
        : m_stream(stream)
        , m_includeUsageChunk(includeUsageChunk)
        , m_created(createdSecs >= 0 ? createdSecs : QDateTime::currentSecsSinceEpoch())
        , m_model(detail::toUtf8(model))
        , m_id("chatcmpl-understudy-" +
               (requestId.isEmpty() ? std::to_string(QDateTime::currentMSecsSinceEpoch()) : requestId.toStdString()))
    {}

    HttpHeaders head(int status, const HttpHeaders &headers) override;
    QByteArray feed(QByteArrayView bytes) override;
    QByteArray finish() override;
    std::optional<AdapterFailure> failure() const override { return m_failure; }

private:
    enum class Mode {
        Events,      // a 2xx event stream, translated event by event
        Message,     // a 2xx JSON Message, translated in finish()
        Error,       // an error status: the body becomes an OpenAI error in finish()
        Passthrough, // 1xx/3xx: relayed as it came
    };

    // ---- stream
    QByteArray onEvent(const openai::SseEvent &event);
    QByteArray onMessageStart(const ojson &doc, QByteArrayView raw);
    QByteArray onBlockStart(const ojson &doc, QByteArrayView raw);
    QByteArray onBlockDelta(const ojson &doc, QByteArrayView raw);
    QByteArray onBlockStop(const ojson &doc);
    QByteArray onMessageDelta(const ojson &doc, QByteArrayView raw);
    QByteArray onMessageStop();

    QByteArray roleChunkOnce();
    ojson chunk(ojson delta, const ojson &finishReason = nullptr) const;
    QByteArray contentChunk(const std::string &text);
    QByteArray toolCallChunk(int index, const std::string &id, const std::string &name, const std::string &arguments);
    QByteArray toolArgumentsChunk(int index, const std::string &arguments);
    QByteArray finishChunk(const QString &finishReason);
    QByteArray endOfStream();

    // ---- whole bodies
    QByteArray messageAsCompletion();
    QByteArray messageAsStream();
    // The parsed Message, or nullopt with m_failure set.
    std::optional<ojson> readMessage();

    void adoptMessageFacts(const ojson &message);

    const bool m_stream;
    const bool m_includeUsageChunk;
    const qint64 m_created;
    std::string m_model;
    std::string m_id;

    Mode m_mode = Mode::Message;
    int m_status = 200;
    QByteArray m_body; // Message, Error and Passthrough modes
    std::optional<AdapterFailure> m_failure;

    openai::SseParser m_parser;
    bool m_roleSent = false;
    bool m_finishSent = false;
    bool m_doneSent = false;
    Usage m_usage;
    struct ToolBlock
    {
        int index = 0; // the OpenAI tool_calls index
        bool argumentsSent = false;
    };
    std::map<qint64, ToolBlock> m_toolBlocks; // by Anthropic content block index
    int m_toolCount = 0;
};

HttpHeaders AnthropicTranslator::head(int status, const HttpHeaders &headers)
{
    m_status = status;
    const QByteArray type = headerValue(headers, "content-type").value_or(QByteArray()).trimmed().toLower();
    const bool success = status >= 200 && status < 300;
    if (status >= 400)
        m_mode = Mode::Error;
    else if (!success)
        m_mode = Mode::Passthrough;
    else if (m_stream && !type.startsWith("application/json"))
        m_mode = Mode::Events; // text/event-stream, or an unlabelled stream
    else
        m_mode = Mode::Message; // a stream request answered with a whole Message is converted too

    HttpHeaders out = headers;
    stripHopByHop(out);
    // Kept: retry-after, request-id, anthropic-ratelimit-*... Dropped: what
    // describes the untranslated body.
    for (const char *name : {"content-length", "content-encoding", "transfer-encoding"})
        removeHeader(out, name);
    if (m_mode != Mode::Passthrough) {
        removeHeader(out, "content-type");
        out.emplace_back(QByteArrayLiteral("content-type"), m_stream && success
                                                                ? QByteArrayLiteral("text/event-stream")
                                                                : QByteArrayLiteral("application/json"));
    }
    return out;
}

QByteArray AnthropicTranslator::feed(QByteArrayView bytes)
{
    if (m_mode != Mode::Events) {
        m_body.append(bytes.data(), bytes.size()); // bounded by the caller
        return {};
    }
    QByteArray out;
    for (const openai::SseEvent &event : m_parser.feed(bytes))
        out += onEvent(event);
    return out;
}

QByteArray AnthropicTranslator::finish()
{
    switch (m_mode) {
    case Mode::Events:
        // A partial event left in the parser is dropped, as browsers do. A
        // stream that ended before message_stop gets no [DONE] (and no finish
        // chunk unless message_delta came): the executor reports it truncated.
        m_parser.finish();
        return {};
    case Mode::Message:
        return m_stream ? messageAsStream() : messageAsCompletion();
    case Mode::Error:
        return openAiErrorBody(m_status, m_body);
    case Mode::Passthrough:
        break;
    }
    return std::exchange(m_body, {});
}

// ------------------------------------------------------------ stream events

QByteArray AnthropicTranslator::onEvent(const openai::SseEvent &event)
{
    if (m_doneSent)
        return {}; // nothing follows message_stop
    if (event.oversized)
        return malformedEvent("oversized upstream event dropped");
    const ojson doc = detail::parse(event.data);
    if (!detail::parsed(doc) || !doc.is_object())
        return malformedEvent(event.data);
    // Anthropic names each event twice (SSE event name and data "type"); the
    // data is authoritative, the name covers data without a type.
    std::string type = detail::str(doc, "type");
    if (type.empty())
        type = event.event.toStdString();
    if (type == "error" || event.event == "error") {
        // Mid-stream errors (overloaded_error during high load...), in the
        // OpenAI in-band shape, keeping Anthropic's type.
        return sseData(openAiErrorFrom(doc, 0));
    }
    if (type == "message_start")
        return onMessageStart(doc, event.data);
    if (type == "content_block_start")
        return onBlockStart(doc, event.data);
    if (type == "content_block_delta")
        return onBlockDelta(doc, event.data);
    if (type == "content_block_stop")
        return onBlockStop(doc);
    if (type == "message_delta")
        return onMessageDelta(doc, event.data);
    if (type == "message_stop")
        return onMessageStop();
    // "ping", and event types added later (Anthropic's versioning policy asks
    // clients to ignore unknown ones).
    return {};
}

void AnthropicTranslator::adoptMessageFacts(const ojson &message)
{
    if (const std::string id = detail::str(message, "id"); !id.empty())
        m_id = id;
    if (const std::string model = detail::str(message, "model"); !model.empty())
        m_model = model;
    if (const ojson *usage = detail::member(message, "usage"))
        m_usage.update(*usage);
}

QByteArray AnthropicTranslator::onMessageStart(const ojson &doc, QByteArrayView raw)
{
    const ojson *message = detail::member(doc, "message");
    if (!message || !message->is_object())
        return malformedEvent(raw);
    if (!m_roleSent) {
        adoptMessageFacts(*message);
    } else if (const ojson *usage = detail::member(*message, "usage")) {
        m_usage.update(*usage); // chunks already went out under the id and model they had
    }
    return roleChunkOnce();
}

QByteArray AnthropicTranslator::onBlockStart(const ojson &doc, QByteArrayView raw)
{
    const ojson *block = detail::member(doc, "content_block");
    const ojson *index = detail::member(doc, "index");
    if (!block || !block->is_object() || !index || !index->is_number_integer())
        return malformedEvent(raw);
    const std::string type = detail::str(*block, "type");
    QByteArray out = roleChunkOnce();
    if (type == "text") {
        out += contentChunk(detail::str(*block, "text"));
    } else if (type == "tool_use") {
        ToolBlock tool{m_toolCount++, false};
        std::string arguments;
        if (const ojson *input = detail::member(*block, "input"); input && input->is_object() && !input->empty()) {
            arguments = detail::dump(*input).toStdString(); // a whole input, not streamed
            tool.argumentsSent = true;
        }
        m_toolBlocks[index->get<qint64>()] = tool;
        out += toolCallChunk(tool.index, detail::str(*block, "id"), detail::str(*block, "name"), arguments);
    }
    // thinking, redacted_thinking, server tool blocks: nothing the OpenAI
    // chat format carries.
    return out;
}

QByteArray AnthropicTranslator::onBlockDelta(const ojson &doc, QByteArrayView raw)
{
    const ojson *delta = detail::member(doc, "delta");
    const ojson *index = detail::member(doc, "index");
    if (!delta || !delta->is_object() || !index || !index->is_number_integer())
        return malformedEvent(raw);
    const std::string type = detail::str(*delta, "type");
    if (type == "text_delta") {
        const ojson *text = detail::member(*delta, "text");
        if (!text || !text->is_string())
            return malformedEvent(raw);
        return roleChunkOnce() + contentChunk(text->get<std::string>());
    }
    if (type == "input_json_delta") {
        const ojson *partial = detail::member(*delta, "partial_json");
        if (!partial || !partial->is_string())
            return malformedEvent(raw);
        auto tool = m_toolBlocks.find(index->get<qint64>());
        // Server tool blocks stream their input too; only client tools count.
        if (tool == m_toolBlocks.end() || partial->get_ref<const std::string &>().empty())
            return {};
        tool->second.argumentsSent = true;
        return toolArgumentsChunk(tool->second.index, partial->get<std::string>());
    }
    return {}; // thinking_delta, signature_delta, citations_delta...
}

QByteArray AnthropicTranslator::onBlockStop(const ojson &doc)
{
    const ojson *index = detail::member(doc, "index");
    if (!index || !index->is_number_integer())
        return {};
    auto tool = m_toolBlocks.find(index->get<qint64>());
    if (tool == m_toolBlocks.end() || tool->second.argumentsSent)
        return {};
    // A tool without parameters streams no input; OpenAI clients parse the
    // arguments text, and "" is not JSON.
    tool->second.argumentsSent = true;
    return toolArgumentsChunk(tool->second.index, "{}");
}

QByteArray AnthropicTranslator::onMessageDelta(const ojson &doc, QByteArrayView raw)
{
    const ojson *delta = detail::member(doc, "delta");
    if (!delta || !delta->is_object())
        return malformedEvent(raw);
    if (const ojson *usage = detail::member(doc, "usage"))
        m_usage.update(*usage);
    const QString finishReason = finishReasonFor(detail::qstr(*delta, "stop_reason"));
    if (finishReason.isEmpty() || m_finishSent)
        return {};
    return roleChunkOnce() + finishChunk(finishReason);
}

QByteArray AnthropicTranslator::onMessageStop()
{
    // Without a stop reason the answer has no finish chunk and the executor
    // reads it as truncated: the end marker alone is not made a success.
    return endOfStream();
}

QByteArray AnthropicTranslator::endOfStream()
{
    QByteArray out;
    if (m_includeUsageChunk) {
        ojson usage = chunk(ojson::object());
        usage["choices"] = ojson::array();
        usage["usage"] = m_usage.openAi();
        out += sseData(usage);
    }
    out += QByteArrayLiteral("data: [DONE]\n\n");
    m_doneSent = true;
    return out;
}

QByteArray AnthropicTranslator::roleChunkOnce()
{
    if (m_roleSent)
        return {};
    m_roleSent = true;
    return sseData(chunk(ojson{{"role", "assistant"}, {"content", ""}}));
}

ojson AnthropicTranslator::chunk(ojson delta, const ojson &finishReason) const
{
    return ojson{
        {"id", m_id},
        {"object", "chat.completion.chunk"},
        {"created", m_created},
        {"model", m_model},
        {"choices",
         ojson::array({ojson{
             {"index", 0}, {"delta", std::move(delta)}, {"logprobs", nullptr}, {"finish_reason", finishReason}}})}};
}

QByteArray AnthropicTranslator::contentChunk(const std::string &text)
{
    if (text.empty())
        return {};
    return sseData(chunk(ojson{{"content", text}}));
}

QByteArray AnthropicTranslator::toolCallChunk(int index, const std::string &id, const std::string &name,
                                              const std::string &arguments)
{
    ojson call{{"index", index},
               {"id", id},
               {"type", "function"},
               {"function", ojson{{"name", name}, {"arguments", arguments}}}};
    return sseData(chunk(ojson{{"tool_calls", ojson::array({std::move(call)})}}));
}

QByteArray AnthropicTranslator::toolArgumentsChunk(int index, const std::string &arguments)
{
    ojson call{{"index", index}, {"function", ojson{{"arguments", arguments}}}};
    return sseData(chunk(ojson{{"tool_calls", ojson::array({std::move(call)})}}));
}

QByteArray AnthropicTranslator::finishChunk(const QString &finishReason)
{
    m_finishSent = true;
    ojson last = chunk(ojson::object(), detail::toUtf8(finishReason));
    last["usage"] = m_usage.openAi();
    return sseData(last);
}

// ------------------------------------------------------------ whole bodies

std::optional<ojson> AnthropicTranslator::readMessage()
{
    const ojson doc = detail::parse(m_body);
    if (!detail::parsed(doc) || !doc.is_object()) {
        const bool cut = m_body.trimmed().isEmpty() || detail::endsEarly(m_body);
        m_failure = AdapterFailure{cut ? OutcomeClass::Truncated : OutcomeClass::MalformedResponse,
                                   cut ? QStringLiteral("the Messages answer ended before its JSON did")
                                       : QStringLiteral("the Messages answer is not a JSON object")};
        return std::nullopt;
    }
    if (detail::str(doc, "type") == "error" || detail::member(doc, "error")) {
        const ojson error = openAiErrorFrom(doc, 0);
        m_failure = AdapterFailure{OutcomeClass::InBandError, detail::qstr(error["error"], "message")};
        return doc;
    }
    const ojson *content = detail::member(doc, "content");
    if (!content || !content->is_array()) {
        m_failure = AdapterFailure{OutcomeClass::MalformedResponse,
                                   QStringLiteral("the Messages answer has no \"content\" array")};
        return std::nullopt;
    }
    return doc;
}

QByteArray AnthropicTranslator::messageAsCompletion()
{
    const std::optional<ojson> message = readMessage();
    if (!message)
        return std::exchange(m_body, {}); // kept as evidence; failure() says it is unusable
    if (m_failure)
        return detail::dump(openAiErrorFrom(*message, 0));
    adoptMessageFacts(*message);

    std::string text;
    ojson toolCalls = ojson::array();
    for (const ojson &block : (*message)["content"]) {
        const std::string type = detail::str(block, "type");
        if (type == "text") {
            text += detail::str(block, "text");
        } else if (type == "tool_use") {
            const ojson *input = detail::member(block, "input");
            toolCalls.push_back(
                ojson{{"id", detail::str(block, "id")},
                      {"type", "function"},
                      {"function", ojson{{"name", detail::str(block, "name")},
                                         {"arguments", input ? detail::dump(*input).toStdString() : "{}"}}}});
        }
    }
    ojson assistant{{"role", "assistant"}};
    assistant["content"] = text.empty() && !toolCalls.empty() ? ojson() : ojson(text);
    assistant["refusal"] = nullptr;
    if (!toolCalls.empty())
        assistant["tool_calls"] = std::move(toolCalls);
    const QString finishReason = finishReasonFor(detail::qstr(*message, "stop_reason"));

    ojson completion{
        {"id", m_id},
        {"object", "chat.completion"},
        {"created", m_created},
        {"model", m_model},
        {"choices", ojson::array({ojson{
                        {"index", 0},
                        {"message", std::move(assistant)},
                        {"logprobs", nullptr},
                        {"finish_reason", finishReason.isEmpty() ? ojson() : ojson(detail::toUtf8(finishReason))}}})},
        {"usage", m_usage.openAi()}};
    m_body.clear();
    return detail::dump(completion);
}

QByteArray AnthropicTranslator::messageAsStream()
{
    // A stream request answered with a whole Message (a proxy that ignores
    // "stream"): the same events a stream would have brought, at once.
    const std::optional<ojson> message = readMessage();
    m_body.clear();
    if (!message)
        return {};
    if (m_failure)
        return sseData(openAiErrorFrom(*message, 0));
    adoptMessageFacts(*message);
    QByteArray out = roleChunkOnce();
    for (const ojson &block : (*message)["content"]) {
        const std::string type = detail::str(block, "type");
        if (type == "text") {
            out += contentChunk(detail::str(block, "text"));
        } else if (type == "tool_use") {
            const ojson *input = detail::member(block, "input");
            out += toolCallChunk(m_toolCount++, detail::str(block, "id"), detail::str(block, "name"),
                                 input ? detail::dump(*input).toStdString() : "{}");
        }
    }
    const QString finishReason = finishReasonFor(detail::qstr(*message, "stop_reason"));
    if (finishReason.isEmpty())
        return out; // no stop reason: no finish and no [DONE], never an invented success
    out += finishChunk(finishReason);
    out += endOfStream();
    return out;
}

} // namespace

std::unique_ptr<ResponseTranslator> makeResponseTranslator(bool stream, const QString &model,
                                                           const QByteArray &requestId, bool includeUsageChunk,
                                                           qint64 createdSecs)
{
    return std::make_unique<AnthropicTranslator>(stream, model, requestId, includeUsageChunk, createdSecs);
}

QString finishReasonFor(const QString &stopReason)
{
    if (stopReason.isEmpty())
        return {};
    if (stopReason == QLatin1String("max_tokens") || stopReason == QLatin1String("model_context_window_exceeded"))
        return QStringLiteral("length");
    if (stopReason == QLatin1String("tool_use"))
        return QStringLiteral("tool_calls");
    if (stopReason == QLatin1String("refusal"))
        return QStringLiteral("content_filter");
    return QStringLiteral("stop"); // end_turn, stop_sequence, pause_turn, and reasons added later
}

QByteArray openAiErrorBody(int status, QByteArrayView anthropicBody)
{
    const ojson doc = detail::parse(anthropicBody);
    if (detail::parsed(doc) && doc.is_object())
        return detail::dump(openAiErrorFrom(doc, status));
    // Not JSON (a proxy's HTML page, plain text, nothing): the text is the message.
    QString text = QString::fromUtf8(anthropicBody.data(), anthropicBody.size()).trimmed();
    if (text.size() > kMaxErrorTextChars)
        text = text.left(kMaxErrorTextChars) + QStringLiteral("...");
    if (text.isEmpty())
        text = QStringLiteral("The provider answered HTTP %1 with an empty body.").arg(status);
    return detail::dump(openAiError(text, errorTypeForStatus(status), {}));
}

} // namespace understudy::anthropic
