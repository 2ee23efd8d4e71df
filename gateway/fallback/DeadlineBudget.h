#pragma once

// The chain's total deadline (SPEC §3 "Deadline"): every attempt's timeouts
// are clipped to what remains, and no attempt or retry starts when less than
// a useful minimum is left. A request therefore never outlives its deadline.

#include "config/Config.h"

#include <QtGlobal>

namespace understudy {

class Clock;

class DeadlineBudget final
{
public:
    // Below this an attempt cannot do anything useful (a TCP connect and a
    // response head on loopback already take a few ms; across the internet
    // far more). Callers may ask for more, e.g. the step's connect timeout.
    static constexpr qint64 kMinimumUsefulAttemptMs = 50;

    // The budget starts now. deadlineMs <= 0 means no deadline.
    DeadlineBudget(const Clock &clock, qint64 deadlineMs);
    DeadlineBudget(const Clock &clock, qint64 startMs, qint64 deadlineMs);

    qint64 startMs() const { return m_startMs; }
    qint64 elapsedMs() const;
    // Milliseconds left, never negative; a large value when unbounded.
    qint64 remainingMs() const;
    bool expired() const { return remainingMs() <= 0; }
    bool bounded() const { return m_deadlineMs > 0; }

    // Per-attempt timeouts clipped to what remains. A per-attempt total of 0
    // ("bounded by the chain only") becomes the remaining budget.
    Timeouts clip(const Timeouts &timeouts) const;

    // True when at least max(minimumMs, kMinimumUsefulAttemptMs) remains.
    bool canStartAttempt(qint64 minimumMs = kMinimumUsefulAttemptMs) const;

private:
    const Clock &m_clock;
    qint64 m_startMs;
    qint64 m_deadlineMs;
};

} // namespace understudy
