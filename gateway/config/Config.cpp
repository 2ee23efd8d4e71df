#include "config/Config.h"

#include <algorithm>
#include <utility>

namespace understudy {

namespace {

template<typename Enum> using NameTable = std::initializer_list<std::pair<Enum, const char *>>;

template<typename Enum> QString nameOf(NameTable<Enum> table, Enum value)
{
    for (const auto &[e, name] : table) {
        if (e == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template<typename Enum> std::optional<Enum> valueOf(NameTable<Enum> table, const QString &name)
{
    for (const auto &[e, n] : table) {
        if (name == QLatin1String(n))
            return e;
    }
    return std::nullopt;
}

template<typename Item> const Item *findByName(const std::vector<Item> &items, const QString &name)
{
    auto it = std::find_if(items.begin(), items.end(), [&](const Item &item) { return item.name == name; });
    return it == items.end() ? nullptr : &*it;
}

const NameTable<ProviderKind> kProviderKinds = {
    {ProviderKind::OpenAI, "openai"}, {ProviderKind::Anthropic, "anthropic"},
    {ProviderKind::Gemini, "gemini"}, {ProviderKind::OpenAICompatible, "openai-compatible"},
    {ProviderKind::Http, "http"},     {ProviderKind::Mock, "mock"},
};

const NameTable<StepKind> kStepKinds = {
    {StepKind::Provider, "provider"}, {StepKind::Group, "group"},   {StepKind::Chain, "chain"},
    {StepKind::Cache, "cache"},       {StepKind::Static, "static"},
};

const NameTable<BalanceStrategy> kBalanceStrategies = {
    {BalanceStrategy::Weighted, "weighted"},
    {BalanceStrategy::RoundRobin, "round_robin"},
    {BalanceStrategy::LeastInFlight, "least_in_flight"},
    {BalanceStrategy::LowestLatency, "lowest_latency"},
};

const NameTable<ConditionKind> kConditionKinds = {
    {ConditionKind::Header, "header"},
    {ConditionKind::Consumer, "consumer"},
    {ConditionKind::Tier, "tier"},
    {ConditionKind::Method, "method"},
    {ConditionKind::Stream, "stream"},
    {ConditionKind::Model, "model"},
    {ConditionKind::TimeWindow, "time_window"},
    {ConditionKind::PromptTokens, "prompt_tokens"},
};

const NameTable<ConditionOp> kConditionOps = {
    {ConditionOp::Equals, "equals"}, {ConditionOp::NotEquals, "not_equals"}, {ConditionOp::Regex, "regex"},
    {ConditionOp::In, "in"},         {ConditionOp::LessThan, "less_than"},   {ConditionOp::GreaterThan, "greater_than"},
};

const NameTable<CommitMode> kCommitModes = {
    {CommitMode::FirstEvent, "first_event"},
    {CommitMode::Buffered, "buffered"},
};

const NameTable<MidStreamPolicy> kMidStreamPolicies = {
    {MidStreamPolicy::Error, "error"},
    {MidStreamPolicy::Continue, "continue"},
};

const NameTable<RouteKind> kRouteKinds = {{RouteKind::Llm, "llm"}, {RouteKind::Http, "http"}};

const NameTable<PathMatch> kPathMatches = {
    {PathMatch::Exact, "exact"}, {PathMatch::Prefix, "prefix"}, {PathMatch::Pattern, "pattern"}};

const NameTable<MockFault> kMockFaults = {
    {MockFault::None, "none"},
    {MockFault::ErrorStatus, "error_status"},
    {MockFault::ResetBeforeHeaders, "reset_before_headers"},
    {MockFault::NoResponse, "no_response"},
    {MockFault::SlowFirstToken, "slow_first_token"},
    {MockFault::CutAfterEvents, "cut_after_events"},
    {MockFault::StallAfterEvents, "stall_after_events"},
    {MockFault::MalformedEvent, "malformed_event"},
    {MockFault::MissingDone, "missing_done"},
    {MockFault::ContextLength, "context_length"},
    {MockFault::ContentPolicy, "content_policy"},
    {MockFault::Flapping, "flapping"},
};

} // namespace

const ModelInfo *Provider::model(const QString &name) const
{
    return findByName(models, name);
}

StepAction Step::actionFor(OutcomeClass outcome) const
{
    if (auto it = onOutcome.find(outcome); it != onOutcome.end())
        return it->second;
    return defaultStepAction(outcome);
}

const Provider *Config::provider(const QString &name) const
{
    return findByName(providers, name);
}
const Chain *Config::chain(const QString &name) const
{
    return findByName(chains, name);
}
const Route *Config::route(const QString &name) const
{
    return findByName(routes, name);
}
const Listener *Config::listener(const QString &name) const
{
    return findByName(listeners, name);
}

QString providerKindName(ProviderKind v)
{
    return nameOf(kProviderKinds, v);
}
std::optional<ProviderKind> providerKindFromName(const QString &n)
{
    return valueOf(kProviderKinds, n);
}
QString stepKindName(StepKind v)
{
    return nameOf(kStepKinds, v);
}
std::optional<StepKind> stepKindFromName(const QString &n)
{
    return valueOf(kStepKinds, n);
}
QString balanceStrategyName(BalanceStrategy v)
{
    return nameOf(kBalanceStrategies, v);
}
std::optional<BalanceStrategy> balanceStrategyFromName(const QString &n)
{
    return valueOf(kBalanceStrategies, n);
}
QString conditionKindName(ConditionKind v)
{
    return nameOf(kConditionKinds, v);
}
std::optional<ConditionKind> conditionKindFromName(const QString &n)
{
    return valueOf(kConditionKinds, n);
}
QString conditionOpName(ConditionOp v)
{
    return nameOf(kConditionOps, v);
}
std::optional<ConditionOp> conditionOpFromName(const QString &n)
{
    return valueOf(kConditionOps, n);
}
QString commitModeName(CommitMode v)
{
    return nameOf(kCommitModes, v);
}
std::optional<CommitMode> commitModeFromName(const QString &n)
{
    return valueOf(kCommitModes, n);
}
QString midStreamPolicyName(MidStreamPolicy v)
{
    return nameOf(kMidStreamPolicies, v);
}
std::optional<MidStreamPolicy> midStreamPolicyFromName(const QString &n)
{
    return valueOf(kMidStreamPolicies, n);
}
QString routeKindName(RouteKind v)
{
    return nameOf(kRouteKinds, v);
}
std::optional<RouteKind> routeKindFromName(const QString &n)
{
    return valueOf(kRouteKinds, n);
}
QString pathMatchName(PathMatch v)
{
    return nameOf(kPathMatches, v);
}
std::optional<PathMatch> pathMatchFromName(const QString &n)
{
    return valueOf(kPathMatches, n);
}
QString mockFaultName(MockFault v)
{
    return nameOf(kMockFaults, v);
}
std::optional<MockFault> mockFaultFromName(const QString &n)
{
    return valueOf(kMockFaults, n);
}

} // namespace understudy
