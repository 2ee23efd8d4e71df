#include "fallback/DeadlineBudget.h"

#include "fallback/Clock.h"

#include <algorithm>
#include <limits>

namespace understudy {

namespace {

// Timeouts are ints; an unbounded budget must still fit into one.
constexpr qint64 kUnboundedMs = std::numeric_limits<int>::max();

int clipTo(int value, qint64 remaining)
{
    return static_cast<int>(std::min<qint64>(value, remaining));
}

} // namespace

DeadlineBudget::DeadlineBudget(const Clock &clock, qint64 deadlineMs) : DeadlineBudget(clock, clock.nowMs(), deadlineMs)
{}

DeadlineBudget::DeadlineBudget(const Clock &clock, qint64 startMs, qint64 deadlineMs)
    : m_clock(clock), m_startMs(startMs), m_deadlineMs(deadlineMs)
{}

qint64 DeadlineBudget::elapsedMs() const
{
    return std::max<qint64>(0, m_clock.nowMs() - m_startMs);
}

qint64 DeadlineBudget::remainingMs() const
{
    if (!bounded())
        return kUnboundedMs;
    return std::clamp<qint64>(m_deadlineMs - elapsedMs(), 0, kUnboundedMs);
}

Timeouts DeadlineBudget::clip(const Timeouts &timeouts) const
{
    const qint64 remaining = remainingMs();
    Timeouts clipped = timeouts;
    clipped.connectMs = clipTo(timeouts.connectMs, remaining);
    clipped.firstByteMs = clipTo(timeouts.firstByteMs, remaining);
    clipped.idleMs = clipTo(timeouts.idleMs, remaining);
    clipped.totalMs = timeouts.totalMs > 0 ? clipTo(timeouts.totalMs, remaining) : static_cast<int>(remaining);
    return clipped;
}

bool DeadlineBudget::canStartAttempt(qint64 minimumMs) const
{
    return remainingMs() >= std::max(minimumMs, kMinimumUsefulAttemptMs);
}

} // namespace understudy
