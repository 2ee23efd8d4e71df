#pragma once

#include <QString>

#include <array>
#include <optional>

namespace understudy {

// Every attempt ends in exactly one outcome class (SPEC §3).
enum class OutcomeClass {
    Ok,
    ConnectError,
    ConnectTimeout,
    ResetBeforeResponse,
    FirstByteTimeout,
    IdleTimeout,
    Status429,
    Status5xx,
    Status4xx,
    AuthError,
    ContextLengthExceeded,
    ContentPolicy,
    MalformedResponse,
    InBandError,
    Truncated,
    SkippedCircuitOpen,
    SkippedCondition,
    DeadlineExceeded,
};

inline constexpr std::array kAllOutcomeClasses = {
    OutcomeClass::Ok,
    OutcomeClass::ConnectError,
    OutcomeClass::ConnectTimeout,
    OutcomeClass::ResetBeforeResponse,
    OutcomeClass::FirstByteTimeout,
    OutcomeClass::IdleTimeout,
    OutcomeClass::Status429,
    OutcomeClass::Status5xx,
    OutcomeClass::Status4xx,
    OutcomeClass::AuthError,
    OutcomeClass::ContextLengthExceeded,
    OutcomeClass::ContentPolicy,
    OutcomeClass::MalformedResponse,
    OutcomeClass::InBandError,
    OutcomeClass::Truncated,
    OutcomeClass::SkippedCircuitOpen,
    OutcomeClass::SkippedCondition,
    OutcomeClass::DeadlineExceeded,
};

// What a step does after an attempt ended in a class.
enum class StepAction {
    Retry, // try the same target again, with backoff
    Next,  // move on down the chain
    Stop,  // answer the client with the error now
};

// Stable snake_case names used in config files, headers, metrics and logs.
QString outcomeClassName(OutcomeClass outcome);
std::optional<OutcomeClass> outcomeClassFromName(const QString &name);
QString stepActionName(StepAction action);
std::optional<StepAction> stepActionFromName(const QString &name);

// The default decision table of SPEC §3, before any per-step override.
// Retry means "retry up to the step's retries, then next".
StepAction defaultStepAction(OutcomeClass outcome);

// Whether an operator may configure a class at all (skips and ok are not
// decisions a step policy makes).
bool isConfigurableOutcome(OutcomeClass outcome);

} // namespace understudy
