#include "fallback/FailureWindow.h"

#include <algorithm>

namespace understudy {

FailureWindow::FailureWindow(qint64 windowMs)
{
    const qint64 window = std::max<qint64>(windowMs, 1);
    // About 30 buckets, each between 10 ms and 1 s.
    m_bucketMs = std::clamp<qint64>(window / 30, 10, 1000);
    const qint64 count = std::max<qint64>(1, (window + m_bucketMs - 1) / m_bucketMs);
    m_buckets.resize(static_cast<std::size_t>(count));
}

void FailureWindow::record(qint64 nowMs, bool failure)
{
    const qint64 epoch = nowMs / m_bucketMs;
    Bucket &bucket = m_buckets[static_cast<std::size_t>(epoch % qint64(m_buckets.size()))];
    if (bucket.epoch != epoch)
        bucket = Bucket{epoch, 0, 0};
    ++bucket.requests;
    if (failure)
        ++bucket.failures;
}

FailureWindow::Totals FailureWindow::totals(qint64 nowMs) const
{
    const qint64 current = nowMs / m_bucketMs;
    const qint64 oldest = current - qint64(m_buckets.size()) + 1;
    Totals totals;
    for (const Bucket &bucket : m_buckets) {
        if (bucket.epoch >= oldest && bucket.epoch <= current) {
            totals.requests += bucket.requests;
            totals.failures += bucket.failures;
        }
    }
    return totals;
}

void FailureWindow::clear()
{
    std::fill(m_buckets.begin(), m_buckets.end(), Bucket{});
}

} // namespace understudy
