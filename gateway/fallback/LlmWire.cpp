#include "fallback/LlmWire.h"

#include "providers/openai/OpenAiRequest.h"

#include <QCryptographicHash>
#include <QDateTime>

#include <nlohmann/json.hpp>

namespace understudy::llm {

using json = nlohmann::json;

namespace {

// Parses without exceptions; discarded (null) on any error.
json parse(QByteArrayView bytes)
{
    json doc = json::parse(bytes.begin(), bytes.end(), nullptr, false);
    return doc.is_discarded() ? json() : doc;
}

QByteArray dump(const json &doc)
{
    return QByteArray::fromStdString(doc.dump(-1, ' ', false, json::error_handler_t::replace));
}

QString str(const json &doc, const char *key)
{
    if (!doc.is_object())
        return {};
    auto it = doc.find(key);
    return it != doc.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

qint64 integer(const json &doc, const char *key)
{
    if (!doc.is_object())
        return -1;
    auto it = doc.find(key);
    return it != doc.end() && it->is_number_integer() ? it->get<qint64>() : -1;
}

QByteArray newId(const char *prefix, const QByteArray &requestId)
{
    return QByteArray(prefix) +
           (requestId.isEmpty() ? QByteArray::number(QDateTime::currentMSecsSinceEpoch()) : requestId.left(24));
}

json chunk(const QByteArray &id, const QString &model, const json &delta, const json &finish)
{
    return json{{"id", id.toStdString()},
                {"object", "chat.completion.chunk"},
                {"created", QDateTime::currentSecsSinceEpoch()},
                {"model", model.toStdString()},
                {"choices", json::array({json{{"index", 0}, {"delta", delta}, {"finish_reason", finish}}})}};
}

QByteArray event(const json &doc)
{
    return "data: " + dump(doc) + "\n\n";
}

// Text split into a few stream chunks of about 24 characters.
QByteArray textAsStream(const QByteArray &id, const QString &model, const QString &text, const json &usage,
                        const char *fingerprint)
{
    QByteArray out;
    json first = chunk(id, model, json{{"role", "assistant"}, {"content", ""}}, nullptr);
    if (fingerprint)
        first["system_fingerprint"] = fingerprint;
    out += event(first);
    for (qsizetype at = 0; at < text.size(); at += 24)
        out += event(chunk(id, model, json{{"content", text.mid(at, 24).toStdString()}}, nullptr));
    json last = chunk(id, model, json::object(), "stop");
    if (!usage.is_null())
        last["usage"] = usage;
    out += event(last);
    out += "data: [DONE]\n\n";
    return out;
}

} // namespace

RequestInfo inspectRequest(const QByteArray &body)
{
    RequestInfo info;
    const openai::ChatRequestInfo parsed = openai::parseChatRequest(body);
    if (!parsed.valid) {
        info.error = parsed.error;
        info.param = parsed.param;
        info.code = parsed.code;
        return info;
    }
    info.valid = true;
    info.model = parsed.model;
    info.stream = parsed.stream;
    info.includeUsage = parsed.includeUsage;
    info.estimatedPromptTokens = openai::estimatePromptTokens(body);
    return info;
}

QByteArray rewriteModel(const QByteArray &body, const QString &model)
{
    auto rewritten = openai::rewriteModel(body, model);
    return rewritten ? *rewritten : body;
}

QByteArray withPrefill(const QByteArray &body, const QString &prefill)
{
    auto rewritten = openai::withAssistantPrefill(body, prefill);
    return rewritten ? *rewritten : body;
}

CompletionCheck checkCompletion(const QByteArray &body)
{
    CompletionCheck check;
    const json doc = parse(body);
    if (!doc.is_object()) {
        check.outcome = body.trimmed().isEmpty() ? OutcomeClass::Truncated : OutcomeClass::MalformedResponse;
        check.detail = QStringLiteral("answer is not a JSON object");
        return check;
    }
    if (doc.contains("error") && doc["error"].is_object()) {
        check.outcome = OutcomeClass::InBandError;
        check.detail = str(doc["error"], "message");
        return check;
    }
    const auto choices = doc.find("choices");
    if (choices == doc.end() || !choices->is_array() || choices->empty() || !(*choices)[0].is_object() ||
        !(*choices)[0].contains("message")) {
        check.outcome = OutcomeClass::MalformedResponse;
        check.detail = QStringLiteral("answer has no choices[0].message");
        return check;
    }
    const json &finish = (*choices)[0].contains("finish_reason") ? (*choices)[0]["finish_reason"] : json();
    if (!finish.is_string()) {
        check.outcome = OutcomeClass::Truncated;
        check.detail = QStringLiteral("answer has no finish_reason");
        return check;
    }
    check.model = str(doc, "model");
    if (doc.contains("usage")) {
        check.promptTokens = integer(doc["usage"], "prompt_tokens");
        check.completionTokens = integer(doc["usage"], "completion_tokens");
    }
    return check;
}

bool isEventStream(const HttpHeaders &headers)
{
    const auto type = headerValue(headers, "content-type");
    return type && type->trimmed().toLower().startsWith("text/event-stream");
}

QByteArray errorBody(const QString &message, const QByteArray &type, const QByteArray &code,
                     const QByteArray &requestId, const QString &param)
{
    json error{{"message", message.toStdString()},
               {"type", type.toStdString()},
               {"param", param.isEmpty() ? json() : json(param.toStdString())}};
    error["code"] = code.isEmpty() ? json() : json(code.toStdString());
    error["request_id"] = requestId.toStdString();
    return dump(json{{"error", error}});
}

QByteArray cannedCompletion(const QString &text, const QByteArray &requestId)
{
    json doc{{"id", newId("chatcmpl-understudy-", requestId).toStdString()},
             {"object", "chat.completion"},
             {"created", QDateTime::currentSecsSinceEpoch()},
             {"model", "understudy/static"},
             {"system_fingerprint", "understudy-degraded"},
             {"choices", json::array({json{{"index", 0},
                                           {"message", json{{"role", "assistant"}, {"content", text.toStdString()}}},
                                           {"finish_reason", "stop"}}})},
             {"usage", json{{"prompt_tokens", 0}, {"completion_tokens", 0}, {"total_tokens", 0}}}};
    return dump(doc);
}

QByteArray cannedStream(const QString &text, const QByteArray &requestId)
{
    return textAsStream(newId("chatcmpl-understudy-", requestId), QStringLiteral("understudy/static"), text,
                        json{{"prompt_tokens", 0}, {"completion_tokens", 0}, {"total_tokens", 0}},
                        "understudy-degraded");
}

QByteArray completionAsStream(const QByteArray &completion)
{
    const json doc = parse(completion);
    QString text;
    if (doc.is_object() && doc.contains("choices") && doc["choices"].is_array() && !doc["choices"].empty())
        text = str(doc["choices"][0].value("message", json::object()), "content");
    return textAsStream(str(doc, "id").toUtf8(), str(doc, "model"), text,
                        doc.is_object() && doc.contains("usage") ? doc["usage"] : json(), nullptr);
}

QByteArray completionFromText(const QString &text, const QString &model, qint64 promptTokens, qint64 completionTokens)
{
    json doc{{"id", newId("chatcmpl-understudy-", {}).toStdString()},
             {"object", "chat.completion"},
             {"created", QDateTime::currentSecsSinceEpoch()},
             {"model", model.toStdString()},
             {"choices", json::array({json{{"index", 0},
                                           {"message", json{{"role", "assistant"}, {"content", text.toStdString()}}},
                                           {"finish_reason", "stop"}}})}};
    if (promptTokens >= 0 && completionTokens >= 0)
        doc["usage"] = json{{"prompt_tokens", promptTokens},
                            {"completion_tokens", completionTokens},
                            {"total_tokens", promptTokens + completionTokens}};
    return dump(doc);
}

QByteArray streamErrorEvent(const QString &message, const QByteArray &type, const QByteArray &requestId)
{
    return "data: " + errorBody(message, type, {}, requestId) + "\n\n";
}

QString cacheKey(const QString &route, const QByteArray &body)
{
    return openai::normalizedCacheKey(route, body);
}

// ------------------------------------------------------------ streams

struct StreamDecoder::Private
{
    QByteArray buffer;
    static constexpr qsizetype kMaxEventBytes = 1 << 20;
};

StreamDecoder::StreamDecoder() : d(std::make_unique<Private>())
{}

StreamDecoder::~StreamDecoder() = default;

namespace {

StreamEvent classify(const QByteArray &data)
{
    StreamEvent event;
    event.raw = "data: " + data + "\n\n";
    if (data.trimmed() == "[DONE]") {
        event.kind = StreamEvent::Kind::Done;
        return event;
    }
    const json doc = parse(data);
    if (!doc.is_object()) {
        event.kind = StreamEvent::Kind::Malformed;
        return event;
    }
    if (doc.contains("error")) {
        event.kind = StreamEvent::Kind::InBandError;
        event.errorMessage = doc["error"].is_object() ? str(doc["error"], "message") : QStringLiteral("error event");
        return event;
    }
    event.model = str(doc, "model");
    if (doc.contains("usage") && doc["usage"].is_object()) {
        event.promptTokens = integer(doc["usage"], "prompt_tokens");
        event.completionTokens = integer(doc["usage"], "completion_tokens");
    }
    const auto choices = doc.find("choices");
    if (choices == doc.end() || !choices->is_array()) {
        event.kind = StreamEvent::Kind::Malformed;
        return event;
    }
    if (choices->empty()) {
        event.kind = event.promptTokens >= 0 ? StreamEvent::Kind::Usage : StreamEvent::Kind::Other;
        return event;
    }
    const json &choice = (*choices)[0];
    if (!choice.is_object()) {
        event.kind = StreamEvent::Kind::Malformed;
        return event;
    }
    const json delta = choice.value("delta", json::object());
    event.text = str(delta, "content");
    event.hasContent = !event.text.isEmpty() ||
                       (delta.is_object() && (delta.contains("tool_calls") || !str(delta, "refusal").isEmpty()));
    event.hasFinish = choice.contains("finish_reason") && choice["finish_reason"].is_string();
    event.kind = event.hasFinish    ? StreamEvent::Kind::Finish
                 : event.hasContent ? StreamEvent::Kind::Content
                                    : StreamEvent::Kind::RoleOnly;
    return event;
}

} // namespace

std::vector<StreamEvent> StreamDecoder::feed(const QByteArray &bytes)
{
    std::vector<StreamEvent> events;
    d->buffer.append(bytes);
    d->buffer.replace("\r\n", "\n");
    qsizetype start = 0;
    while (true) {
        const qsizetype end = d->buffer.indexOf("\n\n", start);
        if (end < 0)
            break;
        QByteArray data;
        for (const QByteArray &line : d->buffer.mid(start, end - start).split('\n')) {
            if (line.startsWith("data:")) {
                if (!data.isEmpty())
                    data += '\n';
                data += line.mid(line.startsWith("data: ") ? 6 : 5);
            }
            // "event:", "id:", "retry:" and ": comments" carry nothing we forward.
        }
        if (!data.isEmpty())
            events.push_back(classify(data));
        start = end + 2;
    }
    d->buffer.remove(0, start);
    if (d->buffer.size() > Private::kMaxEventBytes) {
        // One event larger than any real chunk: drop it as malformed.
        d->buffer.clear();
        StreamEvent oversized;
        oversized.kind = StreamEvent::Kind::Malformed;
        events.push_back(oversized);
    }
    return events;
}

} // namespace understudy::llm
