// ChainRun: what the client receives (answers, errors, headers) and the
// end of a run.

#include "fallback/ChainPlan.h"
#include "fallback/ChainRun.h"
#include "fallback/ChainSimulation.h"
#include "fallback/LlmWire.h"
#include "fallback/ResponseCache.h"
#include "http/ErrorBody.h"
#include "http/HttpExchange.h"

#include <QLoggingCategory>

namespace understudy {

Q_DECLARE_LOGGING_CATEGORY(lcChain)

HttpHeaders ChainRun::trailHeaders() const
{
    HttpHeaders headers;
    headers.emplace_back(QByteArrayLiteral("x-understudy-served-by"),
                         m_trail.servedBy.isEmpty() ? QByteArrayLiteral("none") : m_trail.servedBy.toUtf8());
    // The serving attempt is recorded once its answer is complete; count it now.
    const int attempts = m_trail.attemptCount() + (m_stream ? 1 : 0);
    headers.emplace_back(QByteArrayLiteral("x-understudy-attempts"), QByteArray::number(attempts));
    headers.emplace_back(QByteArrayLiteral("x-understudy-fallback"), m_trail.fallbackSummary());
    if (m_trail.cached)
        headers.emplace_back(QByteArrayLiteral("x-understudy-cache"), QByteArrayLiteral("hit"));
    if (m_trail.degraded)
        headers.emplace_back(QByteArrayLiteral("x-understudy-degraded"), QByteArrayLiteral("true"));
    return headers;
}

void ChainRun::commitHead(qint64 contentLength, int status, HttpHeaders headers)
{
    Q_ASSERT(!m_committed);
    m_committed = true;
    if (!m_exchange)
        return;
    if (status == 0) {
        status = m_status;
        headers = m_headers;
        stripHopByHop(headers);
        removeHeader(headers, "content-length");
    }
    // Served-by is known once the serving attempt is chosen.
    if (m_trail.servedBy.isEmpty() && m_stream)
        m_trail.servedBy = currentAttemptPath() + QLatin1Char(' ') + targetLabel(currentTarget());
    for (auto &h : trailHeaders())
        setHeader(headers, h.first, h.second);
    m_trail.status = status;
    m_exchange->startResponse(status, std::move(headers), contentLength);
}

void ChainRun::storeInCache(const QByteArray &completion)
{
    if (!m_services->cache || !isLlm())
        return;
    ResponseCache::Entry entry;
    entry.status = 200;
    entry.body = completion;
    entry.storedAtMs = m_services->clock.nowMs();
    entry.servedBy = currentAttemptPath() + QLatin1Char(' ') + targetLabel(currentTarget());
    m_services->cache->put(llm::cacheKey(m_route.name, m_exchange->request().body), std::move(entry));
}

bool ChainRun::answerFromCache(const PlannedStep &planned)
{
    std::optional<ResponseCache::Entry> hit;
    if (m_services->cache && isLlm()) {
        hit = m_services->cache->get(llm::cacheKey(m_route.name, m_exchange->request().body),
                                     planned.step->maxStalenessMs, m_services->clock.nowMs());
    }
    AttemptRecord record{planned.path,
                         QStringLiteral("cache"),
                         elapsedMs(),
                         0,
                         0,
                         0,
                         OutcomeClass::Ok,
                         0,
                         std::nullopt,
                         {},
                         hit ? QStringLiteral("served") : QStringLiteral("next: cache miss")};
    if (!hit) {
        record.outcome = OutcomeClass::SkippedCondition;
        m_trail.attempts.push_back(std::move(record));
        ++m_stepsPassed;
        return false;
    }
    record.bytes = hit->body.size();
    m_trail.attempts.push_back(std::move(record));
    m_trail.cached = true;
    m_trail.degraded = true;
    m_trail.servedBy = planned.path + QStringLiteral(" cache (") + hit->servedBy + QLatin1Char(')');
    m_trail.fallbackDepth = m_stepsPassed;
    m_trail.outcome = OutcomeClass::Ok;
    const bool stream = m_facts.stream;
    HttpHeaders headers{{QByteArrayLiteral("Content-Type"),
                         stream ? QByteArrayLiteral("text/event-stream") : QByteArrayLiteral("application/json")}};
    const QByteArray body = stream ? llm::completionAsStream(hit->body) : hit->body;
    commitHead(body.size(), 200, std::move(headers));
    if (m_exchange) {
        m_exchange->write(body);
        m_exchange->finish();
    }
    finishRun();
    return true;
}

void ChainRun::answerStatic(const PlannedStep &planned)
{
    const StaticResponse &response = planned.step->response;
    const QByteArray requestId = m_exchange ? m_exchange->request().requestId : QByteArray();
    QString text = response.body;
    text.replace(QLatin1String("{{request_id}}"), QString::fromLatin1(requestId));
    text.replace(QLatin1String("{{route}}"), m_route.name);
    text.replace(QLatin1String("{{model}}"), m_facts.requestedModel);

    m_trail.attempts.push_back({planned.path,
                                QStringLiteral("static"),
                                elapsedMs(),
                                0,
                                0,
                                text.size(),
                                OutcomeClass::Ok,
                                0,
                                std::nullopt,
                                {},
                                QStringLiteral("served")});
    m_trail.staticAnswer = true;
    m_trail.degraded = true;
    m_trail.servedBy = planned.path + QStringLiteral(" static");
    m_trail.servedModel = QStringLiteral("understudy/static");
    m_trail.fallbackDepth = m_stepsPassed;
    m_trail.outcome = OutcomeClass::Ok;

    HttpHeaders headers;
    for (const Header &h : response.headers)
        headers.emplace_back(h.name.toUtf8(), h.value.toUtf8());
    QByteArray body;
    int status = response.status;
    if (isLlm()) {
        // A well-formed completion in the client's format, marked degraded.
        status = 200;
        setHeader(headers, QByteArrayLiteral("Content-Type"),
                  m_facts.stream ? QByteArrayLiteral("text/event-stream") : QByteArrayLiteral("application/json"));
        body = m_facts.stream ? llm::cannedStream(text, requestId) : llm::cannedCompletion(text, requestId);
    } else {
        setHeader(headers, QByteArrayLiteral("Content-Type"), response.contentType.toUtf8());
        body = text.toUtf8();
    }
    commitHead(body.size(), status, std::move(headers));
    if (m_exchange) {
        m_exchange->write(body);
        m_exchange->finish();
    }
    finishRun();
}

void ChainRun::answerError(int status, const QByteArray &type, const QString &message, const QByteArray &code)
{
    if (m_done)
        return;
    const QByteArray requestId = m_exchange ? m_exchange->request().requestId : QByteArray();
    const QByteArray body =
        isLlm() ? llm::errorBody(message, type, code, requestId) : errorBody(type, message, requestId);
    HttpHeaders headers{{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    if (status == 503)
        headers.emplace_back(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
    if (m_trail.outcome == OutcomeClass::Ok) {
        for (auto it = m_trail.attempts.rbegin(); it != m_trail.attempts.rend(); ++it) {
            if (it->outcome != OutcomeClass::Ok) {
                m_trail.outcome = it->outcome;
                break;
            }
        }
    }
    m_trail.fallbackDepth = m_stepsPassed;
    commitHead(body.size(), status, std::move(headers));
    if (m_exchange) {
        m_exchange->write(body);
        m_exchange->finish();
    }
    finishRun();
}

void ChainRun::answerExhausted()
{
    std::vector<OutcomeClass> failures;
    for (const AttemptRecord &a : m_trail.attempts) {
        if (a.outcome != OutcomeClass::Ok && a.outcome != OutcomeClass::SkippedCondition)
            failures.push_back(a.outcome);
    }
    const int status = exhaustedChainStatus(failures, m_deadlineSpent);
    const QString message =
        status == 504   ? QStringLiteral("every step of chain '%1' timed out").arg(m_plan->chain->name)
        : status == 503 ? QStringLiteral("every target of chain '%1' is unavailable (circuit open or rate limited)")
                              .arg(m_plan->chain->name)
                        : QStringLiteral("every step of chain '%1' failed").arg(m_plan->chain->name);
    const QByteArray type = status == 504   ? QByteArrayLiteral("upstream_timeout")
                            : status == 503 ? QByteArrayLiteral("upstream_unavailable")
                                            : QByteArrayLiteral("upstream_error");
    answerError(status, type,
                message + QStringLiteral(" (") + QString::fromLatin1(m_trail.fallbackSummary()) + QLatin1Char(')'));
}

void ChainRun::stopWith(OutcomeClass outcome, const QString &providerMessage)
{
    switch (outcome) {
    case OutcomeClass::ContentPolicy:
        answerError(400, "content_policy",
                    providerMessage.isEmpty() ? QStringLiteral("the provider refused the request (content policy)")
                                              : providerMessage,
                    "content_policy_violation");
        return;
    case OutcomeClass::Status4xx:
    case OutcomeClass::ContextLengthExceeded:
        answerError(m_status >= 400 && m_status < 500 ? m_status : 400, "invalid_request_error",
                    providerMessage.isEmpty() ? QStringLiteral("the upstream rejected the request (%1)").arg(m_status)
                                              : providerMessage,
                    outcome == OutcomeClass::ContextLengthExceeded ? QByteArrayLiteral("context_length_exceeded")
                                                                   : QByteArray());
        return;
    case OutcomeClass::DeadlineExceeded:
        answerError(504, "deadline_exceeded", QStringLiteral("the chain's deadline passed"));
        return;
    default:
        break;
    }
    const bool timedOut = outcome == OutcomeClass::ConnectTimeout || outcome == OutcomeClass::FirstByteTimeout ||
                          outcome == OutcomeClass::IdleTimeout;
    answerError(
        timedOut ? 504 : 502, timedOut ? "upstream_timeout" : "upstream_error",
        QStringLiteral("the upstream failed (%1) and the request may not be re-sent").arg(outcomeClassName(outcome)));
}

void ChainRun::finishRun()
{
    if (m_done)
        return;
    m_done = true;
    m_deadlineTimer.stop();
    m_retryTimer.stop();
    m_hedgeTimer.stop();
    releaseRetrySlot();
    dropHedge(OutcomeClass::FirstByteTimeout, QStringLiteral("hedge lost: the request ended"), false);
    if (m_stream)
        dropAttempt();
    if (m_started)
        m_services->retryBudget.requestFinished();
    m_trail.durationMs = elapsedMs();
    m_trail.consumer = m_facts.consumer;
    if (m_exchange) {
        m_trail.bytesIn = m_exchange->request().body.size();
        m_trail.bytesOut = m_exchange->bodyBytesWritten();
        if (m_route.logBodies) {
            auto bodies = std::make_shared<CapturedBodies>();
            const HttpRequest &request = m_exchange->request();
            bodies->requestHeaders = request.headers;
            bodies->requestBody = request.body.left(kCapturedBodyBytes);
            bodies->responseHeaders = m_exchange->capturedResponseHeaders();
            bodies->responseBody = m_exchange->capturedResponseBody();
            m_trail.bodies = std::move(bodies);
        }
    }
    if (m_trail.status == 0)
        m_trail.status = m_committed ? 200 : 0;
    if (m_services->trailSink)
        m_services->trailSink(m_trail);
    qCDebug(lcChain).noquote() << QStringLiteral("request done | request_id=%1 route=%2 status=%3 attempts=%4")
                                      .arg(QString::fromLatin1(m_trail.requestId), m_trail.route)
                                      .arg(m_trail.status)
                                      .arg(m_trail.attemptCount());
    deleteLater();
}

} // namespace understudy
