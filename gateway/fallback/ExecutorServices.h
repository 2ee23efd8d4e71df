#pragma once

// Process-wide state the executor shares across workers. Each member
// documents its own locking; the struct itself is immutable after the
// engine builds it.

#include "fallback/AttemptTrail.h"
#include "fallback/BreakerRegistry.h"
#include "fallback/Clock.h"
#include "fallback/OutcomeClassifier.h"
#include "fallback/RandomSource.h"
#include "fallback/RetryBudgetGate.h"

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace understudy {

class ChaosRegistry;
class ResponseCache;

struct ExecutorServices
{
    ExecutorServices(const Clock &clock, RandomSource &random);

    // Called on every breaker transition, after the log line, on whichever
    // thread made it (usually a worker); listeners must be cheap and
    // thread-safe. Add them before the engine starts.
    void addBreakerListener(BreakerListener listener);

    const Clock &clock;
    RandomSource &random; // thread-safe (one generator per thread)
    BreakerRegistry breakers;
    RetryBudgetGate retryBudget;
    OutcomeClassifier classifier;
    std::shared_ptr<ResponseCache> cache;
    // Faults injected in front of real targets for a bounded time (SPEC §7).
    std::shared_ptr<ChaosRegistry> chaos;
    // Called on the worker thread when a request ends; must be cheap and
    // thread-safe (the request log batches behind it).
    std::function<void(const RequestTrail &)> trailSink;

private:
    void notifyTransition(const BreakerTransition &transition);

    std::mutex m_listenersMutex;
    std::vector<BreakerListener> m_breakerListeners;
};

} // namespace understudy
