// ChainRun: events of the attempt in flight (head, body, end, failure,
// timeouts).

#include "fallback/AttemptStream.h"
#include "fallback/ChainPlan.h"
#include "fallback/ChainRun.h"
#include "fallback/LlmWire.h"
#include "fallback/StreamRelay.h"
#include "http/HttpExchange.h"

namespace understudy {

namespace {

// Error bodies are classified from a prefix; keep no more.
constexpr qsizetype kErrorBodyKeep = 64 * 1024;

} // namespace

void ChainRun::onHead(int status, const HttpHeaders &headers)
{
    m_status = status;
    m_headers = headers;
    m_phase = Phase::Body;
    const bool success = status >= 200 && status < 300;
    m_hedgeTimer.stop();
    if (success && m_hedge.stream)
        dropHedge(OutcomeClass::FirstByteTimeout, QStringLiteral("hedge lost: the other attempt answered first"),
                  false);
    if (success && isLlm() && m_facts.stream && llm::isEventStream(headers)) {
        // TTFT: the first-byte timer keeps running until the first content event.
        m_relay = std::make_unique<StreamRelay>();
        m_phase = Phase::Streaming;
    } else {
        m_firstByteTimer.stop();
        m_attemptTtftMs = elapsedMs() - m_attemptStartMs;
    }
    m_lastActivityMs = elapsedMs();
    if (m_idleMs > 0)
        m_idleTimer.start(m_idleMs, Qt::PreciseTimer, this);
}

void ChainRun::onBody(const QByteArray &data)
{
    m_lastActivityMs = elapsedMs();
    m_trailBytes += data.size();
    if (m_phase == Phase::Streaming) {
        relayStreamBytes(data);
        return;
    }
    if (m_passThrough) {
        if (m_exchange && !m_exchange->write(data)) {
            m_pausedForClient = true;
            m_stream->pause();
        }
        return;
    }
    const bool success = m_status >= 200 && m_status < 300;
    if (!success) {
        if (m_body.size() < kErrorBodyKeep)
            m_body.append(data.left(kErrorBodyKeep - m_body.size()));
        return;
    }
    m_body.append(data);
    // Bodies larger than the buffer bound are committed early and streamed
    // through (http routes); an llm answer that large is not a chat answer.
    // An http route's event stream commits with its first bytes: the
    // client asked for a live stream, not a document.
    const bool liveStream = !isLlm() && llm::isEventStream(m_headers);
    if (liveStream || m_body.size() > m_plan->chain->policy.bufferMaxBytes) {
        if (isLlm()) {
            concludeAttempt(OutcomeClass::MalformedResponse, QStringLiteral("answer larger than the buffer bound"));
            return;
        }
        commitHead(-1);
        m_passThrough = true; // this attempt's bytes now go straight to the client
        m_exchange->write(std::exchange(m_body, QByteArray()));
    }
}

void ChainRun::onFinished()
{
    m_firstByteTimer.stop();
    m_idleTimer.stop();
    if (m_phase == Phase::Streaming) {
        endOfStream();
        return;
    }
    if (m_passThrough) {
        recordServed(OutcomeClass::Ok);
        if (m_exchange)
            m_exchange->finish();
        finishRun();
        return;
    }
    if (m_status >= 200 && m_status < 300) {
        if (isLlm()) {
            const llm::CompletionCheck check = llm::checkCompletion(m_body);
            if (check.outcome != OutcomeClass::Ok) {
                concludeAttempt(check.outcome, check.detail);
                return;
            }
            m_trail.servedModel = check.model;
            m_trail.promptTokens = check.promptTokens;
            m_trail.completionTokens = check.completionTokens;
            storeInCache(m_body);
        }
        commitHead(m_body.size());
        m_exchange->write(std::exchange(m_body, QByteArray()));
        recordServed(OutcomeClass::Ok);
        m_exchange->finish();
        finishRun();
        return;
    }
    const ResponseClassification cls = m_services->classifier.classify(m_status, m_headers, m_body);
    concludeAttempt(cls.outcome, QStringLiteral("upstream answered %1").arg(m_status), cls.retryAfterMs,
                    cls.providerMessage);
}

void ChainRun::onFailed(OutcomeClass outcome, const QString &detail)
{
    m_firstByteTimer.stop();
    m_idleTimer.stop();
    if (m_phase == Phase::Streaming && m_relay->sawFinish) {
        endOfStream(); // complete at its finish reason (SPEC §4)
        return;
    }
    if (m_committed) {
        failAfterCommit(outcome, detail);
        return;
    }
    concludeAttempt(outcome, detail);
}

void ChainRun::onFirstByteTimeout()
{
    if (m_committed) {
        failAfterCommit(OutcomeClass::FirstByteTimeout, QStringLiteral("no first content event in time"));
        return;
    }
    concludeAttempt(OutcomeClass::FirstByteTimeout, QStringLiteral("no first byte in time"));
}

void ChainRun::onIdleTimeout()
{
    if (m_pausedForClient)
        return; // a slow client, not a silent upstream
    if (m_phase == Phase::Streaming && m_relay->sawFinish) {
        endOfStream(); // quiet after its finish reason: complete
        return;
    }
    if (m_committed) {
        failAfterCommit(OutcomeClass::IdleTimeout, QStringLiteral("upstream stalled"));
        return;
    }
    concludeAttempt(OutcomeClass::IdleTimeout, QStringLiteral("upstream stalled"));
}

void ChainRun::onDeadline()
{
    if (m_done)
        return;
    m_deadlineSpent = true;
    m_hedgeTimer.stop();
    dropHedge(OutcomeClass::DeadlineExceeded, QStringLiteral("stop: chain deadline (hedge)"), false);
    if (m_committed) {
        failAfterCommit(OutcomeClass::DeadlineExceeded, QStringLiteral("chain deadline"));
        return;
    }
    if (m_stream) {
        recordAttempt(OutcomeClass::DeadlineExceeded, QStringLiteral("stop: chain deadline"));
        dropAttempt();
    }
    m_retryTimer.stop();
    releaseRetrySlot();
    // Cache and static steps may still answer at once.
    for (int i = m_stepIndex + 1; i < int(m_plan->steps.size()); ++i) {
        const StepKind kind = m_plan->steps[size_t(i)].step->kind;
        if (kind == StepKind::Cache || kind == StepKind::Static) {
            m_stepIndex = i - 1;
            advance();
            return;
        }
    }
    answerError(504, "deadline_exceeded", QStringLiteral("the chain's deadline passed before any step answered"));
}

} // namespace understudy
