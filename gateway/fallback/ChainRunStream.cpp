// ChainRun: llm streams (SPEC §4). The head goes to the client with the
// first content event; a failure after that follows the chain's mid-stream
// policy: `continue` re-issues to a prefill-capable target and streams only
// the continuation, `error` ends with an error event and no [DONE]. A
// truncated answer is never presented as a success.

#include "fallback/AttemptStream.h"
#include "fallback/ChainPlan.h"
#include "fallback/ChainRun.h"
#include "fallback/StreamRelay.h"
#include "http/HttpExchange.h"

namespace understudy {

namespace {

// How long to wait for the usage chunk and [DONE] after a finish reason.
constexpr int kAfterFinishGraceMs = 1'000;

} // namespace

void ChainRun::relayStreamBytes(const QByteArray &data)
{
    QByteArray out;
    bool firstContentNow = false;
    for (llm::StreamEvent &event : m_relay->decoder.feed(data)) {
        switch (event.kind) {
        case llm::StreamEvent::Kind::Malformed:
            ++m_relay->malformedDropped; // dropped and counted, never forwarded
            continue;
        case llm::StreamEvent::Kind::InBandError:
            if (m_committed) {
                failAfterCommit(OutcomeClass::InBandError, event.errorMessage);
            } else {
                concludeAttempt(OutcomeClass::InBandError, event.errorMessage);
            }
            return;
        case llm::StreamEvent::Kind::Done:
            m_relay->sawDone = true; // we write our own [DONE] once the answer is known complete
            continue;
        case llm::StreamEvent::Kind::RoleOnly:
            if (!m_prefill.isEmpty())
                continue; // a continuation: the client already had the role chunk
            break;
        default:
            break;
        }
        if (!event.model.isEmpty())
            m_relay->model = event.model;
        if (event.promptTokens >= 0)
            m_relay->promptTokens = event.promptTokens;
        if (event.completionTokens >= 0)
            m_relay->completionTokens = event.completionTokens;
        if (event.hasFinish && !m_relay->sawFinish) {
            m_relay->sawFinish = true;
            // Finalise promptly: after the finish reason only a usage chunk
            // and [DONE] may follow, so a quiet upstream need not be waited
            // on for the whole idle timeout.
            m_idleMs = std::min(m_idleMs > 0 ? m_idleMs : kAfterFinishGraceMs, kAfterFinishGraceMs);
            m_idleTimer.start(m_idleMs, Qt::PreciseTimer, this);
        }
        if (event.hasContent) {
            if (!m_relay->sawContent)
                firstContentNow = true;
            m_relay->sawContent = true;
            m_relay->text += event.text;
        }
        out += event.raw;
    }
    if (firstContentNow) {
        m_firstByteTimer.stop();
        m_attemptTtftMs = elapsedMs() - m_attemptStartMs;
    }
    if (!m_committed) {
        m_relay->pending += out;
        if (!m_relay->sawContent)
            return;
        m_trail.servedBy = currentStep().path + QLatin1Char(' ') + targetLabel(currentTarget());
        HttpHeaders headers{{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/event-stream")},
                            {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache")}};
        commitHead(-1, 200, std::move(headers));
        out = std::exchange(m_relay->pending, QByteArray());
    }
    if (!out.isEmpty() && m_exchange && !m_exchange->write(out) && m_stream) {
        m_pausedForClient = true;
        m_stream->pause();
    }
}

void ChainRun::endOfStream()
{
    if (!m_relay->sawFinish) {
        // Ended without a finish reason: truncated, whatever the framing said.
        if (m_committed)
            failAfterCommit(OutcomeClass::Truncated, QStringLiteral("stream ended without a finish reason"));
        else
            concludeAttempt(OutcomeClass::Truncated, QStringLiteral("stream ended without a finish reason"));
        return;
    }
    // A finish reason makes the answer complete, [DONE] or not.
    if (!m_committed) {
        // Finished without any content: an empty answer is still an answer.
        HttpHeaders headers{{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/event-stream")}};
        m_trail.servedBy = currentStep().path + QLatin1Char(' ') + targetLabel(currentTarget());
        commitHead(-1, 200, std::move(headers));
        if (m_exchange)
            m_exchange->write(std::exchange(m_relay->pending, QByteArray()));
    }
    const QString fullText = m_prefill + m_relay->text;
    m_trail.servedModel = m_relay->model;
    m_trail.promptTokens = m_relay->promptTokens >= 0 ? m_relay->promptTokens : m_trail.promptTokens;
    m_trail.completionTokens = m_relay->completionTokens;
    if (m_services->cache)
        storeInCache(
            llm::completionFromText(fullText, m_relay->model, m_relay->promptTokens, m_relay->completionTokens));
    if (m_exchange) {
        m_exchange->write(QByteArrayLiteral("data: [DONE]\n\n"));
        m_exchange->finish();
    }
    recordServed(OutcomeClass::Ok);
    finishRun();
}

void ChainRun::failAfterCommit(OutcomeClass outcome, const QString &detail)
{
    if (m_done)
        return;
    if (m_relay && m_relay->sawFinish) {
        // SPEC §4: a finish reason makes the answer complete. Whatever
        // happens to the connection afterwards (cut, reset, silence) only
        // cost us the [DONE], which we write ourselves.
        endOfStream();
        return;
    }
    recordAttempt(outcome, QStringLiteral("after commit: ") + detail);
    if (m_breaker)
        m_breaker->record(m_admission, outcome);
    if (m_relay)
        m_prefill += m_relay->text;
    if (m_midStreamFailure == OutcomeClass::Ok)
        m_midStreamFailure = outcome; // report what cut the answer, not a later continuation's failure
    const bool streaming = m_relay != nullptr;
    dropAttempt();
    if (!streaming) {
        // A plain body cut after its head: close so the client sees a truncation.
        m_trail.outcome = outcome;
        if (m_exchange)
            m_exchange->abort();
        finishRun();
        return;
    }
    if (m_plan->chain->policy.midStream == MidStreamPolicy::Continue && outcome != OutcomeClass::DeadlineExceeded &&
        continueWithPrefill())
        return;
    endStreamWithError();
}

bool ChainRun::continueWithPrefill()
{
    if (m_plan->chain->policy.midStream != MidStreamPolicy::Continue || remainingMs() < 50)
        return false;
    // Candidates: the rest of the current group, then later steps.
    for (int s = m_stepIndex; s < int(m_plan->steps.size()); ++s) {
        const PlannedStep &planned = m_plan->steps[size_t(s)];
        const Step &step = *planned.step;
        if (step.kind != StepKind::Provider && step.kind != StepKind::Group)
            continue;
        if (!planned.conditions.isEmpty() && !planned.conditions.holds(m_facts, m_services->clock.wallNow()))
            continue;
        const size_t firstMember = s == m_stepIndex ? m_memberPos : 0;
        std::vector<int> order = s == m_stepIndex ? m_memberOrder : std::vector<int>{};
        if (s != m_stepIndex) {
            for (size_t i = 0; i < step.targets.size(); ++i)
                order.push_back(int(i));
        }
        for (size_t pos = firstMember; pos < order.size(); ++pos) {
            const Target &target = step.targets[size_t(order[pos])];
            const Provider *provider = m_snapshot->config->provider(target.provider);
            const QString model = target.model.isEmpty() ? m_facts.requestedModel : target.model;
            const ModelInfo *info = provider ? provider->model(model) : nullptr;
            if (!info || !info->supportsPrefill)
                continue; // only to targets whose model declares prefill support
            auto breaker = step.breaker.enabled
                               ? m_services->breakers.breaker(breakerTargetKey(target.provider, model), step.breaker)
                               : nullptr;
            const BreakerAdmission admission = breaker ? breaker->admit() : BreakerAdmission{};
            if (admission.verdict != BreakerAdmission::Verdict::Allowed)
                continue;
            if (s != m_stepIndex)
                ++m_stepsPassed;
            m_stepIndex = s;
            m_memberOrder = order;
            m_memberPos = pos + 1;
            m_breaker = std::move(breaker);
            m_retriesDone = 0;
            launch(order[pos], admission);
            return true;
        }
    }
    return false;
}

void ChainRun::endStreamWithError()
{
    m_trail.outcome = m_midStreamFailure;
    if (m_exchange) {
        const QString message = QStringLiteral("the answer was interrupted (%1) and could not be completed")
                                    .arg(outcomeClassName(m_midStreamFailure));
        m_exchange->write(llm::streamErrorEvent(message, "upstream_error", m_exchange->request().requestId));
        // No [DONE]: a truncated answer must never look like a success.
        m_exchange->finish();
    }
    finishRun();
}

} // namespace understudy
