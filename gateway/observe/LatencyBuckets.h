#pragma once

// The fixed log-scale buckets every latency and TTFT histogram of the
// metrics uses: upper bounds 2^(i/4) ms for i = 0..68 (1 ms .. 131 s, each
// bound ~19% above the previous one) plus an overflow bucket. Fixed bounds
// make per-second histograms mergeable by plain addition; a percentile read
// from them is within one bucket (<= 19%) of the true value. Prometheus gets
// every fourth bound (powers of two), whose cumulative counts are exact.

#include <QtGlobal>

#include <array>
#include <cstdint>
#include <optional>

namespace understudy::latency_buckets {

inline constexpr int kFiniteCount = 69;         // bounds 2^0 .. 2^17 ms
inline constexpr int kCount = kFiniteCount + 1; // plus overflow (+Inf)
inline constexpr int kPrometheusStride = 4;     // export 2^0, 2^1, ... 2^17 ms

// Upper bound of bucket i in ms; infinity for the overflow bucket.
double upperBoundMs(int i);
// Lower bound of bucket i in ms (0 for the first).
double lowerBoundMs(int i);
// The bucket a value in ms falls in (value <= upper bound).
int indexOf(double ms);

// The q-quantile (0 < q <= 1) of a histogram given as kCount counts,
// interpolated linearly inside its bucket; nullopt when it is empty. A value
// in the overflow bucket reads as the last finite bound.
std::optional<double> quantile(const std::uint64_t *counts, double q);

} // namespace understudy::latency_buckets
