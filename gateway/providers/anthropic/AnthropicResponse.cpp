// Response translation: the translator makeResponseTranslator returns. This
// file holds its head, feed and finish (which pick the mode from the status
// and content type), whole Messages as chat.completion answers, and usage;
// event streams are in ResponseStream.cpp, errors in ResponseErrors.cpp.

#include "providers/anthropic/AnthropicAdapter.h"
#include "providers/anthropic/AnthropicTranslator.h"

#include <QDateTime>

#include <utility>

namespace understudy::anthropic {

namespace detail {

void Usage::update(const ojson &usage)
{
    for (auto [key, field] :
         {std::pair{"input_tokens", &input}, std::pair{"cache_creation_input_tokens", &cacheCreation},
          std::pair{"cache_read_input_tokens", &cacheRead}, std::pair{"output_tokens", &output}}) {
        if (const qint64 n = count(usage, key); n >= 0)
            *field = n;
    }
}

ojson Usage::openAi() const
{
    const qint64 prompt = qMax<qint64>(input, 0) + qMax<qint64>(cacheCreation, 0) + qMax<qint64>(cacheRead, 0);
    const qint64 completion = qMax<qint64>(output, 0);
    ojson out{{"prompt_tokens", prompt}, {"completion_tokens", completion}, {"total_tokens", prompt + completion}};
    if (cacheRead >= 0)
        out["prompt_tokens_details"] = ojson{{"cached_tokens", cacheRead}};
    return out;
}

AnthropicTranslator::AnthropicTranslator(bool stream, const QString &model, const QByteArray &requestId,
                                         bool includeUsageChunk, qint64 createdSecs)
    : m_stream(stream)
    , m_includeUsageChunk(includeUsageChunk)
    , m_created(createdSecs >= 0 ? createdSecs : QDateTime::currentSecsSinceEpoch())
    , m_model(toUtf8(model))
    , m_id("chatcmpl-understudy-" +
           (requestId.isEmpty() ? std::to_string(QDateTime::currentMSecsSinceEpoch()) : requestId.toStdString()))
{}

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

void AnthropicTranslator::adoptMessageFacts(const ojson &message)
{
    if (const std::string id = str(message, "id"); !id.empty())
        m_id = id;
    if (const std::string model = str(message, "model"); !model.empty())
        m_model = model;
    if (const ojson *usage = member(message, "usage"))
        m_usage.update(*usage);
}

std::optional<ojson> AnthropicTranslator::readMessage()
{
    const ojson doc = parse(m_body);
    if (!parsed(doc) || !doc.is_object()) {
        const bool cut = m_body.trimmed().isEmpty() || endsEarly(m_body);
        m_failure = AdapterFailure{cut ? OutcomeClass::Truncated : OutcomeClass::MalformedResponse,
                                   cut ? QStringLiteral("the Messages answer ended before its JSON did")
                                       : QStringLiteral("the Messages answer is not a JSON object")};
        return std::nullopt;
    }
    if (str(doc, "type") == "error" || member(doc, "error")) {
        const ojson error = openAiErrorFrom(doc, 0);
        m_failure = AdapterFailure{OutcomeClass::InBandError, qstr(error["error"], "message")};
        return doc;
    }
    const ojson *content = member(doc, "content");
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
        return dump(openAiErrorFrom(*message, 0));
    adoptMessageFacts(*message);

    std::string text;
    ojson toolCalls = ojson::array();
    for (const ojson &block : (*message)["content"]) {
        const std::string type = str(block, "type");
        if (type == "text") {
            text += str(block, "text");
        } else if (type == "tool_use") {
            const ojson *input = member(block, "input");
            toolCalls.push_back(ojson{{"id", str(block, "id")},
                                      {"type", "function"},
                                      {"function", ojson{{"name", str(block, "name")},
                                                         {"arguments", input ? dump(*input).toStdString() : "{}"}}}});
        }
    }
    ojson assistant{{"role", "assistant"}};
    assistant["content"] = text.empty() && !toolCalls.empty() ? ojson() : ojson(text);
    assistant["refusal"] = nullptr;
    if (!toolCalls.empty())
        assistant["tool_calls"] = std::move(toolCalls);
    const QString finishReason = finishReasonFor(qstr(*message, "stop_reason"));

    ojson completion{
        {"id", m_id},
        {"object", "chat.completion"},
        {"created", m_created},
        {"model", m_model},
        {"choices",
         ojson::array({ojson{{"index", 0},
                             {"message", std::move(assistant)},
                             {"logprobs", nullptr},
                             {"finish_reason", finishReason.isEmpty() ? ojson() : ojson(toUtf8(finishReason))}}})},
        {"usage", m_usage.openAi()}};
    m_body.clear();
    return dump(completion);
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
        const std::string type = str(block, "type");
        if (type == "text") {
            out += contentChunk(str(block, "text"));
        } else if (type == "tool_use") {
            const ojson *input = member(block, "input");
            out += toolCallChunk(m_toolCount++, str(block, "id"), str(block, "name"),
                                 input ? dump(*input).toStdString() : "{}");
        }
    }
    const QString finishReason = finishReasonFor(qstr(*message, "stop_reason"));
    if (finishReason.isEmpty())
        return out; // no stop reason: no finish and no [DONE], never an invented success
    out += finishChunk(finishReason);
    out += endOfStream();
    return out;
}

} // namespace detail

std::unique_ptr<ResponseTranslator> makeResponseTranslator(bool stream, const QString &model,
                                                           const QByteArray &requestId, bool includeUsageChunk,
                                                           qint64 createdSecs)
{
    return std::make_unique<detail::AnthropicTranslator>(stream, model, requestId, includeUsageChunk, createdSecs);
}

} // namespace understudy::anthropic
