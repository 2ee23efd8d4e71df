#pragma once

// What the Dashboard draws, computed from either source it reads:
//   - the last 5 minutes at 1 s resolution from MetricsRegistry::snapshot,
//   - the last hour / day at 1 min resolution from the request log's
//     per-minute rollups (RequestLogQuery::rollups).
// Kept free of widgets so the mapping is tested on its own and the CSV
// export writes exactly the series on screen.
//
// Outcome stacking: per second the registry keeps requests, errors (final
// outcome other than ok) and fallbacks (answered after moving past a step,
// whatever the final outcome), but not how the two overlap. The stack is
// failed = errors, fallback = max(0, fallbacks - errors) (the fallbacks
// that certainly were answered: exact when every failure had fallen back
// first, a lower bound otherwise), ok = the rest. Retried, cached and
// static answers are not tracked per second.

#include "observe/MetricsRegistry.h"
#include "observe/MinuteRollup.h"

#include <QString>

#include <map>
#include <optional>
#include <vector>

namespace understudy {

struct DashboardPoint
{
    qint64 timeMs = 0;
    double ok = 0, fallback = 0, failed = 0; // requests per second
    double errorRate = 0;                    // 0..1, 0 without traffic
};

struct TargetHealth
{
    QString target;
    std::optional<BreakerGauge> breaker; // unknown when the engine never reported it
    std::uint64_t attempts = 0, ok = 0, failed = 0, skipped = 0;
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
    std::map<QString, std::uint64_t> triggersByReason;
    std::vector<FallbackTriggerCount> triggers; // most frequent first
};

DashboardData dashboardFromWindow(const MetricsWindow &window);
// Minutes without rollups are zero points; [fromMs, toMs) is cut to minutes.
DashboardData dashboardFromRollups(const std::vector<MinuteRollup> &rollups, qint64 fromMs, qint64 toMs);
// Cumulative attempts per target (since the engine started) and breaker
// states; targets sorted by name.
std::vector<TargetHealth> targetHealth(const MetricsTotals &totals, const std::map<QString, BreakerGauge> &breakers);

QString breakerGaugeName(BreakerGauge state);
// time (ISO 8601), ok, fallback, failed, error_rate: one line per point.
QString dashboardCsv(const DashboardData &data);

} // namespace understudy
