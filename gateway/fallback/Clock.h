#pragma once

// Time is injected into everything in fallback/ (breakers, backoff,
// deadlines, time-window conditions) so tests advance a ManualClock instead
// of sleeping. Two readings: a steady millisecond counter for durations, and
// the wall clock for calendar rules (time windows, HTTP-date Retry-After).

#include <QDateTime>
#include <QtGlobal>

#include <atomic>

namespace understudy {

class Clock
{
public:
    virtual ~Clock() = default;
    // Monotonic milliseconds from an arbitrary origin; never goes back.
    virtual qint64 nowMs() const = 0;
    // Calendar time, for rules a user states in wall-clock terms.
    virtual QDateTime wallNow() const = 0;
};

// The real clocks. Stateless, so one shared instance serves every thread.
class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override;
    QDateTime wallNow() const override;

    static const SystemClock &instance();
};

// A clock that only moves when a test says so. nowMs() may be read from
// several threads (atomic); advance()/setWall() are meant for the test
// thread. The wall clock moves together with the steady one.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 1'000'000,
                         QDateTime wallStart = QDateTime(QDate(2024, 1, 1), QTime(12, 0), Qt::UTC));

    qint64 nowMs() const override;
    QDateTime wallNow() const override;

    void advance(qint64 ms);
    void setNowMs(qint64 ms);
    // Sets the wall clock reading for the current steady time.
    void setWall(const QDateTime &wall);

private:
    std::atomic<qint64> m_nowMs;
    qint64 m_wallAnchorSteadyMs;
    QDateTime m_wallAnchor;
};

} // namespace understudy
