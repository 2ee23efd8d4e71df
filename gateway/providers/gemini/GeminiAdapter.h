#pragma once

// The Google Gemini adapter (Gemini API, generativelanguage.googleapis.com):
// an OpenAI chat request becomes a generateContent / streamGenerateContent
// call, and Gemini's answers come back as OpenAI chat completions or chunk
// streams the executor classifies like any OpenAI upstream's.
//
// Request translation (OpenAI -> Gemini):
//  - path "<baseUrlPath or /v1beta>/models/<model>:generateContent", or
//    ":streamGenerateContent?alt=sse" for stream requests; a leading
//    "models/" in the model name is accepted;
//  - headers "x-goog-api-key" (when a credential is set), "content-type";
//  - system/developer messages -> systemInstruction (text only; wherever
//    they sit in the conversation); user -> "user", assistant -> "model";
//    consecutive messages of one Gemini role are merged into one turn (tool
//    results answering parallel calls must share one turn);
//  - text parts; image_url/file data: URLs -> inlineData, other URLs ->
//    fileData (mime type guessed from the extension); input_audio ->
//    inlineData audio/<format>;
//  - assistant tool_calls -> functionCall parts (arguments parsed as JSON);
//    tool messages -> functionResponse parts in a "user" turn, named after
//    the matching earlier tool call; a result that is a JSON object is sent
//    as the response, anything else as {"content": <text>};
//  - tools -> functionDeclarations; tool_choice -> toolConfig;
//  - temperature, top_p, max_tokens / max_completion_tokens, stop, seed, n,
//    presence/frequency_penalty -> generationConfig; response_format
//    json_object / json_schema -> responseMimeType application/json, plus
//    responseSchema for json_schema. Gemini's Schema is an OpenAPI 3.0
//    subset: keywords it does not know ($ref, $defs, additionalProperties,
//    oneOf, allOf, const...) are dropped, ["T","null"] types become
//    "nullable", so the schema is a looser constraint than the client's;
//    function parameters get the same treatment;
//  - prefill: a final "model" turn holding the text (merged into a trailing
//    assistant message). Gemini reads it as context and answers with what
//    follows; the translator returns what Gemini returns, nothing is
//    stripped, so a model that restarts its answer repeats the prefill.
//  Members with no Gemini counterpart (logprobs, user, metadata, store,
//  reasoning_effort, parallel_tool_calls...) are ignored.
//
// Response translation: see makeResponseTranslator().

#include "providers/ProviderAdapter.h"

namespace understudy::gemini {

// Fails (code "invalid_type", "invalid_value" or "missing_required_parameter")
// with an OpenAI-style 400 message naming the offending field.
Result<AdapterRequest> translateRequest(const AdapterRequestInput &input);

// A translator for one Gemini response.
//
// stream == false (or any error status): the body is buffered; finish()
// returns a "chat.completion" (id "chatcmpl-...", model = `model`, or
// Gemini's modelVersion when `model` is empty), or for error statuses the
// OpenAI error shape {"error":{"message","type":<Gemini status>,"code"}}
// with the status unchanged: a token-limit INVALID_ARGUMENT gets code
// "context_length_exceeded", RESOURCE_EXHAUSTED "rate_limit_exceeded", an
// invalid API key "invalid_api_key", a safety refusal
// "content_policy_violation".
// A 200 whose prompt or only candidate was blocked (promptFeedback
// .blockReason, or finishReason SAFETY/PROHIBITED_CONTENT/... with no
// content) comes out as an OpenAI error body with code
// "content_policy_violation", and failure() reports ContentPolicy with the
// block reason: the status says success, so failure() is the evidence the
// executor must read. A 200 body that is not a usable answer comes out
// empty with failure() MalformedResponse.
//
// stream == true with a 2xx status: Gemini's alt=sse events (each one a
// GenerateContentResponse) are translated event by event into
// chat.completion.chunk events: a role chunk before a choice's first
// content, content and tool_calls chunks, then at a finishReason a finish
// chunk carrying "usage" (plus a usage-only chunk when includeUsageChunk).
// Gemini has no end marker: finish() writes "data: [DONE]" only when every
// choice that appeared has finished; a stream cut earlier ends without it
// (truncated). An upstream error event becomes an OpenAI in-band error
// event and nothing follows it; a blocked prompt, or a safety stop before
// any content, becomes an in-band error with code content_policy_violation
// and failure() ContentPolicy after finish(); an event that is not JSON is
// forwarded as it is, so the executor drops and counts it as malformed.
// After finish(), failure() names what the client did not get: ContentPolicy
// (blocked), InBandError (an error event) or Truncated (no finish reason);
// it stays empty for a complete stream.
//
// requestId names the answer ("chatcmpl-<requestId>") when not empty.
// createdSecs < 0 means now (tests pass a fixed value).
std::unique_ptr<ResponseTranslator> makeResponseTranslator(bool stream, const QString &model,
                                                           const QByteArray &requestId, bool includeUsageChunk,
                                                           qint64 createdSecs = -1);

} // namespace understudy::gemini
