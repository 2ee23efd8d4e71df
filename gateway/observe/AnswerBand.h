#pragma once

// The answer bands the Dashboard stacks, decided from a finished request's
// trail; MetricsRegistry counts them per second and per minute.

#include "fallback/AttemptTrail.h"

#include <QString>

#include <array>
#include <cstddef>
#include <cstdint>

namespace understudy {

// How a finished request was answered: six disjoint bands that add up to
// the requests (the Dashboard stacks them). Decided in this order:
//   Failed   final outcome other than ok (the "errors"), whatever came before;
//   Cached   answered by a cache step (RequestTrail::cached);
//   Static   answered by a static step's canned response (staticAnswer);
//   Fallback answered by a target after moving past at least one step
//            (fallbackDepth > 0; a cache miss counts as a step passed);
//   Retried  answered with fallbackDepth 0 by a target that was tried
//            before at the same step path (a retry of the attempt that
//            answered, not a skip); a hedge or another member of the
//            first step answering is not a retry;
//   Ok       the rest: answered by the first attempt of the first step.
enum class AnswerBand { Ok, Retried, Fallback, Cached, Static, Failed };
inline constexpr std::size_t kAnswerBandCount = 6;
using AnswerBands = std::array<std::uint64_t, kAnswerBandCount>; // indexed by AnswerBand
AnswerBand answerBand(const RequestTrail &trail);
QString answerBandName(AnswerBand band); // "ok", "retried", "fallback", "cached", "static", "failed"
// Per-minute rollups carry the bands in their `outcomes` map, next to the
// outcome classes, as "band:retried", "band:fallback", "band:cached" and
// "band:static": all four, zeros included, so a reader can tell rollups
// written before them apart. Ok and failed follow from requests and errors.
QString rollupBandKey(AnswerBand band);

} // namespace understudy
