#include "observe/MetricsRegistry.h"

#include "observe/LatencyBuckets.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace understudy {

namespace lb = latency_buckets;

namespace {

constexpr std::uint32_t kMaxSlots = 32768; // 256 KiB per worker thread
constexpr int kOutcomes = int(kAllOutcomeClasses.size());

// A route's block of cells.
constexpr std::uint32_t kRouteOutcomes = 0;
constexpr std::uint32_t kRouteFallbacks = kOutcomes;
constexpr std::uint32_t kRouteLatency = kRouteFallbacks + 1;
constexpr std::uint32_t kRouteLatencySum = kRouteLatency + lb::kCount;
constexpr std::uint32_t kRouteTtft = kRouteLatencySum + 1;
constexpr std::uint32_t kRouteTtftSum = kRouteTtft + lb::kCount;
constexpr std::uint32_t kRoutePromptTokens = kRouteTtftSum + 1;
constexpr std::uint32_t kRouteCompletionTokens = kRoutePromptTokens + 1;
constexpr std::uint32_t kRouteCostNano = kRouteCompletionTokens + 1;
constexpr std::uint32_t kRouteCacheHits = kRouteCostNano + 1;
// Answer bands with a cell of their own; failed is the non-ok outcomes and
// ok the requests left over, so neither needs one.
constexpr std::uint32_t kRouteRetried = kRouteCacheHits + 1;
constexpr std::uint32_t kRouteFallbackAnswers = kRouteRetried + 1;
constexpr std::uint32_t kRouteCachedAnswers = kRouteFallbackAnswers + 1;
constexpr std::uint32_t kRouteStaticAnswers = kRouteCachedAnswers + 1;
constexpr std::uint32_t kRouteBlockSize = kRouteStaticAnswers + 1;
constexpr std::pair<std::uint32_t, AnswerBand> kBandCells[] = {{kRouteRetried, AnswerBand::Retried},
                                                               {kRouteFallbackAnswers, AnswerBand::Fallback},
                                                               {kRouteCachedAnswers, AnswerBand::Cached},
                                                               {kRouteStaticAnswers, AnswerBand::Static}};
// A target's block: attempts by outcome.
constexpr std::uint32_t kTargetBlockSize = kOutcomes;

// Fixed cells.
constexpr std::uint32_t kRetryBudgetSlot = 0;
constexpr std::uint32_t kTriggerOverflowSlot = 1;
constexpr std::uint32_t kOtherRouteBase = 2;
constexpr std::uint32_t kOtherTargetBase = kOtherRouteBase + kRouteBlockSize;
constexpr std::uint32_t kFirstFreeSlot = kOtherTargetBase + kTargetBlockSize;
constexpr std::uint32_t kNoTarget = 0xFFFF;

constexpr double kNanoPerUnit = 1e9; // cost is kept in billionths of a currency unit

const QString &otherLabel()
{
    static const QString other = QStringLiteral("(other)");
    return other;
}

std::atomic<std::uint64_t> g_nextRegistryId{1};

QString breakerName(BreakerGauge state)
{
    switch (state) {
    case BreakerGauge::Closed:
        return QStringLiteral("closed");
    case BreakerGauge::HalfOpen:
        return QStringLiteral("half_open");
    case BreakerGauge::Open:
        return QStringLiteral("open");
    }
    return QStringLiteral("closed");
}

Percentiles percentilesOf(const std::uint64_t *buckets)
{
    Percentiles p;
    for (int i = 0; i < lb::kCount; ++i)
        p.count += buckets[i];
    p.p50 = lb::quantile(buckets, 0.50);
    p.p95 = lb::quantile(buckets, 0.95);
    p.p99 = lb::quantile(buckets, 0.99);
    return p;
}

std::map<double, qint64> sparseHistogram(const std::uint64_t *buckets)
{
    std::map<double, qint64> out;
    for (int i = 0; i < lb::kCount; ++i)
        if (buckets[i] != 0)
            out[lb::upperBoundMs(i)] = qint64(buckets[i]);
    return out;
}

std::uint64_t &bandOf(AnswerBands &bands, AnswerBand band)
{
    return bands[std::size_t(band)];
}

// Ok and failed from the outcome totals and the four counted bands.
void completeBands(AnswerBands &bands, std::uint64_t requests, std::uint64_t errors)
{
    bandOf(bands, AnswerBand::Failed) = errors;
    std::uint64_t counted = errors;
    for (const auto &cell : kBandCells)
        counted += bandOf(bands, cell.second);
    // A collect() between the outcome cell and the band cell of one record
    // can leave a band a second ahead of its request: never below zero.
    bandOf(bands, AnswerBand::Ok) = requests > counted ? requests - counted : 0;
}

} // namespace

struct MetricsRegistry::Shard
{
    // One writer (the owning thread), many readers (the collector).
    std::unique_ptr<std::atomic<std::uint64_t>[]> cells { new std::atomic<std::uint64_t>[ kMaxSlots ]() };

    void add(std::uint32_t slot, std::uint64_t value)
    {
        std::atomic<std::uint64_t> &s = cells[slot];
        s.store(s.load(std::memory_order_relaxed) + value, std::memory_order_relaxed);
    }
};

struct MetricsRegistry::Labels
{
    struct Block
    {
        QString name;
        std::uint32_t base = 0;
    };
    struct Trigger
    {
        std::uint32_t route = 0, from = 0, to = kNoTarget; // indexes into routes/targets
        int reason = 0;
        std::uint32_t slot = 0;
    };
    QHash<QString, std::uint32_t> routeIndex, targetIndex;
    QHash<quint64, std::uint32_t> triggerIndex; // key -> index into triggers
    std::vector<Block> routes{{otherLabel(), kOtherRouteBase}};
    std::vector<Block> targets{{otherLabel(), kOtherTargetBase}};
    std::vector<Trigger> triggers;
};

struct MetricsRegistry::ThreadCache
{
    std::uint64_t registry = 0;
    Shard *shard = nullptr;
    QHash<QString, std::pair<std::uint32_t, std::uint32_t>> routes, targets; // name -> (index, base)
    QHash<quint64, std::uint32_t> triggers;                                  // key -> slot
};

struct MetricsRegistry::Ring
{
    struct Second
    {
        qint64 second = -1;
        std::vector<std::pair<std::uint32_t, std::uint64_t>> deltas; // sparse, may repeat a slot
    };
    std::vector<Second> seconds;
    qint64 current = -1;
    std::vector<std::uint64_t> lastTotals;
};

MetricsRegistry::MetricsRegistry() : MetricsRegistry(Options{})
{}

MetricsRegistry::MetricsRegistry(Options options)
    : m_options(std::move(options))
    , m_id(g_nextRegistryId.fetch_add(1))
    , m_labels(std::make_unique<Labels>())
    , m_ring(std::make_unique<Ring>())
{
    m_options.ringSeconds = std::max(m_options.ringSeconds, 60); // a minute's rollup needs a minute
    m_ring->seconds.resize(std::size_t(m_options.ringSeconds));
    m_usedSlots.store(kFirstFreeSlot);
}

MetricsRegistry::~MetricsRegistry() = default;

qint64 MetricsRegistry::now() const
{
    return m_options.nowMs ? m_options.nowMs() : QDateTime::currentMSecsSinceEpoch();
}

MetricsRegistry::ThreadCache &MetricsRegistry::threadCache()
{
    // Per thread, and checked against this registry's id (never reused)
    // before its pointers are trusted, so a thread that outlives a registry
    // (tests make many) starts afresh with the next one.
    static thread_local ThreadCache cache;
    if (cache.registry != m_id) [[unlikely]] {
        cache = ThreadCache{};
        cache.registry = m_id;
        auto shard = std::make_unique<Shard>();
        cache.shard = shard.get();
        std::lock_guard lock(m_shardMutex);
        m_shards.push_back(std::move(shard));
    }
    return cache;
}

std::pair<std::uint32_t, std::uint32_t> MetricsRegistry::routeBlock(ThreadCache &cache, const QString &route)
{
    if (auto it = cache.routes.constFind(route); it != cache.routes.cend())
        return *it;
    std::lock_guard lock(m_labelMutex);
    Labels &l = *m_labels;
    std::uint32_t index = 0;
    if (auto it = l.routeIndex.constFind(route); it != l.routeIndex.cend()) {
        index = *it;
    } else if (m_usedSlots.load() + kRouteBlockSize <= kMaxSlots && l.routes.size() < kNoTarget) {
        index = std::uint32_t(l.routes.size());
        l.routes.push_back({route, m_usedSlots.fetch_add(kRouteBlockSize)});
        l.routeIndex.insert(route, index);
    }
    const std::pair<std::uint32_t, std::uint32_t> block{index, l.routes[index].base};
    cache.routes.insert(route, block);
    return block;
}

std::pair<std::uint32_t, std::uint32_t> MetricsRegistry::targetBlock(ThreadCache &cache, const QString &target)
{
    if (auto it = cache.targets.constFind(target); it != cache.targets.cend())
        return *it;
    std::lock_guard lock(m_labelMutex);
    Labels &l = *m_labels;
    std::uint32_t index = 0;
    if (auto it = l.targetIndex.constFind(target); it != l.targetIndex.cend()) {
        index = *it;
    } else if (m_usedSlots.load() + kTargetBlockSize <= kMaxSlots && l.targets.size() < kNoTarget) {
        index = std::uint32_t(l.targets.size());
        l.targets.push_back({target, m_usedSlots.fetch_add(kTargetBlockSize)});
        l.targetIndex.insert(target, index);
    }
    const std::pair<std::uint32_t, std::uint32_t> block{index, l.targets[index].base};
    cache.targets.insert(target, block);
    return block;
}

std::uint32_t MetricsRegistry::triggerSlot(ThreadCache &cache, std::uint32_t route, std::uint32_t from,
                                           std::uint32_t to, int reason)
{
    const quint64 key = (quint64(route) << 40) | (quint64(from) << 24) | (quint64(to) << 8) | quint64(reason);
    if (auto it = cache.triggers.constFind(key); it != cache.triggers.cend())
        return *it;
    std::lock_guard lock(m_labelMutex);
    Labels &l = *m_labels;
    std::uint32_t slot = kTriggerOverflowSlot;
    if (auto it = l.triggerIndex.constFind(key); it != l.triggerIndex.cend()) {
        slot = l.triggers[*it].slot;
    } else if (m_usedSlots.load() + 1 <= kMaxSlots) {
        slot = m_usedSlots.fetch_add(1);
        l.triggerIndex.insert(key, std::uint32_t(l.triggers.size()));
        l.triggers.push_back({route, from, to, reason, slot});
    }
    cache.triggers.insert(key, slot);
    return slot;
}

void MetricsRegistry::record(const RequestTrail &trail)
{
    ThreadCache &cache = threadCache();
    Shard &s = *cache.shard;

    const auto [routeIndex, route] = routeBlock(cache, trail.route);
    s.add(route + kRouteOutcomes + std::uint32_t(trail.outcome), 1);
    if (trail.fallbackDepth > 0)
        s.add(route + kRouteFallbacks, 1);
    const std::uint64_t durationMs = std::uint64_t(std::max<qint64>(trail.durationMs, 0));
    s.add(route + kRouteLatency + std::uint32_t(lb::indexOf(double(durationMs))), 1);
    s.add(route + kRouteLatencySum, durationMs);
    if (trail.ttftMs >= 0) {
        s.add(route + kRouteTtft + std::uint32_t(lb::indexOf(double(trail.ttftMs))), 1);
        s.add(route + kRouteTtftSum, std::uint64_t(trail.ttftMs));
    }
    if (trail.promptTokens > 0)
        s.add(route + kRoutePromptTokens, std::uint64_t(trail.promptTokens));
    if (trail.completionTokens > 0)
        s.add(route + kRouteCompletionTokens, std::uint64_t(trail.completionTokens));
    if (trail.cost > 0)
        s.add(route + kRouteCostNano, std::uint64_t(std::llround(trail.cost * kNanoPerUnit)));
    if (trail.cached)
        s.add(route + kRouteCacheHits, 1);
    switch (answerBand(trail)) {
    case AnswerBand::Retried:
        s.add(route + kRouteRetried, 1);
        break;
    case AnswerBand::Fallback:
        s.add(route + kRouteFallbackAnswers, 1);
        break;
    case AnswerBand::Cached:
        s.add(route + kRouteCachedAnswers, 1);
        break;
    case AnswerBand::Static:
        s.add(route + kRouteStaticAnswers, 1);
        break;
    case AnswerBand::Ok:
    case AnswerBand::Failed:
        break; // follow from the outcome cells
    }

    const std::size_t n = trail.attempts.size();
    for (std::size_t i = 0; i < n; ++i) {
        const AttemptRecord &a = trail.attempts[i];
        const auto [from, targetBase] = targetBlock(cache, a.target);
        s.add(targetBase + std::uint32_t(a.outcome), 1);
        // A fallback trigger: a failure (or an open breaker) that moved the
        // request to another target. Retries of the same target are not,
        // nor are condition skips or a cache miss.
        if (a.outcome == OutcomeClass::Ok || a.outcome == OutcomeClass::SkippedCondition ||
            a.target == QLatin1String("cache"))
            continue;
        if (i + 1 < n && trail.attempts[i + 1].target == a.target)
            continue;
        const std::uint32_t to = i + 1 < n ? targetBlock(cache, trail.attempts[i + 1].target).first : kNoTarget;
        s.add(triggerSlot(cache, routeIndex, from, to, int(a.outcome)), 1);
    }
}

void MetricsRegistry::recordRetryBudgetExhausted()
{
    threadCache().shard->add(kRetryBudgetSlot, 1);
}

void MetricsRegistry::setBreakerState(const QString &target, BreakerGauge state)
{
    const qint64 nowMs = now();
    std::lock_guard lock(m_breakerMutex);
    auto it = m_breakers.find(target);
    if (it == m_breakers.end()) {
        m_breakers.emplace(target, state);
    } else if (it->second != state) {
        ++m_transitions[{target, breakerName(state)}];
        it->second = state;
    } else {
        return;
    }
    // Kept for the ring's span, plus the change before it (the state the
    // span starts in); a breaker flapping faster than that is cut short.
    constexpr std::size_t kMaxChanges = 1024;
    std::deque<BreakerChange> &changes = m_breakerChanges[target];
    changes.push_back({nowMs, state});
    const qint64 oldestMs = nowMs - qint64(m_options.ringSeconds) * 1000;
    while (changes.size() > kMaxChanges || (changes.size() > 1 && changes[1].atMs <= oldestMs))
        changes.pop_front();
}

BreakerHistory MetricsRegistry::breakerHistory(int seconds) const
{
    BreakerHistory h;
    h.nowMs = now();
    const qint64 fromMs = h.nowMs - qint64(std::clamp(seconds, 1, m_options.ringSeconds)) * 1000;
    std::lock_guard lock(m_breakerMutex);
    for (const auto &[target, changes] : m_breakerChanges) {
        std::vector<BreakerChange> &out = h.targets[target];
        for (std::size_t i = 0; i < changes.size(); ++i)
            if (changes[i].atMs > fromMs || i + 1 == changes.size() || changes[i + 1].atMs > fromMs)
                out.push_back(changes[i]); // in the window, or in force at its start
    }
    return h;
}

std::vector<std::uint64_t> MetricsRegistry::sumShards() const
{
    const std::uint32_t used = m_usedSlots.load(std::memory_order_acquire);
    std::vector<std::uint64_t> totals(used, 0);
    std::lock_guard lock(m_shardMutex);
    for (const auto &shard : m_shards)
        for (std::uint32_t i = 0; i < used; ++i)
            totals[i] += shard->cells[i].load(std::memory_order_relaxed);
    return totals;
}

namespace {

// Dense sums of the ring's seconds in [from, to].
template<typename Ring>
std::vector<std::uint64_t> mergeSeconds(const Ring &ring, qint64 from, qint64 to, std::size_t used)
{
    std::vector<std::uint64_t> sum(used, 0);
    for (const auto &second : ring.seconds) {
        if (second.second < from || second.second > to)
            continue;
        for (const auto &[slot, delta] : second.deltas)
            if (slot < used)
                sum[slot] += delta;
    }
    return sum;
}

} // namespace

void MetricsRegistry::collect()
{
    std::lock_guard lock(m_collectMutex);
    Ring &ring = *m_ring;
    const qint64 nowSecond = now() / 1000;
    const std::vector<std::uint64_t> totals = sumShards();
    if (ring.current < 0)
        ring.current = nowSecond;
    // A clock stepping back keeps adding to the current second.
    const qint64 second = std::max(nowSecond, ring.current);
    if (second / 60 > ring.current / 60)
        emitRollups(ring.current / 60 * 60); // the minute just completed, before new deltas land
    ring.current = second;

    Ring::Second &slot = ring.seconds[std::size_t(second % qint64(ring.seconds.size()))];
    if (slot.second != second) {
        slot.second = second;
        slot.deltas.clear();
    }
    ring.lastTotals.resize(totals.size(), 0);
    for (std::uint32_t i = 0; i < totals.size(); ++i) {
        if (totals[i] != ring.lastTotals[i]) {
            slot.deltas.emplace_back(i, totals[i] - ring.lastTotals[i]);
            ring.lastTotals[i] = totals[i];
        }
    }
}

void MetricsRegistry::emitRollups(qint64 minuteStartSecond)
{
    if (!m_options.rollupSink)
        return;
    const std::vector<std::uint64_t> sum =
        mergeSeconds(*m_ring, minuteStartSecond, minuteStartSecond + 59, m_usedSlots.load());
    std::vector<Labels::Block> routes;
    {
        std::lock_guard lock(m_labelMutex);
        routes = m_labels->routes;
    }
    std::vector<MinuteRollup> rollups;
    for (const Labels::Block &route : routes) {
        if (route.base + kRouteBlockSize > sum.size())
            continue;
        const std::uint64_t *b = sum.data() + route.base;
        MinuteRollup r;
        for (int o = 0; o < kOutcomes; ++o) {
            if (b[o] == 0)
                continue;
            r.outcomes[outcomeClassName(kAllOutcomeClasses[std::size_t(o)])] = qint64(b[o]);
            r.requests += qint64(b[o]);
            if (o != int(OutcomeClass::Ok))
                r.errors += qint64(b[o]);
        }
        if (r.requests == 0)
            continue;
        r.minuteMs = minuteStartSecond * 1000;
        r.route = route.name;
        r.fallbacks = qint64(b[kRouteFallbacks]);
        for (const auto &[cell, band] : kBandCells)
            r.outcomes[rollupBandKey(band)] = qint64(b[cell]);
        r.latencyP50Ms = lb::quantile(b + kRouteLatency, 0.50);
        r.latencyP95Ms = lb::quantile(b + kRouteLatency, 0.95);
        r.latencyP99Ms = lb::quantile(b + kRouteLatency, 0.99);
        r.ttftP50Ms = lb::quantile(b + kRouteTtft, 0.50);
        r.ttftP95Ms = lb::quantile(b + kRouteTtft, 0.95);
        r.ttftP99Ms = lb::quantile(b + kRouteTtft, 0.99);
        r.latencyHistogram = sparseHistogram(b + kRouteLatency);
        r.ttftHistogram = sparseHistogram(b + kRouteTtft);
        r.promptTokens = qint64(b[kRoutePromptTokens]);
        r.completionTokens = qint64(b[kRouteCompletionTokens]);
        r.cost = double(b[kRouteCostNano]) / kNanoPerUnit;
        rollups.push_back(std::move(r));
    }
    if (!rollups.empty())
        m_options.rollupSink(std::move(rollups));
}

MetricsWindow MetricsRegistry::snapshot(int windowSeconds)
{
    collect();
    MetricsWindow w;
    w.windowSeconds = std::clamp(windowSeconds, 1, m_options.ringSeconds);
    std::vector<Labels::Block> routes, targets;
    std::vector<Labels::Trigger> triggers;
    {
        std::lock_guard lock(m_labelMutex);
        routes = m_labels->routes;
        targets = m_labels->targets;
        triggers = m_labels->triggers;
    }
    std::lock_guard lock(m_collectMutex);
    const Ring &ring = *m_ring;
    const qint64 to = ring.current;
    const qint64 from = to - w.windowSeconds + 1;
    const std::vector<std::uint64_t> sum = mergeSeconds(ring, from, to, m_usedSlots.load());

    // What each slot means for the per-second series.
    enum : std::uint8_t { None, Ok, Error, Fallback, Band };
    std::vector<AnswerBand> bandOfSlot(sum.size(), AnswerBand::Ok);
    std::vector<std::uint8_t> kind(sum.size(), None);
    std::vector<std::uint64_t> latency(lb::kCount, 0), ttft(lb::kCount, 0);
    for (const Labels::Block &route : routes) {
        if (route.base + kRouteBlockSize > sum.size())
            continue;
        const std::uint64_t *b = sum.data() + route.base;
        MetricsWindow::Route r;
        r.route = route.name;
        for (int o = 0; o < kOutcomes; ++o) {
            kind[route.base + std::uint32_t(o)] = o == int(OutcomeClass::Ok) ? Ok : Error;
            r.requests += b[o];
            if (o != int(OutcomeClass::Ok))
                r.errors += b[o];
            if (b[o] != 0)
                w.byOutcome[outcomeClassName(kAllOutcomeClasses[std::size_t(o)])] += b[o];
        }
        kind[route.base + kRouteFallbacks] = Fallback;
        r.fallbacks = b[kRouteFallbacks];
        for (const auto &[cell, band] : kBandCells) {
            kind[route.base + cell] = Band;
            bandOfSlot[route.base + cell] = band;
            bandOf(w.bands, band) += b[cell];
        }
        r.latency = percentilesOf(b + kRouteLatency);
        r.ttft = percentilesOf(b + kRouteTtft);
        for (int i = 0; i < lb::kCount; ++i) {
            latency[std::size_t(i)] += b[kRouteLatency + std::uint32_t(i)];
            ttft[std::size_t(i)] += b[kRouteTtft + std::uint32_t(i)];
        }
        w.requests += r.requests;
        w.errors += r.errors;
        w.fallbacks += r.fallbacks;
        w.promptTokens += b[kRoutePromptTokens];
        w.completionTokens += b[kRouteCompletionTokens];
        w.cost += double(b[kRouteCostNano]) / kNanoPerUnit;
        w.cacheHits += b[kRouteCacheHits];
        if (r.requests > 0)
            w.routes.push_back(std::move(r));
    }
    completeBands(w.bands, w.requests, w.errors);
    w.latency = percentilesOf(latency.data());
    w.ttft = percentilesOf(ttft.data());
    w.requestsPerSecond = double(w.requests) / double(w.windowSeconds);
    w.errorRate = w.requests > 0 ? double(w.errors) / double(w.requests) : 0.0;
    w.retryBudgetExhausted = sum.size() > kRetryBudgetSlot ? sum[kRetryBudgetSlot] : 0;
    for (const Labels::Trigger &t : triggers) {
        if (t.slot >= sum.size() || sum[t.slot] == 0)
            continue;
        w.triggers.push_back({routes[t.route].name, targets[t.from].name,
                              t.to == kNoTarget ? QStringLiteral("none") : targets[t.to].name,
                              outcomeClassName(OutcomeClass(t.reason)), sum[t.slot]});
    }
    if (sum.size() > kTriggerOverflowSlot && sum[kTriggerOverflowSlot] > 0)
        w.triggers.push_back({otherLabel(), otherLabel(), otherLabel(), otherLabel(), sum[kTriggerOverflowSlot]});
    std::stable_sort(w.triggers.begin(), w.triggers.end(),
                     [](const auto &a, const auto &b) { return a.count > b.count; });

    w.perSecond.resize(std::size_t(w.windowSeconds));
    for (int i = 0; i < w.windowSeconds; ++i)
        w.perSecond[std::size_t(i)].second = from + i;
    for (const auto &second : ring.seconds) {
        if (second.second < from || second.second > to)
            continue;
        MetricsWindow::Second &point = w.perSecond[std::size_t(second.second - from)];
        for (const auto &[slot, delta] : second.deltas) {
            if (slot >= kind.size())
                continue;
            switch (kind[slot]) {
            case Ok:
                point.requests += delta;
                break;
            case Error:
                point.requests += delta;
                point.errors += delta;
                break;
            case Fallback:
                point.fallbacks += delta;
                break;
            case Band:
                bandOf(point.bands, bandOfSlot[slot]) += delta;
                break;
            default:
                break;
            }
        }
    }
    for (MetricsWindow::Second &point : w.perSecond)
        completeBands(point.bands, point.requests, point.errors);

    w.inFlight = m_inFlight.load(std::memory_order_relaxed);
    {
        std::lock_guard breakerLock(m_breakerMutex);
        w.breakers = m_breakers;
    }
    w.openBreakers = int(std::count_if(w.breakers.begin(), w.breakers.end(),
                                       [](const auto &b) { return b.second == BreakerGauge::Open; }));
    return w;
}

MetricsTotals MetricsRegistry::totals() const
{
    const std::vector<std::uint64_t> sum = sumShards();
    MetricsTotals t;
    std::lock_guard lock(m_labelMutex);
    const Labels &l = *m_labels;
    auto histogram = [&](std::uint32_t first, std::uint32_t sumSlot) {
        MetricsTotals::Histogram h;
        h.buckets.assign(sum.begin() + first, sum.begin() + first + lb::kCount);
        h.sumMs = sum[sumSlot];
        return h;
    };
    for (const Labels::Block &route : l.routes) {
        if (route.base + kRouteBlockSize > sum.size())
            continue;
        const std::uint64_t *b = sum.data() + route.base;
        MetricsTotals::Route r;
        r.route = route.name;
        std::uint64_t requests = 0;
        for (int o = 0; o < kOutcomes; ++o) {
            requests += b[o];
            if (b[o] != 0)
                r.byOutcome[outcomeClassName(kAllOutcomeClasses[std::size_t(o)])] = b[o];
        }
        if (requests == 0)
            continue; // "(other)" before anything overflowed
        r.latency = histogram(route.base + kRouteLatency, route.base + kRouteLatencySum);
        r.ttft = histogram(route.base + kRouteTtft, route.base + kRouteTtftSum);
        r.promptTokens = b[kRoutePromptTokens];
        r.completionTokens = b[kRouteCompletionTokens];
        r.cacheHits = b[kRouteCacheHits];
        r.cost = double(b[kRouteCostNano]) / kNanoPerUnit;
        t.routes.push_back(std::move(r));
    }
    for (const Labels::Block &target : l.targets) {
        MetricsTotals::Target tt;
        tt.target = target.name;
        for (int o = 0; o < kOutcomes; ++o)
            if (const std::uint64_t v = sum[target.base + std::uint32_t(o)]; v != 0)
                tt.byOutcome[outcomeClassName(kAllOutcomeClasses[std::size_t(o)])] = v;
        if (!tt.byOutcome.empty())
            t.targets.push_back(std::move(tt));
    }
    for (const Labels::Trigger &tr : l.triggers) {
        if (sum[tr.slot] == 0)
            continue;
        t.triggers.push_back({l.routes[tr.route].name, l.targets[tr.from].name,
                              tr.to == kNoTarget ? QStringLiteral("none") : l.targets[tr.to].name,
                              outcomeClassName(OutcomeClass(tr.reason)), sum[tr.slot]});
    }
    if (sum[kTriggerOverflowSlot] > 0)
        t.triggers.push_back({otherLabel(), otherLabel(), otherLabel(), otherLabel(), sum[kTriggerOverflowSlot]});
    t.retryBudgetExhausted = sum[kRetryBudgetSlot];
    t.inFlight = m_inFlight.load(std::memory_order_relaxed);
    std::lock_guard breakerLock(m_breakerMutex);
    t.breakers = m_breakers;
    t.breakerTransitions = m_transitions;
    return t;
}

QJsonObject MetricsRegistry::toJson(const MetricsWindow &w)
{
    auto percentiles = [](const Percentiles &p) {
        QJsonObject o{{QStringLiteral("count"), qint64(p.count)}};
        if (p.p50)
            o.insert(QStringLiteral("p50_ms"), *p.p50);
        if (p.p95)
            o.insert(QStringLiteral("p95_ms"), *p.p95);
        if (p.p99)
            o.insert(QStringLiteral("p99_ms"), *p.p99);
        return o;
    };
    QJsonObject outcomes;
    for (const auto &[name, count] : w.byOutcome)
        outcomes.insert(name, qint64(count));
    QJsonArray triggers;
    for (const FallbackTriggerCount &t : w.triggers)
        triggers.append(QJsonObject{{QStringLiteral("route"), t.route},
                                    {QStringLiteral("from"), t.from},
                                    {QStringLiteral("to"), t.to},
                                    {QStringLiteral("reason"), t.reason},
                                    {QStringLiteral("count"), qint64(t.count)}});
    QJsonArray routes;
    for (const MetricsWindow::Route &r : w.routes)
        routes.append(QJsonObject{{QStringLiteral("route"), r.route},
                                  {QStringLiteral("requests"), qint64(r.requests)},
                                  {QStringLiteral("errors"), qint64(r.errors)},
                                  {QStringLiteral("fallbacks"), qint64(r.fallbacks)},
                                  {QStringLiteral("latency"), percentiles(r.latency)},
                                  {QStringLiteral("ttft"), percentiles(r.ttft)}});
    QJsonArray perSecond;
    for (const MetricsWindow::Second &s : w.perSecond)
        perSecond.append(QJsonArray{s.second, qint64(s.requests), qint64(s.errors), qint64(s.fallbacks)});
    QJsonObject answers;
    for (std::size_t b = 0; b < kAnswerBandCount; ++b)
        answers.insert(answerBandName(AnswerBand(b)), qint64(w.bands[b]));
    QJsonObject breakers;
    for (const auto &[target, state] : w.breakers)
        breakers.insert(target, breakerName(state));
    return QJsonObject{{QStringLiteral("window_seconds"), w.windowSeconds},
                       {QStringLiteral("requests"), qint64(w.requests)},
                       {QStringLiteral("errors"), qint64(w.errors)},
                       {QStringLiteral("fallbacks"), qint64(w.fallbacks)},
                       {QStringLiteral("requests_per_second"), w.requestsPerSecond},
                       {QStringLiteral("error_rate"), w.errorRate},
                       {QStringLiteral("outcomes"), outcomes},
                       {QStringLiteral("answers"), answers},
                       {QStringLiteral("fallback_triggers"), triggers},
                       {QStringLiteral("latency"), percentiles(w.latency)},
                       {QStringLiteral("ttft"), percentiles(w.ttft)},
                       {QStringLiteral("prompt_tokens"), qint64(w.promptTokens)},
                       {QStringLiteral("completion_tokens"), qint64(w.completionTokens)},
                       {QStringLiteral("cost"), w.cost},
                       {QStringLiteral("cache_hits"), qint64(w.cacheHits)},
                       {QStringLiteral("retry_budget_exhausted"), qint64(w.retryBudgetExhausted)},
                       {QStringLiteral("routes"), routes},
                       {QStringLiteral("per_second"), perSecond},
                       {QStringLiteral("in_flight"), w.inFlight},
                       {QStringLiteral("breakers"), breakers},
                       {QStringLiteral("open_breakers"), w.openBreakers}};
}

} // namespace understudy
