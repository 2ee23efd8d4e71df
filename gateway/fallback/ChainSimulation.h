#pragma once

// The console's "what if" mode: walks a chain with scripted attempt outcomes
// through the same decideStep() the executor uses, and reports the path
// taken and how the request would be answered. No I/O, no clocks: time is
// the sum of scripted durations and backoff delays (jitter fixed by the
// script), so the same script always gives the same answer.
//
// Attempt paths: "chat/steps[1]" for a provider step, "chat/steps[1]/members[0]"
// for a group member (members are tried in declared order here; live
// balancing is not simulated), and "chat/steps[2]/backup/steps[0]" inside a
// nested chain. Unscripted attempts succeed; a path's script is consumed in
// order and its last entry repeats. A cache step answers unless its path is
// scripted with a non-ok outcome (an empty or stale cache). Static always
// answers.

#include "config/Config.h"
#include "core/Result.h"
#include "fallback/RequestFacts.h"
#include "fallback/StepDecision.h"

#include <QDateTime>
#include <QString>

#include <map>
#include <optional>
#include <vector>

namespace understudy {

struct ScriptedAttempt
{
    OutcomeClass outcome = OutcomeClass::Ok;
    int status = 0; // upstream status; 0 = derived from the class
    std::optional<qint64> retryAfterMs;
    qint64 durationMs = 0;
};

struct SimulationScript
{
    std::map<QString, std::vector<ScriptedAttempt>> attempts;
    QDateTime wallNow;        // for time-window conditions; invalid = now (UTC)
    double jitter = 0.5;      // the fixed random value backoff jitter uses
    bool safeToResend = true; // see isSafeToResend()
    bool bodyReachedUpstream = true;
};

struct SimulatedAttempt
{
    QString stepPath;
    QString target; // "provider/model"; empty for cache/static/skipped chains
    OutcomeClass outcome = OutcomeClass::Ok;
    int status = 0;
    StepDecision decision;
    qint64 atMs = 0; // offset from the start of the request
};

enum class AnswerKind { Served, Cache, Static, Error };
QString answerKindName(AnswerKind kind);

struct SimulationResult
{
    std::vector<SimulatedAttempt> path;
    AnswerKind answer = AnswerKind::Error;
    QString servedBy; // step path that answered
    QString target;   // target that served (Served only)
    int status = 0;   // client status: the answer's, or 502/503/504 / a passed-through 4xx
    qint64 elapsedMs = 0;
    int attempts = 0; // upstream attempts made (skips not counted)
};

Result<SimulationResult> simulateChain(const Config &config, const QString &chainName, const SimulationScript &script,
                                       const RequestFacts &facts);

// The client status when a chain ran out of steps (SPEC §5): 504 when the
// deadline ran out or the last failure was a timeout, 503 when nothing was
// tried because everything was open or shedding (429), 502 otherwise.
int exhaustedChainStatus(const std::vector<OutcomeClass> &failures, bool deadlineSpent);

} // namespace understudy
