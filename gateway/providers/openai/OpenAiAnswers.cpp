#include "providers/openai/OpenAiAnswers.h"

#include "providers/openai/OpenAiJson.h"

#include <QDateTime>

namespace understudy::openai {

using detail::json;

namespace {

qint64 created(qint64 createdSecs)
{
    return createdSecs >= 0 ? createdSecs : QDateTime::currentSecsSinceEpoch();
}

json nullable(const QString &text)
{
    return text.isEmpty() ? json() : json(detail::utf8(text));
}

json chunkEnvelope(const QByteArray &id, const QString &model, json choices, bool degraded, qint64 createdSecs)
{
    json doc{{"id", id.toStdString()},
             {"object", "chat.completion.chunk"},
             {"created", created(createdSecs)},
             {"model", detail::utf8(model)},
             {"choices", std::move(choices)}};
    if (degraded)
        doc["system_fingerprint"] = kDegradedFingerprint;
    return doc;
}

QByteArray chunkWithDelta(const QByteArray &id, const QString &model, json delta, const QString &finishReason,
                          bool degraded, qint64 createdSecs)
{
    json choice{{"index", 0}, {"delta", std::move(delta)}, {"finish_reason", nullable(finishReason)}};
    return detail::dump(chunkEnvelope(id, model, json::array({std::move(choice)}), degraded, createdSecs));
}

// Pieces of at least ~20 UTF-16 units ending after a space where possible,
// never splitting a surrogate pair: reads like a model's token stream.
std::vector<QString> pieces(const QString &text)
{
    constexpr qsizetype kTarget = 20;
    std::vector<QString> out;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = qMin(start + kTarget, text.size());
        while (end < text.size() && end - start < 3 * kTarget && !text[end - 1].isSpace())
            ++end;
        if (end < text.size() && text[end - 1].isHighSurrogate())
            ++end;
        out.push_back(text.mid(start, end - start));
        start = end;
    }
    return out;
}

QByteArray staticId(const QByteArray &requestId)
{
    QByteArray safe;
    for (const char c : requestId.left(48)) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
            safe += c;
    }
    return "chatcmpl-understudy-" + (safe.isEmpty() ? QByteArray::number(QDateTime::currentMSecsSinceEpoch()) : safe);
}

} // namespace

QByteArray completionJson(const QByteArray &id, const QString &model, const QString &text, const QString &finishReason,
                          const TokenUsage &usage, bool degraded, qint64 createdSecs)
{
    json message{{"role", "assistant"}, {"content", detail::utf8(text)}, {"refusal", nullptr}};
    json doc{{"id", id.toStdString()},
             {"object", "chat.completion"},
             {"created", created(createdSecs)},
             {"model", detail::utf8(model)},
             {"choices",
              json::array({json{
                  {"index", 0},
                  {"message", std::move(message)},
                  {"logprobs", nullptr},
                  {"finish_reason", detail::utf8(finishReason.isEmpty() ? QStringLiteral("stop") : finishReason)}}})},
             {"usage", detail::usageJson(usage)}};
    if (degraded)
        doc["system_fingerprint"] = kDegradedFingerprint;
    return detail::dump(doc);
}

QByteArray streamChunk(const QByteArray &id, const QString &model, const QString &deltaText,
                       const QString &finishReason, bool withRole, bool degraded, qint64 createdSecs)
{
    json delta = json::object();
    if (withRole)
        delta["role"] = "assistant";
    if (withRole || !deltaText.isEmpty())
        delta["content"] = detail::utf8(deltaText);
    return chunkWithDelta(id, model, std::move(delta), finishReason, degraded, createdSecs);
}

QByteArray usageChunk(const QByteArray &id, const QString &model, const TokenUsage &usage, qint64 createdSecs)
{
    json doc = chunkEnvelope(id, model, json::array(), false, createdSecs);
    doc["usage"] = detail::usageJson(usage);
    return detail::dump(doc);
}

QByteArray sseEvent(QByteArrayView json)
{
    QByteArray out;
    out.reserve(json.size() + 8);
    qsizetype start = 0;
    while (true) {
        qsizetype end = start;
        while (end < json.size() && json[end] != '\n' && json[end] != '\r')
            ++end;
        out += "data: ";
        out.append(json.data() + start, end - start);
        out += '\n';
        if (end >= json.size())
            break;
        start = end + 1;
        if (json[end] == '\r' && start < json.size() && json[start] == '\n')
            ++start;
    }
    out += '\n';
    return out;
}

QByteArray sseDone()
{
    return QByteArrayLiteral("data: [DONE]\n\n");
}

QByteArray errorJson(const QString &message, const QString &type, const QString &code, const QString &param,
                     const QByteArray &requestId)
{
    json error{{"message", detail::utf8(message)},
               {"type", detail::utf8(type.isEmpty() ? QStringLiteral("api_error") : type)},
               {"param", nullable(param)},
               {"code", nullable(code)}};
    if (!requestId.isEmpty())
        error["request_id"] = requestId.toStdString();
    return detail::dump(json{{"error", std::move(error)}});
}

QByteArray streamErrorEvent(const QString &message, const QString &type, const QString &code,
                            const QByteArray &requestId)
{
    return sseEvent(errorJson(message, type, code, {}, requestId));
}

QByteArray streamEventsFromText(const QByteArray &id, const QString &model, const QString &text,
                                const QString &finishReason, const TokenUsage &usage, bool includeUsage, bool degraded,
                                qint64 createdSecs)
{
    const qint64 at = created(createdSecs);
    QByteArray out = sseEvent(streamChunk(id, model, {}, {}, true, degraded, at));
    for (const QString &piece : pieces(text))
        out += sseEvent(streamChunk(id, model, piece, {}, false, degraded, at));
    out += sseEvent(streamChunk(id, model, {}, finishReason.isEmpty() ? QStringLiteral("stop") : finishReason, false,
                                degraded, at));
    if (includeUsage)
        out += sseEvent(usageChunk(id, model, usage, at));
    out += sseDone();
    return out;
}

QByteArray staticCompletion(const QString &text, const QByteArray &requestId, qint64 createdSecs)
{
    return completionJson(staticId(requestId), QString::fromLatin1(kStaticModel), text, QStringLiteral("stop"),
                          TokenUsage{0, 0, 0}, true, createdSecs);
}

QByteArray staticStreamEvents(const QString &text, const QByteArray &requestId, bool includeUsage, qint64 createdSecs)
{
    return streamEventsFromText(staticId(requestId), QString::fromLatin1(kStaticModel), text, QStringLiteral("stop"),
                                TokenUsage{0, 0, 0}, includeUsage, true, createdSecs);
}

std::optional<QByteArray> completionAsStreamEvents(const QByteArray &completion, bool includeUsage, bool degraded)
{
    const json doc = detail::parse(completion);
    const json *choices = detail::member(doc, "choices");
    if (!choices || !choices->is_array() || choices->empty())
        return std::nullopt;
    const json &choice = (*choices)[0];
    const json *message = detail::member(choice, "message");
    if (!message || !message->is_object())
        return std::nullopt;

    const QByteArray id = detail::string(doc, "id").toUtf8();
    const QString model = detail::string(doc, "model");
    QString finish = detail::string(choice, "finish_reason");
    const TokenUsage usage = detail::usageFrom(doc.value("usage", json()));
    const qint64 at = detail::member(doc, "created") && doc["created"].is_number_integer()
                          ? doc["created"].get<qint64>()
                          : created(-1);
    const json *toolCalls = detail::member(*message, "tool_calls");
    if (!toolCalls || !toolCalls->is_array() || toolCalls->empty()) {
        return streamEventsFromText(id, model, detail::string(*message, "content"), finish, usage, includeUsage,
                                    degraded, at);
    }

    // Tool calls go out whole in one delta, each with the "index" streams use.
    json calls = json::array();
    for (size_t i = 0; i < toolCalls->size(); ++i) {
        json call = (*toolCalls)[i];
        if (call.is_object())
            call["index"] = i;
        calls.push_back(std::move(call));
    }
    QByteArray out = sseEvent(streamChunk(id, model, {}, {}, true, degraded, at));
    const QString content = detail::string(*message, "content");
    if (!content.isEmpty())
        out += sseEvent(streamChunk(id, model, content, {}, false, degraded, at));
    out += sseEvent(chunkWithDelta(id, model, json{{"tool_calls", std::move(calls)}}, {}, degraded, at));
    out += sseEvent(
        streamChunk(id, model, {}, finish.isEmpty() ? QStringLiteral("tool_calls") : finish, false, degraded, at));
    if (includeUsage)
        out += sseEvent(usageChunk(id, model, usage, at));
    out += sseDone();
    return out;
}

} // namespace understudy::openai
