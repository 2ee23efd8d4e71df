#include "fallback/AttemptTrail.h"

#include "http/HttpRequest.h"

#include <QDateTime>

namespace understudy {

int RequestTrail::attemptCount() const
{
    int n = 0;
    for (const AttemptRecord &a : attempts) {
        if (a.outcome != OutcomeClass::SkippedCircuitOpen && a.outcome != OutcomeClass::SkippedCondition &&
            a.target != QLatin1String("cache") && a.target != QLatin1String("static"))
            ++n;
    }
    return n;
}

QByteArray RequestTrail::fallbackSummary() const
{
    QByteArray out;
    for (const AttemptRecord &a : attempts) {
        // A cache miss is not a failure of anything.
        // Neither is the losing side of a hedge race.
        if (a.outcome == OutcomeClass::Ok || a.target == QLatin1String("cache") ||
            a.decision.startsWith(QLatin1String("hedge lost")))
            continue;
        if (!out.isEmpty())
            out += ',';
        out += outcomeClassName(a.outcome).toLatin1();
    }
    return out.isEmpty() ? QByteArrayLiteral("none") : out;
}

RequestTrail startTrail(const HttpRequest &request, const QString &route)
{
    RequestTrail t;
    t.requestId = request.requestId;
    t.route = route;
    t.method = QString::fromLatin1(request.method);
    t.path = QString::fromUtf8(request.path);
    t.bytesIn = request.body.size();
    t.startedAtMs = QDateTime::currentMSecsSinceEpoch();
    return t;
}

} // namespace understudy
