#pragma once

// The decision table of SPEC §3 as one function, used by the executor for
// every attempt and by the console's what-if designer (simulateChain), so
// what the designer shows is what the engine does.
//
// Order of rules (first match wins):
//  1. ok -> stop (served); skips -> next; deadline_exceeded -> stop.
//  2. After the commit point only the chain's mid-stream policy applies:
//     continue -> next (the executor re-issues with a prefill), error -> stop.
//  3. A request that may not be re-sent (non-idempotent http request whose
//     body reached the upstream, route not opted in) -> stop.
//  4. The step's action for the class (per-step overrides win over the
//     defaults). context_length_exceeded is never re-sent unchanged to the
//     same target, even when configured to retry.
//  5. retry: only while retries remain, the Retry-After fits the step's cap,
//     the delay plus a useful attempt fits the deadline, and the process
//     retry budget has room; otherwise next.
//  6. next with less than a useful attempt's budget left is still next, but
//     flagged deadlineSpent: only cache and static steps may answer now; if
//     none does, the chain ends with deadline_exceeded (504).

#include "config/Config.h"
#include "config/Outcome.h"

#include <QString>

#include <optional>

namespace understudy {

class RandomSource;
class RetryBudgetGate;

struct AttemptFacts
{
    OutcomeClass outcome = OutcomeClass::Ok;
    int upstreamStatus = 0;
    std::optional<qint64> retryAfterMs;
    int retriesDone = 0;      // retries already made on this target in this step
    qint64 remainingMs = 0;   // chain deadline left
    bool safeToResend = true; // see isSafeToResend()
    bool bodyReachedUpstream = false;
    bool committed = false; // streaming past the commit point
    MidStreamPolicy midStream = MidStreamPolicy::Error;
    // Without a gate: whether the process retry budget has room. With a gate,
    // a Retry decision reserves its slot (see StepDecision::retrySlotHeld).
    bool retryBudgetAvailable = true;
    RetryBudgetGate *retryBudget = nullptr;
};

struct StepDecision
{
    StepAction action = StepAction::Next;
    qint64 delayMs = 0; // Retry: wait this long first
    QString reason;     // short token for trails and the designer
    bool deadlineSpent = false;
    // A retry slot was taken from AttemptFacts::retryBudget; the caller
    // releases it when the retry attempt ends.
    bool retrySlotHeld = false;
};

StepDecision decideStep(const Step &step, const AttemptFacts &facts, RandomSource &random);

// llm routes and idempotent methods may always be re-sent; others only when
// the route opts in (Route::retryNonIdempotent).
bool isSafeToResend(RouteKind kind, const QString &method, bool routeOptsIn);

// False only when the model's context window is known and the estimate is
// known and larger. Unknowns never skip a step.
bool fitsContextWindow(const ModelInfo *model, qint64 estimatedPromptTokens);

} // namespace understudy
