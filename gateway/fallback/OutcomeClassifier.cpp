#include "fallback/OutcomeClassifier.h"

#include "fallback/Clock.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

namespace understudy {

namespace {

constexpr qsizetype kMaxMessageChars = 500;

struct ProviderError
{
    QString code;    // error.code (OpenAI), error.type (Anthropic), error.status (Gemini)
    QString type;    // error.type when code is separate
    QString message; // error.message or top-level message/detail
    QString lowered; // code + type + message in lower case, for phrase matching
};

QString jsonText(const nlohmann::json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_number_integer())
        return QString::number(value.get<qint64>());
    return {};
}

// Reads {"error": {...}}, {"type":"error","error":{...}}, Gemini's
// [{"error": {...}}] and OpenAI-compatible servers' flat {"message": ...}.
ProviderError readProviderError(QByteArrayView body)
{
    ProviderError error;
    nlohmann::json document = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
    if (document.is_array() && !document.empty())
        document = document.front();
    if (document.is_object()) {
        const auto errorIt = document.find("error");
        const nlohmann::json &object = (errorIt != document.end() && errorIt->is_object()) ? *errorIt : document;
        if (errorIt != document.end() && errorIt->is_string())
            error.message = jsonText(*errorIt);
        if (object.contains("type"))
            error.type = jsonText(object["type"]);
        for (const char *key : {"message", "detail"}) {
            if (error.message.isEmpty() && object.contains(key))
                error.message = jsonText(object[key]);
        }
        // OpenAI: a string code; Gemini: a numeric code beside a string status
        // ("INVALID_ARGUMENT"); Anthropic: only a type ("overloaded_error").
        if (object.contains("code") && object["code"].is_string())
            error.code = jsonText(object["code"]);
        else if (object.contains("status") && object["status"].is_string())
            error.code = jsonText(object["status"]);
        else
            error.code = error.type;
        error.lowered = (error.code % u' ' % error.type % u' ' % error.message).toLower();
        // Without an error object (e.g. Gemini's promptFeedback) the words sit elsewhere.
        if (errorIt == document.end())
            error.lowered += QString::fromUtf8(body.data(), body.size()).toLower();
    } else {
        // Not JSON (or a prefix cut mid-document): match phrases on the raw text.
        error.lowered = QString::fromUtf8(body.data(), body.size()).toLower();
    }
    error.message.truncate(kMaxMessageChars);
    return error;
}

bool containsAny(const QString &text, std::initializer_list<const char *> phrases)
{
    for (const char *phrase : phrases) {
        if (text.contains(QLatin1String(phrase)))
            return true;
    }
    return false;
}

bool saysContextLengthExceeded(const ProviderError &error)
{
    return error.code == QLatin1String("context_length_exceeded") ||
           containsAny(error.lowered, {
                                          "context_length_exceeded",
                                          "maximum context length",               // OpenAI, vLLM, Mistral
                                          "context window",                       // various compat servers
                                          "exceeds context length",               // Ollama
                                          "exceeds the context",                  // llama.cpp
                                          "prompt is too long",                   // Anthropic
                                          "exceeds the maximum number of tokens", // Gemini
                                          "input is too long",                    // Bedrock-style proxies
                                          "too many tokens",
                                          "reduce the length of the messages",
                                      });
}

bool saysContentPolicy(const ProviderError &error)
{
    static const std::array kCodes = {
        QLatin1String("content_policy_violation"), // OpenAI images and moderation
        QLatin1String("content_filter"),           // Azure OpenAI
        QLatin1String("moderation_blocked"),
    };
    for (const auto &code : kCodes) {
        if (error.code == code)
            return true;
    }
    return containsAny(error.lowered, {
                                          "content_policy",
                                          "content policy",
                                          "content management policy",        // Azure
                                          "content filtering policy",         // Anthropic output blocked
                                          "safety system",                    // OpenAI
                                          "flagged as potentially violating", // OpenAI invalid_prompt
                                          "usage policy",
                                          "safety reasons",
                                          "blockreason", // Gemini promptFeedback
                                          "blocked due to safety",
                                          "prohibited_content",
                                      });
}

} // namespace

OutcomeClassifier::OutcomeClassifier(const Clock &clock) : m_clock(clock)
{}

ResponseClassification OutcomeClassifier::classify(int status, const HeaderList &headers,
                                                   QByteArrayView bodyPrefix) const
{
    ResponseClassification result;
    result.status = status;
    result.retryAfterMs = retryAfterFromHeaders(headers, m_clock.wallNow());

    // 1xx-3xx are answers to relay as they are (a redirect on an http route
    // is the service's answer, not a failure).
    if (status < 400) {
        result.outcome = OutcomeClass::Ok;
        return result;
    }

    const ProviderError error = readProviderError(bodyPrefix.first(std::min(bodyPrefix.size(), kBodyPrefixBytes)));
    result.providerCode = error.code;
    result.providerMessage = error.message;

    if (status >= 500) {
        result.outcome = OutcomeClass::Status5xx; // 529 (Anthropic overloaded) included; status keeps the code
        return result;
    }
    if (status == 429) {
        result.outcome = OutcomeClass::Status429;
        return result;
    }
    // Gemini answers a bad key with 400 API_KEY_INVALID; its adapter names
    // it invalid_api_key, as OpenAI does.
    if (status == 401 || status == 403 || error.code == QLatin1String("invalid_api_key") ||
        error.code == QLatin1String("API_KEY_INVALID")) {
        result.outcome = OutcomeClass::AuthError;
        return result;
    }
    // Context length first: "prompt is too long" must not read as a policy refusal.
    if ((status == 400 || status == 413 || status == 422) && saysContextLengthExceeded(error)) {
        result.outcome = OutcomeClass::ContextLengthExceeded;
        return result;
    }
    if (saysContentPolicy(error)) {
        result.outcome = OutcomeClass::ContentPolicy;
        return result;
    }
    result.outcome = OutcomeClass::Status4xx;
    return result;
}

} // namespace understudy
