#include "fallback/StepDecision.h"

#include "fallback/BackoffPolicy.h"
#include "fallback/DeadlineBudget.h"
#include "fallback/RetryBudgetGate.h"

#include <algorithm>

namespace understudy {

namespace {

StepDecision make(StepAction action, const QString &reason, qint64 delayMs = 0)
{
    StepDecision decision;
    decision.action = action;
    decision.reason = reason;
    decision.delayMs = delayMs;
    return decision;
}

StepDecision moveOn(const AttemptFacts &facts, const QString &reason)
{
    StepDecision decision = make(StepAction::Next, reason);
    decision.deadlineSpent = facts.remainingMs < DeadlineBudget::kMinimumUsefulAttemptMs;
    return decision;
}

} // namespace

StepDecision decideStep(const Step &step, const AttemptFacts &facts, RandomSource &random)
{
    const OutcomeClass outcome = facts.outcome;
    switch (outcome) {
    case OutcomeClass::Ok:
        return make(StepAction::Stop, QStringLiteral("served"));
    case OutcomeClass::SkippedCircuitOpen:
    case OutcomeClass::SkippedCondition:
        return moveOn(facts, outcomeClassName(outcome));
    case OutcomeClass::DeadlineExceeded: {
        StepDecision decision = make(StepAction::Stop, QStringLiteral("deadline_exceeded"));
        decision.deadlineSpent = true;
        return decision;
    }
    default:
        break;
    }

    if (facts.committed) {
        if (facts.midStream == MidStreamPolicy::Continue)
            return moveOn(facts, QStringLiteral("mid_stream_continue"));
        return make(StepAction::Stop, QStringLiteral("mid_stream_error"));
    }

    StepAction action = step.actionFor(outcome);
    if (action == StepAction::Stop)
        return make(StepAction::Stop, outcomeClassName(outcome));
    if (facts.bodyReachedUpstream && !facts.safeToResend)
        return make(StepAction::Stop, QStringLiteral("not_idempotent"));
    if (action == StepAction::Next)
        return moveOn(facts, outcomeClassName(outcome));
    if (outcome == OutcomeClass::ContextLengthExceeded)
        return moveOn(facts, QStringLiteral("never_resend_unchanged"));

    // Retry.
    if (facts.retriesDone >= step.retry.maxRetries)
        return moveOn(facts, QStringLiteral("retries_exhausted"));
    const BackoffPolicy backoff(step.retry);
    qint64 delay = 0;
    if (facts.retryAfterMs) {
        if (*facts.retryAfterMs > step.retry.retryAfterCapMs)
            return moveOn(facts, QStringLiteral("retry_after_over_cap"));
        // 429 waits exactly what was asked; other classes wait at least that.
        delay = outcome == OutcomeClass::Status429
                    ? *facts.retryAfterMs
                    : std::max(*facts.retryAfterMs, backoff.delayMs(facts.retriesDone, random));
        delay = std::max(delay, BackoffPolicy::kMinimumDelayMs);
    } else {
        delay = backoff.delayMs(facts.retriesDone, random);
    }
    if (facts.remainingMs < delay + DeadlineBudget::kMinimumUsefulAttemptMs)
        return moveOn(facts, QStringLiteral("deadline_too_close"));

    StepDecision decision = make(StepAction::Retry, QStringLiteral("retry"), delay);
    if (facts.retryBudget) {
        if (!facts.retryBudget->tryAcquireRetry())
            return moveOn(facts, QStringLiteral("retry_budget_exhausted"));
        decision.retrySlotHeld = true;
    } else if (!facts.retryBudgetAvailable) {
        return moveOn(facts, QStringLiteral("retry_budget_exhausted"));
    }
    return decision;
}

bool isSafeToResend(RouteKind kind, const QString &method, bool routeOptsIn)
{
    if (kind == RouteKind::Llm || routeOptsIn)
        return true;
    // RFC 9110 §9.2.2 idempotent methods.
    static const QStringList kIdempotent = {QStringLiteral("GET"),   QStringLiteral("HEAD"), QStringLiteral("OPTIONS"),
                                            QStringLiteral("TRACE"), QStringLiteral("PUT"),  QStringLiteral("DELETE")};
    return kIdempotent.contains(method.toUpper());
}

bool fitsContextWindow(const ModelInfo *model, qint64 estimatedPromptTokens)
{
    if (!model || model->contextWindow <= 0 || estimatedPromptTokens < 0)
        return true;
    return estimatedPromptTokens <= model->contextWindow;
}

} // namespace understudy
