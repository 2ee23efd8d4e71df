#pragma once

// Member order for one group step (SPEC §2 "group"): the executor tries the
// members in the returned order, so a failing member fails over inside the
// group before the chain moves on.
//
//  - Weighted: a weighted random permutation (sampling without replacement);
//    weight-0 members come last, as spares.
//  - RoundRobin: rotates the start on every request (a per-group counter).
//  - LeastInFlight: fewest attempts in flight first; ties rotate.
//  - LowestLatency: members never measured first (so every member gets
//    measured), then by latency EWMA; a failure counts as a slow answer.
//
// Locking: none. Per-member stats are atomics updated by whichever worker
// ran the attempt; order() reads them without a lock, so it sees a
// consistent-enough view (each value on its own is exact). One instance per
// group step, shared by all workers.

#include "config/Config.h"

#include <QtGlobal>

#include <atomic>
#include <memory>
#include <vector>

namespace understudy {

class RandomSource;

class GroupBalancer final
{
public:
    static constexpr double kDefaultAlpha = 0.3;
    // A failed attempt feeds the EWMA at least this latency, so a member
    // that fails fast is not mistaken for a fast one.
    static constexpr qint64 kFailurePenaltyMs = 5000;

    struct MemberStats
    {
        qint64 inFlight = 0;
        qint64 attempts = 0;
        qint64 failures = 0;
        double latencyEwmaMs = -1; // -1 = not measured yet
    };

    GroupBalancer(BalanceStrategy strategy, std::vector<int> weights, double alpha = kDefaultAlpha);
    Q_DISABLE_COPY_MOVE(GroupBalancer)

    int memberCount() const { return int(m_weights.size()); }
    std::vector<int> order(RandomSource &random);

    void attemptStarted(int member);
    void attemptFinished(int member, qint64 latencyMs, bool ok);
    MemberStats stats(int member) const;

private:
    struct Member
    {
        std::atomic<qint64> inFlight{0};
        std::atomic<qint64> attempts{0};
        std::atomic<qint64> failures{0};
        std::atomic<double> latencyEwmaMs{-1.0};
    };

    std::vector<int> weightedOrder(RandomSource &random) const;
    std::vector<int> rotated();

    const BalanceStrategy m_strategy;
    const std::vector<int> m_weights;
    const double m_alpha;
    std::unique_ptr<Member[]> m_members;
    std::atomic<quint64> m_counter{0};
};

} // namespace understudy
