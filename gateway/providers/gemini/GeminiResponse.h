#pragma once

// Internal to providers/gemini: Gemini's GenerateContentResponse and error
// bodies read into plain values, and their OpenAI counterparts (finish
// reasons, usage, error objects), shared by the stream and non-stream
// translators.
//
// Recorded shapes (Gemini API reference, "Generating content"):
//   {"candidates":[{"content":{"parts":[{"text":".."},{"functionCall":{"name":..,"args":{..}}}],
//                              "role":"model"},
//                   "finishReason":"STOP","index":0,"safetyRatings":[..]}],
//    "promptFeedback":{"blockReason":"SAFETY","safetyRatings":[..]},
//    "usageMetadata":{"promptTokenCount":..,"candidatesTokenCount":..,"thoughtsTokenCount":..,
//                     "totalTokenCount":..},
//    "modelVersion":"gemini-2.0-flash","responseId":".."}
//   {"error":{"code":429,"message":"..","status":"RESOURCE_EXHAUSTED","details":[..]}}

#include "providers/openai/OpenAiTypes.h"

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

#include <vector>

namespace understudy::gemini::detail {

struct FunctionCall
{
    QString id; // Gemini's own call id when it sends one
    QString name;
    QByteArray arguments; // the args object as a JSON string, as OpenAI clients expect
};

struct Candidate
{
    int index = 0;
    QString text; // text parts joined; "thought" parts left out
    std::vector<FunctionCall> calls;
    QString finishReason; // Gemini's, e.g. "STOP", "SAFETY"; empty while streaming

    bool hasContent() const { return !text.isEmpty() || !calls.empty(); }
};

struct Answer
{
    std::vector<Candidate> candidates; // sorted by index
    QString blockReason;               // promptFeedback.blockReason
    QString blockMessage;              // promptFeedback.blockReasonMessage
    openai::TokenUsage usage;
    bool hasUsage = false;
    QString modelVersion;
    QString responseId;
};

// Reads a GenerateContentResponse object; false when `doc` is not one (not
// an object, or neither candidates, promptFeedback nor usageMetadata).
bool readAnswer(const nlohmann::json &doc, Answer &answer);

// Gemini finishReason -> OpenAI finish_reason.
QString openAiFinishReason(const QString &geminiReason, bool hasToolCalls);
// SAFETY, RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII, IMAGE_SAFETY.
bool isFilteredStop(const QString &geminiReason);

// A Gemini error object (or any error body) as an OpenAI error object:
// type = Gemini's status, code = an OpenAI code the executor's classifier
// recognises when there is one (context_length_exceeded,
// content_policy_violation, rate_limit_exceeded, invalid_api_key), else
// Gemini's status.
openai::ApiError translateError(const nlohmann::json &error);
// A whole error response body: Gemini's {"error":{..}} (or [{"error":..}]),
// or anything else (a proxy's HTML page) wrapped as the message.
QByteArray translateErrorBody(QByteArrayView body, int status, const QByteArray &requestId);

// The refusal of a blocked prompt or candidate as an OpenAI error object.
openai::ApiError contentPolicyError(const QString &what, const QString &reason, const QString &message);

// "chatcmpl-<requestId>" (unsafe characters dropped), else the response id,
// else a timestamp.
QByteArray completionId(const QByteArray &requestId, const QString &responseId);

// OpenAI tool_calls entries (without the stream "index").
nlohmann::json toolCallJson(const FunctionCall &call, const QByteArray &fallbackId);

} // namespace understudy::gemini::detail
