#pragma once

// Prometheus text exposition (format 0.0.4) of the metrics, for the admin
// listener's GET /metrics. Names follow SPEC §6: base units (seconds),
// `_total` counters, low-cardinality labels (route, target, outcome class,
// breaker state), HELP and TYPE for every family, label values escaped.
// Histograms export every fourth of LatencyBuckets' bounds (powers of two
// milliseconds), whose cumulative counts are exact.

#include "observe/MetricsRegistry.h"
#include "observe/RequestLogWriter.h"

#include <QByteArray>

namespace understudy {

QByteArray prometheusText(const MetricsTotals &totals);

// The request log's drop counters as understudy_log_dropped_total{what}.
void addLogDrops(MetricsTotals &totals, const RequestLogWriter::Stats &stats);

// Exposed for tests: a label value escaped for the text format.
QByteArray prometheusEscape(const QString &value);

} // namespace understudy
