#include "providers/mock/MockAttemptStream.h"

#include "fallback/Clock.h"
#include "providers/mock/MockFlapClock.h"

#include <QPointer>

namespace understudy {

MockAttemptStream::MockAttemptStream(const Provider &provider, MockSettings settings, QByteArray requestBody,
                                     QString model, QObject *parent)
    : MockAttemptStream(provider, std::move(settings), std::move(requestBody), std::move(model),
                        MockFlapClock::shared(), parent)
{}

MockAttemptStream::MockAttemptStream(const Provider &provider, MockSettings settings, QByteArray requestBody,
                                     QString model, MockFlapClock &flapClock, QObject *parent)
    : AttemptStream(parent)
    , m_provider(provider.name)
    , m_fallbackModel(provider.models.empty() ? QString() : provider.models.front().name)
    , m_settings(std::move(settings))
    , m_requestBody(std::move(requestBody))
    , m_model(std::move(model))
    , m_flapClock(flapClock)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &MockAttemptStream::runStep);
    // The contract: nothing happens inside the constructor; the receiver
    // connects its slots first.
    QMetaObject::invokeMethod(this, &MockAttemptStream::start, Qt::QueuedConnection);
}

MockAttemptStream::~MockAttemptStream() = default;

void MockAttemptStream::pause()
{
    m_paused = true;
}

void MockAttemptStream::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    // A step that came due while paused runs now, from the event loop (not
    // inside the caller's resume()). Otherwise the pending timer carries on.
    if (m_started && !m_cancelled && !m_done && !m_timer.isActive())
        scheduleNext();
}

void MockAttemptStream::cancel()
{
    m_cancelled = true;
    m_timer.stop();
}

void MockAttemptStream::start()
{
    if (m_cancelled || m_started)
        return;
    m_started = true;
    MockScriptInput input;
    input.provider = m_provider;
    input.targetModel = m_model;
    input.fallbackModel = m_fallbackModel;
    input.settings = m_settings;
    input.requestBody = m_requestBody;
    // The phase is read when the attempt starts, like a real upstream that
    // is down or up at the moment the request arrives.
    input.flapDown =
        m_settings.fault == MockFault::Flapping && m_flapClock.isDown(m_provider, m_settings.downMs, m_settings.upMs);
    input.createdSecs = m_flapClock.clock().wallNow().toSecsSinceEpoch();
    m_script = buildMockScript(input);
    m_requestBody.clear();
    scheduleNext();
}

void MockAttemptStream::scheduleNext()
{
    if (m_cancelled || m_done || m_next >= m_script.steps.size())
        return; // an unfinished script ends in silence on purpose
    m_timer.start(m_script.steps[m_next].delayMs);
}

void MockAttemptStream::runStep()
{
    if (m_cancelled || m_done || m_next >= m_script.steps.size())
        return;
    if (m_paused)
        return; // resume() schedules this step again
    // A copy: a receiver may delete this stream from inside the emission.
    const MockStep step = m_script.steps[m_next++];
    QPointer<MockAttemptStream> alive(this);
    switch (step.kind) {
    case MockStep::Kind::Head:
        Q_EMIT responseHead(step.status, step.headers);
        break;
    case MockStep::Kind::Body:
        Q_EMIT bodyData(step.body);
        break;
    case MockStep::Kind::Finish:
        m_done = true;
        Q_EMIT finished();
        return;
    case MockStep::Kind::Fail:
        m_done = true;
        Q_EMIT failed(step.outcome, step.detail);
        return;
    }
    if (alive)
        scheduleNext();
}

} // namespace understudy
