#include "fallback/Clock.h"

#include <chrono>

namespace understudy {

qint64 SystemClock::nowMs() const
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

QDateTime SystemClock::wallNow() const
{
    return QDateTime::currentDateTimeUtc();
}

const SystemClock &SystemClock::instance()
{
    static const SystemClock clock;
    return clock;
}

ManualClock::ManualClock(qint64 startMs, QDateTime wallStart)
    : m_nowMs(startMs), m_wallAnchorSteadyMs(startMs), m_wallAnchor(std::move(wallStart))
{}

qint64 ManualClock::nowMs() const
{
    return m_nowMs.load(std::memory_order_acquire);
}

QDateTime ManualClock::wallNow() const
{
    return m_wallAnchor.addMSecs(nowMs() - m_wallAnchorSteadyMs);
}

void ManualClock::advance(qint64 ms)
{
    Q_ASSERT(ms >= 0);
    m_nowMs.fetch_add(ms, std::memory_order_acq_rel);
}

void ManualClock::setNowMs(qint64 ms)
{
    Q_ASSERT(ms >= nowMs());
    m_nowMs.store(ms, std::memory_order_release);
}

void ManualClock::setWall(const QDateTime &wall)
{
    m_wallAnchorSteadyMs = nowMs();
    m_wallAnchor = wall;
}

} // namespace understudy
