// metrics-record-bench: what MetricsRegistry::record() costs the data plane,
// in ns per request, with two worker threads recording representative
// trails (two attempts, one fallback trigger, tokens, cost) at once.
// Usage: metrics-record-bench [iterations per thread, default 2000000]

#include "observe/MetricsRegistry.h"

#include <QCoreApplication>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <thread>
#include <vector>

using namespace understudy;

namespace {

// CPU time of the calling thread: on a shared machine wall time also counts
// the time the scheduler gave to others.
double threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
}

RequestTrail trail(int route)
{
    RequestTrail t;
    t.requestId = "bench";
    t.route = route == 0 ? QStringLiteral("chat") : QStringLiteral("embed");
    t.durationMs = 230;
    t.ttftMs = 80;
    t.promptTokens = 120;
    t.completionTokens = 300;
    t.cost = 0.0012;
    t.fallbackDepth = 1;
    AttemptRecord failed;
    failed.target = QStringLiteral("openai/gpt-4o");
    failed.outcome = OutcomeClass::Status5xx;
    AttemptRecord ok;
    ok.target = QStringLiteral("anthropic/claude");
    t.attempts = {failed, ok};
    return t;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const long iterations = argc > 1 ? std::atol(argv[1]) : 2000000;
    MetricsRegistry registry;
    const int threads = 2;
    std::vector<double> nsPerOp(threads, 0), wallNsPerOp(threads, 0);
    std::vector<std::thread> workers;
    for (int w = 0; w < threads; ++w) {
        workers.emplace_back([&, w] {
            const RequestTrail t = trail(w % 2);
            registry.record(t); // first sight: interning, shard registration
            const auto start = std::chrono::steady_clock::now();
            const double cpuStart = threadCpuNs();
            for (long i = 0; i < iterations; ++i)
                registry.record(t);
            const double cpu = threadCpuNs() - cpuStart;
            const auto took = std::chrono::steady_clock::now() - start;
            nsPerOp[std::size_t(w)] = cpu / double(iterations);
            wallNsPerOp[std::size_t(w)] =
                double(std::chrono::duration_cast<std::chrono::nanoseconds>(took).count()) / double(iterations);
        });
    }
    for (auto &w : workers)
        w.join();
    double worst = 0;
    for (int w = 0; w < threads; ++w) {
        std::printf("thread %d: %.1f ns/record CPU (%.1f ns wall)\n", w, nsPerOp[std::size_t(w)],
                    wallNsPerOp[std::size_t(w)]);
        worst = std::max(worst, nsPerOp[std::size_t(w)]);
    }
    const MetricsTotals totals = registry.totals();
    std::uint64_t recorded = 0;
    for (const auto &r : totals.routes)
        for (const auto &[outcome, n] : r.byOutcome)
            recorded += n;
    std::printf("recorded %llu requests; worst thread %.1f ns/record CPU (budget 1000 ns)\n",
                static_cast<unsigned long long>(recorded), worst);
    return recorded == std::uint64_t(threads) * std::uint64_t(iterations + 1) && worst < 1000 ? 0 : 1;
}
