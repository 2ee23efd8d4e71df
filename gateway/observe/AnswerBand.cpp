#include "observe/AnswerBand.h"

namespace understudy {

AnswerBand answerBand(const RequestTrail &trail)
{
    if (trail.outcome != OutcomeClass::Ok)
        return AnswerBand::Failed;
    if (trail.cached)
        return AnswerBand::Cached;
    if (trail.staticAnswer)
        return AnswerBand::Static;
    if (trail.fallbackDepth > 0)
        return AnswerBand::Fallback;
    const std::size_t n = trail.attempts.size();
    if (n < 2)
        return AnswerBand::Ok;
    // The attempt that answered: marked "served" (a hedge's loser may be
    // recorded after it), else the last one.
    std::size_t served = n - 1;
    for (std::size_t i = n; i-- > 0;) {
        if (trail.attempts[i].decision == QLatin1String("served")) {
            served = i;
            break;
        }
    }
    const AttemptRecord &answer = trail.attempts[served];
    for (std::size_t i = 0; i < served; ++i) {
        const AttemptRecord &a = trail.attempts[i];
        if (a.outcome != OutcomeClass::SkippedCircuitOpen && a.outcome != OutcomeClass::SkippedCondition &&
            a.target == answer.target && a.stepPath == answer.stepPath)
            return AnswerBand::Retried;
    }
    return AnswerBand::Ok;
}

QString answerBandName(AnswerBand band)
{
    switch (band) {
    case AnswerBand::Ok:
        return QStringLiteral("ok");
    case AnswerBand::Retried:
        return QStringLiteral("retried");
    case AnswerBand::Fallback:
        return QStringLiteral("fallback");
    case AnswerBand::Cached:
        return QStringLiteral("cached");
    case AnswerBand::Static:
        return QStringLiteral("static");
    case AnswerBand::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

QString rollupBandKey(AnswerBand band)
{
    return QStringLiteral("band:") + answerBandName(band);
}

} // namespace understudy
