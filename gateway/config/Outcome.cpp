#include "config/Outcome.h"

namespace understudy {

namespace {

struct OutcomeName
{
    OutcomeClass outcome;
    const char *name;
};

constexpr OutcomeName kOutcomeNames[] = {
    {OutcomeClass::Ok, "ok"},
    {OutcomeClass::ConnectError, "connect_error"},
    {OutcomeClass::ConnectTimeout, "connect_timeout"},
    {OutcomeClass::ResetBeforeResponse, "reset_before_response"},
    {OutcomeClass::FirstByteTimeout, "first_byte_timeout"},
    {OutcomeClass::IdleTimeout, "idle_timeout"},
    {OutcomeClass::Status429, "status_429"},
    {OutcomeClass::Status5xx, "status_5xx"},
    {OutcomeClass::Status4xx, "status_4xx"},
    {OutcomeClass::AuthError, "auth_error"},
    {OutcomeClass::ContextLengthExceeded, "context_length_exceeded"},
    {OutcomeClass::ContentPolicy, "content_policy"},
    {OutcomeClass::MalformedResponse, "malformed_response"},
    {OutcomeClass::InBandError, "in_band_error"},
    {OutcomeClass::Truncated, "truncated"},
    {OutcomeClass::SkippedCircuitOpen, "skipped_circuit_open"},
    {OutcomeClass::SkippedCondition, "skipped_condition"},
    {OutcomeClass::DeadlineExceeded, "deadline_exceeded"},
};

static_assert(std::size(kOutcomeNames) == kAllOutcomeClasses.size());

} // namespace

QString outcomeClassName(OutcomeClass outcome)
{
    for (const auto &entry : kOutcomeNames) {
        if (entry.outcome == outcome)
            return QString::fromLatin1(entry.name);
    }
    Q_ASSERT_X(false, "outcomeClassName", "unnamed outcome class");
    return {};
}

std::optional<OutcomeClass> outcomeClassFromName(const QString &name)
{
    for (const auto &entry : kOutcomeNames) {
        if (name == QLatin1String(entry.name))
            return entry.outcome;
    }
    return std::nullopt;
}

QString stepActionName(StepAction action)
{
    switch (action) {
    case StepAction::Retry:
        return QStringLiteral("retry");
    case StepAction::Next:
        return QStringLiteral("next");
    case StepAction::Stop:
        return QStringLiteral("stop");
    }
    return {};
}

std::optional<StepAction> stepActionFromName(const QString &name)
{
    if (name == QLatin1String("retry"))
        return StepAction::Retry;
    if (name == QLatin1String("next"))
        return StepAction::Next;
    if (name == QLatin1String("stop"))
        return StepAction::Stop;
    return std::nullopt;
}

StepAction defaultStepAction(OutcomeClass outcome)
{
    switch (outcome) {
    case OutcomeClass::ConnectError:
    case OutcomeClass::ResetBeforeResponse:
    case OutcomeClass::Status5xx:
        return StepAction::Retry;
    case OutcomeClass::Status429:
        // Honours Retry-After when it fits; otherwise the executor moves on.
        return StepAction::Retry;
    case OutcomeClass::ConnectTimeout:
    case OutcomeClass::FirstByteTimeout:
    case OutcomeClass::IdleTimeout:
    case OutcomeClass::ContextLengthExceeded:
    case OutcomeClass::AuthError:
    case OutcomeClass::MalformedResponse:
    case OutcomeClass::InBandError:
    case OutcomeClass::Truncated:
    case OutcomeClass::SkippedCircuitOpen:
    case OutcomeClass::SkippedCondition:
        return StepAction::Next;
    case OutcomeClass::ContentPolicy:
    case OutcomeClass::Status4xx:
    case OutcomeClass::DeadlineExceeded:
    case OutcomeClass::Ok:
        return StepAction::Stop;
    }
    return StepAction::Next;
}

bool isConfigurableOutcome(OutcomeClass outcome)
{
    switch (outcome) {
    case OutcomeClass::Ok:
    case OutcomeClass::SkippedCircuitOpen:
    case OutcomeClass::SkippedCondition:
    case OutcomeClass::DeadlineExceeded:
        return false;
    default:
        return true;
    }
}

} // namespace understudy
