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
    : clock(c), random(r), breakers(c, r, logTransition), classifier(c), chaos(std::make_shared<ChaosRegistry>(c))
{}

} // namespace understudy
