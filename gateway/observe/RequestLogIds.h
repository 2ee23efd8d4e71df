#pragma once

// Row ids of the request log (schema 4) sort by start time:
//   id = started_at_ms << kRequestRowSequenceBits | sequence
// so the requests table's rowid order is time order. The writer picks the
// sequence (and another one if two requests started in the same
// millisecond collide); readers turn time bounds into id bounds.

#include <QtGlobal>

#include <algorithm>

namespace understudy {

inline constexpr int kRequestRowSequenceBits = 20;
inline constexpr qint64 kRequestRowSequenceMask = (qint64(1) << kRequestRowSequenceBits) - 1;

// The smallest id of a request started at `startedAtMs` (times before the
// epoch count as the epoch).
inline qint64 requestRowIdFloor(qint64 startedAtMs)
{
    return std::max<qint64>(startedAtMs, 0) << kRequestRowSequenceBits;
}

inline qint64 requestRowId(qint64 startedAtMs, quint64 sequence)
{
    return requestRowIdFloor(startedAtMs) | qint64(sequence & quint64(kRequestRowSequenceMask));
}

} // namespace understudy
