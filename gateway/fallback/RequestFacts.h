#pragma once

// What a step's conditions may look at (SPEC §2 "context-aware fallback"),
// gathered once per request by the executor.

#include "fallback/RetryAfter.h"

#include <QString>

namespace understudy {

struct RequestFacts
{
    HeaderList headers;
    QString consumer; // who is calling (API key owner or a consumer header)
    QString tier;
    QString method;
    bool stream = false;
    bool includeUsage = false; // stream_options.include_usage (llm routes)
    QString requestedModel;
    qint64 estimatedPromptTokens = -1; // -1 = unknown (http routes)
};

} // namespace understudy
