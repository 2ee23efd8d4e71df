#include "providers/mock/MockWire.h"

#include <QRandomGenerator>

#include <nlohmann/json.hpp>

#include <atomic>

namespace understudy::mock {

namespace {

using json = nlohmann::json;
// Key order as the real API sends it, so captured bodies read naturally.
using ordered = nlohmann::ordered_json;

// Tokens the chat template adds around each message (OpenAI's cookbook
// counts 3-4); keeps the estimate honest for many short messages.
constexpr qint64 kTokensPerMessage = 4;

QString toQString(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

std::string toStd(const QString &text)
{
    return text.toStdString();
}

// value() would throw on a field of the wrong type; untrusted input must not.
bool isTrue(const json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_boolean() && it->get<bool>();
}

bool isString(const json &object, const char *key, const char *expected)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() && it->get_ref<const std::string &>() == expected;
}

QByteArray dump(const ordered &doc)
{
    // Replace invalid UTF-8 rather than throw: answers come from settings.
    return QByteArray::fromStdString(doc.dump(-1, ' ', false, json::error_handler_t::replace));
}

// Text of a message's content: a string, or the text parts of an array.
QString contentText(const json &content)
{
    if (content.is_string())
        return toQString(content.get<std::string>());
    QString text;
    if (content.is_array()) {
        for (const json &part : content) {
            if (part.is_object() && isString(part, "type", "text") && part.contains("text") && part["text"].is_string())
                text += toQString(part["text"].get<std::string>());
        }
    }
    return text;
}

QByteArray sseEvent(const ordered &doc)
{
    return "data: " + dump(doc) + "\n\n";
}

ordered chunk(const CompletionMeta &meta, ordered delta, const char *finishReason)
{
    ordered choice;
    choice["index"] = 0;
    choice["delta"] = std::move(delta);
    choice["logprobs"] = nullptr;
    choice["finish_reason"] = finishReason ? ordered(finishReason) : ordered(nullptr);
    ordered doc;
    doc["id"] = meta.id.toStdString();
    doc["object"] = "chat.completion.chunk";
    doc["created"] = meta.created;
    doc["model"] = toStd(meta.model);
    doc["system_fingerprint"] = "fp_understudy_mock";
    doc["choices"] = ordered::array({std::move(choice)});
    return doc;
}

ordered usage(qint64 promptTokens, qint64 completionTokens)
{
    ordered u;
    u["prompt_tokens"] = promptTokens;
    u["completion_tokens"] = completionTokens;
    u["total_tokens"] = promptTokens + completionTokens;
    return u;
}

QByteArray openAiError(const QString &message, const char *type, const ordered &param, const ordered &code)
{
    ordered error;
    error["message"] = toStd(message);
    error["type"] = type;
    error["param"] = param;
    error["code"] = code;
    ordered doc;
    doc["error"] = std::move(error);
    return dump(doc);
}

} // namespace

ChatRequest parseChatRequest(const QByteArray &body)
{
    ChatRequest request;
    const json doc = json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        request.error = QStringLiteral("We could not parse the JSON body of your request. (HINT: This likely means "
                                       "you aren't using your HTTP library correctly.)");
        return request;
    }
    const auto messages = doc.find("messages");
    if (messages == doc.end() || !messages->is_array() || messages->empty()) {
        request.error = QStringLiteral("'messages' must be a non-empty array.");
        request.param = QStringLiteral("messages");
        return request;
    }
    if (doc.contains("model") && doc["model"].is_string())
        request.model = toQString(doc["model"].get<std::string>());
    request.stream = isTrue(doc, "stream");
    if (const auto options = doc.find("stream_options"); options != doc.end() && options->is_object())
        request.includeUsage = isTrue(*options, "include_usage");

    qint64 tokens = 0;
    for (const json &message : *messages) {
        if (!message.is_object() || !message.contains("role") || !message["role"].is_string()) {
            request.error = QStringLiteral("Each message must be an object with a 'role'.");
            request.param = QStringLiteral("messages");
            return request;
        }
        const QString text = message.contains("content") ? contentText(message["content"]) : QString();
        tokens += kTokensPerMessage + estimateTokens(text);
    }
    const json &last = messages->back();
    if (isString(last, "role", "assistant")) {
        request.hasPrefill = true;
        request.prefill = last.contains("content") ? contentText(last["content"]) : QString();
    }
    request.promptTokens = tokens;
    request.valid = true;
    return request;
}

qint64 estimateTokens(const QString &text)
{
    if (text.isEmpty())
        return 0;
    return qMax<qint64>(1, (text.size() + 3) / 4);
}

QString generatedAnswer(const QString &provider, const QString &model)
{
    return QStringLiteral("This is a simulated answer from the mock provider \"%1\" acting as the model %2. "
                          "Understudy's built-in mock replies without any network access, so chains, fallbacks "
                          "and dashboards can be rehearsed safely. It streams this text a few words at a time at "
                          "the configured speed, reports token usage like a real provider, and can inject faults "
                          "such as rate limits, resets, stalls and truncated streams whenever you ask it to.")
        .arg(provider, model);
}

QString continuationAfter(const QString &answer, const QString &prefill)
{
    if (!prefill.isEmpty() && answer.startsWith(prefill))
        return answer.mid(prefill.size());
    return answer;
}

QStringList answerPieces(const QString &text, int wordsPerPiece)
{
    // A piece ends after the space that follows its last word, so joining
    // the pieces gives the text back byte for byte.
    QStringList pieces;
    const int perPiece = qMax(1, wordsPerPiece);
    QString current;
    int words = 0;
    bool inWord = false;
    for (const QChar c : text) {
        if (c.isSpace()) {
            if (inWord)
                ++words;
            inWord = false;
            if (words >= perPiece) {
                current += c;
                pieces.append(current);
                current.clear();
                words = 0;
                continue;
            }
        } else {
            inWord = true;
        }
        current += c;
    }
    if (!current.isEmpty())
        pieces.append(current);
    return pieces;
}

QByteArray newCompletionId()
{
    // A counter keeps ids unique within the process even if the random
    // part collides; the random part keeps them unique across restarts.
    static std::atomic<quint32> counter{0};
    const quint32 serial = ++counter;
    const quint64 random = QRandomGenerator::global()->generate64();
    return "chatcmpl-mock-" + QByteArray::number(random & 0xffffffffffffULL, 16).rightJustified(12, '0') + '-' +
           QByteArray::number(serial);
}

QByteArray completionBody(const CompletionMeta &meta, const QString &text, qint64 promptTokens, qint64 completionTokens)
{
    ordered message;
    message["role"] = "assistant";
    message["content"] = toStd(text);
    message["refusal"] = nullptr;
    ordered choice;
    choice["index"] = 0;
    choice["message"] = std::move(message);
    choice["logprobs"] = nullptr;
    choice["finish_reason"] = "stop";
    ordered doc;
    doc["id"] = meta.id.toStdString();
    doc["object"] = "chat.completion";
    doc["created"] = meta.created;
    doc["model"] = toStd(meta.model);
    doc["choices"] = ordered::array({std::move(choice)});
    doc["usage"] = usage(promptTokens, completionTokens);
    doc["system_fingerprint"] = "fp_understudy_mock";
    return dump(doc);
}

QByteArray roleEvent(const CompletionMeta &meta)
{
    ordered delta;
    delta["role"] = "assistant";
    delta["content"] = "";
    delta["refusal"] = nullptr;
    return sseEvent(chunk(meta, std::move(delta), nullptr));
}

QByteArray contentEvent(const CompletionMeta &meta, const QString &piece)
{
    ordered delta;
    delta["content"] = toStd(piece);
    return sseEvent(chunk(meta, std::move(delta), nullptr));
}

QByteArray finishEvent(const CompletionMeta &meta)
{
    return sseEvent(chunk(meta, ordered::object(), "stop"));
}

QByteArray usageEvent(const CompletionMeta &meta, qint64 promptTokens, qint64 completionTokens)
{
    ordered doc;
    doc["id"] = meta.id.toStdString();
    doc["object"] = "chat.completion.chunk";
    doc["created"] = meta.created;
    doc["model"] = toStd(meta.model);
    doc["system_fingerprint"] = "fp_understudy_mock";
    doc["choices"] = ordered::array();
    doc["usage"] = usage(promptTokens, completionTokens);
    return sseEvent(doc);
}

QByteArray doneEvent()
{
    return QByteArrayLiteral("data: [DONE]\n\n");
}

QByteArray malformedEvent()
{
    return QByteArrayLiteral("data: {not json\n\n");
}

QByteArray statusErrorBody(int status)
{
    if (status == 529) {
        // Anthropic's overload answer, as seen behind Anthropic-compatible
        // gateways; the classifier knows this shape.
        ordered error;
        error["type"] = "overloaded_error";
        error["message"] = "Overloaded";
        ordered doc;
        doc["type"] = "error";
        doc["error"] = std::move(error);
        return dump(doc);
    }
    if (status == 429)
        return openAiError(QStringLiteral("Rate limit reached for requests on the mock provider. Please try again "
                                          "later."),
                           "requests", nullptr, "rate_limit_exceeded");
    if (status == 401)
        return openAiError(QStringLiteral("Incorrect API key provided."), "invalid_request_error", nullptr,
                           "invalid_api_key");
    if (status == 403)
        return openAiError(QStringLiteral("You are not allowed to access this model."), "invalid_request_error",
                           nullptr, "permission_denied");
    if (status == 404)
        return notFoundBody(QStringLiteral("The model does not exist or you do not have access to it."));
    if (status >= 500)
        return openAiError(QStringLiteral("The server had an error while processing your request. Sorry about "
                                          "that!"),
                           "server_error", nullptr, nullptr);
    return openAiError(QStringLiteral("The mock provider rejected the request with status %1.").arg(status),
                       "invalid_request_error", nullptr, nullptr);
}

QByteArray contextLengthBody(qint64 promptTokens)
{
    // The fault fires whatever the prompt's size; the number must still
    // exceed the stated limit to read like the real message.
    constexpr qint64 kLimit = 8192;
    const qint64 reported = promptTokens > kLimit ? promptTokens : kLimit + qMax<qint64>(1, promptTokens);
    return openAiError(QStringLiteral("This model's maximum context length is %1 tokens. However, your messages "
                                      "resulted in %2 tokens. Please reduce the length of the messages.")
                           .arg(kLimit)
                           .arg(reported),
                       "invalid_request_error", "messages", "context_length_exceeded");
}

QByteArray contentPolicyBody()
{
    return openAiError(QStringLiteral("Your request was rejected as a result of our safety system."),
                       "invalid_request_error", nullptr, "content_policy_violation");
}

QByteArray invalidRequestBody(const QString &message, const QString &param)
{
    return openAiError(message, "invalid_request_error", param.isEmpty() ? ordered(nullptr) : ordered(toStd(param)),
                       nullptr);
}

QByteArray notFoundBody(const QString &message)
{
    return openAiError(message, "invalid_request_error", nullptr, "not_found");
}

QByteArray modelsListBody(const QStringList &models, const QString &owner)
{
    ordered data = ordered::array();
    for (const QString &name : models) {
        ordered entry;
        entry["id"] = toStd(name);
        entry["object"] = "model";
        entry["created"] = 0;
        entry["owned_by"] = toStd(owner);
        data.push_back(std::move(entry));
    }
    ordered doc;
    doc["object"] = "list";
    doc["data"] = std::move(data);
    return dump(doc);
}

} // namespace understudy::mock
