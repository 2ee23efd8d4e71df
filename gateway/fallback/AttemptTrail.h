#pragma once

// The attempt trail of SPEC §6: what happened to one request, attempt by
// attempt, and how it ended. Built by the executor on the worker thread and
// handed to the observability sink when the request ends.

#include "config/Outcome.h"
#include "fallback/RetryAfter.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace understudy {

struct HttpRequest;

struct AttemptRecord
{
    QString stepPath; // e.g. "chat/steps[1]" or "chat/steps[2]/members[0]"
    QString target;   // "provider/model", "cache", "static"
    qint64 startOffsetMs = 0;
    qint64 durationMs = 0;
    qint64 ttftMs = -1; // first content event (streams) or first byte
    qint64 bytes = 0;
    OutcomeClass outcome = OutcomeClass::Ok;
    int upstreamStatus = 0;
    std::optional<qint64> retryAfterMs;
    QString breakerState; // at the time of the attempt
    QString decision;     // retry / next / stop / served, with the reason
};

// Headers and bodies of one exchange, for routes with log_bodies: capped
// copies as they passed the gateway; the request log redacts them.
struct CapturedBodies
{
    HeaderList requestHeaders;
    QByteArray requestBody;
    HeaderList responseHeaders;
    QByteArray responseBody;
};

struct RequestTrail
{
    QByteArray requestId;
    QString route;
    QString method;
    QString path;
    QString consumer;       // who sent it (API key name / tier), "" if unknown
    qint64 bytesIn = 0;     // request body bytes read from the client
    qint64 bytesOut = 0;    // response bytes written to the client
    qint64 startedAtMs = 0; // wall clock, ms since epoch
    qint64 durationMs = 0;
    qint64 ttftMs = -1;
    int status = 0;
    QString servedBy; // step path + target of the attempt that answered
    QString servedModel;
    int fallbackDepth = 0; // steps moved past before the answer
    bool cached = false;
    bool staticAnswer = false;
    bool degraded = false;
    bool stream = false;
    qint64 promptTokens = -1;
    qint64 completionTokens = -1;
    double cost = 0.0;
    OutcomeClass outcome = OutcomeClass::Ok; // final
    std::vector<AttemptRecord> attempts;
    std::shared_ptr<const CapturedBodies> bodies; // set only on routes with log_bodies

    // Attempts that actually went to a target (not skips).
    int attemptCount() const;
    // Compact list of the classes that moved the request on, for the
    // x-understudy-fallback header, e.g. "status_5xx,first_byte_timeout".
    QByteArray fallbackSummary() const;
};

// A trail begun now for `request` on `route` ("" when none matched): its
// id, method, path, request bytes and start time. The chain executor, the
// handler's own answers and embeddings all start theirs here.
RequestTrail startTrail(const HttpRequest &request, const QString &route);

} // namespace understudy
