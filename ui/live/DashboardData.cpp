#include "DashboardData.h"

#include "config/Outcome.h"
#include "observe/LatencyBuckets.h"

#include <QDateTime>

#include <algorithm>

namespace understudy {

namespace lb = latency_buckets;

namespace {

using Bands = std::array<double, kAnswerBandCount>;

double &bandOf(Bands &bands, AnswerBand band)
{
    return bands[std::size_t(band)];
}

// One rollup's bands: exact when it carries them (rollupBandKey), else
// from requests, errors and fallbacks. Returns whether it was exact.
bool addRollupBands(Bands &bands, const MinuteRollup &r)
{
    constexpr AnswerBand kCounted[] = {AnswerBand::Retried, AnswerBand::Fallback, AnswerBand::Cached,
                                       AnswerBand::Static};
    const double requests = double(r.requests);
    const double failed = std::min(double(r.errors), requests);
    const bool exact = std::all_of(std::begin(kCounted), std::end(kCounted),
                                   [&r](AnswerBand b) { return r.outcomes.count(rollupBandKey(b)) > 0; });
    Bands own{};
    if (exact) {
        for (AnswerBand b : kCounted)
            bandOf(own, b) = double(r.outcomes.at(rollupBandKey(b)));
    } else {
        // A failed request may or may not have fallen back first; the
        // rollup does not say, so the fallback band is the lower bound.
        bandOf(own, AnswerBand::Fallback) = std::clamp(double(r.fallbacks) - failed, 0.0, requests - failed);
    }
    double counted = failed;
    for (AnswerBand b : kCounted)
        counted += bandOf(own, b);
    bandOf(own, AnswerBand::Failed) = failed;
    bandOf(own, AnswerBand::Ok) = std::max(0.0, requests - counted);
    for (std::size_t i = 0; i < kAnswerBandCount; ++i)
        bands[i] += own[i];
    return exact;
}

StripState stripStateOf(BreakerGauge state)
{
    switch (state) {
    case BreakerGauge::Closed:
        return StripState::Closed;
    case BreakerGauge::HalfOpen:
        return StripState::HalfOpen;
    case BreakerGauge::Open:
        return StripState::Open;
    }
    return StripState::Unknown;
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

double DashboardPoint::total() const
{
    double sum = 0;
    for (double b : bands)
        sum += b;
    return sum;
}

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
        for (std::size_t b = 0; b < kAnswerBandCount; ++b)
            p.bands[b] = double(s.bands[b]);
        p.errorRate = s.requests > 0 ? double(s.errors) / double(s.requests) : 0.0;
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
        double requests = 0, errors = 0;
        Bands bands{};
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
        d.bandsExact = addRollupBands(m.bands, r) && d.bandsExact;
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
        for (std::size_t b = 0; b < kAnswerBandCount; ++b)
            p.bands[b] = minutes[i].bands[b] / 60.0;
        p.errorRate = minutes[i].requests > 0 ? minutes[i].errors / minutes[i].requests : 0.0;
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

std::vector<StripState> breakerStrip(const std::vector<BreakerChange> &changes, qint64 nowMs, int seconds)
{
    std::vector<StripState> strip(std::size_t(std::max(seconds, 0)), StripState::Unknown);
    const qint64 firstSecond = nowMs / 1000 - qint64(strip.size()) + 1;
    std::size_t next = 0;
    StripState current = StripState::Unknown;
    for (std::size_t i = 0; i < strip.size(); ++i) {
        const qint64 startMs = (firstSecond + qint64(i)) * 1000;
        while (next < changes.size() && changes[next].atMs <= startMs)
            current = stripStateOf(changes[next++].state);
        StripState worst = current;
        for (std::size_t k = next; k < changes.size() && changes[k].atMs < startMs + 1000; ++k)
            worst = std::max(worst, stripStateOf(changes[k].state));
        strip[i] = worst;
    }
    return strip;
}

void addBreakerStrips(std::vector<TargetHealth> &health, const BreakerHistory &history, int seconds)
{
    for (TargetHealth &h : health) {
        const auto it = history.targets.find(h.target);
        if (it == history.targets.end() || it->second.empty()) {
            h.strip.assign(std::size_t(std::max(seconds, 0)), StripState::Unknown);
            continue;
        }
        const std::vector<BreakerChange> &changes = it->second;
        h.strip = breakerStrip(changes, history.nowMs, seconds);
        h.lastChange = changes.back();
        if (changes.size() > 1)
            h.stateBefore = changes[changes.size() - 2].state;
    }
}

QString dashboardCsv(const DashboardData &data)
{
    QString csv = QStringLiteral("time");
    for (std::size_t b = 0; b < kAnswerBandCount; ++b)
        csv += QLatin1Char(',') + answerBandName(AnswerBand(b)) + QStringLiteral("_per_s");
    csv += QStringLiteral(",error_rate\n");
    for (const DashboardPoint &p : data.points) {
        csv += QDateTime::fromMSecsSinceEpoch(p.timeMs, Qt::UTC).toString(Qt::ISODate);
        for (double band : p.bands)
            csv += QLatin1Char(',') + QString::number(band, 'g', 8);
        csv += QLatin1Char(',') + QString::number(p.errorRate, 'g', 6) + QLatin1Char('\n');
    }
    return csv;
}

} // namespace understudy
