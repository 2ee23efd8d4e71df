#include "DashboardData.h"

#include "config/Outcome.h"
#include "observe/LatencyBuckets.h"

#include <QDateTime>

#include <algorithm>

namespace understudy {

namespace lb = latency_buckets;

namespace {

void stackPoint(DashboardPoint &p, double requests, double errors, double fallbacks, double perSeconds)
{
    // A failed request may or may not have fallen back first; the registry
    // does not say, so the fallback band is the lower bound.
    const double failed = std::min(errors, requests);
    const double fallback = std::clamp(fallbacks - errors, 0.0, requests - failed);
    p.failed = failed / perSeconds;
    p.fallback = fallback / perSeconds;
    p.ok = (requests - failed - fallback) / perSeconds;
    p.errorRate = requests > 0 ? errors / requests : 0.0;
}

Percentiles percentilesOf(const std::vector<std::uint64_t> &dense)
{
    Percentiles p;
    for (std::uint64_t c : dense)
        p.count += c;
    if (p.count == 0)
        return p;
    p.p50 = lb::quantile(dense.data(), 0.50);
    p.p95 = lb::quantile(dense.data(), 0.95);
    p.p99 = lb::quantile(dense.data(), 0.99);
    return p;
}

void addSparse(std::vector<std::uint64_t> &dense, const std::map<double, qint64> &sparse)
{
    for (const auto &[upper, count] : sparse)
        if (count > 0)
            dense[std::size_t(lb::indexOf(upper))] += std::uint64_t(count);
}

} // namespace

QString breakerGaugeName(BreakerGauge state)
{
    switch (state) {
    case BreakerGauge::Closed:
        return QStringLiteral("closed");
    case BreakerGauge::HalfOpen:
        return QStringLiteral("half-open");
    case BreakerGauge::Open:
        return QStringLiteral("open");
    }
    return {};
}

DashboardData dashboardFromWindow(const MetricsWindow &w)
{
    DashboardData d;
    d.resolutionSeconds = 1;
    d.points.reserve(w.perSecond.size());
    for (const MetricsWindow::Second &s : w.perSecond) {
        DashboardPoint p;
        p.timeMs = s.second * 1000;
        stackPoint(p, double(s.requests), double(s.errors), double(s.fallbacks), 1.0);
        d.points.push_back(p);
    }
    d.requests = w.requests;
    d.errors = w.errors;
    d.fallbacks = w.fallbacks;
    d.cacheHits = w.cacheHits;
    d.promptTokens = w.promptTokens;
    d.completionTokens = w.completionTokens;
    d.cost = w.cost;
    // "Per second" reads as the current rate: the last 10 complete seconds
    // (the newest second is still filling), not the 5-minute average.
    constexpr std::size_t kRecentSeconds = 10;
    if (w.perSecond.size() > kRecentSeconds) {
        std::uint64_t recent = 0;
        for (std::size_t i = w.perSecond.size() - 1 - kRecentSeconds; i + 1 < w.perSecond.size(); ++i)
            recent += w.perSecond[i].requests;
        d.requestsPerSecond = double(recent) / double(kRecentSeconds);
    } else {
        d.requestsPerSecond = w.requestsPerSecond;
    }
    d.errorRate = w.errorRate;
    d.inFlight = w.inFlight;
    d.latency = w.latency;
    d.ttft = w.ttft;
    d.triggers = w.triggers;
    for (const FallbackTriggerCount &t : w.triggers)
        d.triggersByReason[t.reason] += t.count;
    return d;
}

DashboardData dashboardFromRollups(const std::vector<MinuteRollup> &rollups, qint64 fromMs, qint64 toMs)
{
    DashboardData d;
    d.resolutionSeconds = 60;
    d.triggersTracked = false;
    const qint64 firstMinute = fromMs / 60000;
    const qint64 lastMinute = (toMs - 1) / 60000;
    if (lastMinute < firstMinute)
        return d;
    struct Minute
    {
        double requests = 0, errors = 0, fallbacks = 0;
    };
    std::vector<Minute> minutes(std::size_t(lastMinute - firstMinute + 1));
    std::vector<std::uint64_t> latency(lb::kCount, 0), ttft(lb::kCount, 0);
    for (const MinuteRollup &r : rollups) {
        const qint64 minute = r.minuteMs / 60000;
        if (minute < firstMinute || minute > lastMinute)
            continue;
        Minute &m = minutes[std::size_t(minute - firstMinute)];
        m.requests += double(r.requests);
        m.errors += double(r.errors);
        m.fallbacks += double(r.fallbacks);
        d.requests += std::uint64_t(r.requests);
        d.errors += std::uint64_t(r.errors);
        d.fallbacks += std::uint64_t(r.fallbacks);
        d.promptTokens += std::uint64_t(r.promptTokens);
        d.completionTokens += std::uint64_t(r.completionTokens);
        d.cost += r.cost;
        addSparse(latency, r.latencyHistogram);
        addSparse(ttft, r.ttftHistogram);
    }
    d.points.reserve(minutes.size());
    for (std::size_t i = 0; i < minutes.size(); ++i) {
        DashboardPoint p;
        p.timeMs = (firstMinute + qint64(i)) * 60000;
        stackPoint(p, minutes[i].requests, minutes[i].errors, minutes[i].fallbacks, 60.0);
        d.points.push_back(p);
    }
    d.latency = percentilesOf(latency);
    d.ttft = percentilesOf(ttft);
    const double seconds = double(minutes.size()) * 60.0;
    d.requestsPerSecond = double(d.requests) / seconds;
    d.errorRate = d.requests > 0 ? double(d.errors) / double(d.requests) : 0.0;
    return d;
}

std::vector<TargetHealth> targetHealth(const MetricsTotals &totals, const std::map<QString, BreakerGauge> &breakers)
{
    std::map<QString, TargetHealth> byName;
    for (const MetricsTotals::Target &t : totals.targets) {
        if (t.target == u"cache" || t.target == u"static")
            continue; // not upstream targets: no breaker, no health
        TargetHealth &h = byName[t.target];
        h.target = t.target;
        for (const auto &[outcome, count] : t.byOutcome) {
            const auto cls = outcomeClassFromName(outcome);
            if (cls == OutcomeClass::SkippedCircuitOpen || cls == OutcomeClass::SkippedCondition) {
                h.skipped += count;
                continue;
            }
            h.attempts += count;
            if (cls == OutcomeClass::Ok)
                h.ok += count;
            else
                h.failed += count;
        }
    }
    for (const auto &[target, state] : breakers) {
        TargetHealth &h = byName[target];
        h.target = target;
        h.breaker = state;
    }
    std::vector<TargetHealth> out;
    out.reserve(byName.size());
    for (auto &[name, h] : byName)
        out.push_back(std::move(h));
    return out;
}

QString dashboardCsv(const DashboardData &data)
{
    QString csv = QStringLiteral("time,ok_per_s,fallback_per_s,failed_per_s,error_rate\n");
    for (const DashboardPoint &p : data.points) {
        csv += QDateTime::fromMSecsSinceEpoch(p.timeMs, Qt::UTC).toString(Qt::ISODate);
        csv += QStringLiteral(",%1,%2,%3,%4\n")
                   .arg(p.ok, 0, 'g', 8)
                   .arg(p.fallback, 0, 'g', 8)
                   .arg(p.failed, 0, 'g', 8)
                   .arg(p.errorRate, 0, 'g', 6);
    }
    return csv;
}

} // namespace understudy
