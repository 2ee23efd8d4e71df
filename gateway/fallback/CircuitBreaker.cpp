#include "fallback/CircuitBreaker.h"

#include "fallback/Clock.h"
#include "fallback/RandomSource.h"

#include <algorithm>

namespace understudy {

namespace {

constexpr double kJitter = 0.2;         // open time varies by +-20%
constexpr double kRampStartShare = 0.1; // share of traffic admitted when a ramp begins

} // namespace

QString breakerStateName(BreakerState state)
{
    switch (state) {
    case BreakerState::Closed:
        return QStringLiteral("closed");
    case BreakerState::Open:
        return QStringLiteral("open");
    case BreakerState::HalfOpen:
        return QStringLiteral("half_open");
    }
    return {};
}

QString breakerOverrideName(BreakerOverride mode)
{
    switch (mode) {
    case BreakerOverride::None:
        return QStringLiteral("none");
    case BreakerOverride::ForcedOpen:
        return QStringLiteral("forced_open");
    case BreakerOverride::ForcedClosed:
        return QStringLiteral("forced_closed");
    }
    return {};
}

CircuitBreaker::CircuitBreaker(QString target, BreakerPolicy policy, const Clock &clock, RandomSource &random,
                               BreakerListener listener)
    : m_target(std::move(target))
    , m_clock(clock)
    , m_random(random)
    , m_listener(std::move(listener))
    , m_policy(policy)
    , m_window(policy.windowMs)
    , m_closedSinceMs(clock.nowMs())
{}

bool CircuitBreaker::countsAsFailure(OutcomeClass outcome)
{
    switch (outcome) {
    case OutcomeClass::ConnectError:
    case OutcomeClass::ConnectTimeout:
    case OutcomeClass::ResetBeforeResponse:
    case OutcomeClass::FirstByteTimeout:
    case OutcomeClass::IdleTimeout:
    case OutcomeClass::Status429:
    case OutcomeClass::Status5xx:
    case OutcomeClass::AuthError:
    case OutcomeClass::MalformedResponse:
    case OutcomeClass::InBandError:
    case OutcomeClass::Truncated:
        return true;
    case OutcomeClass::Ok:
    case OutcomeClass::Status4xx:
    case OutcomeClass::ContextLengthExceeded:
    case OutcomeClass::ContentPolicy:
    case OutcomeClass::SkippedCircuitOpen:
    case OutcomeClass::SkippedCondition:
    case OutcomeClass::DeadlineExceeded:
        return false;
    }
    return false;
}

void CircuitBreaker::setPolicy(const BreakerPolicy &policy)
{
    std::lock_guard lock(m_mutex);
    if (policy.windowMs != m_policy.windowMs)
        m_window = FailureWindow(policy.windowMs);
    m_policy = policy;
}

BreakerAdmission CircuitBreaker::admit()
{
    using Verdict = BreakerAdmission::Verdict;
    Events events;
    BreakerAdmission admission;
    {
        std::lock_guard lock(m_mutex);
        const qint64 now = m_clock.nowMs();
        advanceLocked(now, events);
        if (m_override == BreakerOverride::ForcedOpen) {
            admission.verdict = Verdict::RefusedOpen;
        } else if (m_override == BreakerOverride::ForcedClosed || !m_policy.enabled) {
            admission.verdict = Verdict::Allowed;
        } else if (m_state == BreakerState::Open) {
            admission.verdict = Verdict::RefusedOpen;
        } else if (m_state == BreakerState::HalfOpen) {
            if (m_probesInFlight < std::max(1, m_policy.halfOpenProbes)) {
                ++m_probesInFlight;
                admission.probe = true;
            } else {
                admission.verdict = Verdict::RefusedHalfOpen;
            }
        } else {
            const double share = admitShareLocked(now);
            if (share < 1.0 && m_random.uniform() >= share)
                admission.verdict = Verdict::RefusedRamp;
        }
    }
    emitAll(events);
    return admission;
}

BreakerAdmission CircuitBreaker::admitAnyway()
{
    Events events;
    BreakerAdmission admission;
    {
        std::lock_guard lock(m_mutex);
        advanceLocked(m_clock.nowMs(), events);
        if (m_override == BreakerOverride::ForcedOpen) {
            admission.verdict = BreakerAdmission::Verdict::RefusedOpen;
        } else if (m_override == BreakerOverride::None && m_policy.enabled && m_state != BreakerState::Closed) {
            ++m_probesInFlight;
            admission.probe = true;
        }
    }
    emitAll(events);
    return admission;
}

void CircuitBreaker::record(const BreakerAdmission &admission, OutcomeClass outcome, std::optional<qint64> retryAfterMs)
{
    if (!admission.allowed())
        return;
    Events events;
    {
        std::lock_guard lock(m_mutex);
        const qint64 now = m_clock.nowMs();
        if (admission.probe)
            m_probesInFlight = std::max(0, m_probesInFlight - 1);
        const bool failure = countsAsFailure(outcome);
        const bool success = outcome == OutcomeClass::Ok;
        if (!failure && !success) {
            // Neutral: the target answered, but nothing about its health.
        } else if (m_override != BreakerOverride::None || !m_policy.enabled) {
            // Forced or disabled: keep the numbers for the console, never trip.
            m_window.record(now, failure);
            m_consecutiveFailures = failure ? m_consecutiveFailures + 1 : 0;
        } else {
            advanceLocked(now, events);
            if (admission.probe && m_state != BreakerState::Closed) {
                if (success)
                    closeLocked(QStringLiteral("probe_succeeded"), now, true, events);
                else
                    openLocked(QStringLiteral("probe_failed"), now, retryAfterMs, events);
            } else if (m_state == BreakerState::Closed) {
                m_window.record(now, failure);
                if (success) {
                    m_consecutiveFailures = 0;
                } else {
                    ++m_consecutiveFailures;
                    const auto totals = m_window.totals(now);
                    if (m_policy.consecutiveFailures > 0 && m_consecutiveFailures >= m_policy.consecutiveFailures) {
                        openLocked(QStringLiteral("consecutive_failures"), now, retryAfterMs, events);
                    } else if (m_policy.failureRatio > 0 && totals.requests >= std::max(1, m_policy.minimumVolume) &&
                               double(totals.failures) >= m_policy.failureRatio * double(totals.requests)) {
                        openLocked(QStringLiteral("failure_ratio"), now, retryAfterMs, events);
                    }
                }
            } else if (m_state == BreakerState::Open && failure && retryAfterMs) {
                // A late answer from before the opening still tells us how long to stay away.
                m_openUntilMs = std::max(m_openUntilMs, now + *retryAfterMs);
            }
        }
    }
    emitAll(events);
}

void CircuitBreaker::cancel(const BreakerAdmission &admission)
{
    if (!admission.allowed() || !admission.probe)
        return;
    std::lock_guard lock(m_mutex);
    m_probesInFlight = std::max(0, m_probesInFlight - 1);
}

void CircuitBreaker::forceOpen()
{
    Events events;
    {
        std::lock_guard lock(m_mutex);
        m_override = BreakerOverride::ForcedOpen;
        transitionLocked(BreakerState::Open, QStringLiteral("forced_open"), m_clock.nowMs(), events);
    }
    emitAll(events);
}

void CircuitBreaker::forceClosed()
{
    Events events;
    {
        std::lock_guard lock(m_mutex);
        m_override = BreakerOverride::ForcedClosed;
        const qint64 now = m_clock.nowMs();
        m_rampStartMs = -1;
        m_probesInFlight = 0;
        m_closedSinceMs = now;
        transitionLocked(BreakerState::Closed, QStringLiteral("forced_closed"), now, events);
    }
    emitAll(events);
}

void CircuitBreaker::reset()
{
    Events events;
    {
        std::lock_guard lock(m_mutex);
        m_override = BreakerOverride::None;
        m_openings = 0;
        closeLocked(QStringLiteral("reset"), m_clock.nowMs(), false, events);
    }
    emitAll(events);
}

void CircuitBreaker::advance()
{
    Events events;
    {
        std::lock_guard lock(m_mutex);
        advanceLocked(m_clock.nowMs(), events);
    }
    emitAll(events);
}

BreakerState CircuitBreaker::state() const
{
    std::lock_guard lock(m_mutex);
    // Reading must not mutate: an elapsed open period reads as half-open.
    if (m_state == BreakerState::Open && m_override == BreakerOverride::None && m_clock.nowMs() >= m_openUntilMs)
        return BreakerState::HalfOpen;
    return m_state;
}

qint64 CircuitBreaker::msUntilClose() const
{
    std::lock_guard lock(m_mutex);
    return msUntilCloseLocked(m_clock.nowMs());
}

BreakerSnapshot CircuitBreaker::snapshot() const
{
    std::lock_guard lock(m_mutex);
    const qint64 now = m_clock.nowMs();
    BreakerSnapshot snapshot;
    snapshot.target = m_target;
    snapshot.state = m_state;
    if (m_state == BreakerState::Open && m_override == BreakerOverride::None && now >= m_openUntilMs)
        snapshot.state = BreakerState::HalfOpen;
    snapshot.mode = m_override;
    snapshot.openings = m_openings;
    snapshot.consecutiveFailures = m_consecutiveFailures;
    const auto totals = m_window.totals(now);
    snapshot.windowRequests = totals.requests;
    snapshot.windowFailures = totals.failures;
    snapshot.probesInFlight = m_probesInFlight;
    snapshot.msUntilClose = msUntilCloseLocked(now);
    snapshot.admitShare = m_state == BreakerState::Closed ? admitShareLocked(now) : 0.0;
    return snapshot;
}

void CircuitBreaker::advanceLocked(qint64 now, Events &events)
{
    if (m_state == BreakerState::Open && m_override == BreakerOverride::None && now >= m_openUntilMs) {
        m_probesInFlight = 0;
        transitionLocked(BreakerState::HalfOpen, QStringLiteral("open_elapsed"), now, events);
    }
}

void CircuitBreaker::transitionLocked(BreakerState to, const QString &reason, qint64 now, Events &events)
{
    BreakerTransition event;
    event.target = m_target;
    event.from = m_state;
    event.to = to;
    event.reason = reason;
    event.atMs = now;
    event.at = m_clock.wallNow();
    m_state = to;
    events.push_back(std::move(event));
}

void CircuitBreaker::openLocked(const QString &reason, qint64 now, std::optional<qint64> retryAfterMs, Events &events)
{
    // Growth is for a target that keeps failing; one that stayed healthy for
    // a full openMax period starts again from the base duration.
    if (m_state == BreakerState::Closed && now - m_closedSinceMs >= m_policy.openMaxMs)
        m_openings = 0;
    ++m_openings;
    const qint64 maxMs = std::max<qint64>(1, m_policy.openMaxMs);
    qint64 duration = std::max<qint64>(1, m_policy.openBaseMs);
    for (int i = 1; i < m_openings && duration < maxMs; ++i)
        duration *= 2;
    duration = std::min(duration, maxMs);
    const double factor = 1.0 - kJitter + 2.0 * kJitter * m_random.uniform();
    duration = std::clamp<qint64>(static_cast<qint64>(double(duration) * factor), 1, maxMs);
    m_openUntilMs = now + duration;
    if (retryAfterMs)
        m_openUntilMs = std::max(m_openUntilMs, now + *retryAfterMs);
    m_consecutiveFailures = 0;
    m_probesInFlight = 0;
    m_rampStartMs = -1;
    if (m_state != BreakerState::Open)
        transitionLocked(BreakerState::Open, reason, now, events);
}

void CircuitBreaker::closeLocked(const QString &reason, qint64 now, bool ramp, Events &events)
{
    m_consecutiveFailures = 0;
    m_probesInFlight = 0;
    m_window.clear();
    m_closedSinceMs = now;
    m_rampStartMs = (ramp && m_policy.recoveryRampMs > 0) ? now : -1;
    transitionLocked(BreakerState::Closed, reason, now, events);
}

double CircuitBreaker::admitShareLocked(qint64 now) const
{
    if (m_rampStartMs < 0 || m_policy.recoveryRampMs <= 0 || m_override != BreakerOverride::None)
        return 1.0;
    const qint64 elapsed = now - m_rampStartMs;
    if (elapsed >= m_policy.recoveryRampMs)
        return 1.0;
    return kRampStartShare + (1.0 - kRampStartShare) * double(elapsed) / double(m_policy.recoveryRampMs);
}

qint64 CircuitBreaker::msUntilCloseLocked(qint64 now) const
{
    if (m_override == BreakerOverride::ForcedOpen)
        return -1;
    if (m_override == BreakerOverride::ForcedClosed || m_state != BreakerState::Open)
        return 0;
    return std::max<qint64>(0, m_openUntilMs - now);
}

void CircuitBreaker::emitAll(const Events &events) const
{
    if (!m_listener)
        return;
    for (const auto &event : events)
        m_listener(event);
}

} // namespace understudy
