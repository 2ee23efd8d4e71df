#pragma once

// Validation of a non-stream chat completion from an upstream on an llm
// route: the executor commits a non-stream answer only when it is complete
// and well-formed (SPEC §4), otherwise the attempt fails over.

#include "config/Outcome.h"
#include "providers/openai/OpenAiTypes.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace understudy::openai {

struct CompletionInfo
{
    enum class Problem {
        None,
        Empty,          // no body at all: the answer was cut
        CutJson,        // JSON that stops before its end: the answer was cut
        NotJson,        // does not parse as JSON at all
        NotObject,      // parses, but is not a JSON object
        InBandError,    // {"error": {...}} with a success status
        NoChoices,      // "choices" missing, not an array, or empty
        NoMessage,      // choices[0] is not an object with a "message" object
        NoFinishReason, // choices[0].finish_reason missing or null: unfinished
    };

    bool valid = false; // Problem::None; a "length" finish reason is valid
    Problem problem = Problem::None;
    QString malformedReason; // for people (attempt trail), empty when valid
    std::optional<ApiError> error;
    QString id;
    QString model;
    QString finishReason;
    TokenUsage usage;
    QString text; // choices[0].message.content when it is a string
    bool hasToolCalls = false;
};

CompletionInfo inspectCompletion(QByteArrayView body);

// The SPEC §3 class of an inspected completion: ok, in_band_error,
// truncated (empty body, no finish reason) or malformed_response.
OutcomeClass outcomeOf(const CompletionInfo &info);

} // namespace understudy::openai
