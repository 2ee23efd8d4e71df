#pragma once

// One attempt's response as the executor consumes it, whatever produced it:
// a real upstream over the pool (UpstreamAttemptStream) or the built-in
// mock provider (MockAttemptStream). Same contract as UpstreamCall:
// responseHead() once, bodyData() per piece, then exactly one of finished()
// or failed(), once; nothing after cancel(). Work starts from the event
// loop after construction, never inside the constructor.
//
// Timeouts (first byte, TTFT, idle, deadline) are enforced by the executor
// around any stream; an implementation only reports what it observes.

#include "config/Outcome.h"
#include "upstream/HttpHeaders.h"

#include <QObject>

namespace understudy {

class AttemptStream : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttemptStream)

public:
    using QObject::QObject;
    ~AttemptStream() override = default;

    // Backpressure: stop/continue delivering bodyData.
    virtual void pause() = 0;
    virtual void resume() = 0;
    // Abandon: no signal follows.
    virtual void cancel() = 0;
    // True once any request body byte may have reached the upstream
    // (idempotency rule for non-idempotent http requests).
    virtual bool bodyReachedUpstream() const = 0;

Q_SIGNALS:
    void responseHead(int status, const understudy::HttpHeaders &headers);
    void bodyData(const QByteArray &data);
    void finished();
    void failed(understudy::OutcomeClass outcome, const QString &detail);
};

} // namespace understudy
