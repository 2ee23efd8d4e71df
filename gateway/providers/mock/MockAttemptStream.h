#pragma once

// The built-in mock provider (SPEC §7) as one attempt: answers an OpenAI
// Chat Completions request in-process, in the real wire format, at the
// configured latency and speed, or fails in exactly the configured way.
// The executor consumes it like any upstream (AttemptStream contract); the
// loopback MockHttpHandler puts the same stream on a socket.

#include "config/Config.h"
#include "fallback/AttemptStream.h"
#include "providers/mock/MockScript.h"

#include <QTimer>

namespace understudy {

class MockFlapClock;

class MockAttemptStream final : public AttemptStream
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MockAttemptStream)

public:
    // `settings` are the provider's own mock settings or a chaos override;
    // `model` is the step's target model (empty = the request's model).
    // Flapping phases come from MockFlapClock::shared() (system clock).
    MockAttemptStream(const Provider &provider, MockSettings settings, QByteArray requestBody, QString model,
                      QObject *parent = nullptr);
    // Same, with the flap registry (and its clock) injected.
    MockAttemptStream(const Provider &provider, MockSettings settings, QByteArray requestBody, QString model,
                      MockFlapClock &flapClock, QObject *parent = nullptr);
    ~MockAttemptStream() override;

    void pause() override;
    void resume() override;
    void cancel() override;
    // The mock "receives" the whole request at once.
    bool bodyReachedUpstream() const override { return true; }

    // True when the answer is cut on purpose (CutAfterEvents): a transport
    // should drop the connection rather than end the response cleanly.
    // Known once the stream has started.
    bool endsCut() const { return m_script.cut; }
    // The model the answer names (known once started).
    QString answeredModel() const { return m_script.model; }

private:
    void start();
    void runStep();
    void scheduleNext();

    QString m_provider;
    QString m_fallbackModel;
    MockSettings m_settings;
    QByteArray m_requestBody;
    QString m_model;
    MockFlapClock &m_flapClock;

    MockScript m_script;
    size_t m_next = 0;
    QTimer m_timer;
    bool m_started = false;
    bool m_paused = false;
    bool m_cancelled = false;
    bool m_done = false;
};

} // namespace understudy
