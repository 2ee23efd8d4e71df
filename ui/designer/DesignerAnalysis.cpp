#include "designer/DesignerAnalysis.h"

#include <QCoreApplication>
#include <QLocale>

namespace understudy::designer {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ChainDesigner", text);
}

// The chain's path prefix exactly as validation writes it.
QString chainIssuePrefix(const Config &config, const QString &chainName)
{
    for (std::size_t i = 0; i < config.chains.size(); ++i) {
        if (config.chains[i].name == chainName)
            return QStringLiteral("chains[") + (chainName.isEmpty() ? QString::number(i) : chainName) + u']';
    }
    return {};
}

// Reads "[<digits>]" at `from`; returns the number and moves `from` past it.
int readIndex(const QString &text, qsizetype &from)
{
    if (from >= text.size() || text.at(from) != u'[')
        return -1;
    const qsizetype close = text.indexOf(u']', from);
    if (close < 0)
        return -1;
    bool ok = false;
    const int index = text.mid(from + 1, close - from - 1).toInt(&ok);
    if (!ok)
        return -1;
    from = close + 1;
    return index;
}

} // namespace

ChainIssues issuesForChain(const Config &config, const QString &chainName, const std::vector<ValidationIssue> &issues)
{
    ChainIssues out;
    const QString prefix = chainIssuePrefix(config, chainName);
    const Chain *chain = config.chain(chainName);
    if (prefix.isEmpty() || !chain)
        return out;
    const QString stepsPrefix = prefix + QStringLiteral(".steps[");
    for (const ValidationIssue &issue : issues) {
        if (issue.path.startsWith(stepsPrefix)) {
            qsizetype at = stepsPrefix.size() - 1;
            const int index = readIndex(issue.path, at);
            if (index >= 0 && (at == issue.path.size() || issue.path.at(at) == u'.')) {
                out.steps[index].push_back(issue);
                continue;
            }
        }
        if (issue.path == prefix || issue.path.startsWith(prefix + u'.')) {
            out.chain.push_back(issue);
            if (issue.path == prefix && !chain->steps.empty())
                out.steps[int(chain->steps.size()) - 1].push_back(issue);
        }
    }
    return out;
}

std::vector<WhatIfPreset> presetsFor(StepKind kind)
{
    switch (kind) {
    case StepKind::Provider:
    case StepKind::Group:
        return {WhatIfPreset::Ok,
                WhatIfPreset::Status503Once,
                WhatIfPreset::Status503Forever,
                WhatIfPreset::Status429Forever,
                WhatIfPreset::Status429RetryAfter,
                WhatIfPreset::ConnectError,
                WhatIfPreset::ConnectTimeout,
                WhatIfPreset::FirstByteTimeout,
                WhatIfPreset::Reset,
                WhatIfPreset::ContextLength,
                WhatIfPreset::ContentPolicy,
                WhatIfPreset::AuthError,
                WhatIfPreset::BadRequest,
                WhatIfPreset::Malformed,
                WhatIfPreset::Truncated,
                WhatIfPreset::CircuitOpen};
    case StepKind::Cache:
        return {WhatIfPreset::Ok, WhatIfPreset::CacheMiss};
    case StepKind::Chain:
    case StepKind::Static:
        break;
    }
    return {};
}

QString presetLabel(WhatIfPreset preset)
{
    switch (preset) {
    case WhatIfPreset::Ok:
        return tr("answers (ok)");
    case WhatIfPreset::Status503Once:
        return tr("503 once");
    case WhatIfPreset::Status503Forever:
        return tr("503 forever");
    case WhatIfPreset::Status429Forever:
        return tr("429 forever");
    case WhatIfPreset::Status429RetryAfter:
        return tr("429, wait 1 s");
    case WhatIfPreset::ConnectError:
        return tr("connection refused");
    case WhatIfPreset::ConnectTimeout:
        return tr("connect timeout");
    case WhatIfPreset::FirstByteTimeout:
        return tr("first-byte timeout");
    case WhatIfPreset::Reset:
        return tr("connection reset");
    case WhatIfPreset::ContextLength:
        return tr("context too long");
    case WhatIfPreset::ContentPolicy:
        return tr("content policy");
    case WhatIfPreset::AuthError:
        return tr("401 bad key");
    case WhatIfPreset::BadRequest:
        return tr("400 bad request");
    case WhatIfPreset::Malformed:
        return tr("malformed response");
    case WhatIfPreset::Truncated:
        return tr("truncated stream");
    case WhatIfPreset::CircuitOpen:
        return tr("circuit open");
    case WhatIfPreset::CacheMiss:
        return tr("cache miss / stale");
    }
    return {};
}

std::vector<ScriptedAttempt> scriptedAttempts(WhatIfPreset preset, const Step &step)
{
    auto fail = [](OutcomeClass outcome, int status, qint64 durationMs) {
        ScriptedAttempt attempt;
        attempt.outcome = outcome;
        attempt.status = status;
        attempt.durationMs = durationMs;
        return attempt;
    };
    ScriptedAttempt answer;
    answer.durationMs = kScriptedAnswerMs;
    switch (preset) {
    case WhatIfPreset::Ok:
        return {};
    case WhatIfPreset::Status503Once:
        return {fail(OutcomeClass::Status5xx, 503, kScriptedErrorMs), answer};
    case WhatIfPreset::Status503Forever:
        return {fail(OutcomeClass::Status5xx, 503, kScriptedErrorMs)};
    case WhatIfPreset::Status429Forever:
        return {fail(OutcomeClass::Status429, 429, kScriptedErrorMs)};
    case WhatIfPreset::Status429RetryAfter: {
        ScriptedAttempt limited = fail(OutcomeClass::Status429, 429, kScriptedErrorMs);
        limited.retryAfterMs = kScriptedRetryAfterMs;
        return {limited, answer};
    }
    case WhatIfPreset::ConnectError:
        return {fail(OutcomeClass::ConnectError, 0, kScriptedResetMs)};
    case WhatIfPreset::ConnectTimeout:
        return {fail(OutcomeClass::ConnectTimeout, 0, step.timeouts.connectMs)};
    case WhatIfPreset::FirstByteTimeout:
        return {fail(OutcomeClass::FirstByteTimeout, 0, qint64(step.timeouts.connectMs) + step.timeouts.firstByteMs)};
    case WhatIfPreset::Reset:
        return {fail(OutcomeClass::ResetBeforeResponse, 0, kScriptedResetMs)};
    case WhatIfPreset::ContextLength:
        return {fail(OutcomeClass::ContextLengthExceeded, 400, kScriptedErrorMs)};
    case WhatIfPreset::ContentPolicy:
        return {fail(OutcomeClass::ContentPolicy, 400, kScriptedErrorMs)};
    case WhatIfPreset::AuthError:
        return {fail(OutcomeClass::AuthError, 401, kScriptedErrorMs)};
    case WhatIfPreset::BadRequest:
        return {fail(OutcomeClass::Status4xx, 400, kScriptedErrorMs)};
    case WhatIfPreset::Malformed:
        return {fail(OutcomeClass::MalformedResponse, 200, kScriptedAnswerMs)};
    case WhatIfPreset::Truncated:
        return {fail(OutcomeClass::Truncated, 200, kScriptedAnswerMs)};
    case WhatIfPreset::CircuitOpen:
        return {fail(OutcomeClass::SkippedCircuitOpen, 0, 0)};
    case WhatIfPreset::CacheMiss:
        return {fail(OutcomeClass::Status5xx, 0, 0)};
    }
    return {};
}

QString stepPath(const QString &chainName, int index)
{
    return chainName + QStringLiteral("/steps[") + QString::number(index) + u']';
}

SimulationScript buildScript(const Config &config, const QString &chainName, const std::map<int, WhatIfPreset> &presets)
{
    SimulationScript script;
    const Chain *chain = config.chain(chainName);
    if (!chain)
        return script;
    for (const auto &[index, preset] : presets) {
        if (index < 0 || std::size_t(index) >= chain->steps.size())
            continue;
        const Step &step = chain->steps[std::size_t(index)];
        const std::vector<ScriptedAttempt> attempts = scriptedAttempts(preset, step);
        if (attempts.empty())
            continue;
        const QString path = stepPath(chainName, index);
        if (step.kind == StepKind::Group) {
            for (std::size_t m = 0; m < step.targets.size(); ++m)
                script.attempts[path + QStringLiteral("/members[") + QString::number(m) + u']'] = attempts;
        } else if (step.kind == StepKind::Provider || step.kind == StepKind::Cache) {
            script.attempts[path] = attempts;
        }
    }
    return script;
}

int stepIndexOfPath(const QString &chainName, const QString &path)
{
    const QString prefix = chainName + QStringLiteral("/steps");
    if (!path.startsWith(prefix))
        return -1;
    qsizetype at = prefix.size();
    const int index = readIndex(path, at);
    if (index < 0 || (at != path.size() && path.at(at) != u'/'))
        return -1;
    return index;
}

std::map<int, std::vector<int>> attemptsByStep(const QString &chainName, const SimulationResult &result)
{
    std::map<int, std::vector<int>> out;
    for (std::size_t i = 0; i < result.path.size(); ++i) {
        const int index = stepIndexOfPath(chainName, result.path[i].stepPath);
        if (index >= 0)
            out[index].push_back(int(i) + 1);
    }
    return out;
}

QString answerSummary(const Config &config, const QString &chainName, const SimulationResult &result)
{
    const Chain *chain = config.chain(chainName);
    const int index = stepIndexOfPath(chainName, result.servedBy);
    QString by;
    if (chain && index >= 0 && std::size_t(index) < chain->steps.size()) {
        const Step &step = chain->steps[std::size_t(index)];
        by = step.name.isEmpty() ? stepKindName(step.kind) + u' ' + QString::number(index + 1) : step.name;
    }
    const QString elapsed = QLocale().toString(result.elapsedMs / 1000.0, 'f', 2);
    const QString attempts = result.attempts == 1 ? tr("1 attempt") : tr("%1 attempts").arg(result.attempts);
    QString how;
    switch (result.answer) {
    case AnswerKind::Served:
        how = tr("%1 served by %2 (%3)").arg(result.status).arg(by, result.target);
        break;
    case AnswerKind::Cache:
        how = tr("%1 from the cache step %2").arg(result.status).arg(by);
        break;
    case AnswerKind::Static:
        how = tr("%1 canned answer from the static step %2").arg(result.status).arg(by);
        break;
    case AnswerKind::Error:
        how = by.isEmpty() ? tr("%1 error: every step failed").arg(result.status)
                           : tr("%1 error: stopped at %2").arg(result.status).arg(by);
        break;
    }
    return tr("Client gets %1 · %2 · %3 s").arg(how, attempts, elapsed);
}

} // namespace understudy::designer
