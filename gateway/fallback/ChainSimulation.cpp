#include "fallback/ChainSimulation.h"

#include "fallback/ConditionEvaluator.h"
#include "fallback/RandomSource.h"

#include "fallback/DeadlineBudget.h"

#include <set>

namespace understudy {

namespace {

// Nested chains are cycle-checked by validation; this bounds a bad config anyway.
constexpr int kMaxDepth = 8;

enum class Flow { Continue, Answered, Stopped };

bool isTimeout(OutcomeClass outcome)
{
    return outcome == OutcomeClass::ConnectTimeout || outcome == OutcomeClass::FirstByteTimeout ||
           outcome == OutcomeClass::IdleTimeout || outcome == OutcomeClass::DeadlineExceeded;
}

int statusForClass(OutcomeClass outcome)
{
    switch (outcome) {
    case OutcomeClass::Ok:
        return 200;
    case OutcomeClass::Status429:
        return 429;
    case OutcomeClass::Status5xx:
        return 503;
    case OutcomeClass::AuthError:
        return 401;
    case OutcomeClass::Status4xx:
    case OutcomeClass::ContextLengthExceeded:
    case OutcomeClass::ContentPolicy:
        return 400;
    default:
        return 0;
    }
}

class Walker
{
public:
    Walker(const Config &config, const SimulationScript &script, const RequestFacts &facts)
        : m_config(config)
        , m_script(script)
        , m_facts(facts)
        , m_random({script.jitter})
        , m_wallNow(script.wallNow.isValid() ? script.wallNow : QDateTime::currentDateTimeUtc())
    {}

    SimulationResult run(const Chain &chain)
    {
        m_deadlineMs = chain.policy.deadlineMs;
        m_maxAttempts = chain.policy.maxAttempts;
        const Flow flow = walk(chain, chain.name, 0);
        if (flow == Flow::Continue) {
            m_result.answer = AnswerKind::Error;
            m_result.status = exhaustedChainStatus(m_failures, m_deadlineSpent);
        }
        m_result.elapsedMs = m_elapsedMs;
        return m_result;
    }

private:
    qint64 remainingMs() const
    {
        return m_deadlineMs > 0 ? std::max<qint64>(0, m_deadlineMs - m_elapsedMs) : 1LL << 40;
    }

    void note(const QString &path, const QString &target, OutcomeClass outcome, int status, StepDecision decision)
    {
        m_result.path.push_back(SimulatedAttempt{path, target, outcome, status, std::move(decision), m_elapsedMs});
    }

    void skip(const QString &path, const QString &target, OutcomeClass outcome, const QString &reason)
    {
        StepDecision decision;
        decision.action = StepAction::Next;
        decision.reason = reason;
        decision.deadlineSpent = m_deadlineSpent;
        note(path, target, outcome, 0, decision);
    }

    ScriptedAttempt nextScripted(const QString &path)
    {
        const auto it = m_script.attempts.find(path);
        if (it == m_script.attempts.end() || it->second.empty())
            return {};
        std::size_t &used = m_consumed[path];
        const ScriptedAttempt &attempt = it->second[std::min(used, it->second.size() - 1)];
        ++used;
        return attempt;
    }

    Flow walk(const Chain &chain, const QString &prefix, int depth)
    {
        for (std::size_t i = 0; i < chain.steps.size(); ++i) {
            const Step &step = chain.steps[i];
            const QString path = prefix % QStringLiteral("/steps[") % QString::number(i) % u']';
            const auto conditions = ConditionEvaluator::compile(step.conditions);
            if (!conditions.ok() || !conditions->holds(m_facts, m_wallNow)) {
                skip(path, {}, OutcomeClass::SkippedCondition,
                     conditions.ok() ? QStringLiteral("skipped_condition") : QStringLiteral("invalid_condition"));
                continue;
            }
            Flow flow = Flow::Continue;
            switch (step.kind) {
            case StepKind::Provider:
                if (!step.targets.empty())
                    flow = runTarget(path, step.targets.front(), step);
                break;
            case StepKind::Group:
                for (std::size_t m = 0; m < step.targets.size() && flow == Flow::Continue; ++m)
                    flow = runTarget(path % QStringLiteral("/members[") % QString::number(m) % u']', step.targets[m],
                                     step);
                break;
            case StepKind::Chain: {
                const Chain *nested = m_config.chain(step.chain);
                if (!nested || depth + 1 >= kMaxDepth) {
                    skip(path, {}, OutcomeClass::SkippedCondition, QStringLiteral("missing_chain"));
                    break;
                }
                flow = walk(*nested, path % u'/' % nested->name, depth + 1);
                break;
            }
            case StepKind::Cache:
                flow = runCache(path);
                break;
            case StepKind::Static: {
                StepDecision decision;
                decision.action = StepAction::Stop;
                decision.reason = QStringLiteral("static");
                note(path, {}, OutcomeClass::Ok, step.response.status, decision);
                answer(AnswerKind::Static, path, {}, step.response.status);
                flow = Flow::Answered;
                break;
            }
            }
            if (flow != Flow::Continue)
                return flow;
        }
        return Flow::Continue;
    }

    Flow runCache(const QString &path)
    {
        const ScriptedAttempt scripted = nextScripted(path);
        StepDecision decision;
        if (scripted.outcome != OutcomeClass::Ok) {
            decision.action = StepAction::Next;
            decision.reason = QStringLiteral("cache_miss");
            note(path, {}, scripted.outcome, 0, decision);
            return Flow::Continue;
        }
        decision.action = StepAction::Stop;
        decision.reason = QStringLiteral("cache_hit");
        note(path, {}, OutcomeClass::Ok, 200, decision);
        answer(AnswerKind::Cache, path, {}, 200);
        return Flow::Answered;
    }

    Flow runTarget(const QString &path, const Target &target, const Step &step)
    {
        const QString model = target.model.isEmpty() ? m_facts.requestedModel : target.model;
        const QString key = target.provider % u'/' % model;
        if (m_contextTooLong.count(key)) {
            skip(path, key, OutcomeClass::SkippedCondition, QStringLiteral("context_window_too_small"));
            return Flow::Continue;
        }
        if (!m_contextTooLong.empty()) {
            const Provider *provider = m_config.provider(target.provider);
            if (!fitsContextWindow(provider ? provider->model(model) : nullptr, m_facts.estimatedPromptTokens)) {
                skip(path, key, OutcomeClass::SkippedCondition, QStringLiteral("context_window_too_small"));
                return Flow::Continue;
            }
        }
        for (int retries = 0;; ++retries) {
            if (m_deadlineSpent || remainingMs() < DeadlineBudget::kMinimumUsefulAttemptMs) {
                m_deadlineSpent = true;
                skip(path, key, OutcomeClass::DeadlineExceeded, QStringLiteral("deadline_spent"));
                m_failures.push_back(OutcomeClass::DeadlineExceeded);
                return Flow::Continue;
            }
            if (m_maxAttempts > 0 && m_result.attempts >= m_maxAttempts) {
                skip(path, key, OutcomeClass::SkippedCondition, QStringLiteral("attempt_budget_spent"));
                return Flow::Continue;
            }
            const ScriptedAttempt scripted = nextScripted(path);
            if (scripted.outcome == OutcomeClass::SkippedCircuitOpen) {
                skip(path, key, OutcomeClass::SkippedCircuitOpen, QStringLiteral("skipped_circuit_open"));
                m_failures.push_back(OutcomeClass::SkippedCircuitOpen);
                return Flow::Continue;
            }
            const int status = scripted.status ? scripted.status : statusForClass(scripted.outcome);
            const qint64 startedAt = m_elapsedMs;
            ++m_result.attempts;
            m_elapsedMs += std::max<qint64>(0, scripted.durationMs);

            AttemptFacts facts;
            facts.outcome = scripted.outcome;
            facts.upstreamStatus = status;
            facts.retryAfterMs = scripted.retryAfterMs;
            facts.retriesDone = retries;
            facts.remainingMs = remainingMs();
            facts.safeToResend = m_script.safeToResend;
            facts.bodyReachedUpstream = m_script.bodyReachedUpstream;
            StepDecision decision = decideStep(step, facts, m_random);
            m_result.path.push_back(SimulatedAttempt{path, key, scripted.outcome, status, decision, startedAt});

            switch (decision.action) {
            case StepAction::Retry:
                m_failures.push_back(scripted.outcome);
                m_elapsedMs += decision.delayMs;
                continue;
            case StepAction::Next:
                m_failures.push_back(scripted.outcome);
                m_deadlineSpent = m_deadlineSpent || decision.deadlineSpent;
                if (scripted.outcome == OutcomeClass::ContextLengthExceeded)
                    m_contextTooLong.insert(key);
                return Flow::Continue;
            case StepAction::Stop:
                if (scripted.outcome == OutcomeClass::Ok) {
                    answer(AnswerKind::Served, path, key, status);
                    return Flow::Answered;
                }
                m_result.answer = AnswerKind::Error;
                m_result.servedBy = path;
                m_result.status = stopStatus(scripted.outcome, status);
                return Flow::Stopped;
            }
        }
    }

    static int stopStatus(OutcomeClass outcome, int upstreamStatus)
    {
        if (outcome == OutcomeClass::DeadlineExceeded || isTimeout(outcome))
            return 504;
        // Client errors and policy refusals pass through; upstream failures become 502.
        if (upstreamStatus >= 400 && upstreamStatus < 500 && upstreamStatus != 401 && upstreamStatus != 403)
            return upstreamStatus;
        return 502;
    }

    void answer(AnswerKind kind, const QString &path, const QString &target, int status)
    {
        m_result.answer = kind;
        m_result.servedBy = path;
        m_result.target = target;
        m_result.status = status;
    }

    const Config &m_config;
    const SimulationScript &m_script;
    const RequestFacts &m_facts;
    ScriptedRandom m_random;
    QDateTime m_wallNow;
    qint64 m_deadlineMs = 0;
    int m_maxAttempts = 0;
    qint64 m_elapsedMs = 0;
    bool m_deadlineSpent = false;
    std::map<QString, std::size_t> m_consumed;
    std::set<QString> m_contextTooLong;
    std::vector<OutcomeClass> m_failures;
    SimulationResult m_result;
};

} // namespace

QString answerKindName(AnswerKind kind)
{
    switch (kind) {
    case AnswerKind::Served:
        return QStringLiteral("served");
    case AnswerKind::Cache:
        return QStringLiteral("cache");
    case AnswerKind::Static:
        return QStringLiteral("static");
    case AnswerKind::Error:
        return QStringLiteral("error");
    }
    return {};
}

int exhaustedChainStatus(const std::vector<OutcomeClass> &failures, bool deadlineSpent)
{
    if (deadlineSpent)
        return 504;
    bool anyTried = false;
    bool allShedding = true;
    for (OutcomeClass outcome : failures) {
        if (outcome == OutcomeClass::SkippedCondition)
            continue;
        anyTried = true;
        if (outcome != OutcomeClass::SkippedCircuitOpen && outcome != OutcomeClass::Status429)
            allShedding = false;
    }
    if (anyTried && allShedding)
        return 503;
    if (!failures.empty() && isTimeout(failures.back()))
        return 504;
    return 502;
}

Result<SimulationResult> simulateChain(const Config &config, const QString &chainName, const SimulationScript &script,
                                       const RequestFacts &facts)
{
    const Chain *chain = config.chain(chainName);
    if (!chain)
        return Error{QStringLiteral("not_found"), QStringLiteral("No chain named \"%1\".").arg(chainName)};
    Walker walker(config, script, facts);
    return walker.run(*chain);
}

} // namespace understudy
