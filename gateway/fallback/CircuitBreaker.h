#pragma once

// One circuit breaker per target (provider + model), SPEC §3:
//
//   closed --(N consecutive failures | failure ratio over the window with
//             minimum volume)--> open
//   open --(open time elapsed)--> half-open
//   half-open: K probes go through, everything else is refused (the caller
//              records skipped_circuit_open and moves down the chain)
//   half-open --(a probe succeeds)--> closed (+ optional recovery ramp)
//   half-open --(a probe fails)--> open, for longer
//
// Open time = openBase x 2^(openings-1), capped at openMax, jittered by
// +-20% (never above openMax), and at least any Retry-After the upstream
// sent. The openings count resets once the breaker has stayed closed for
// openMax. Operators may force it open or closed, or reset it.
//
// Locking: each breaker has its own std::mutex around all its state; every
// public call takes it once and does O(window buckets) work. Transition
// events are collected under the lock and delivered to the listener after
// it is released, so a listener may call back into the breaker.

#include "config/Config.h"
#include "config/Outcome.h"

#include <QDateTime>
#include <QString>

#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "fallback/FailureWindow.h"

namespace understudy {

class Clock;
class RandomSource;

enum class BreakerState { Closed, Open, HalfOpen };
enum class BreakerOverride { None, ForcedOpen, ForcedClosed };

QString breakerStateName(BreakerState state);
QString breakerOverrideName(BreakerOverride mode);

struct BreakerTransition
{
    QString target;
    BreakerState from = BreakerState::Closed;
    BreakerState to = BreakerState::Closed;
    // consecutive_failures, failure_ratio, open_elapsed, probe_succeeded,
    // probe_failed, forced_open, forced_closed, reset
    QString reason;
    qint64 atMs = 0;
    QDateTime at;
};
using BreakerListener = std::function<void(const BreakerTransition &)>;

struct BreakerSnapshot
{
    QString target;
    BreakerState state = BreakerState::Closed;
    BreakerOverride mode = BreakerOverride::None;
    int openings = 0;
    int consecutiveFailures = 0;
    qint64 windowRequests = 0;
    qint64 windowFailures = 0;
    int probesInFlight = 0;
    qint64 msUntilClose = 0; // 0 when traffic may pass now; -1 when forced open
    double admitShare = 1.0; // < 1 during a recovery ramp
};

// What admit() decided. Hand it back to record() or cancel().
struct BreakerAdmission
{
    enum class Verdict { Allowed, RefusedOpen, RefusedHalfOpen, RefusedRamp };
    Verdict verdict = Verdict::Allowed;
    bool probe = false;
    bool allowed() const { return verdict == Verdict::Allowed; }
};

class CircuitBreaker final
{
public:
    CircuitBreaker(QString target, BreakerPolicy policy, const Clock &clock, RandomSource &random,
                   BreakerListener listener = {});
    Q_DISABLE_COPY_MOVE(CircuitBreaker)

    // Whether a failure of this class counts against the target. Client
    // errors, context length and policy refusals say nothing about its health.
    static bool countsAsFailure(OutcomeClass outcome);

    const QString &target() const { return m_target; }
    void setPolicy(const BreakerPolicy &policy);

    // Asks to send one attempt now.
    BreakerAdmission admit();
    // The "everything open" rule: one attempt anyway, as a probe, unless an
    // operator forced the breaker open.
    BreakerAdmission admitAnyway();
    // The attempt's outcome. retryAfterMs (from a 429/503) keeps an opened
    // breaker open at least that long.
    void record(const BreakerAdmission &admission, OutcomeClass outcome,
                std::optional<qint64> retryAfterMs = std::nullopt);
    // The admitted attempt never ran (deadline, hedge loser, client gone).
    void cancel(const BreakerAdmission &admission);

    void forceOpen();
    void forceClosed();
    void reset();
    // Moves an open breaker whose open time has passed to half-open now,
    // with its transition, instead of at the next admit(): with no traffic
    // the event log, the gauges and snapshot() still agree.
    void advance();

    BreakerState state() const;
    // 0 when traffic may pass now; otherwise ms until half-open; -1 when
    // forced open (never, until an operator acts).
    qint64 msUntilClose() const;
    BreakerSnapshot snapshot() const;

private:
    using Events = std::vector<BreakerTransition>;

    void advanceLocked(qint64 now, Events &events);
    void transitionLocked(BreakerState to, const QString &reason, qint64 now, Events &events);
    void openLocked(const QString &reason, qint64 now, std::optional<qint64> retryAfterMs, Events &events);
    void closeLocked(const QString &reason, qint64 now, bool ramp, Events &events);
    double admitShareLocked(qint64 now) const;
    qint64 msUntilCloseLocked(qint64 now) const;
    void emitAll(const Events &events) const;

    const QString m_target;
    const Clock &m_clock;
    RandomSource &m_random;
    const BreakerListener m_listener;

    mutable std::mutex m_mutex;
    BreakerPolicy m_policy;
    FailureWindow m_window;
    BreakerState m_state = BreakerState::Closed;
    BreakerOverride m_override = BreakerOverride::None;
    int m_consecutiveFailures = 0;
    int m_openings = 0;
    qint64 m_openUntilMs = 0;
    qint64 m_closedSinceMs = 0;
    qint64 m_rampStartMs = -1;
    int m_probesInFlight = 0;
};

} // namespace understudy
