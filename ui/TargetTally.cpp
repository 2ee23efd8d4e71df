#include "TargetTally.h"

#include "fallback/AttemptTrail.h"

namespace understudy {

namespace {

// "chat/steps[3]/members[0]" -> "chat/steps[3]": the designer draws top-level steps.
QString topLevelStep(const QString &stepPath)
{
    const qsizetype close = stepPath.indexOf(u']');
    return close < 0 ? stepPath : stepPath.left(close + 1);
}

} // namespace

void TargetTally::record(const RequestTrail &trail)
{
    const std::lock_guard lock(m_mutex);
    for (const AttemptRecord &attempt : trail.attempts) {
        // Skipped steps sent nothing anywhere; they are neither served nor failed.
        if (attempt.outcome == OutcomeClass::SkippedCircuitOpen || attempt.outcome == OutcomeClass::SkippedCondition)
            continue;
        // Cache and static steps have no provider target: count them by step.
        const bool local = attempt.target == QLatin1String("cache") || attempt.target == QLatin1String("static");
        Counts &counts = m_counts[local ? topLevelStep(attempt.stepPath) : attempt.target];
        if (attempt.outcome == OutcomeClass::Ok)
            ++counts.served;
        else
            ++counts.failed;
    }
}

QHash<QString, TargetTally::Counts> TargetTally::snapshot() const
{
    const std::lock_guard lock(m_mutex);
    return m_counts;
}

void TargetTally::clear()
{
    const std::lock_guard lock(m_mutex);
    m_counts.clear();
}

} // namespace understudy
