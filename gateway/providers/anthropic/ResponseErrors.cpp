// Response translation, errors: Anthropic error bodies (JSON, or whatever
// a proxy sent with an error status) as OpenAI error bodies, and Anthropic
// stop reasons as OpenAI finish reasons.

#include "providers/anthropic/AnthropicAdapter.h"
#include "providers/anthropic/AnthropicTranslator.h"

namespace understudy::anthropic {

using detail::ojson;

namespace {

// Error messages kept from a non-JSON error body (an HTML page from a proxy...).
constexpr qsizetype kMaxErrorTextChars = 2000;

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

} // namespace

ojson detail::openAiErrorFrom(const ojson &doc, int status)
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
        return detail::dump(detail::openAiErrorFrom(doc, status));
    // Not JSON (a proxy's HTML page, plain text, nothing): the text is the message.
    QString text = QString::fromUtf8(anthropicBody.data(), anthropicBody.size()).trimmed();
    if (text.size() > kMaxErrorTextChars)
        text = text.left(kMaxErrorTextChars) + QStringLiteral("...");
    if (text.isEmpty())
        text = QStringLiteral("The provider answered HTTP %1 with an empty body.").arg(status);
    return detail::dump(openAiError(text, errorTypeForStatus(status), {}));
}

} // namespace understudy::anthropic
