#include "providers/mock/MockAttemptStream.h"

#include <QTimerEvent>

namespace understudy {

MockAttemptStream::MockAttemptStream(const Provider &provider, MockSettings settings, const QByteArray &requestBody,
                                     const QString &model, QObject *parent)
    : AttemptStream(parent)
    , m_provider(provider.name)
    , m_settings(std::move(settings))
    , m_fault(m_settings.fault)
    , m_request(parseMockRequest(requestBody, model))
{
    if (m_fault == MockFault::Flapping) {
        // Down phase: a plain 503, as a flapping real upstream answers.
        m_fault = mockFlappingDown(m_provider, m_settings) ? MockFault::ErrorStatus : MockFault::None;
        m_settings.status = 503;
    }
    m_text = mockAnswerText(provider, m_settings, m_request);
    if (m_request.stream) {
        m_events = mockStreamEvents(m_request, m_text);
        if (m_fault == MockFault::MalformedEvent)
            m_events.insert(std::min<qsizetype>(1 + m_settings.afterEvents, m_events.size()),
                            QByteArrayLiteral("data: {\"id\": \"chatcmpl-mock\", \"choices\": [\n\n"));
        if (m_fault != MockFault::MissingDone)
            m_events << QByteArrayLiteral("data: [DONE]\n\n");
    }
    // Pace: one content event every (tokens in it / tokens per second).
    const double tps = m_settings.tokensPerSecond > 0 ? m_settings.tokensPerSecond : 1000.0;
    m_gapMs = qint64(1000.0 * 4.0 / tps); // about 4 tokens per event of three words
    schedule(m_fault == MockFault::SlowFirstToken && !m_request.stream ? m_settings.latencyMs + m_settings.delayMs
                                                                       : m_settings.latencyMs);
}

MockAttemptStream::~MockAttemptStream() = default;

void MockAttemptStream::pause()
{
    m_paused = true;
}

void MockAttemptStream::resume()
{
    m_paused = false;
    if (m_waiting) {
        m_waiting = false;
        schedule(0);
    }
}

void MockAttemptStream::cancel()
{
    m_cancelled = true;
    m_timer.stop();
}

void MockAttemptStream::schedule(qint64 ms)
{
    m_timer.start(int(std::max<qint64>(ms, 0)), Qt::PreciseTimer, this);
}

void MockAttemptStream::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_timer.stop();
    if (m_cancelled)
        return;
    if (m_paused) {
        m_waiting = true;
        return;
    }
    if (m_stage == Stage::Head)
        sendHead();
    else if (m_stage == Stage::Events)
        sendNextEvent();
}

void MockAttemptStream::sendHead()
{
    switch (m_fault) {
    case MockFault::ResetBeforeHeaders:
        m_stage = Stage::Done;
        emit failed(OutcomeClass::ResetBeforeResponse, QStringLiteral("mock: connection reset before headers"));
        return;
    case MockFault::NoResponse:
        m_stage = Stage::Done; // silence: the executor's first-byte timeout fires
        return;
    case MockFault::ErrorStatus:
    case MockFault::ContextLength:
    case MockFault::ContentPolicy: {
        const int status = m_fault == MockFault::ErrorStatus ? m_settings.status : 400;
        HttpHeaders headers{{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
        if (m_fault == MockFault::ErrorStatus && m_settings.retryAfterSeconds > 0)
            headers.emplace_back(QByteArrayLiteral("Retry-After"), QByteArray::number(m_settings.retryAfterSeconds));
        emit responseHead(status, headers);
        if (m_cancelled)
            return;
        emit bodyData(mockErrorBody(status, m_settings, m_fault));
        end();
        return;
    }
    default:
        break;
    }
    const QByteArray type =
        m_request.stream ? QByteArrayLiteral("text/event-stream") : QByteArrayLiteral("application/json");
    emit responseHead(200, HttpHeaders{{QByteArrayLiteral("Content-Type"), type}});
    if (m_cancelled)
        return;
    if (!m_request.stream) {
        QByteArray body = mockCompletionBody(m_request, m_text);
        if (m_fault == MockFault::CutAfterEvents || m_fault == MockFault::StallAfterEvents) {
            emit bodyData(body.left(body.size() / 2));
            if (m_fault == MockFault::CutAfterEvents && !m_cancelled)
                end();
            else
                m_stage = Stage::Done; // stalled: no more bytes, no end
            return;
        }
        emit bodyData(body);
        end();
        return;
    }
    m_stage = Stage::Events;
    sendNextEvent(); // the role chunk goes out with the head
}

void MockAttemptStream::sendNextEvent()
{
    if (m_next >= m_events.size()) {
        end();
        return;
    }
    const QByteArray event = m_events.at(m_next++);
    const bool content = event.contains("\"content\":") && !event.contains("\"role\":");
    if (content) {
        if (m_contentSent == m_settings.afterEvents) {
            if (m_fault == MockFault::CutAfterEvents) {
                end(); // the stream ends here without a finish reason
                return;
            }
            if (m_fault == MockFault::StallAfterEvents) {
                m_stage = Stage::Done; // nothing more, ever
                return;
            }
        }
        ++m_contentSent;
    }
    emit bodyData(event);
    if (m_cancelled)
        return;
    qint64 gap = content ? m_gapMs : 0;
    if (m_next == 1 && m_fault == MockFault::SlowFirstToken)
        gap = m_settings.delayMs;
    schedule(gap);
}

void MockAttemptStream::end()
{
    m_stage = Stage::Done;
    emit finished();
}

} // namespace understudy
