#pragma once

// Inbound chat completion requests on llm routes: validation with the
// OpenAI-shaped 400 message naming the bad field, the rewrites the executor
// applies per attempt (model, assistant prefill), the prompt size estimate
// used by conditions and context-window skipping, and the cache key.

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace understudy::openai {

struct ChatRequestInfo
{
    bool valid = false;
    // When invalid: the message for {"error":{"message",..,"param"}} with
    // type "invalid_request_error" and status 400.
    QString error;
    QString param; // the offending field, e.g. "messages[1].role"
    QString code;  // "missing_required_parameter", "invalid_type", "invalid_value" or "invalid_json"

    QString model;
    bool stream = false;
    bool includeUsage = false; // stream_options.include_usage
    int messageCount = 0;
    int n = 1;
};

ChatRequestInfo parseChatRequest(QByteArrayView body);

// The body with "model" replaced. Fails when the body is not a JSON object.
Result<QByteArray> rewriteModel(QByteArrayView body, const QString &model);

// The body with the already-streamed text as an assistant prefill, so the
// next target continues the answer (SPEC §4 `continue`): a trailing
// assistant message with text content is extended, otherwise
// {"role":"assistant","content":prefill} is appended.
Result<QByteArray> withAssistantPrefill(QByteArrayView body, const QString &prefill);

// A fast prompt size estimate in tokens, for conditions and context-window
// checks; -1 when the body is not a chat request. ASCII text counts 1 token
// per 4 characters, other characters 2 tokens per 3 (Cyrillic, Greek, CJK
// tokenize far denser than English), plus 4 per message and 3 for the
// reply's priming; an image part counts 85 tokens (OpenAI's low-detail
// price); tool definitions count by their JSON size. Against cl100k/o200k
// tokenizers this is within about ±20% for English prose, within about
// ±35% for code and JSON, and errs high for most other scripts; high is the
// safe side for a context-window check.
qint64 estimatePromptTokens(QByteArrayView body);

// SHA-256 hex of the route name and the request's canonical JSON: keys
// sorted at every level, integral floats written as integers, and without
// the members that do not change the answer (stream, stream_options, user,
// metadata, store). A stream and a non-stream request for the same prompt
// share an entry; the cache serves either form from one completion.
// A body that is not JSON is hashed as it is.
QString normalizedCacheKey(const QString &routeName, QByteArrayView body);

} // namespace understudy::openai
