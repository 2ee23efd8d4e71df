#pragma once

// The Anthropic Messages API behind the OpenAI Chat Completions seam of
// providers/ProviderAdapter.h: a client's OpenAI chat request becomes a
// POST /v1/messages, and Anthropic's answer (a Message, an error body, or
// its server-sent event stream) comes back out as the OpenAI answer.
//
// Request mapping (OpenAI -> Anthropic):
//   system / developer messages     -> top-level "system" (joined by blank lines,
//                                      wherever they sit in the conversation)
//   user / assistant content        -> text and image blocks (data: URLs as base64
//                                      sources, other URLs as url sources; PDF
//                                      file parts as base64 document blocks)
//   assistant tool_calls            -> tool_use blocks (arguments parsed to an object)
//   tool messages                   -> a user message of tool_result blocks
//   consecutive same-role messages  -> one message (Anthropic wants alternation)
//   tools / tool_choice             -> tools with input_schema / auto, any, tool, none;
//                                      parallel_tool_calls:false -> disable_parallel_tool_use
//   max_completion_tokens|max_tokens-> max_tokens (kDefaultMaxTokens when absent:
//                                      Anthropic requires it)
//   temperature                     -> temperature clamped to Anthropic's [0, 1]
//   top_p                           -> top_p, only without temperature (recent
//                                      Claude models refuse both at once)
//   stop (string or array)          -> stop_sequences, without blank entries
//                                      (Anthropic refuses whitespace-only ones)
//   user                            -> metadata.user_id
//   response_format json_object /   -> no Anthropic equivalent: an instruction
//   json_schema                        appended to "system" (the schema is quoted);
//                                      the answer is asked for, not enforced
// Ignored (no Anthropic equivalent; accepted and dropped): frequency_penalty,
// presence_penalty, logit_bias, logprobs, top_logprobs, seed, store,
// metadata, modalities, reasoning_effort, service_tier, stream_options (the
// translator honours include_usage itself). Refused with an OpenAI-style 400
// message naming the field: n > 1, audio parts, file parts other than
// inline PDF, non-function tools, unsupported image types, tool call
// arguments that are not a JSON object.
//
// Whitespace: Anthropic refuses text blocks made only of whitespace (they
// are dropped) and a final assistant message ending in whitespace (it is
// trimmed; see translateRequest).

#include "providers/ProviderAdapter.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace understudy::anthropic {

inline constexpr int kDefaultMaxTokens = 4096;
inline constexpr char kApiVersion[] = "2023-06-01";

// The Messages request for `input`. Path: input.baseUrlPath followed by
// "/v1/messages", or by "/messages" when it already ends in "/v1" (absolute
// on the provider's origin, as ProviderAdapter.h says). Headers: x-api-key (only with a credential),
// anthropic-version, content-type.
//
// input.prefill is appended to the final assistant message (or becomes
// one), and the final assistant text is then trimmed of trailing
// whitespace, which Anthropic rejects. Consequence: the model continues
// from the trimmed text, so its continuation usually starts with the
// whitespace that was trimmed (" word", "\n\nNext"), which the client
// already received as the end of the prefill: the joined answer may show
// that whitespace twice at the seam.
//
// Errors: code "invalid_type", "invalid_value", "missing_required_parameter"
// or "unsupported_parameter"; the message names the field the way OpenAI
// does ("Invalid value for 'messages[2].content[0].type': ...").
Result<AdapterRequest> translateRequest(const AdapterRequestInput &input);

// A translator for one attempt's response. `stream` is what the client asked
// for; `model` is reported when the provider's answer names none;
// `requestId` (may be empty) names the answer when the provider gives no
// message id; `includeUsageChunk` adds OpenAI's stream_options.include_usage
// chunk (empty choices, usage) before [DONE]. `createdSecs` < 0 means now
// (tests pass a fixed value).
std::unique_ptr<ResponseTranslator> makeResponseTranslator(bool stream, const QString &model,
                                                           const QByteArray &requestId, bool includeUsageChunk,
                                                           qint64 createdSecs = -1);

// Anthropic stop_reason -> OpenAI finish_reason: end_turn, stop_sequence and
// pause_turn -> "stop"; max_tokens and model_context_window_exceeded ->
// "length"; tool_use -> "tool_calls"; refusal -> "content_filter"; anything
// else non-empty -> "stop". Empty for an empty stop reason.
QString finishReasonFor(const QString &stopReason);

// An Anthropic error body ({"type":"error","error":{"type","message"}}, or
// anything else an upstream or proxy sent with an error status) as an
// OpenAI error body {"error":{"message","type","param","code"}}: type keeps
// Anthropic's type, code is the type too, except "context_length_exceeded"
// when the message says the prompt does not fit. Non-JSON bodies become the
// message; a missing type is inferred from the status (529 overloaded_error,
// 429 rate_limit_error...).
QByteArray openAiErrorBody(int status, QByteArrayView anthropicBody);

} // namespace understudy::anthropic
