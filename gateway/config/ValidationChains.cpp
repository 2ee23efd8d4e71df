// Validation of chains: steps, targets, policies, conditions and the
// relations between chains (nesting cycles, reachability, terminals).

#include "config/ValidationRules.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace understudy {

namespace {

QString joinPath(const QString &prefix, const char *field)
{
    return prefix + QLatin1Char('.') + QLatin1String(field);
}

void validateTarget(const Config &config, const Target &t, bool inGroup, const QString &path, IssueCollector &out)
{
    const Provider *provider = config.provider(t.provider);
    if (t.provider.isEmpty())
        out.error(joinPath(path, "provider"), QStringLiteral("choose the provider this target sends to"));
    else if (!provider)
        out.error(joinPath(path, "provider"), QStringLiteral("there is no provider named \"%1\"").arg(t.provider));
    if (provider && !provider->models.empty() && !t.model.isEmpty() && !provider->model(t.model))
        out.warning(joinPath(path, "model"),
                    QStringLiteral("model \"%1\" is not in the catalogue of provider \"%2\"; context-window and cost "
                                   "checks cannot apply to it")
                        .arg(t.model, t.provider));
    if (inGroup && t.weight <= 0)
        out.error(joinPath(path, "weight"), QStringLiteral("the weight must be above 0, got %1").arg(t.weight));
    if (!t.requestOverrides.trimmed().isEmpty()) {
        QJsonParseError parseError;
        const auto doc = QJsonDocument::fromJson(t.requestOverrides.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            out.error(joinPath(path, "request_overrides"),
                      QStringLiteral("request overrides must be a JSON object such as {\"temperature\": 0.2}"));
    }
}

bool opIsOneOf(ConditionOp op, std::initializer_list<ConditionOp> allowed)
{
    return std::find(allowed.begin(), allowed.end(), op) != allowed.end();
}

void validateCondition(const Condition &c, const QString &path, IssueCollector &out)
{
    const QString kind = conditionKindName(c.kind);
    const QString opPath = joinPath(path, "op");
    const QString valuePath = joinPath(path, "value");
    auto rejectOp = [&](const QString &allowed) {
        out.error(opPath,
                  QStringLiteral("a %1 condition cannot use \"%2\"; use %3").arg(kind, conditionOpName(c.op), allowed));
    };
    const bool textual =
        opIsOneOf(c.op, {ConditionOp::Equals, ConditionOp::NotEquals, ConditionOp::Regex, ConditionOp::In});
    switch (c.kind) {
    case ConditionKind::Header:
        if (!isHttpToken(c.key))
            out.error(joinPath(path, "key"), QStringLiteral("\"%1\" is not a valid HTTP header name").arg(c.key));
        [[fallthrough]];
    case ConditionKind::Consumer:
    case ConditionKind::Tier:
    case ConditionKind::Model:
        if (!textual)
            rejectOp(QStringLiteral("equals, not_equals, regex or in"));
        break;
    case ConditionKind::Method:
        if (!textual) {
            rejectOp(QStringLiteral("equals, not_equals, regex or in"));
        } else if (c.op != ConditionOp::Regex) {
            const QStringList methods =
                c.op == ConditionOp::In ? c.value.split(QLatin1Char(',')) : QStringList{c.value};
            for (const auto &method : methods) {
                if (!isHttpToken(method.trimmed()))
                    out.error(valuePath, QStringLiteral("\"%1\" is not a valid HTTP method").arg(method.trimmed()));
            }
        }
        break;
    case ConditionKind::Stream:
        if (!opIsOneOf(c.op, {ConditionOp::Equals, ConditionOp::NotEquals}))
            rejectOp(QStringLiteral("equals or not_equals"));
        if (c.value != QLatin1String("true") && c.value != QLatin1String("false"))
            out.error(valuePath,
                      QStringLiteral("a stream condition compares with true or false, got \"%1\"").arg(c.value));
        break;
    case ConditionKind::PromptTokens: {
        if (!opIsOneOf(c.op, {ConditionOp::LessThan, ConditionOp::GreaterThan}))
            rejectOp(QStringLiteral("less_than or greater_than"));
        bool ok = false;
        const qint64 bound = c.value.trimmed().toLongLong(&ok);
        if (!ok || bound < 0)
            out.error(valuePath,
                      QStringLiteral("prompt_tokens compares with a whole number of tokens, got \"%1\"").arg(c.value));
        break;
    }
    case ConditionKind::TimeWindow:
        if (c.days <= 0 || c.days > 0x7f)
            out.error(
                joinPath(path, "days"),
                QStringLiteral("choose at least one weekday (bit 0 = Monday ... bit 6 = Sunday), got %1").arg(c.days));
        if (c.fromMinute < 0 || c.fromMinute > 1440)
            out.error(joinPath(path, "from_minute"),
                      QStringLiteral("minutes since midnight must be 0 to 1440, got %1").arg(c.fromMinute));
        if (c.toMinute < 0 || c.toMinute > 1440)
            out.error(joinPath(path, "to_minute"),
                      QStringLiteral("minutes since midnight must be 0 to 1440, got %1").arg(c.toMinute));
        break;
    }
    if (c.op == ConditionOp::Regex) {
        if (const QString why = regexError(c.value); !why.isEmpty())
            out.error(valuePath, QStringLiteral("not a valid regular expression: ") + why);
    }
    if (c.op == ConditionOp::In && c.value.trimmed().isEmpty())
        out.error(valuePath, QStringLiteral("list the accepted values, separated by commas"));
}

void validatePolicies(const Step &s, const ChainPolicy &chainPolicy, const QString &path, IssueCollector &out)
{
    const Timeouts &t = s.timeouts;
    auto positive = [&out, &path](int value, const char *field, const QString &what) {
        if (value <= 0)
            out.error(joinPath(path, field), QStringLiteral("%1 must be above 0 ms, got %2").arg(what).arg(value));
    };
    positive(t.connectMs, "timeouts.connect_ms", QStringLiteral("the connect timeout"));
    positive(t.firstByteMs, "timeouts.first_byte_ms", QStringLiteral("the first-byte timeout"));
    positive(t.idleMs, "timeouts.idle_ms", QStringLiteral("the idle timeout"));
    if (t.totalMs < 0)
        out.error(joinPath(path, "timeouts.total_ms"),
                  QStringLiteral("the attempt timeout cannot be negative (0 = bounded by the chain deadline)"));
    if (t.connectMs > 0 && t.firstByteMs > 0 && qint64(t.connectMs) + t.firstByteMs > chainPolicy.deadlineMs &&
        chainPolicy.deadlineMs > 0)
        out.error(path, QStringLiteral("the chain deadline (%1 ms) is shorter than this step's connect + first-byte "
                                       "timeouts (%2 + %3 ms), so the step could never wait as configured; lower "
                                       "the timeouts or raise the deadline")
                            .arg(chainPolicy.deadlineMs)
                            .arg(t.connectMs)
                            .arg(t.firstByteMs));

    const RetryPolicy &r = s.retry;
    if (r.maxRetries < 0 || r.maxRetries > 100)
        out.error(joinPath(path, "retry.max_retries"),
                  QStringLiteral("expected an integer between 0 and 100, got %1").arg(r.maxRetries));
    if (r.backoffBaseMs < 0)
        out.error(joinPath(path, "retry.backoff_base_ms"), QStringLiteral("the backoff base cannot be negative"));
    if (r.backoffBaseMs > r.backoffCapMs)
        out.error(joinPath(path, "retry.backoff_cap_ms"),
                  QStringLiteral("the backoff cap (%1 ms) is below the backoff base (%2 ms)")
                      .arg(r.backoffCapMs)
                      .arg(r.backoffBaseMs));
    if (r.retryAfterCapMs < 0)
        out.error(joinPath(path, "retry.retry_after_cap_ms"), QStringLiteral("the Retry-After cap cannot be negative"));

    const BreakerPolicy &b = s.breaker;
    if (b.consecutiveFailures < 1)
        out.error(joinPath(path, "breaker.consecutive_failures"),
                  QStringLiteral("at least 1 failure must open the breaker, got %1").arg(b.consecutiveFailures));
    if (!(b.failureRatio > 0.0 && b.failureRatio <= 1.0))
        out.error(joinPath(path, "breaker.failure_ratio"),
                  QStringLiteral("the failure ratio must be above 0 and at most 1, got %1").arg(b.failureRatio));
    positive(b.windowMs, "breaker.window_ms", QStringLiteral("the breaker window"));
    if (b.minimumVolume < 1)
        out.error(joinPath(path, "breaker.minimum_volume"),
                  QStringLiteral("the minimum volume must be at least 1, got %1").arg(b.minimumVolume));
    positive(b.openBaseMs, "breaker.open_base_ms", QStringLiteral("the open duration"));
    if (b.openMaxMs < b.openBaseMs)
        out.error(joinPath(path, "breaker.open_max_ms"),
                  QStringLiteral("the longest open duration (%1 ms) is below the base (%2 ms)")
                      .arg(b.openMaxMs)
                      .arg(b.openBaseMs));
    if (b.halfOpenProbes < 1)
        out.error(joinPath(path, "breaker.half_open_probes"),
                  QStringLiteral("half-open needs at least 1 probe, got %1").arg(b.halfOpenProbes));
    if (b.recoveryRampMs < 0)
        out.error(joinPath(path, "breaker.recovery_ramp_ms"),
                  QStringLiteral("the recovery ramp cannot be negative (0 = none)"));

    if (s.hedge.enabled && s.hedge.afterMs <= 0)
        out.error(joinPath(path, "hedge.after_ms"),
                  QStringLiteral("hedging needs a delay above 0 ms before it starts the next step"));

    for (const auto &[outcome, action] : s.onOutcome) {
        if (!isConfigurableOutcome(outcome))
            out.error(joinPath(path, "on_outcome.") + outcomeClassName(outcome),
                      QStringLiteral("\"%1\" is decided by the gateway itself and cannot be configured")
                          .arg(outcomeClassName(outcome)));
    }
}

void validateStep(const Config &config, const Chain &chain, const Step &s, const QString &path, IssueCollector &out)
{
    switch (s.kind) {
    case StepKind::Provider:
        if (s.targets.size() != 1)
            out.error(joinPath(path, "targets"),
                      QStringLiteral("a provider step has exactly one target, got %1 (use a group step to balance "
                                     "several)")
                          .arg(s.targets.size()));
        break;
    case StepKind::Group:
        if (s.targets.empty())
            out.error(joinPath(path, "targets"), QStringLiteral("a group step needs at least one target"));
        break;
    case StepKind::Chain:
        if (s.chain.isEmpty())
            out.error(joinPath(path, "chain"), QStringLiteral("choose the chain this step runs"));
        else if (s.chain == chain.name)
            out.error(joinPath(path, "chain"),
                      QStringLiteral("chain \"%1\" cannot run itself as a step").arg(chain.name));
        else if (!config.chain(s.chain))
            out.error(joinPath(path, "chain"), QStringLiteral("there is no chain named \"%1\"").arg(s.chain));
        break;
    case StepKind::Cache:
        if (s.maxStalenessMs <= 0)
            out.error(joinPath(path, "max_staleness_ms"),
                      QStringLiteral("the max staleness must be above 0 ms, got %1").arg(s.maxStalenessMs));
        break;
    case StepKind::Static:
        if (s.response.status < 100 || s.response.status > 599)
            out.error(joinPath(path, "response.status"),
                      QStringLiteral("status %1 is not an HTTP status; use 100 to 599").arg(s.response.status));
        for (std::size_t h = 0; h < s.response.headers.size(); ++h) {
            if (!isHttpToken(s.response.headers[h].name))
                out.error(indexPath(joinPath(path, "response.headers"), h) + QStringLiteral(".name"),
                          QStringLiteral("\"%1\" is not a valid HTTP header name").arg(s.response.headers[h].name));
        }
        break;
    }
    if (s.kind == StepKind::Provider || s.kind == StepKind::Group) {
        for (std::size_t t = 0; t < s.targets.size(); ++t)
            validateTarget(config, s.targets[t], s.kind == StepKind::Group, indexPath(joinPath(path, "targets"), t),
                           out);
        validatePolicies(s, chain.policy, path, out);
    }
    for (std::size_t c = 0; c < s.conditions.size(); ++c)
        validateCondition(s.conditions[c], indexPath(joinPath(path, "conditions"), c), out);
}

bool declaresPrefill(const Config &config, const Target &t)
{
    const Provider *provider = config.provider(t.provider);
    const ModelInfo *model = provider && !t.model.isEmpty() ? provider->model(t.model) : nullptr;
    return model && model->supportsPrefill;
}

// Whether the chain (or a chain it nests) can answer without a provider.
bool hasTerminal(const Config &config, const Chain &chain, std::set<QString> &visited)
{
    if (!visited.insert(chain.name).second)
        return false;
    for (const auto &s : chain.steps) {
        if (s.kind == StepKind::Cache || s.kind == StepKind::Static)
            return true;
        if (s.kind == StepKind::Chain) {
            if (const Chain *nested = config.chain(s.chain); nested && hasTerminal(config, *nested, visited))
                return true;
        }
    }
    return false;
}

void validateChainPolicy(const Config &config, const Chain &chain, const QString &path, IssueCollector &out)
{
    const ChainPolicy &p = chain.policy;
    if (p.deadlineMs <= 0)
        out.error(path + QStringLiteral(".policy.deadline_ms"),
                  QStringLiteral("the chain deadline must be above 0 ms, got %1").arg(p.deadlineMs));
    if (p.maxAttempts < 1)
        out.error(path + QStringLiteral(".policy.max_attempts"),
                  QStringLiteral("allow at least 1 attempt, got %1").arg(p.maxAttempts));
    if (p.bufferMaxBytes <= 0)
        out.error(path + QStringLiteral(".policy.buffer_max_bytes"),
                  QStringLiteral("the buffer limit must be above 0 bytes, got %1").arg(p.bufferMaxBytes));
    if (p.bufferMaxMs <= 0)
        out.error(path + QStringLiteral(".policy.buffer_max_ms"),
                  QStringLiteral("the buffer time limit must be above 0 ms, got %1").arg(p.bufferMaxMs));
    if (p.midStream == MidStreamPolicy::Continue) {
        bool prefill = false;
        for (std::size_t i = 1; i < chain.steps.size() && !prefill; ++i) {
            for (const auto &t : chain.steps[i].targets)
                prefill = prefill || declaresPrefill(config, t);
        }
        if (!prefill)
            out.warning(path + QStringLiteral(".policy.mid_stream"),
                        QStringLiteral("\"continue\" needs a later target whose model declares prefill support; "
                                       "none does, so a cut stream will end with an error"));
    }
}

// Depth-first search over chain -> nested chain edges; every back edge is
// a cycle, reported once at the step that closes it.
void findCycles(const Config &config, IssueCollector &out)
{
    enum class Mark { Unvisited, Active, Done };
    std::map<QString, Mark> marks;
    QStringList stack;
    std::function<void(const Chain &, std::size_t)> visit = [&](const Chain &chain, std::size_t chainIndex) {
        marks[chain.name] = Mark::Active;
        stack.append(chain.name);
        for (std::size_t i = 0; i < chain.steps.size(); ++i) {
            const Step &s = chain.steps[i];
            if (s.kind != StepKind::Chain || s.chain == chain.name)
                continue; // self-reference is reported by validateStep
            const Chain *nested = config.chain(s.chain);
            if (!nested)
                continue;
            const Mark mark = marks[nested->name];
            if (mark == Mark::Active) {
                const QStringList cycle = stack.mid(stack.indexOf(nested->name)) + QStringList{nested->name};
                out.error(namedPath(QStringLiteral("chains"), chain.name, chainIndex) +
                              indexPath(QStringLiteral(".steps"), i) + QStringLiteral(".chain"),
                          QStringLiteral("nested chains form a cycle: %1").arg(cycle.join(QStringLiteral(" -> "))));
            } else if (mark == Mark::Unvisited) {
                const auto nestedIndex = std::size_t(nested - config.chains.data());
                visit(*nested, nestedIndex);
            }
        }
        stack.removeLast();
        marks[chain.name] = Mark::Done;
    };
    for (std::size_t i = 0; i < config.chains.size(); ++i) {
        if (!config.chains[i].name.isEmpty() && marks[config.chains[i].name] == Mark::Unvisited)
            visit(config.chains[i], i);
    }
}

} // namespace

void validateChains(const Config &config, IssueCollector &out)
{
    validateNames(config.chains, QStringLiteral("chains"), QStringLiteral("chain"), out);
    for (std::size_t c = 0; c < config.chains.size(); ++c) {
        const Chain &chain = config.chains[c];
        const QString path = namedPath(QStringLiteral("chains"), chain.name, c);
        if (chain.steps.empty()) {
            out.error(path + QStringLiteral(".steps"),
                      QStringLiteral("a chain needs at least one step that can answer"));
        }
        std::optional<std::size_t> alwaysAnswers;
        for (std::size_t i = 0; i < chain.steps.size(); ++i) {
            const Step &s = chain.steps[i];
            const QString stepPath = indexPath(path + QStringLiteral(".steps"), i);
            if (alwaysAnswers)
                out.error(stepPath, QStringLiteral("unreachable: step %1 is a static step without conditions, so it "
                                                   "always answers and no later step ever runs")
                                        .arg(*alwaysAnswers));
            validateStep(config, chain, s, stepPath, out);
            if (!alwaysAnswers && s.kind == StepKind::Static && s.conditions.empty())
                alwaysAnswers = i;
        }
        std::set<QString> visited;
        if (!chain.steps.empty() && !hasTerminal(config, chain, visited))
            out.warning(path, QStringLiteral("no cache or static step: when every provider fails, clients get an "
                                             "error; add a cache or static step at the end for a degraded answer"));
        validateChainPolicy(config, chain, path, out);
    }
    findCycles(config, out);
}

} // namespace understudy
