#include "fallback/BackoffPolicy.h"

#include "config/Config.h"
#include "fallback/RandomSource.h"

#include <algorithm>
#include <cmath>

namespace understudy {

BackoffPolicy::BackoffPolicy(qint64 baseMs, qint64 capMs)
    : m_baseMs(std::max(baseMs, kMinimumDelayMs)), m_capMs(std::max(capMs, kMinimumDelayMs))
{}

BackoffPolicy::BackoffPolicy(const RetryPolicy &policy) : BackoffPolicy(policy.backoffBaseMs, policy.backoffCapMs)
{}

qint64 BackoffPolicy::ceilingMs(int retry) const
{
    // Double step by step so a large retry count cannot overflow the shift.
    qint64 ceiling = m_baseMs;
    for (int i = 0; i < retry && ceiling < m_capMs; ++i)
        ceiling *= 2;
    return std::clamp(ceiling, kMinimumDelayMs, m_capMs);
}

qint64 BackoffPolicy::delayMs(int retry, RandomSource &random) const
{
    const qint64 ceiling = ceilingMs(std::max(retry, 0));
    const auto delay = static_cast<qint64>(std::ceil(random.uniform() * double(ceiling)));
    return std::clamp(delay, kMinimumDelayMs, ceiling);
}

} // namespace understudy
