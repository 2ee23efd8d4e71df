#include "fallback/GroupBalancer.h"

#include "fallback/RandomSource.h"

#include <algorithm>
#include <numeric>

namespace understudy {

GroupBalancer::GroupBalancer(BalanceStrategy strategy, std::vector<int> weights, double alpha)
    : m_strategy(strategy)
    , m_weights(std::move(weights))
    , m_alpha(std::clamp(alpha, 0.01, 1.0))
    , m_members(std::make_unique<Member[]>(m_weights.size()))
{}

std::vector<int> GroupBalancer::order(RandomSource &random)
{
    switch (m_strategy) {
    case BalanceStrategy::Weighted:
        return weightedOrder(random);
    case BalanceStrategy::RoundRobin:
        return rotated();
    case BalanceStrategy::LeastInFlight: {
        std::vector<int> out = rotated();
        std::stable_sort(out.begin(), out.end(), [this](int a, int b) {
            return m_members[a].inFlight.load(std::memory_order_relaxed) <
                   m_members[b].inFlight.load(std::memory_order_relaxed);
        });
        return out;
    }
    case BalanceStrategy::LowestLatency: {
        std::vector<int> out = rotated();
        std::vector<double> latency(m_weights.size());
        for (int member : out)
            latency[std::size_t(member)] = m_members[member].latencyEwmaMs.load(std::memory_order_relaxed);
        // Unmeasured (-1) sorts first, then ascending EWMA.
        std::stable_sort(out.begin(), out.end(),
                         [&latency](int a, int b) { return latency[std::size_t(a)] < latency[std::size_t(b)]; });
        return out;
    }
    }
    return rotated();
}

std::vector<int> GroupBalancer::weightedOrder(RandomSource &random) const
{
    std::vector<int> remaining(m_weights.size());
    std::iota(remaining.begin(), remaining.end(), 0);
    std::vector<int> out;
    out.reserve(remaining.size());
    for (;;) {
        qint64 total = 0;
        for (int member : remaining)
            total += std::max(0, m_weights[std::size_t(member)]);
        if (total == 0)
            break;
        double pick = random.uniform() * double(total);
        auto chosen = remaining.end();
        for (auto it = remaining.begin(); it != remaining.end(); ++it) {
            const int weight = std::max(0, m_weights[std::size_t(*it)]);
            if (weight == 0)
                continue;
            chosen = it;
            if (pick < weight)
                break;
            pick -= weight;
        }
        out.push_back(*chosen);
        remaining.erase(chosen);
    }
    out.insert(out.end(), remaining.begin(), remaining.end()); // weight-0 spares, in declared order
    return out;
}

std::vector<int> GroupBalancer::rotated()
{
    const std::size_t count = m_weights.size();
    std::vector<int> out(count);
    if (count == 0)
        return out;
    const std::size_t start = std::size_t(m_counter.fetch_add(1, std::memory_order_relaxed) % count);
    for (std::size_t i = 0; i < count; ++i)
        out[i] = int((start + i) % count);
    return out;
}

void GroupBalancer::attemptStarted(int member)
{
    Q_ASSERT(member >= 0 && member < memberCount());
    m_members[member].inFlight.fetch_add(1, std::memory_order_relaxed);
    m_members[member].attempts.fetch_add(1, std::memory_order_relaxed);
}

void GroupBalancer::attemptFinished(int member, qint64 latencyMs, bool ok)
{
    Q_ASSERT(member >= 0 && member < memberCount());
    Member &m = m_members[member];
    m.inFlight.fetch_sub(1, std::memory_order_relaxed);
    if (!ok)
        m.failures.fetch_add(1, std::memory_order_relaxed);
    const double sample = double(ok ? std::max<qint64>(latencyMs, 0) : std::max(latencyMs, kFailurePenaltyMs));
    double current = m.latencyEwmaMs.load(std::memory_order_relaxed);
    double next = 0;
    do {
        next = current < 0 ? sample : m_alpha * sample + (1.0 - m_alpha) * current;
    } while (!m.latencyEwmaMs.compare_exchange_weak(current, next, std::memory_order_relaxed));
}

GroupBalancer::MemberStats GroupBalancer::stats(int member) const
{
    Q_ASSERT(member >= 0 && member < memberCount());
    const Member &m = m_members[member];
    return MemberStats{m.inFlight.load(), m.attempts.load(), m.failures.load(), m.latencyEwmaMs.load()};
}

} // namespace understudy
