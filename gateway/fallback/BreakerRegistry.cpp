#include "fallback/BreakerRegistry.h"

#include <algorithm>

namespace understudy {

QString breakerTargetKey(const QString &provider, const QString &model)
{
    return provider % u'/' % model;
}

BreakerRegistry::BreakerRegistry(const Clock &clock, RandomSource &random, BreakerListener listener)
    : m_clock(clock), m_random(random), m_listener(std::move(listener))
{}

std::shared_ptr<CircuitBreaker> BreakerRegistry::breaker(const QString &target, const BreakerPolicy &policy)
{
    std::shared_ptr<CircuitBreaker> existing;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_entries.find(target);
        if (it == m_entries.end()) {
            auto created = std::make_shared<CircuitBreaker>(target, policy, m_clock, m_random, m_listener);
            m_entries.insert(target, Entry{created, policy});
            return created;
        }
        if (it->policy == policy)
            return it->breaker;
        it->policy = policy;
        existing = it->breaker;
    }
    // Outside the map lock: setPolicy takes the breaker's own lock.
    existing->setPolicy(policy);
    return existing;
}

std::shared_ptr<CircuitBreaker> BreakerRegistry::find(const QString &target) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_entries.constFind(target);
    return it == m_entries.constEnd() ? nullptr : it->breaker;
}

bool BreakerRegistry::forceOpen(const QString &target)
{
    const auto found = find(target);
    if (found)
        found->forceOpen();
    return bool(found);
}

bool BreakerRegistry::forceClosed(const QString &target)
{
    const auto found = find(target);
    if (found)
        found->forceClosed();
    return bool(found);
}

bool BreakerRegistry::reset(const QString &target)
{
    const auto found = find(target);
    if (found)
        found->reset();
    return bool(found);
}

std::vector<std::shared_ptr<CircuitBreaker>> BreakerRegistry::all() const
{
    std::vector<std::shared_ptr<CircuitBreaker>> breakers;
    std::lock_guard lock(m_mutex);
    breakers.reserve(std::size_t(m_entries.size()));
    for (const auto &entry : m_entries)
        breakers.push_back(entry.breaker);
    return breakers;
}

void BreakerRegistry::advanceAll()
{
    // Outside the registry's lock: the transitions call the listener.
    for (const auto &breaker : all())
        breaker->advance();
}

std::vector<BreakerSnapshot> BreakerRegistry::snapshot() const
{
    const std::vector<std::shared_ptr<CircuitBreaker>> breakers = all();
    std::vector<BreakerSnapshot> snapshots;
    snapshots.reserve(breakers.size());
    for (const auto &breaker : breakers)
        snapshots.push_back(breaker->snapshot());
    std::sort(snapshots.begin(), snapshots.end(),
              [](const BreakerSnapshot &a, const BreakerSnapshot &b) { return a.target < b.target; });
    return snapshots;
}

} // namespace understudy
