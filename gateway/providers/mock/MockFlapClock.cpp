#include "providers/mock/MockFlapClock.h"

#include "fallback/Clock.h"

#include <QMutexLocker>

namespace understudy {

MockFlapClock::MockFlapClock(const Clock &clock) : m_clock(clock)
{}

MockFlapClock &MockFlapClock::shared()
{
    static MockFlapClock instance(SystemClock::instance());
    return instance;
}

qint64 MockFlapClock::elapsedMs(const QString &provider)
{
    const qint64 now = m_clock.nowMs();
    QMutexLocker lock(&m_mutex);
    const auto it = m_startMs.constFind(provider);
    if (it == m_startMs.constEnd()) {
        m_startMs.insert(provider, now);
        return 0;
    }
    return qMax<qint64>(0, now - it.value());
}

bool MockFlapClock::isDown(const QString &provider, int downMs, int upMs)
{
    // Asking starts the cycle even for degenerate settings, so a later
    // change to real down/up periods continues from the same origin.
    const qint64 elapsed = elapsedMs(provider);
    if (downMs <= 0)
        return false;
    if (upMs <= 0)
        return true;
    const qint64 period = qint64(downMs) + upMs;
    return elapsed % period < downMs;
}

void MockFlapClock::restart(const QString &provider)
{
    QMutexLocker lock(&m_mutex);
    m_startMs.remove(provider);
}

} // namespace understudy
