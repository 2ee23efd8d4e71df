#pragma once

// Realistic, varied request trails for the live pages' screenshots and
// benchmark: chat/embeddings/models routes over OpenAI, Anthropic, Gemini
// and mock targets, with 5xx/429/timeout fallbacks, retries, cache hits,
// static answers and failures, deterministic for a given seed.

#include "fallback/AttemptTrail.h"

#include <random>

namespace understudy {

RequestTrail sampleTrail(std::mt19937 &random, qint64 startedAtMs, int serial);

} // namespace understudy
