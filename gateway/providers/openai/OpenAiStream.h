#pragma once

// What each event of an OpenAI-compatible chat completion stream means for
// the fallback executor (SPEC §4): does it commit the response (content),
// end it (finish reason, [DONE]), carry usage, report an in-band error, or
// fail to parse. OpenAiStreamState folds the events of one attempt into
// the facts the executor needs when the upstream stream ends.
//
// Recorded shape (OpenAI API reference, "The chat completion chunk object"):
//   data: {"id":..,"object":"chat.completion.chunk","model":..,
//          "choices":[{"index":0,"delta":{"role":"assistant","content":""},
//                      "finish_reason":null}]}
//   data: {.."choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}
//   data: {.."choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}
//   data: {.."choices":[],"usage":{..}}     (only with stream_options.include_usage)
//   data: [DONE]
// Errors after the head arrive as data: {"error":{"message":..,"type":..}}.

#include "config/Outcome.h"
#include "providers/openai/OpenAiTypes.h"
#include "providers/openai/SseParser.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <set>
#include <vector>

namespace understudy::openai {

struct StreamChunk
{
    enum class Kind {
        Done,        // data: [DONE]
        Content,     // a delta with text, tool calls, a refusal or reasoning
        RoleOnly,    // a delta with only a role / empty content: NOT a commit point
        Finish,      // a finish_reason (hasContent says if it also carried content)
        Usage,       // choices empty or null, usage present
        InBandError, // {"error": {...}} (or an "event: error" SSE event)
        Malformed,   // not JSON, not an object, no usable "choices", oversized
        Other,       // a well-formed chunk with nothing to act on (Azure's
                     // prompt_filter_results-only first chunk, empty deltas)
    };

    Kind kind = Kind::Other;
    bool hasContent = false;
    bool hasFinish = false;
    bool hasUsage = false;
    bool hasToolCalls = false;
    QString text;         // content delta of choice 0 (what a prefill continuation resends)
    QString finishReason; // of choice 0, or of the first finished choice
    QString model;
    QString id;
    TokenUsage usage;
    ApiError error;          // for InBandError
    QString malformedReason; // for Malformed
    // Choice indices present in this chunk, and those that finished in it
    // (n > 1 requests stream several choices interleaved).
    std::vector<int> choiceIndices;
    std::vector<int> finishedIndices;
};

// Classifies one event's data (the SSE "data" field).
StreamChunk inspectStreamData(QByteArrayView data);
// Same, honouring the SSE envelope: oversized placeholders are Malformed,
// and an "event: error" event is an InBandError whatever its data says.
StreamChunk inspectStreamEvent(const SseEvent &event);

// The facts of one attempt's stream so far. Not thread-safe (one stream, one
// thread). Accumulated text is bounded; past the bound textOverflowed() is
// set and prefill continuation from this text is no longer possible.
class OpenAiStreamState final
{
public:
    enum class End { Complete, Truncated, InBandError };

    static constexpr qsizetype kDefaultMaxTextChars = 1 << 20;
    explicit OpenAiStreamState(qsizetype maxTextChars = kDefaultMaxTextChars);

    // Folds an event in and returns its classification.
    StreamChunk observe(const SseEvent &event);
    void observe(const StreamChunk &chunk);

    bool seenContent() const { return m_seenContent; }
    bool seenToolCalls() const { return m_seenToolCalls; }
    // The first finish reason seen (choice 0 first), or empty.
    const QString &finishReason() const { return m_finishReason; }
    // True once every choice that appeared has its finish reason: the answer
    // is whole even if [DONE] or the usage chunk never comes (SPEC §4).
    bool finished() const;
    bool doneSeen() const { return m_doneSeen; }
    // Distinct choice indices seen (more than one only for n > 1 requests).
    int choiceCount() const { return int(m_openChoices.size() + m_finishedChoices.size()); }
    const TokenUsage &usage() const { return m_usage; }
    int malformedCount() const { return m_malformedCount; }
    int eventCount() const { return m_eventCount; }
    const QString &text() const { return m_text; }
    bool textOverflowed() const { return m_textOverflowed; }
    const QString &model() const { return m_model; }
    const QString &id() const { return m_id; }
    const std::optional<ApiError> &error() const { return m_error; }

    // Verdict when the upstream stream has ended (or died): an in-band error
    // wins; otherwise complete iff finished(), with or without [DONE]. A
    // [DONE] without any finish reason is Truncated (SPEC §4: a stream that
    // ends without a finish reason is truncated).
    End endVerdict() const;
    // endVerdict() as the SPEC §3 outcome class (ok, truncated, in_band_error).
    OutcomeClass endOutcome() const;

private:
    const qsizetype m_maxTextChars;
    bool m_seenContent = false;
    bool m_seenToolCalls = false;
    bool m_doneSeen = false;
    bool m_textOverflowed = false;
    int m_malformedCount = 0;
    int m_eventCount = 0;
    QString m_finishReason;
    QString m_text;
    QString m_model;
    QString m_id;
    TokenUsage m_usage;
    std::optional<ApiError> m_error;
    std::set<int> m_openChoices;
    std::set<int> m_finishedChoices;
};

// A finished stream as the plain completion a non-stream client would have
// received (for the response cache, which serves it later as either form).
// nullopt when the stream cannot be represented faithfully from what the
// state keeps: not finished, an in-band error, overflowed text, tool calls
// (deltas are not reassembled) or several choices. The caller then simply
// does not cache the answer.
std::optional<QByteArray> completionFromStreamState(const OpenAiStreamState &state, const QString &model,
                                                    const QByteArray &id);

} // namespace understudy::openai
