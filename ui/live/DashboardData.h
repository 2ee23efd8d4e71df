#pragma once

// What the Dashboard draws, computed from either source it reads:
//   - the last 5 minutes at 1 s resolution from MetricsRegistry::snapshot,
//   - the last hour / day at 1 min resolution from the request log's
//     per-minute rollups (RequestLogQuery::rollups).
// Kept free of widgets so the mapping is tested on its own and the CSV
// export writes exactly the series on screen.
//
// Outcome stacking: the registry's answer bands (AnswerBand in
// MetricsRegistry.h: ok, retried, fallback, cached, static, failed; disjoint,
// adding up to the requests), per second and in the per-minute rollups.
// Rollups written before the bands existed only say requests, errors and
// fallbacks (answered after moving past a step, whatever the end); for those
// the stack is failed = errors, fallback = max(0, fallbacks - errors) (a
// lower bound), ok = the rest, and retried/cached/static are in ok.
//
// Breaker strips: one state per second of the live window per target, the
// worst the breaker was in during that second (so a short open shows), from
// MetricsRegistry::breakerHistory.

#include "observe/MetricsRegistry.h"
#include "observe/MinuteRollup.h"

#include <QString>

#include <array>
#include <map>
#include <optional>
#include <vector>

namespace understudy {

struct DashboardPoint
{
    qint64 timeMs = 0;
    std::array<double, kAnswerBandCount> bands{}; // requests per second, by AnswerBand
    double errorRate = 0;                         // 0..1, 0 without traffic

    double band(AnswerBand b) const { return bands[std::size_t(b)]; }
    double total() const;
};

// Ordered so that the worst state of a second is the largest.
enum class StripState : std::uint8_t { Unknown, Closed, HalfOpen, Open };

struct TargetHealth
{
    QString target;
    std::optional<BreakerGauge> breaker; // unknown when the engine never reported it
    std::uint64_t attempts = 0, ok = 0, failed = 0, skipped = 0;
    std::vector<StripState> strip;           // one per second, oldest first; empty without history
    std::optional<BreakerChange> lastChange; // the newest change kept
    std::optional<BreakerGauge> stateBefore; // before lastChange, when still kept
};

struct DashboardData
{
    int resolutionSeconds = 1;
    std::vector<DashboardPoint> points; // oldest first
    std::uint64_t requests = 0, errors = 0, fallbacks = 0, cacheHits = 0;
    std::uint64_t promptTokens = 0, completionTokens = 0;
    double cost = 0;
    double requestsPerSecond = 0, errorRate = 0;
    qint64 inFlight = 0;
    Percentiles latency, ttft;
    bool triggersTracked = true; // rollups do not keep fallback triggers
    bool bandsExact = true;      // false when some rollups predate the answer bands
    std::map<QString, std::uint64_t> triggersByReason;
    std::vector<FallbackTriggerCount> triggers; // most frequent first
};

DashboardData dashboardFromWindow(const MetricsWindow &window);
// Minutes without rollups are zero points; [fromMs, toMs) is cut to minutes.
DashboardData dashboardFromRollups(const std::vector<MinuteRollup> &rollups, qint64 fromMs, qint64 toMs);
// Cumulative attempts per target (since the engine started) and breaker
// states; targets sorted by name.
std::vector<TargetHealth> targetHealth(const MetricsTotals &totals, const std::map<QString, BreakerGauge> &breakers);
// The last `seconds` whole seconds up to history.nowMs, per target in
// `health`; and each target's last change.
void addBreakerStrips(std::vector<TargetHealth> &health, const BreakerHistory &history, int seconds);
std::vector<StripState> breakerStrip(const std::vector<BreakerChange> &changes, qint64 nowMs, int seconds);

QString breakerGaugeName(BreakerGauge state);
// time (ISO 8601), then requests per second of ok, retried, fallback,
// cached, static and failed, then error_rate: one line per point.
QString dashboardCsv(const DashboardData &data);

} // namespace understudy
