#include "observe/LatencyBuckets.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace understudy::latency_buckets {

namespace {

const std::array<double, kFiniteCount> &bounds()
{
    static const std::array<double, kFiniteCount> table = [] {
        std::array<double, kFiniteCount> b{};
        for (int i = 0; i < kFiniteCount; ++i)
            b[std::size_t(i)] = std::exp2(double(i) / 4.0);
        return b;
    }();
    return table;
}

} // namespace

double upperBoundMs(int i)
{
    if (i >= kFiniteCount)
        return std::numeric_limits<double>::infinity();
    return bounds()[std::size_t(std::max(i, 0))];
}

double lowerBoundMs(int i)
{
    return i <= 0 ? 0.0 : upperBoundMs(i - 1);
}

int indexOf(double ms)
{
    const auto &b = bounds();
    // First bound >= ms: seven comparisons, no log() on the hot path.
    return int(std::lower_bound(b.begin(), b.end(), ms) - b.begin());
}

std::optional<double> quantile(const std::uint64_t *counts, double q)
{
    std::uint64_t total = 0;
    for (int i = 0; i < kCount; ++i)
        total += counts[i];
    if (total == 0)
        return std::nullopt;
    const double rank = std::clamp(q, 0.0, 1.0) * double(total);
    std::uint64_t below = 0;
    for (int i = 0; i < kCount; ++i) {
        if (counts[i] == 0)
            continue;
        if (double(below + counts[i]) >= rank) {
            if (i >= kFiniteCount)
                return upperBoundMs(kFiniteCount - 1);
            const double lo = lowerBoundMs(i);
            const double hi = upperBoundMs(i);
            const double within = std::clamp((rank - double(below)) / double(counts[i]), 0.0, 1.0);
            return lo + (hi - lo) * within;
        }
        below += counts[i];
    }
    return upperBoundMs(kFiniteCount - 1);
}

} // namespace understudy::latency_buckets
