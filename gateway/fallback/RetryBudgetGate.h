#pragma once

// The process-wide retry budget (SPEC §3 "Backoff"; Envoy's retry budget):
// retries in flight may be at most `ratio` x requests in flight, but never
// fewer than `minRetriesInFlight`, so a brownout cannot turn into a retry
// storm while a quiet gateway can still retry.
//
// Named "Gate" because `RetryBudget` is the config struct in Config.h.
//
// Locking: none. Every counter is a std::atomic; tryAcquireRetry() reserves
// a slot with a compare-exchange loop so concurrent callers can never push
// retries in flight above the allowance computed from the values they read.
// Settings are atomics too, so a config swap may call configure() while
// workers run.

#include "config/Config.h"

#include <QtGlobal>

#include <atomic>

namespace understudy {

class RetryBudgetGate final
{
public:
    explicit RetryBudgetGate(const RetryBudget &settings = {});
    Q_DISABLE_COPY_MOVE(RetryBudgetGate)

    void configure(const RetryBudget &settings);

    void requestStarted();
    void requestFinished();

    // Reserves one retry slot; false (and the exhaustion counter grows) when
    // the budget is spent. Every successful acquire needs one releaseRetry().
    bool tryAcquireRetry();
    void releaseRetry();

    // How many retries may be in flight with the current request count.
    qint64 allowance() const;

    qint64 requestsInFlight() const { return m_requestsInFlight.load(std::memory_order_relaxed); }
    qint64 retriesInFlight() const { return m_retriesInFlight.load(std::memory_order_relaxed); }
    // Times a retry was refused since start (a metrics counter).
    quint64 exhaustedTotal() const { return m_exhausted.load(std::memory_order_relaxed); }

private:
    std::atomic<qint64> m_requestsInFlight{0};
    std::atomic<qint64> m_retriesInFlight{0};
    std::atomic<quint64> m_exhausted{0};
    std::atomic<double> m_ratio{0.2};
    std::atomic<int> m_floor{10};
};

} // namespace understudy
