#pragma once

// Where each flapping mock provider is in its down/up cycle. The cycle is
// measured from the first time a provider is asked about, so every worker
// thread sees the same outage for the same provider (a flapping upstream is
// down for everyone at once, not per connection).
//
// Locking: one mutex guards the start-time map; lookups are short and rare
// (once per attempt), so contention does not matter.

#include <QHash>
#include <QMutex>
#include <QString>

namespace understudy {

class Clock;

class MockFlapClock final
{
public:
    explicit MockFlapClock(const Clock &clock);
    Q_DISABLE_COPY_MOVE(MockFlapClock)

    // The process-wide registry on the system clock, used by the executor.
    static MockFlapClock &shared();

    const Clock &clock() const { return m_clock; }

    // Milliseconds since `provider` was first asked about (0 the first time).
    qint64 elapsedMs(const QString &provider);
    // True while `provider` is in the down part of its cycle: down for
    // downMs, then up for upMs, repeating. A cycle without a down part is
    // always up; one without an up part is always down.
    bool isDown(const QString &provider, int downMs, int upMs);
    // Restarts a provider's cycle (for example when its settings change).
    void restart(const QString &provider);

private:
    const Clock &m_clock;
    QMutex m_mutex;
    QHash<QString, qint64> m_startMs;
};

} // namespace understudy
