#pragma once

// Answers Understudy writes itself in the OpenAI Chat Completions format:
// errors, canned (static step) answers, cached answers replayed as a stream
// or not. Whatever step serves, the client must get a body its OpenAI SDK
// parses without complaint.
//
// `createdSecs` < 0 means "now"; tests pass a fixed value.

#include "providers/openai/OpenAiTypes.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace understudy::openai {

// Marks answers that did not come from a model (static step, SPEC §2).
inline constexpr char kDegradedFingerprint[] = "understudy-degraded";
inline constexpr char kStaticModel[] = "understudy/static";

// {"id","object":"chat.completion","created","model","choices":[{"index":0,
//  "message":{"role":"assistant","content":text},"finish_reason"}],"usage"}
// `degraded` adds "system_fingerprint":"understudy-degraded". Unknown usage
// is written as zeros (SDKs expect the object on non-stream answers).
QByteArray completionJson(const QByteArray &id, const QString &model, const QString &text, const QString &finishReason,
                          const TokenUsage &usage, bool degraded, qint64 createdSecs = -1);

// One "chat.completion.chunk" (JSON, unframed). An empty finishReason is
// written as null; withRole adds "role":"assistant" to the delta.
QByteArray streamChunk(const QByteArray &id, const QString &model, const QString &deltaText,
                       const QString &finishReason, bool withRole = false, bool degraded = false,
                       qint64 createdSecs = -1);
// The include_usage chunk: "choices":[] and the usage object.
QByteArray usageChunk(const QByteArray &id, const QString &model, const TokenUsage &usage, qint64 createdSecs = -1);

// Frames JSON as one SSE event: "data: <json>\n\n" (one data line per line
// of input, so an embedded newline cannot end the event early).
QByteArray sseEvent(QByteArrayView json);
QByteArray sseDone(); // "data: [DONE]\n\n"

// {"error":{"message","type","param","code","request_id"}}: the OpenAI error
// shape on llm routes. Empty code/param are written as null. request_id is
// our addition; SDKs ignore unknown members.
QByteArray errorJson(const QString &message, const QString &type, const QString &code, const QString &param,
                     const QByteArray &requestId);
// The same error as a stream event, for failures after the commit point.
// Nothing may follow it: in particular no [DONE], which SDKs read as a
// successful end (SPEC §4: a truncated answer is never a success).
QByteArray streamErrorEvent(const QString &message, const QString &type, const QString &code,
                            const QByteArray &requestId);

// A whole stream for a known text: role chunk, content chunks of a few
// words, finish chunk, the usage chunk when includeUsage, then [DONE].
QByteArray streamEventsFromText(const QByteArray &id, const QString &model, const QString &text,
                                const QString &finishReason, const TokenUsage &usage, bool includeUsage, bool degraded,
                                qint64 createdSecs = -1);

// The canned answer of a static step, model "understudy/static", degraded.
QByteArray staticCompletion(const QString &text, const QByteArray &requestId, qint64 createdSecs = -1);
QByteArray staticStreamEvents(const QString &text, const QByteArray &requestId, bool includeUsage,
                              qint64 createdSecs = -1);

// A stored completion replayed as a stream (cache hits on stream requests),
// tool calls included. nullopt when the body is not a valid completion.
std::optional<QByteArray> completionAsStreamEvents(const QByteArray &completion, bool includeUsage, bool degraded);

} // namespace understudy::openai
