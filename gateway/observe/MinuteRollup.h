#pragma once

// One route's traffic over one wall-clock minute, as MetricsRegistry folds it
// from its per-second ring and RequestLogWriter persists it to
// `metrics_minute` (kept 30 days by default).

#include <QString>

#include <map>
#include <optional>

namespace understudy {

struct MinuteRollup
{
    qint64 minuteMs = 0; // start of the minute, ms since epoch
    QString route;
    qint64 requests = 0;
    qint64 errors = 0;    // final outcome other than ok
    qint64 fallbacks = 0; // answered after moving past at least one step
    std::map<QString, qint64> outcomes;
    std::optional<double> latencyP50Ms, latencyP95Ms, latencyP99Ms;
    std::optional<double> ttftP50Ms, ttftP95Ms, ttftP99Ms;
    // Non-empty buckets: upper bound in ms (infinity for the last) -> count.
    std::map<double, qint64> latencyHistogram;
    std::map<double, qint64> ttftHistogram;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    double cost = 0.0;
};

} // namespace understudy
