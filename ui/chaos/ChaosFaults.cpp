#include "ChaosFaults.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace understudy {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("understudy::ChaosFaults", text);
}

} // namespace

std::vector<MockFault> injectableFaults()
{
    return {
        MockFault::ErrorStatus,    MockFault::ResetBeforeHeaders, MockFault::NoResponse,     MockFault::SlowFirstToken,
        MockFault::CutAfterEvents, MockFault::StallAfterEvents,   MockFault::MalformedEvent, MockFault::MissingDone,
        MockFault::ContextLength,  MockFault::ContentPolicy,      MockFault::Flapping};
}

std::vector<FaultParam> faultParams(MockFault fault)
{
    using P = FaultParam;
    switch (fault) {
    case MockFault::None:
        return {};
    case MockFault::ErrorStatus:
        return {P::Status, P::RetryAfter, P::Latency};
    case MockFault::NoResponse:
        // Nothing is ever sent, so not even the latency matters.
        return {};
    case MockFault::SlowFirstToken:
        // Streams send the head after the latency and the first token after
        // the delay; plain completions send everything after the delay.
        return {P::Delay, P::Latency};
    case MockFault::CutAfterEvents:
    case MockFault::StallAfterEvents:
    case MockFault::MalformedEvent:
        return {P::AfterEvents, P::Latency};
    case MockFault::Flapping:
        // The down phase answers 503 with the optional Retry-After.
        return {P::Down, P::Up, P::RetryAfter, P::Latency};
    case MockFault::ResetBeforeHeaders:
    case MockFault::MissingDone:
    case MockFault::ContextLength:
    case MockFault::ContentPolicy:
        return {P::Latency};
    }
    return {};
}

bool faultUses(MockFault fault, FaultParam param)
{
    const auto params = faultParams(fault);
    return std::find(params.begin(), params.end(), param) != params.end();
}

QString faultTitle(MockFault fault)
{
    switch (fault) {
    case MockFault::None:
        return tr("None");
    case MockFault::ErrorStatus:
        return tr("Error status");
    case MockFault::ResetBeforeHeaders:
        return tr("Reset before headers");
    case MockFault::NoResponse:
        return tr("No response");
    case MockFault::SlowFirstToken:
        return tr("Slow first token");
    case MockFault::CutAfterEvents:
        return tr("Stream cut after N events");
    case MockFault::StallAfterEvents:
        return tr("Stream stall after N events");
    case MockFault::MalformedEvent:
        return tr("Malformed event");
    case MockFault::MissingDone:
        return tr("Missing [DONE]");
    case MockFault::ContextLength:
        return tr("Context length exceeded");
    case MockFault::ContentPolicy:
        return tr("Content policy refusal");
    case MockFault::Flapping:
        return tr("Flapping");
    }
    return mockFaultName(fault);
}

QString faultParameterText(const MockSettings &s)
{
    QStringList parts;
    for (FaultParam param : faultParams(s.fault)) {
        switch (param) {
        case FaultParam::Status:
            parts << tr("status %1").arg(s.status);
            break;
        case FaultParam::RetryAfter:
            if (s.retryAfterSeconds > 0)
                parts << tr("Retry-After %1 s").arg(s.retryAfterSeconds);
            break;
        case FaultParam::AfterEvents:
            parts << tr("after %1 events").arg(s.afterEvents);
            break;
        case FaultParam::Delay:
            parts << tr("first token after %1 ms").arg(s.delayMs);
            break;
        case FaultParam::Down:
            parts << tr("down %1 s").arg(s.downMs / 1000.0);
            break;
        case FaultParam::Up:
            parts << tr("up %1 s").arg(s.upMs / 1000.0);
            break;
        case FaultParam::Latency:
            parts << tr("latency %1 ms").arg(s.latencyMs);
            break;
        }
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace understudy
