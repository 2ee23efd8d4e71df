#include "providers/gemini/GeminiResponse.h"

#include "providers/openai/OpenAiAnswers.h"
#include "providers/openai/OpenAiJson.h"

#include <QDateTime>

#include <algorithm>

namespace understudy::gemini::detail {

using openai::detail::json;

namespace {

constexpr qsizetype kMaxWrappedMessageChars = 1000;

qint64 count(const json &object, const char *key)
{
    const json *value = openai::detail::member(object, key);
    if (!value || !value->is_number())
        return -1;
    const double n = value->get<double>();
    return n >= 0 && n < 1e15 ? qint64(n) : -1;
}

bool readCandidate(const json &object, Candidate &candidate)
{
    if (!object.is_object())
        return false;
    const json *index = openai::detail::member(object, "index");
    candidate.index = index && index->is_number_integer() ? index->get<int>() : 0;
    candidate.finishReason = openai::detail::string(object, "finishReason");
    const json *content = openai::detail::member(object, "content");
    const json *parts = content ? openai::detail::member(*content, "parts") : nullptr;
    if (!parts)
        return true;
    if (!parts->is_array())
        return false;
    for (const json &part : *parts) {
        if (!part.is_object())
            return false;
        // Thinking summaries (includeThoughts) are not part of the answer.
        if (part.value("thought", false) == true)
            continue;
        if (const json *text = openai::detail::member(part, "text"); text && text->is_string())
            candidate.text += QString::fromStdString(text->get<std::string>());
        if (const json *call = openai::detail::member(part, "functionCall"); call && call->is_object()) {
            FunctionCall out;
            out.id = openai::detail::string(*call, "id");
            out.name = openai::detail::string(*call, "name");
            const json *args = openai::detail::member(*call, "args");
            out.arguments = args && args->is_object() ? openai::detail::dump(*args) : QByteArrayLiteral("{}");
            if (out.name.isEmpty())
                return false;
            candidate.calls.push_back(std::move(out));
        }
    }
    return true;
}

bool containsAny(const QString &text, std::initializer_list<const char *> phrases)
{
    return std::any_of(phrases.begin(), phrases.end(),
                       [&](const char *phrase) { return text.contains(QLatin1String(phrase)); });
}

bool saysTokenLimit(const QString &lowered)
{
    // "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)."
    return containsAny(lowered, {"exceeds the maximum number of tokens", "context length", "context window",
                                 "prompt is too long"}) ||
           (lowered.contains(QLatin1String("input token count")) && lowered.contains(QLatin1String("exceed")));
}

bool saysBlocked(const QString &lowered)
{
    return lowered.contains(QLatin1String("blocked")) &&
           containsAny(lowered, {"safety", "prohibited", "blocklist", "policy"});
}

bool saysInvalidKey(const json &error, const QString &lowered)
{
    if (lowered.contains(QLatin1String("api key not valid")) || lowered.contains(QLatin1String("api key expired")))
        return true;
    const json *details = openai::detail::member(error, "details");
    if (!details || !details->is_array())
        return false;
    return std::any_of(details->begin(), details->end(), [](const json &detail) {
        const QString reason = openai::detail::string(detail, "reason");
        return reason == QLatin1String("API_KEY_INVALID") || reason == QLatin1String("API_KEY_EXPIRED");
    });
}

QByteArray safeIdText(QByteArrayView text)
{
    QByteArray safe;
    for (const char c : text.first(std::min<qsizetype>(text.size(), 64))) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
            safe += c;
    }
    return safe;
}

} // namespace

bool readAnswer(const json &doc, Answer &answer)
{
    if (!doc.is_object())
        return false;
    const json *candidates = openai::detail::member(doc, "candidates");
    const json *feedback = openai::detail::member(doc, "promptFeedback");
    const json *usage = openai::detail::member(doc, "usageMetadata");
    if (!candidates && !feedback && !usage)
        return false;
    if (candidates) {
        if (!candidates->is_array())
            return false;
        for (const json &object : *candidates) {
            Candidate candidate;
            if (!readCandidate(object, candidate))
                return false;
            answer.candidates.push_back(std::move(candidate));
        }
        std::stable_sort(answer.candidates.begin(), answer.candidates.end(),
                         [](const Candidate &a, const Candidate &b) { return a.index < b.index; });
    }
    if (feedback) {
        answer.blockReason = openai::detail::string(*feedback, "blockReason");
        answer.blockMessage = openai::detail::string(*feedback, "blockReasonMessage");
        if (answer.blockReason == QLatin1String("BLOCK_REASON_UNSPECIFIED"))
            answer.blockReason = QStringLiteral("OTHER");
    }
    if (usage && usage->is_object()) {
        answer.hasUsage = true;
        answer.usage.prompt = count(*usage, "promptTokenCount");
        const qint64 candidatesTokens = count(*usage, "candidatesTokenCount");
        const qint64 thoughts = count(*usage, "thoughtsTokenCount");
        // Thinking tokens are billed as output, as OpenAI counts reasoning tokens.
        answer.usage.completion = candidatesTokens < 0 && thoughts < 0
                                      ? -1
                                      : std::max<qint64>(candidatesTokens, 0) + std::max<qint64>(thoughts, 0);
        answer.usage.total = count(*usage, "totalTokenCount");
        if (answer.usage.total < 0 && answer.usage.prompt >= 0 && answer.usage.completion >= 0)
            answer.usage.total = answer.usage.prompt + answer.usage.completion;
    }
    answer.modelVersion = openai::detail::string(doc, "modelVersion");
    answer.responseId = openai::detail::string(doc, "responseId");
    return true;
}

QString openAiFinishReason(const QString &geminiReason, bool hasToolCalls)
{
    if (isFilteredStop(geminiReason))
        return QStringLiteral("content_filter");
    if (geminiReason == QLatin1String("MAX_TOKENS"))
        return QStringLiteral("length");
    // STOP, and the rest (LANGUAGE, OTHER, MALFORMED_FUNCTION_CALL...), which
    // OpenAI has no word for: the answer ended.
    return hasToolCalls ? QStringLiteral("tool_calls") : QStringLiteral("stop");
}

bool isFilteredStop(const QString &geminiReason)
{
    static const std::array kReasons = {
        QLatin1String("SAFETY"),    QLatin1String("RECITATION"),
        QLatin1String("BLOCKLIST"), QLatin1String("PROHIBITED_CONTENT"),
        QLatin1String("SPII"),      QLatin1String("IMAGE_SAFETY"),
    };
    return std::find(kReasons.begin(), kReasons.end(), geminiReason) != kReasons.end();
}

openai::ApiError translateError(const json &error)
{
    openai::ApiError out;
    out.message = openai::detail::string(error, "message");
    const QString status = openai::detail::string(error, "status");
    const qint64 code = count(error, "code");
    out.type = status.isEmpty() ? QStringLiteral("api_error") : status;
    const QString lowered = (status + QLatin1Char(' ') + out.message).toLower();
    if (saysTokenLimit(lowered) && (status.isEmpty() || status == QLatin1String("INVALID_ARGUMENT") ||
                                    status == QLatin1String("FAILED_PRECONDITION")))
        out.code = QStringLiteral("context_length_exceeded");
    else if (saysBlocked(lowered))
        out.code = QStringLiteral("content_policy_violation");
    else if (status == QLatin1String("RESOURCE_EXHAUSTED") || code == 429)
        out.code = QStringLiteral("rate_limit_exceeded");
    else if (saysInvalidKey(error, lowered))
        out.code = QStringLiteral("invalid_api_key");
    else
        out.code = status;
    if (out.message.isEmpty())
        out.message = status.isEmpty() ? QStringLiteral("Gemini returned an error without a message") : status;
    return out;
}

QByteArray translateErrorBody(QByteArrayView body, int status, const QByteArray &requestId)
{
    json doc = openai::detail::parse(body);
    if (doc.is_array() && !doc.empty())
        doc = doc.front();
    const json *error = openai::detail::member(doc, "error");
    openai::ApiError out;
    if (error && error->is_object()) {
        out = translateError(*error);
    } else {
        QString text = QString::fromUtf8(body.data(), body.size()).simplified();
        text.truncate(kMaxWrappedMessageChars);
        out.message = text.isEmpty() ? QStringLiteral("Gemini answered HTTP %1 without a body").arg(status)
                                     : QStringLiteral("Gemini answered HTTP %1: %2").arg(status).arg(text);
        out.type = QStringLiteral("api_error");
        json wrapped{{"message", text.toStdString()}};
        const openai::ApiError guessed = translateError(wrapped);
        if (guessed.code == QLatin1String("context_length_exceeded") ||
            guessed.code == QLatin1String("content_policy_violation"))
            out.code = guessed.code;
        else if (status == 429)
            out.code = QStringLiteral("rate_limit_exceeded");
    }
    return openai::errorJson(out.message, out.type, out.code, {}, requestId);
}

openai::ApiError contentPolicyError(const QString &what, const QString &reason, const QString &message)
{
    openai::ApiError out;
    out.type = QStringLiteral("content_policy_violation");
    out.code = QStringLiteral("content_policy_violation");
    out.message = QStringLiteral("Gemini blocked the %1 (%2)").arg(what, reason);
    if (!message.isEmpty())
        out.message += QStringLiteral(": ") + message;
    return out;
}

QByteArray completionId(const QByteArray &requestId, const QString &responseId)
{
    QByteArray suffix = safeIdText(requestId);
    if (suffix.isEmpty())
        suffix = safeIdText(responseId.toUtf8());
    if (suffix.isEmpty())
        suffix = "gemini-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    return "chatcmpl-" + suffix;
}

json toolCallJson(const FunctionCall &call, const QByteArray &fallbackId)
{
    const QByteArray id = call.id.isEmpty() ? fallbackId : call.id.toUtf8();
    return json{{"id", id.toStdString()},
                {"type", "function"},
                {"function", json{{"name", call.name.toStdString()}, {"arguments", call.arguments.toStdString()}}}};
}

} // namespace understudy::gemini::detail
