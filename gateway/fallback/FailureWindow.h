#pragma once

// The rolling window behind a breaker's failure ratio: a ring of time
// buckets (1 s for the default 30 s window), so recording and reading are
// O(buckets) with no allocation, and old traffic ages out bucket by bucket.
// Not thread-safe: the owning CircuitBreaker holds its lock around it.

#include <QtGlobal>

#include <vector>

namespace understudy {

class FailureWindow final
{
public:
    struct Totals
    {
        qint64 requests = 0;
        qint64 failures = 0;
    };

    explicit FailureWindow(qint64 windowMs);

    void record(qint64 nowMs, bool failure);
    Totals totals(qint64 nowMs) const;
    void clear();

    qint64 bucketMs() const { return m_bucketMs; }

private:
    struct Bucket
    {
        qint64 epoch = -1; // which bucketMs-long slice of time the counts belong to
        qint64 requests = 0;
        qint64 failures = 0;
    };

    qint64 m_bucketMs;
    std::vector<Bucket> m_buckets;
};

} // namespace understudy
