#pragma once

// The built-in mock provider as an attempt (SPEC §7): answers the unified
// LLM API in-process, paced by latency and tokens per second, and
// misbehaves on demand exactly like a real upstream would (error status
// with Retry-After, reset before headers, silence, slow first token, cut,
// stall, malformed event, missing [DONE], context-length and
// content-policy refusals, flapping).

#include "config/Config.h"
#include "fallback/AttemptStream.h"
#include "providers/mock/MockAnswer.h"

#include <QBasicTimer>

namespace understudy {

class MockAttemptStream final : public AttemptStream
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MockAttemptStream)

public:
    MockAttemptStream(const Provider &provider, MockSettings settings, const QByteArray &requestBody,
                      const QString &model, QObject *parent);
    ~MockAttemptStream() override;

    void pause() override;
    void resume() override;
    void cancel() override;
    bool bodyReachedUpstream() const override { return true; }

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    enum class Stage { Head, Events, Done };
    void sendHead();
    void sendNextEvent();
    void schedule(qint64 ms);
    void end();

    QString m_provider;
    MockSettings m_settings;
    MockFault m_fault = MockFault::None;
    MockRequest m_request;
    QString m_text;
    QList<QByteArray> m_events;
    qsizetype m_next = 0;
    int m_contentSent = 0;
    qint64 m_gapMs = 0;
    Stage m_stage = Stage::Head;
    bool m_paused = false;
    bool m_cancelled = false;
    bool m_waiting = false; // a step was due while paused
    QBasicTimer m_timer;
};

} // namespace understudy
