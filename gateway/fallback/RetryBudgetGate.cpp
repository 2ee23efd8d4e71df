#include "fallback/RetryBudgetGate.h"

#include <algorithm>
#include <cmath>

namespace understudy {

RetryBudgetGate::RetryBudgetGate(const RetryBudget &settings)
{
    configure(settings);
}

void RetryBudgetGate::configure(const RetryBudget &settings)
{
    m_ratio.store(std::max(settings.ratio, 0.0), std::memory_order_relaxed);
    m_floor.store(std::max(settings.minRetriesInFlight, 0), std::memory_order_relaxed);
}

void RetryBudgetGate::requestStarted()
{
    m_requestsInFlight.fetch_add(1, std::memory_order_relaxed);
}

void RetryBudgetGate::requestFinished()
{
    [[maybe_unused]] const qint64 before = m_requestsInFlight.fetch_sub(1, std::memory_order_relaxed);
    Q_ASSERT(before > 0);
}

qint64 RetryBudgetGate::allowance() const
{
    const double ratio = m_ratio.load(std::memory_order_relaxed);
    const qint64 requests = std::max<qint64>(0, m_requestsInFlight.load(std::memory_order_relaxed));
    const auto share = static_cast<qint64>(std::floor(ratio * double(requests)));
    return std::max<qint64>(share, m_floor.load(std::memory_order_relaxed));
}

bool RetryBudgetGate::tryAcquireRetry()
{
    qint64 current = m_retriesInFlight.load(std::memory_order_relaxed);
    for (;;) {
        if (current >= allowance()) {
            m_exhausted.fetch_add(1, std::memory_order_relaxed);
            return false;
        }
        if (m_retriesInFlight.compare_exchange_weak(current, current + 1, std::memory_order_acq_rel,
                                                    std::memory_order_relaxed))
            return true;
    }
}

void RetryBudgetGate::releaseRetry()
{
    [[maybe_unused]] const qint64 before = m_retriesInFlight.fetch_sub(1, std::memory_order_acq_rel);
    Q_ASSERT(before > 0);
}

} // namespace understudy
