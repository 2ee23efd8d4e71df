#pragma once

// In-memory metrics of SPEC §6, fed by the data plane at well under a
// microsecond per request.
//
// Hot path: record(trail) runs on the worker thread that finished the
// request. Each thread owns a shard of plain 64-bit slots (one writer, so a
// relaxed load+store, no locked instruction), found through a thread_local
// pointer; route and target labels are interned once per thread into slot
// blocks (low cardinality: past kMaxSlots new label sets fold into
// "(other)"). No lock and no allocation once a thread has seen its labels.
//
// Off the data path, collect() (driven by the owner's one-second timer, and
// run by snapshot()) sums the shards, and stores the per-second deltas in a
// ring of the last 15 minutes, from which snapshot(window) merges rates,
// error rate, fallback triggers, latency/TTFT histograms (fixed log-scale
// buckets, LatencyBuckets.h) and tokens/cost for any window. When a minute
// completes, its per-route rollup goes to Options::rollupSink (the request
// log writer persists it).
//
// totals() sums the shards into cumulative counters for Prometheus.
//
// Gauges (in-flight, breaker states) and rare counters (breaker
// transitions) are set by the engine; they take a small mutex or an atomic.
// Breaker changes are also kept with their time for the ring's span
// (breakerHistory), for the Dashboard's per-target state strips.

#include "fallback/AttemptTrail.h"
#include "observe/AnswerBand.h"
#include "observe/MinuteRollup.h"

#include <QJsonObject>
#include <QString>

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace understudy {

enum class BreakerGauge { Closed = 0, HalfOpen = 1, Open = 2 };

struct BreakerChange
{
    qint64 atMs = 0; // wall clock of the registry
    BreakerGauge state = BreakerGauge::Closed;
};

// Each target's breaker over the last seconds: the state in force at the
// window's start when known, then every change since, oldest first.
struct BreakerHistory
{
    qint64 nowMs = 0; // the registry's clock when it was read
    std::map<QString, std::vector<BreakerChange>> targets;
};

struct Percentiles
{
    std::uint64_t count = 0;
    std::optional<double> p50, p95, p99; // ms; empty when count == 0
};

struct FallbackTriggerCount
{
    QString route, from, to, reason; // to == "none" when nothing came after
    std::uint64_t count = 0;
};

// Everything in a window of the last N seconds.
struct MetricsWindow
{
    int windowSeconds = 0;
    std::uint64_t requests = 0;
    std::uint64_t errors = 0; // final outcome other than ok
    std::uint64_t fallbacks = 0;
    AnswerBands bands{}; // disjoint, adding up to requests
    double requestsPerSecond = 0;
    double errorRate = 0; // errors / requests, 0 without traffic
    std::map<QString, std::uint64_t> byOutcome;
    std::vector<FallbackTriggerCount> triggers; // most frequent first
    Percentiles latency, ttft;
    std::uint64_t promptTokens = 0, completionTokens = 0, cacheHits = 0, retryBudgetExhausted = 0;
    double cost = 0;

    struct Route
    {
        QString route;
        std::uint64_t requests = 0, errors = 0, fallbacks = 0;
        Percentiles latency, ttft;
    };
    std::vector<Route> routes;

    struct Second
    {
        qint64 second = 0; // unix seconds
        // fallbacks: moved past a step, whatever the final outcome (it
        // overlaps errors); bands split requests without overlap.
        std::uint64_t requests = 0, errors = 0, fallbacks = 0;
        AnswerBands bands{};
    };
    std::vector<Second> perSecond; // oldest first, every second of the window

    qint64 inFlight = 0;
    std::map<QString, BreakerGauge> breakers;
    int openBreakers = 0;
};

// Cumulative counters since start, for Prometheus.
struct MetricsTotals
{
    struct Histogram
    {
        std::vector<std::uint64_t> buckets; // LatencyBuckets' kCount, not cumulative
        std::uint64_t sumMs = 0;
    };
    struct Route
    {
        QString route;
        std::map<QString, std::uint64_t> byOutcome;
        Histogram latency, ttft;
        std::uint64_t promptTokens = 0, completionTokens = 0, cacheHits = 0;
        double cost = 0;
    };
    struct Target
    {
        QString target;
        std::map<QString, std::uint64_t> byOutcome;
    };
    std::vector<Route> routes;
    std::vector<Target> targets;
    std::vector<FallbackTriggerCount> triggers;
    std::map<QString, BreakerGauge> breakers;
    std::map<std::pair<QString, QString>, std::uint64_t> breakerTransitions; // (target, to)
    std::uint64_t retryBudgetExhausted = 0;
    qint64 inFlight = 0;
    std::map<QString, std::uint64_t> logDropped; // what -> count; filled by the caller (RequestLogWriter::stats)
};

class MetricsRegistry final
{
public:
    struct Options
    {
        std::function<qint64()> nowMs; // wall clock; default: the system clock
        int ringSeconds = 15 * 60;
        // Gets each completed minute's rollups (one per route with traffic),
        // on the thread that runs collect().
        std::function<void(std::vector<MinuteRollup>)> rollupSink;
    };

    explicit MetricsRegistry(Options options);
    MetricsRegistry();
    ~MetricsRegistry();
    Q_DISABLE_COPY_MOVE(MetricsRegistry)

    // Data plane, any worker thread.
    void record(const RequestTrail &trail);
    void recordRetryBudgetExhausted();
    void addInFlight(qint64 delta) { m_inFlight.fetch_add(delta, std::memory_order_relaxed); }

    // Engine: call on every breaker transition (and once per target at
    // start); counts a transition whenever the state changes.
    void setBreakerState(const QString &target, BreakerGauge state);
    // The breaker changes of the last `seconds` (at most the ring's span).
    BreakerHistory breakerHistory(int seconds) const;

    // Off the data path: fold the shards into the per-second ring.
    void collect();
    MetricsWindow snapshot(int windowSeconds);
    MetricsTotals totals() const;

    static QJsonObject toJson(const MetricsWindow &window);

private:
    struct Shard;
    struct Labels;
    struct ThreadCache;
    ThreadCache &threadCache();
    // (label index, first slot), interned on first sight.
    std::pair<std::uint32_t, std::uint32_t> routeBlock(ThreadCache &cache, const QString &route);
    std::pair<std::uint32_t, std::uint32_t> targetBlock(ThreadCache &cache, const QString &target);
    std::uint32_t triggerSlot(ThreadCache &cache, std::uint32_t route, std::uint32_t from, std::uint32_t to,
                              int reason);
    std::vector<std::uint64_t> sumShards() const;
    void emitRollups(qint64 minuteStartSecond);
    qint64 now() const;

    Options m_options;
    const std::uint64_t m_id; // never reused: a thread's cache knows which registry it belongs to

    std::unique_ptr<Labels> m_labels; // guarded by m_labelMutex
    mutable std::mutex m_labelMutex;
    std::atomic<std::uint32_t> m_usedSlots{0};

    mutable std::mutex m_shardMutex;
    std::vector<std::unique_ptr<Shard>> m_shards;

    struct Ring;
    std::unique_ptr<Ring> m_ring; // guarded by m_collectMutex
    std::mutex m_collectMutex;

    std::atomic<qint64> m_inFlight{0};
    mutable std::mutex m_breakerMutex;
    std::map<QString, BreakerGauge> m_breakers;
    std::map<std::pair<QString, QString>, std::uint64_t> m_transitions;
    std::map<QString, std::deque<BreakerChange>> m_breakerChanges; // the ring's span and the state before it
};

} // namespace understudy
