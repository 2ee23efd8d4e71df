#pragma once

// The Anthropic Messages API as an inbound dialect of llm routes: a client
// POSTs <prefix>/v1/messages, the request is translated into an OpenAI chat
// request and runs the route's chain like any chat completion, and the
// executor's OpenAI answer is translated back on the way out by a
// ResponseTransform installed on the exchange (http/ResponseTransform.h).
//
// Request mapping (Anthropic -> OpenAI):
//   system (string or text blocks)       -> a leading system message
//   user text / image blocks             -> user content parts (base64 sources as
//                                           data: URLs, url sources as URLs; base64
//                                           PDF documents as file parts)
//   user tool_result blocks              -> tool messages (placed before the rest of
//                                           that user turn), is_error prefixed "Error: "
//   assistant text / tool_use blocks     -> content and tool_calls (input as arguments)
//   assistant thinking blocks            -> dropped
//   tools (custom tools)                 -> function tools (input_schema -> parameters)
//   tool_choice auto/any/tool/none       -> "auto"/"required"/named function/"none";
//                                           disable_parallel_tool_use -> parallel_tool_calls:false
//   max_tokens, temperature, top_p       -> the same fields
//   stop_sequences                       -> stop
//   stream                               -> stream, with stream_options.include_usage
//                                           (Anthropic streams always report usage)
//   metadata.user_id                     -> user
// Dropped without error: top_k, thinking, service_tier, container, mcp_servers.
// Refused: server tools (a tool with a type other than "custom"), search
// result / container blocks, unknown block types, wrong JSON types.
//
// Response mapping (OpenAI -> Anthropic): chat.completion -> Message;
// finish_reason stop -> end_turn, length -> max_tokens, tool_calls ->
// tool_use, content_filter -> refusal; usage prompt/completion tokens ->
// input/output tokens; chunk streams -> message_start, content_block_start /
// _delta (text_delta, input_json_delta) / _stop, message_delta, message_stop,
// each with its `event:` line; an in-band error event -> `event: error`;
// error bodies -> {"type":"error","error":{"type","message"}} with the same
// status.

#include "core/Result.h"
#include "http/ResponseTransform.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace understudy::anthropic {

// The OpenAI chat request body for an Anthropic Messages request body.
// Error: code "invalid_request_error", message naming the field the way
// Anthropic does ("messages.1.content.0.type: ...").
Result<QByteArray> openAiRequestFromMessages(QByteArrayView body);

// {"type":"error","error":{"type":type,"message":message}}
QByteArray inboundErrorBody(const QByteArray &type, const QString &message);
// Anthropic's error type for an HTTP status: 400 invalid_request_error,
// 401 authentication_error, 403 permission_error, 404 not_found_error,
// 413 request_too_large, 429 rate_limit_error, 503/529 overloaded_error,
// other 5xx api_error, other 4xx invalid_request_error.
QByteArray inboundErrorTypeForStatus(int status);
// An OpenAI error body (or any body sent with an error status) as Anthropic's.
QByteArray inboundErrorFromOpenAi(int status, QByteArrayView body);

// OpenAI finish_reason -> Anthropic stop_reason (unknown ones -> end_turn).
QString stopReasonFor(const QString &finishReason);

// A whole chat.completion as an Anthropic Message; `fallbackModel` when the
// completion names none. Empty when the body is not a completion.
QByteArray messageFromCompletion(QByteArrayView completion, const QString &fallbackModel);

// OpenAI chat.completion.chunk SSE bytes in (split anywhere), Anthropic
// message stream events out, as they become complete.
class MessagesStreamTranslator final
{
public:
    explicit MessagesStreamTranslator(const QString &fallbackModel);
    ~MessagesStreamTranslator();
    Q_DISABLE_COPY_MOVE(MessagesStreamTranslator)

    QByteArray feed(QByteArrayView bytes);
    // The producer ended. Without [DONE] and without an error event the
    // answer was cut: an error event says so (never a message_stop).
    QByteArray finish();
    bool sawDone() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// The transform for one /v1/messages exchange: JSON answers and error
// bodies are buffered and translated whole, text/event-stream answers are
// translated incrementally. Always sends chunked (the length changes).
std::unique_ptr<ResponseTransform> makeMessagesTransform(const QString &requestedModel);

} // namespace understudy::anthropic
