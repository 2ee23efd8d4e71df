#pragma once

// Every target's circuit breaker, created lazily on first use with the
// policy of the step that uses it. The console and metrics read snapshot();
// the admin API forces and resets by target key.
//
// Locking: one std::mutex guards the map only (find or insert: a hash
// lookup), never a breaker's own state, which each breaker locks itself.
// Callers get a shared_ptr and keep it for the whole request, so a request
// pays one registry lookup per target. Breakers are never removed while the
// process runs (their state must survive config changes), so the map only
// grows with the set of targets ever configured.

#include "config/Config.h"
#include "fallback/CircuitBreaker.h"

#include <QHash>
#include <QString>

#include <memory>
#include <mutex>
#include <vector>

namespace understudy {

class Clock;
class RandomSource;

// "provider/model" (model may be empty for http providers).
QString breakerTargetKey(const QString &provider, const QString &model);

class BreakerRegistry final
{
public:
    BreakerRegistry(const Clock &clock, RandomSource &random, BreakerListener listener = {});
    Q_DISABLE_COPY_MOVE(BreakerRegistry)

    // The breaker of `target`, created with `policy` if new. A changed
    // policy (config applied) is taken over by the existing breaker, which
    // keeps its state. Steps sharing a target should share a policy.
    std::shared_ptr<CircuitBreaker> breaker(const QString &target, const BreakerPolicy &policy);
    std::shared_ptr<CircuitBreaker> find(const QString &target) const;

    // Operator actions; false when no breaker exists for the target.
    bool forceOpen(const QString &target);
    bool forceClosed(const QString &target);
    bool reset(const QString &target);

    // Every breaker's state, sorted by target.
    std::vector<BreakerSnapshot> snapshot() const;
    // CircuitBreaker::advance() on every breaker (the engine does it every
    // second).
    void advanceAll();

private:
    struct Entry
    {
        std::shared_ptr<CircuitBreaker> breaker;
        BreakerPolicy policy;
    };

    std::vector<std::shared_ptr<CircuitBreaker>> all() const;

    const Clock &m_clock;
    RandomSource &m_random;
    const BreakerListener m_listener;
    mutable std::mutex m_mutex;
    QHash<QString, Entry> m_entries;
};

} // namespace understudy
