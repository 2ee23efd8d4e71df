#pragma once

// Exponential backoff with full jitter (the AWS "full jitter" variant): the
// delay before retry n is uniform in (0, min(cap, base * 2^n)], and never
// below 1 ms so a retry loop can never spin.

#include <QtGlobal>

namespace understudy {

class RandomSource;
struct RetryPolicy;

class BackoffPolicy final
{
public:
    BackoffPolicy(qint64 baseMs, qint64 capMs);
    explicit BackoffPolicy(const RetryPolicy &policy);

    // The upper bound for retry `retry` (0 = the first retry): min(cap, base * 2^retry), at least 1.
    qint64 ceilingMs(int retry) const;
    // A jittered delay in [1, ceilingMs(retry)].
    qint64 delayMs(int retry, RandomSource &random) const;

    static constexpr qint64 kMinimumDelayMs = 1;

private:
    qint64 m_baseMs;
    qint64 m_capMs;
};

} // namespace understudy
