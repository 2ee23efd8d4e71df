#pragma once

// What the designer draws on the cards, computed by the engine's own code:
// validation issues (validateConfig) mapped onto step cards, and the "what
// if" scripts that feed simulateChain. Nothing here decides anything the
// executor decides; it only translates between cards and engine paths.

#include "config/Config.h"
#include "config/Validation.h"
#include "fallback/ChainSimulation.h"

#include <QString>
#include <QStringList>

#include <map>
#include <vector>

namespace understudy::designer {

// Issues of one chain, split by the card they belong to.
struct ChainIssues
{
    std::map<int, std::vector<ValidationIssue>> steps; // by step index
    std::vector<ValidationIssue> chain;                // policy, "no steps", ...
};

// Picks the issues whose path lies under the chain ("chains[name]..." or
// "chains[index]..." for an unnamed chain). Issues on the chain itself
// (such as the missing cache/static terminal) are also put on the last
// card, where the missing answer would have to be.
ChainIssues issuesForChain(const Config &config, const QString &chainName, const std::vector<ValidationIssue> &issues);

// A scripted outcome the operator picks for a card in what-if mode.
enum class WhatIfPreset {
    Ok,
    Status503Once,
    Status503Forever,
    Status429Forever,
    Status429RetryAfter,
    ConnectError,
    ConnectTimeout,
    FirstByteTimeout,
    Reset,
    ContextLength,
    ContentPolicy,
    AuthError,
    BadRequest,
    Malformed,
    Truncated,
    CircuitOpen,
    CacheMiss, // cache steps: empty or stale cache
};

// The presets offered for a step kind, in menu order (the first is the
// default, "answers"). Static and chain steps have none of their own.
std::vector<WhatIfPreset> presetsFor(StepKind kind);
QString presetLabel(WhatIfPreset preset);

// Durations the scripts use, so elapsed times read like a real request.
inline constexpr qint64 kScriptedAnswerMs = 800;
inline constexpr qint64 kScriptedErrorMs = 150;
inline constexpr qint64 kScriptedResetMs = 40;
inline constexpr qint64 kScriptedRetryAfterMs = 1000;

// The attempts one preset scripts for a step (empty = unscripted, it answers).
std::vector<ScriptedAttempt> scriptedAttempts(WhatIfPreset preset, const Step &step);

// The engine path prefix of a step: "chat/steps[1]".
QString stepPath(const QString &chainName, int index);

// The simulation script for a chain given one preset per step. Group
// members all get the step's preset (each member fails the same way);
// the steps inside a nested chain are left unscripted, so they answer.
SimulationScript buildScript(const Config &config, const QString &chainName,
                             const std::map<int, WhatIfPreset> &presets);

// For each step index of the top-level chain, the 1-based numbers of the
// simulated attempts (or skips) that happened inside it, in order.
std::map<int, std::vector<int>> attemptsByStep(const QString &chainName, const SimulationResult &result);
// The top-level step index an engine path belongs to, or -1.
int stepIndexOfPath(const QString &chainName, const QString &path);

// "200 served by primary (gpt-demo-large) after 3 attempts in 1.2 s".
QString answerSummary(const Config &config, const QString &chainName, const SimulationResult &result);

} // namespace understudy::designer
