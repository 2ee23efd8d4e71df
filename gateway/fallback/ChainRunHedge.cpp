// ChainRun: hedging. When a step has `hedge.enabled` and its attempt has
// not answered within `hedge.after_ms`, a second attempt starts on the
// first eligible target of the following steps (conditions, context window
// and breaker respected, the chain's attempt budget counted). The first
// attempt to answer with a 2xx head wins and the other is cancelled; its
// breaker is not told (it was not judged), and the trail records it as
// "hedge lost". If the current attempt fails while the hedge runs, the hedge
// takes over as the current attempt (unless the failure's class says stop).
// Requests that are not safe to resend (non-idempotent http) are never
// hedged.

#include "fallback/AttemptFactory.h"
#include "fallback/AttemptStream.h"
#include "fallback/ChainPlan.h"
#include "fallback/ChainRun.h"
#include "fallback/StepDecision.h"
#include "http/HttpExchange.h"

namespace understudy {

void ChainRun::armHedge()
{
    const HedgePolicy &hedge = currentStep().step->hedge;
    if (!hedge.enabled || hedge.afterMs <= 0 || m_committed || m_lastChance || m_hedge.stream || !m_safeToResend)
        return;
    m_hedgeTimer.start(hedge.afterMs, Qt::PreciseTimer, this);
}

void ChainRun::startHedge()
{
    if (m_done || m_committed || m_phase != Phase::Waiting || !m_stream || m_hedge.stream)
        return;
    const ChainPolicy &policy = m_plan->chain->policy;
    if (m_attemptsStarted >= policy.maxAttempts || remainingMs() < kMinimumAttemptMs)
        return;
    for (int i = m_stepIndex + 1; i < int(m_plan->steps.size()); ++i) {
        const PlannedStep &planned = m_plan->steps[size_t(i)];
        const Step &step = *planned.step;
        if (!planned.conditions.isEmpty() && !planned.conditions.holds(m_facts, m_services->clock.wallNow()))
            continue;
        if (step.kind == StepKind::Chain)
            continue; // expanded by the plan
        if (step.kind != StepKind::Provider && step.kind != StepKind::Group)
            return; // cache and static answers wait for a real failure
        std::vector<int> order;
        if (planned.balancer)
            order = planned.balancer->order(m_services->random);
        else if (!step.targets.empty())
            order.push_back(0);
        for (int member : order) {
            const Target &target = step.targets[size_t(member)];
            const Provider *provider = m_snapshot->config->provider(target.provider);
            const QString model = target.model.isEmpty() ? m_facts.requestedModel : target.model;
            if (!provider || (isLlm() && !fitsContextWindow(provider->model(model), m_facts.estimatedPromptTokens)))
                continue;
            std::shared_ptr<CircuitBreaker> breaker =
                step.breaker.enabled
                    ? m_services->breakers.breaker(breakerTargetKey(target.provider, model), step.breaker)
                    : nullptr;
            const BreakerAdmission admission = breaker ? breaker->admit() : BreakerAdmission{};
            if (admission.verdict != BreakerAdmission::Verdict::Allowed)
                continue;
            const Timeouts timeouts = clippedTimeouts(step);
            AttemptRequest attempt{*provider, target,  timeouts,  m_exchange->request(),
                                   m_route,   m_facts, m_prefill, m_services->chaos.get()};
            auto made = makeAttemptStream(attempt, m_pool, this);
            if (!made) {
                if (breaker)
                    breaker->cancel(admission);
                continue;
            }
            ++m_attemptsStarted;
            if (planned.balancer)
                planned.balancer->attemptStarted(member);
            m_hedge.stream = *made;
            m_hedge.stepIndex = i;
            m_hedge.member = member;
            m_hedge.memberOrder = std::move(order);
            m_hedge.breaker = std::move(breaker);
            m_hedge.admission = admission;
            m_hedge.startMs = elapsedMs();
            m_hedge.firstByteMs = timeouts.firstByteMs;
            m_hedge.idleMs = timeouts.idleMs;
            connect(m_hedge.stream, &AttemptStream::responseHead, this, &ChainRun::onHedgeHead);
            connect(m_hedge.stream, &AttemptStream::failed, this, &ChainRun::onHedgeFailed);
            return;
        }
        return; // only the next provider step is raced, never one further down
    }
}

void ChainRun::onHedgeHead(int status, const HttpHeaders &headers)
{
    if (status < 200 || status >= 300) {
        const ResponseClassification cls = m_services->classifier.classify(status, headers, {});
        dropHedge(cls.outcome, QStringLiteral("hedge answered %1; the first attempt carries on").arg(status), true);
        return;
    }
    // The hedge answered first: the current attempt loses the race.
    if (m_breaker)
        m_breaker->cancel(m_admission);
    m_breaker.reset();
    recordAttempt(OutcomeClass::FirstByteTimeout, QStringLiteral("hedge lost: the hedge answered first"));
    if (currentStep().balancer)
        currentStep().balancer->attemptFinished(m_member, elapsedMs() - m_attemptStartMs, false);
    releaseRetrySlot();
    dropAttempt();
    promoteHedge();
    onHead(status, headers);
}

void ChainRun::onHedgeFailed(OutcomeClass outcome, const QString &detail)
{
    dropHedge(outcome, QStringLiteral("hedge failed (%1); the first attempt carries on").arg(detail), true);
}

void ChainRun::promoteHedge()
{
    Hedge hedge = std::exchange(m_hedge, Hedge{});
    hedge.stream->disconnect(this);
    m_stepsPassed += hedge.stepIndex - m_stepIndex;
    m_stepIndex = hedge.stepIndex;
    m_memberOrder = std::move(hedge.memberOrder);
    const auto pos = std::find(m_memberOrder.begin(), m_memberOrder.end(), hedge.member);
    m_memberPos = size_t(pos - m_memberOrder.begin()) + 1;
    m_member = hedge.member;
    m_breaker = std::move(hedge.breaker);
    m_admission = hedge.admission;
    m_retriesDone = 0;
    m_attemptStartMs = hedge.startMs;
    m_attemptTtftMs = -1;
    m_status = 0;
    m_headers.clear();
    m_body.clear();
    m_trailBytes = 0;
    m_phase = Phase::Waiting;
    m_stream = hedge.stream;
    connect(m_stream, &AttemptStream::responseHead, this, &ChainRun::onHead);
    connect(m_stream, &AttemptStream::bodyData, this, &ChainRun::onBody);
    connect(m_stream, &AttemptStream::finished, this, &ChainRun::onFinished);
    connect(m_stream, &AttemptStream::failed, this, &ChainRun::onFailed);
    m_idleMs = hedge.idleMs;
    const qint64 firstByteLeft = hedge.firstByteMs - (elapsedMs() - hedge.startMs);
    m_firstByteTimer.start(int(std::max<qint64>(firstByteLeft, 1)), Qt::PreciseTimer, this);
}

void ChainRun::dropHedge(OutcomeClass outcome, const QString &decision, bool toBreaker)
{
    if (!m_hedge.stream)
        return;
    Hedge hedge = std::exchange(m_hedge, Hedge{});
    hedge.stream->disconnect(this);
    hedge.stream->cancel();
    hedge.stream->deleteLater();
    if (hedge.breaker) {
        if (toBreaker)
            hedge.breaker->record(hedge.admission, outcome);
        else
            hedge.breaker->cancel(hedge.admission);
    }
    const PlannedStep &planned = m_plan->steps[size_t(hedge.stepIndex)];
    if (planned.balancer)
        planned.balancer->attemptFinished(hedge.member, elapsedMs() - hedge.startMs, false);
    if (decision.isEmpty() || m_done)
        return;
    const Target &target = planned.step->targets[size_t(hedge.member)];
    AttemptRecord record;
    record.stepPath = planned.balancer ? planned.path + QStringLiteral("/members[%1]").arg(hedge.member) : planned.path;
    record.target = targetLabel(target);
    record.startOffsetMs = hedge.startMs;
    record.durationMs = elapsedMs() - hedge.startMs;
    record.outcome = outcome;
    record.breakerState = hedge.breaker ? breakerStateName(hedge.breaker->state()) : QString();
    record.decision = decision;
    m_trail.attempts.push_back(std::move(record));
}

} // namespace understudy
