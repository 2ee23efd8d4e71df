#include "fallback/ExecutorServices.h"

#include "fallback/ChaosRegistry.h"

#include <QLoggingCategory>

namespace understudy {

Q_LOGGING_CATEGORY(lcBreaker, "understudy.breaker", QtInfoMsg)

namespace {

// Every transition is an event (SPEC §6); the request log and console
// subscribe to the same listener later.
void logTransition(const BreakerTransition &t)
{
    qCInfo(lcBreaker).noquote() << QStringLiteral("breaker transition | target=%1 from=%2 to=%3 reason=%4")
                                       .arg(t.target, breakerStateName(t.from), breakerStateName(t.to), t.reason);
}

} // namespace

ExecutorServices::ExecutorServices(const Clock &c, RandomSource &r)
    : clock(c)
    , random(r)
    , breakers(c, r, [this](const BreakerTransition &t) { notifyTransition(t); })
    , classifier(c)
    , chaos(std::make_shared<ChaosRegistry>(c))
{}

void ExecutorServices::addBreakerListener(BreakerListener listener)
{
    const std::lock_guard lock(m_listenersMutex);
    m_breakerListeners.push_back(std::move(listener));
}

void ExecutorServices::notifyTransition(const BreakerTransition &transition)
{
    logTransition(transition);
    std::vector<BreakerListener> listeners;
    {
        const std::lock_guard lock(m_listenersMutex);
        listeners = m_breakerListeners;
    }
    for (const BreakerListener &listener : listeners)
        listener(transition);
}

} // namespace understudy
