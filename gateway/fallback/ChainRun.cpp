#include "fallback/ChainRun.h"

#include "fallback/AttemptFactory.h"
#include "fallback/AttemptStream.h"
#include "fallback/ChainPlan.h"
#include "fallback/ChainSimulation.h"
#include "fallback/LlmWire.h"
#include "fallback/StepDecision.h"
#include "fallback/StreamRelay.h"
#include "http/HttpExchange.h"

#include <QLoggingCategory>
#include <QTimerEvent>

namespace understudy {

Q_LOGGING_CATEGORY(lcChain, "understudy.chain", QtInfoMsg)

ChainRun::ChainRun(HttpExchange *exchange, RuntimeSnapshotPtr snapshot, const Route &route,
                   std::shared_ptr<ExecutorServices> services, UpstreamPool &pool)
    : m_exchange(exchange)
    , m_snapshot(std::move(snapshot))
    , m_route(route)
    , m_services(std::move(services))
    , m_pool(pool)
{
    m_clock.start();
    const HttpRequest &request = exchange->request();
    if (auto it = m_snapshot->plans.find(route.chain); it != m_snapshot->plans.end())
        m_plan = it->second.get();
    Q_ASSERT(m_plan); // validation guarantees every route names a chain

    m_facts = requestFactsFor(request, route, m_plan->usesHeaders);
    m_safeToResend = isSafeToResend(route.kind, QString::fromLatin1(request.method), route.retryNonIdempotent);

    m_trail = startTrail(request, route.name);
    m_trail.stream = m_facts.stream;
    m_trail.promptTokens = m_facts.estimatedPromptTokens;
    if (route.logBodies)
        exchange->setResponseCapture(kCapturedBodyBytes);

    connect(exchange, &HttpExchange::clientGone, this, [this] {
        dropHedge(OutcomeClass::ResetBeforeResponse, QStringLiteral("hedge lost: client gone"), false);
        dropAttempt();
        m_trail.outcome = OutcomeClass::ResetBeforeResponse;
        m_trail.status = 499; // client closed the request (nginx's convention)
        finishRun();
    });
    connect(exchange, &HttpExchange::writable, this, [this] {
        if (m_stream && m_pausedForClient) {
            m_pausedForClient = false;
            m_stream->resume();
        }
    });
}

ChainRun::~ChainRun()
{
    dropHedge(OutcomeClass::FirstByteTimeout, {}, false);
    dropAttempt();
    releaseRetrySlot();
}

void ChainRun::start()
{
    m_services->retryBudget.requestStarted();
    m_started = true;
    m_deadlineMs = m_plan->chain->policy.deadlineMs;
    m_deadlineTimer.start(int(m_deadlineMs), Qt::PreciseTimer, this);
    advance();
}

qint64 ChainRun::remainingMs() const
{
    return std::max<qint64>(0, m_deadlineMs - elapsedMs());
}

bool ChainRun::isLlm() const
{
    return m_route.kind == RouteKind::Llm;
}

const PlannedStep &ChainRun::currentStep() const
{
    return m_plan->steps[size_t(m_stepIndex)];
}

const Target &ChainRun::currentTarget() const
{
    return currentStep().step->targets[size_t(m_member)];
}

QString ChainRun::currentAttemptPath() const
{
    const PlannedStep &planned = currentStep();
    return planned.balancer ? planned.path + QStringLiteral("/members[%1]").arg(m_member) : planned.path;
}

QString ChainRun::targetLabel(const Target &target) const
{
    const QString model = target.model.isEmpty() ? m_facts.requestedModel : target.model;
    return model.isEmpty() ? target.provider : target.provider + QLatin1Char('/') + model;
}

// ------------------------------------------------------------- step walk

void ChainRun::advance()
{
    while (!m_done) {
        ++m_stepIndex;
        if (m_stepIndex >= int(m_plan->steps.size())) {
            runEverythingOpenRule();
            return;
        }
        if (enterStep(m_stepIndex))
            return;
    }
}

bool ChainRun::enterStep(int index)
{
    const PlannedStep &planned = m_plan->steps[size_t(index)];
    const Step &step = *planned.step;
    if (!planned.conditions.isEmpty() && !planned.conditions.holds(m_facts, m_services->clock.wallNow())) {
        m_trail.attempts.push_back({planned.path,
                                    stepKindName(step.kind),
                                    elapsedMs(),
                                    0,
                                    -1,
                                    0,
                                    OutcomeClass::SkippedCondition,
                                    0,
                                    std::nullopt,
                                    {},
                                    QStringLiteral("next: conditions do not hold")});
        return false;
    }
    switch (step.kind) {
    case StepKind::Cache:
        return answerFromCache(planned);
    case StepKind::Static:
        answerStatic(planned);
        return true;
    case StepKind::Chain: // expanded by the plan
        return false;
    case StepKind::Provider:
    case StepKind::Group:
        break;
    }
    if (m_deadlineSpent) {
        m_trail.attempts.push_back({planned.path,
                                    stepKindName(step.kind),
                                    elapsedMs(),
                                    0,
                                    -1,
                                    0,
                                    OutcomeClass::DeadlineExceeded,
                                    0,
                                    std::nullopt,
                                    {},
                                    QStringLiteral("next: too little of the deadline left")});
        return false;
    }
    m_memberOrder.clear();
    if (planned.balancer) {
        m_memberOrder = planned.balancer->order(m_services->random);
    } else if (!step.targets.empty()) {
        m_memberOrder.push_back(0);
    }
    m_memberPos = 0;
    tryNextMember();
    return true;
}

void ChainRun::tryNextMember()
{
    const PlannedStep &planned = currentStep();
    const Step &step = *planned.step;
    const ChainPolicy &policy = m_plan->chain->policy;
    while (!m_done && m_memberPos < m_memberOrder.size()) {
        const int member = m_memberOrder[m_memberPos++];
        const Target &target = step.targets[size_t(member)];
        const Provider *provider = m_snapshot->config->provider(target.provider);
        const QString model = target.model.isEmpty() ? m_facts.requestedModel : target.model;
        const QString key = breakerTargetKey(target.provider, model);
        const QString path =
            planned.balancer ? planned.path + QStringLiteral("/members[%1]").arg(member) : planned.path;
        if (!provider)
            continue;
        if (isLlm() && (std::find(m_contextRejected.begin(), m_contextRejected.end(), key) != m_contextRejected.end() ||
                        !fitsContextWindow(provider->model(model), m_facts.estimatedPromptTokens))) {
            m_trail.attempts.push_back({path,
                                        targetLabel(target),
                                        elapsedMs(),
                                        0,
                                        -1,
                                        0,
                                        OutcomeClass::ContextLengthExceeded,
                                        0,
                                        std::nullopt,
                                        {},
                                        QStringLiteral("next: context window too small")});
            continue;
        }
        if (m_attemptsStarted >= policy.maxAttempts || remainingMs() < kMinimumAttemptMs) {
            // Budget spent: no more upstream attempts, but cache and static
            // steps further down may still answer.
            m_deadlineSpent = true;
            break;
        }
        std::shared_ptr<CircuitBreaker> breaker =
            step.breaker.enabled ? m_services->breakers.breaker(key, step.breaker) : nullptr;
        const BreakerAdmission admission = breaker ? breaker->admit() : BreakerAdmission{};
        if (admission.verdict != BreakerAdmission::Verdict::Allowed) {
            m_trail.attempts.push_back({path, targetLabel(target), elapsedMs(), 0, -1, 0,
                                        OutcomeClass::SkippedCircuitOpen, 0, std::nullopt,
                                        breakerStateName(breaker->state()), QStringLiteral("next: breaker open")});
            m_refusedByBreaker.push_back({m_stepIndex, member});
            continue;
        }
        m_breaker = std::move(breaker);
        m_retriesDone = 0;
        launch(member, admission);
        return;
    }
    ++m_stepsPassed;
    advance();
}

void ChainRun::launch(int member, BreakerAdmission admission)
{
    m_member = member;
    m_admission = admission;
    const PlannedStep &planned = currentStep();
    const Step &step = *planned.step;
    const Target &target = currentTarget();
    const Provider &provider = *m_snapshot->config->provider(target.provider);

    const Timeouts timeouts = clippedTimeouts(step);

    ++m_attemptsStarted;
    m_attemptStartMs = elapsedMs();
    m_attemptTtftMs = -1;
    m_status = 0;
    m_headers.clear();
    m_body.clear();
    m_phase = Phase::Waiting;
    if (planned.balancer)
        planned.balancer->attemptStarted(member);

    AttemptRequest attempt{provider, target,  timeouts,  m_exchange->request(),
                           m_route,  m_facts, m_prefill, m_services->chaos.get()};
    auto made = makeAttemptStream(attempt, m_pool, this);
    if (!made) {
        // Nothing was sent (a missing credential, an adapter we lack).
        concludeAttempt(made.error().code == QLatin1String("auth") ? OutcomeClass::AuthError
                                                                   : OutcomeClass::ConnectError,
                        made.error().message);
        return;
    }
    m_stream = *made;
    connect(m_stream, &AttemptStream::responseHead, this, &ChainRun::onHead);
    connect(m_stream, &AttemptStream::bodyData, this, &ChainRun::onBody);
    connect(m_stream, &AttemptStream::finished, this, &ChainRun::onFinished);
    connect(m_stream, &AttemptStream::failed, this, &ChainRun::onFailed);
    m_firstByteTimer.start(timeouts.firstByteMs, Qt::PreciseTimer, this);
    m_idleMs = timeouts.idleMs;
    armHedge();
}

Timeouts ChainRun::clippedTimeouts(const Step &step) const
{
    Timeouts timeouts = step.timeouts;
    const int remaining = int(remainingMs());
    timeouts.connectMs = std::min(timeouts.connectMs, remaining);
    timeouts.firstByteMs = std::min(timeouts.firstByteMs, remaining);
    timeouts.idleMs = std::min(timeouts.idleMs, remaining);
    timeouts.totalMs = timeouts.totalMs > 0 ? std::min(timeouts.totalMs, remaining) : remaining;
    return timeouts;
}

void ChainRun::runEverythingOpenRule()
{
    // SPEC §3: every target open and no cache/static answered -> the target
    // whose breaker would close soonest gets one attempt.
    if (m_attemptsStarted == 0 && !m_refusedByBreaker.empty() && !m_everythingOpenTried && !m_deadlineSpent) {
        m_everythingOpenTried = true;
        const Candidate *best = nullptr;
        std::shared_ptr<CircuitBreaker> bestBreaker;
        qint64 bestMs = -1;
        for (const Candidate &c : m_refusedByBreaker) {
            const PlannedStep &planned = m_plan->steps[size_t(c.stepIndex)];
            const Target &target = planned.step->targets[size_t(c.member)];
            const QString model = target.model.isEmpty() ? m_facts.requestedModel : target.model;
            auto breaker =
                m_services->breakers.breaker(breakerTargetKey(target.provider, model), planned.step->breaker);
            const qint64 ms = breaker->msUntilClose();
            if (ms >= 0 && (bestMs < 0 || ms < bestMs)) {
                best = &c;
                bestMs = ms;
                bestBreaker = breaker;
            }
        }
        if (best) {
            const BreakerAdmission admission = bestBreaker->admitAnyway();
            if (admission.verdict == BreakerAdmission::Verdict::Allowed) {
                m_stepIndex = best->stepIndex;
                m_memberOrder = {best->member};
                m_memberPos = 1;
                m_breaker = bestBreaker;
                m_retriesDone = 0;
                m_lastChance = true;
                launch(best->member, admission);
                return;
            }
        }
    }
    answerExhausted();
}

void ChainRun::timerEvent(QTimerEvent *event)
{
    // QBasicTimers repeat: each handler below is one-shot.
    const int id = event->timerId();
    if (id == m_firstByteTimer.timerId()) {
        m_firstByteTimer.stop();
        onFirstByteTimeout();
    } else if (id == m_idleTimer.timerId()) {
        // Re-armed lazily: body bytes only move m_lastActivityMs.
        const qint64 quiet = elapsedMs() - m_lastActivityMs;
        if (quiet < m_idleMs) {
            m_idleTimer.start(int(m_idleMs - quiet), Qt::PreciseTimer, this);
            return;
        }
        m_idleTimer.stop();
        onIdleTimeout();
    } else if (id == m_deadlineTimer.timerId()) {
        m_deadlineTimer.stop();
        onDeadline();
    } else if (id == m_retryTimer.timerId()) {
        m_retryTimer.stop();
        onRetryTimer();
    } else if (id == m_hedgeTimer.timerId()) {
        m_hedgeTimer.stop();
        startHedge();
    } else {
        QObject::timerEvent(event);
    }
}

void ChainRun::onRetryTimer()
{
    const BreakerAdmission admission = m_breaker ? m_breaker->admit() : BreakerAdmission{};
    if (admission.verdict != BreakerAdmission::Verdict::Allowed) {
        m_trail.attempts.push_back({currentStep().path, targetLabel(currentTarget()), elapsedMs(), 0, -1, 0,
                                    OutcomeClass::SkippedCircuitOpen, 0, std::nullopt,
                                    breakerStateName(m_breaker->state()), QStringLiteral("next: breaker opened")});
        releaseRetrySlot();
        tryNextMember();
        return;
    }
    launch(m_member, admission);
}

void ChainRun::scheduleRetry(qint64 delayMs)
{
    m_trail.attempts.back().decision = QStringLiteral("retry in %1 ms").arg(delayMs);
    m_retryTimer.start(int(std::max<qint64>(delayMs, 1)), Qt::PreciseTimer, this);
}

void ChainRun::releaseRetrySlot()
{
    if (m_retrySlotHeld) {
        m_services->retryBudget.releaseRetry();
        m_retrySlotHeld = false;
    }
}

void ChainRun::concludeAttempt(OutcomeClass outcome, const QString &detail, std::optional<qint64> retryAfterMs,
                               QString providerMessage)
{
    if (m_done)
        return;
    if (m_committed) {
        // A continuation attempt failed before adding anything: try the next
        // prefill-capable target, else end with the ORIGINAL failure.
        recordAttempt(outcome, detail, retryAfterMs);
        if (m_breaker)
            m_breaker->record(m_admission, outcome, retryAfterMs);
        dropAttempt();
        if (!continueWithPrefill())
            endStreamWithError();
        return;
    }
    const PlannedStep &planned = currentStep();
    const Step &step = *planned.step;
    const bool bodyReached = m_stream ? m_stream->bodyReachedUpstream() : false;
    recordAttempt(outcome, detail, retryAfterMs);
    if (m_breaker)
        m_breaker->record(m_admission, outcome, retryAfterMs);
    if (planned.balancer)
        planned.balancer->attemptFinished(m_member, elapsedMs() - m_attemptStartMs, false);
    releaseRetrySlot();
    if (outcome == OutcomeClass::ContextLengthExceeded)
        m_contextRejected.push_back(breakerTargetKey(currentTarget().provider, currentTarget().model.isEmpty()
                                                                                   ? m_facts.requestedModel
                                                                                   : currentTarget().model));
    dropAttempt();

    AttemptFacts facts;
    facts.outcome = outcome;
    facts.upstreamStatus = m_status;
    facts.retryAfterMs = retryAfterMs;
    facts.retriesDone = m_retriesDone;
    facts.remainingMs = remainingMs();
    facts.safeToResend = m_safeToResend;
    facts.bodyReachedUpstream = bodyReached;
    facts.midStream = m_plan->chain->policy.midStream;
    facts.retryBudget = &m_services->retryBudget;
    const StepDecision decision = m_lastChance
                                      ? StepDecision{StepAction::Next, 0, QStringLiteral("last chance"), false, false}
                                      : decideStep(step, facts, m_services->random);
    m_trail.attempts.back().decision = stepActionName(decision.action) + QStringLiteral(": ") + decision.reason;
    m_deadlineSpent = m_deadlineSpent || decision.deadlineSpent;
    StepAction action = decision.action;
    if (action == StepAction::Retry && m_attemptsStarted >= m_plan->chain->policy.maxAttempts) {
        action = StepAction::Next; // the chain's attempt budget is spent
        if (decision.retrySlotHeld)
            m_services->retryBudget.releaseRetry();
    }
    if (m_hedge.stream) {
        // A hedge is already running on a later step: it takes over instead
        // of a retry or a fresh walk, unless the class says stop.
        if (action == StepAction::Stop) {
            dropHedge(OutcomeClass::FirstByteTimeout, QStringLiteral("hedge lost: the chain stopped"), false);
        } else {
            if (action == StepAction::Retry && decision.retrySlotHeld)
                m_services->retryBudget.releaseRetry();
            m_trail.attempts.back().decision =
                QStringLiteral("next: the hedge takes over (") + decision.reason + QLatin1Char(')');
            promoteHedge();
            return;
        }
    }
    switch (action) {
    case StepAction::Retry:
        m_retrySlotHeld = decision.retrySlotHeld;
        ++m_retriesDone;
        scheduleRetry(decision.delayMs);
        return;
    case StepAction::Next:
        if (m_lastChance) {
            answerExhausted();
            return;
        }
        tryNextMember();
        return;
    case StepAction::Stop:
        stopWith(outcome, providerMessage);
        return;
    }
}

void ChainRun::recordAttempt(OutcomeClass outcome, const QString &detail, std::optional<qint64> retryAfterMs)
{
    const Target &target = currentTarget();
    AttemptRecord record;
    record.stepPath = currentAttemptPath();
    record.target = targetLabel(target);
    record.startOffsetMs = m_attemptStartMs;
    record.durationMs = elapsedMs() - m_attemptStartMs;
    record.ttftMs = m_attemptTtftMs;
    record.bytes = m_trailBytes;
    record.outcome = outcome;
    record.upstreamStatus = m_status;
    record.retryAfterMs = retryAfterMs;
    record.breakerState = m_breaker ? breakerStateName(m_breaker->state()) : QString();
    record.decision = detail;
    m_trail.attempts.push_back(std::move(record));
    m_trailBytes = 0;
}

void ChainRun::recordServed(OutcomeClass outcome)
{
    recordAttempt(outcome, QStringLiteral("served"));
    if (m_breaker)
        m_breaker->record(m_admission, outcome);
    if (currentStep().balancer)
        currentStep().balancer->attemptFinished(m_member, elapsedMs() - m_attemptStartMs, true);
    m_trail.servedBy = m_trail.attempts.back().stepPath + QLatin1Char(' ') + m_trail.attempts.back().target;
    if (m_trail.servedModel.isEmpty())
        m_trail.servedModel = m_trail.attempts.back().target;
    m_trail.ttftMs = m_attemptStartMs + std::max<qint64>(m_attemptTtftMs, 0);
    m_trail.fallbackDepth = m_stepsPassed;
    m_trail.outcome = outcome;
    const ModelInfo *model =
        m_snapshot->config->provider(currentTarget().provider)
            ? m_snapshot->config->provider(currentTarget().provider)
                  ->model(currentTarget().model.isEmpty() ? m_facts.requestedModel : currentTarget().model)
            : nullptr;
    if (model && m_trail.promptTokens >= 0 && m_trail.completionTokens >= 0)
        m_trail.cost = (double(m_trail.promptTokens) * model->inputPricePerMTok +
                        double(m_trail.completionTokens) * model->outputPricePerMTok) /
                       1e6;
}

void ChainRun::dropAttempt()
{
    m_firstByteTimer.stop();
    m_idleTimer.stop();
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->cancel();
        m_stream->deleteLater();
        m_stream = nullptr;
    }
    m_relay.reset();
    m_phase = Phase::Idle;
}

} // namespace understudy
