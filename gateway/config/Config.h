#pragma once

// The configuration model of a workspace (SPEC §2) as plain value types.
// A Config is immutable once handed to the engine: the data plane holds it
// as std::shared_ptr<const Config> and never sees a half-edited one.
//
// Defaults here are the defaults of SPEC §3; the JSON export omits nothing,
// so a file always states the values it runs with.

#include "config/Outcome.h"

#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace understudy {

inline constexpr int kConfigSchemaVersion = 1;

struct Header
{
    QString name;
    QString value;
    bool operator==(const Header &) const = default;
};

// ---------------------------------------------------------------- providers

enum class ProviderKind { OpenAI, Anthropic, Gemini, OpenAICompatible, Http, Mock };

struct ModelInfo
{
    QString name;
    qint64 contextWindow = 0;        // tokens; 0 = unknown
    double inputPricePerMTok = 0.0;  // currency units per 1M input tokens
    double outputPricePerMTok = 0.0; // currency units per 1M output tokens
    bool supportsStreaming = true;
    bool supportsPrefill = false; // assistant prefill (mid-stream `continue`)
    bool supportsTools = false;
    bool supportsVision = false;
    bool supportsEmbeddings = false;
    bool operator==(const ModelInfo &) const = default;
};

struct ConnectionLimits
{
    int maxConnections = 256; // per origin
    int maxIdle = 64;
    int idleTimeoutMs = 60'000; // pooled connection kept this long unused
    bool operator==(const ConnectionLimits &) const = default;
};

struct TlsOptions
{
    bool verifyPeer = true;
    QString caFile;     // optional extra CA bundle (PEM)
    QString serverName; // optional SNI override
    bool operator==(const TlsOptions &) const = default;
};

// Fault behaviour of the built-in mock provider (SPEC §7). The same set is
// what the chaos panel injects in front of any provider.
enum class MockFault {
    None,
    ErrorStatus, // `status` with optional `retryAfterSeconds`
    ResetBeforeHeaders,
    NoResponse,
    SlowFirstToken,   // first content event after `delayMs`
    CutAfterEvents,   // stream ends after `afterEvents`, no finish reason
    StallAfterEvents, // stream stalls after `afterEvents`
    MalformedEvent,   // one unparsable event after `afterEvents`
    MissingDone,      // finish reason but no [DONE]
    ContextLength,
    ContentPolicy,
    Flapping, // down `downMs`, then healthy `upMs`, repeating
};

struct MockSettings
{
    int latencyMs = 40;          // time to response head
    double tokensPerSecond = 60; // streaming speed
    QString answer;              // empty = a generated answer naming the model
    MockFault fault = MockFault::None;
    int status = 503;
    int retryAfterSeconds = 0;
    int afterEvents = 3;
    int delayMs = 20'000;
    int downMs = 60'000;
    int upMs = 60'000;
    bool operator==(const MockSettings &) const = default;
};

struct Provider
{
    QString name;
    ProviderKind kind = ProviderKind::OpenAICompatible;
    QString baseUrl;
    // A reference, never a value: "env:NAME" or "keychain:ENTRY". Empty = none.
    QString credentials;
    std::vector<Header> headers;
    ConnectionLimits limits;
    TlsOptions tls;
    QString proxy; // optional http://host:port
    std::vector<ModelInfo> models;
    MockSettings mock; // only meaningful for ProviderKind::Mock
    bool operator==(const Provider &) const = default;

    const ModelInfo *model(const QString &name) const;
};

// ------------------------------------------------------------------- steps

enum class StepKind { Provider, Group, Chain, Cache, Static };
enum class BalanceStrategy { Weighted, RoundRobin, LeastInFlight, LowestLatency };

struct Target
{
    QString provider;
    QString model;  // empty = the client's requested model
    int weight = 1; // for weighted groups
    // JSON object text merged into the upstream request (e.g. temperature).
    QString requestOverrides;
    bool operator==(const Target &) const = default;
};

struct Timeouts
{
    int connectMs = 2'000;
    int firstByteMs = 15'000; // response head, or first content event on streams (TTFT)
    int idleMs = 30'000;      // gap between body bytes or stream events
    int totalMs = 0;          // per attempt; 0 = bounded by the chain deadline only
    bool operator==(const Timeouts &) const = default;
};

struct RetryPolicy
{
    int maxRetries = 2;      // retries on the same target, after the first attempt
    int backoffBaseMs = 100; // exponential, full jitter
    int backoffCapMs = 2'000;
    int retryAfterCapMs = 5'000; // longest Retry-After the step waits for
    bool operator==(const RetryPolicy &) const = default;
};

struct BreakerPolicy
{
    bool enabled = true;
    int consecutiveFailures = 5;
    double failureRatio = 0.5; // over the rolling window
    int windowMs = 30'000;
    int minimumVolume = 10; // requests in window before the ratio counts
    int openBaseMs = 5'000;
    int openMaxMs = 60'000;
    int halfOpenProbes = 1;
    int recoveryRampMs = 0; // 0 = no ramp
    bool operator==(const BreakerPolicy &) const = default;
};

struct HedgePolicy
{
    bool enabled = false;
    int afterMs = 0; // start the next step if no first byte within this time
    bool operator==(const HedgePolicy &) const = default;
};

enum class ConditionKind { Header, Consumer, Tier, Method, Stream, Model, TimeWindow, PromptTokens };
enum class ConditionOp { Equals, NotEquals, Regex, In, LessThan, GreaterThan };

// A step runs only when all its conditions hold (context-aware fallback).
struct Condition
{
    ConditionKind kind = ConditionKind::Header;
    QString key; // header name for Header; unused otherwise
    ConditionOp op = ConditionOp::Equals;
    QString value; // In: comma-separated; Stream: "true"/"false"; PromptTokens: a number
    // TimeWindow only: days as a bitmask (bit 0 = Monday), minutes since midnight.
    int days = 0x7f;
    int fromMinute = 0;
    int toMinute = 24 * 60;
    bool utc = true;
    bool operator==(const Condition &) const = default;
};

struct StaticResponse
{
    int status = 200;
    std::vector<Header> headers;
    QString contentType = QStringLiteral("application/json");
    // Template; {{request_id}}, {{model}} and {{route}} are substituted. On
    // llm routes the body is the assistant message text of a well-formed
    // completion marked as degraded.
    QString body;
    bool operator==(const StaticResponse &) const = default;
};

struct Step
{
    QString name; // optional label shown in trails; defaults to kind + index
    StepKind kind = StepKind::Provider;
    std::vector<Target> targets; // Provider: exactly one; Group: one or more
    BalanceStrategy balance = BalanceStrategy::Weighted;
    QString chain;                  // Chain: name of the nested chain
    int maxStalenessMs = 3'600'000; // Cache
    StaticResponse response;        // Static
    Timeouts timeouts;
    RetryPolicy retry;
    BreakerPolicy breaker;
    HedgePolicy hedge;
    std::map<OutcomeClass, StepAction> onOutcome; // overrides of the defaults
    std::vector<Condition> conditions;
    bool operator==(const Step &) const = default;

    StepAction actionFor(OutcomeClass outcome) const;
};

// ------------------------------------------------------------------ chains

enum class CommitMode { FirstEvent, Buffered };
enum class MidStreamPolicy { Error, Continue };

struct ChainPolicy
{
    int deadlineMs = 60'000;
    int maxAttempts = 8;
    CommitMode commitMode = CommitMode::FirstEvent;
    qint64 bufferMaxBytes = 1 << 20; // Buffered: hold at most this much
    int bufferMaxMs = 30'000;
    MidStreamPolicy midStream = MidStreamPolicy::Error;
    bool operator==(const ChainPolicy &) const = default;
};

struct Chain
{
    QString name;
    QString description;
    std::vector<Step> steps;
    ChainPolicy policy;
    bool operator==(const Chain &) const = default;
};

// ------------------------------------------------------------------ routes

enum class RouteKind { Llm, Http };
enum class PathMatch { Exact, Prefix, Pattern }; // Pattern: regex anchored on the whole path

struct HeaderMatch
{
    QString name;
    QString value;
    bool regex = false;
    bool operator==(const HeaderMatch &) const = default;
};

struct RouteMatch
{
    QString listener;    // empty = every listener
    QStringList methods; // empty = any
    PathMatch pathMatch = PathMatch::Prefix;
    QString path = QStringLiteral("/");
    QString host; // empty = any
    std::vector<HeaderMatch> headers;
    bool operator==(const RouteMatch &) const = default;
};

struct Route
{
    QString name;
    RouteMatch match;
    RouteKind kind = RouteKind::Http;
    QString chain;
    bool retryNonIdempotent = false; // http routes: re-send POST/PATCH after the body reached an upstream
    bool logBodies = false;
    bool operator==(const Route &) const = default;
};

// ---------------------------------------------------------- listeners etc.

struct Listener
{
    QString name;
    QString address = QStringLiteral("127.0.0.1");
    int port = 8787;
    bool tls = false;
    QString certFile;
    QString keyFile;
    bool operator==(const Listener &) const = default;
};

struct ServerLimits
{
    qint64 maxBodyBytes = 32LL << 20;
    int maxHeaderBytes = 64 * 1024;
    int maxConnections = 10'000;
    int requestHeadTimeoutMs = 10'000; // slowloris guard: 408 and close
    int keepAliveTimeoutMs = 75'000;
    int drainTimeoutMs = 15'000;
    int workers = 0; // 0 = number of cores
    bool operator==(const ServerLimits &) const = default;
};

struct RetryBudget
{
    double ratio = 0.2; // retries in flight may be at most this share of requests in flight
    int minRetriesInFlight = 10;
    bool operator==(const RetryBudget &) const = default;
};

struct AdminSettings
{
    QString address = QStringLiteral("127.0.0.1");
    int port = 8788;
    bool allowNonLoopbackWithoutTls = false;
    bool operator==(const AdminSettings &) const = default;
};

struct Config
{
    int schemaVersion = kConfigSchemaVersion;
    std::vector<Listener> listeners;
    std::vector<Provider> providers;
    std::vector<Chain> chains;
    std::vector<Route> routes;
    ServerLimits limits;
    RetryBudget retryBudget;
    AdminSettings admin;
    bool operator==(const Config &) const = default;

    const Provider *provider(const QString &name) const;
    const Chain *chain(const QString &name) const;
    const Route *route(const QString &name) const;
    const Listener *listener(const QString &name) const;
};

using ConfigSnapshot = std::shared_ptr<const Config>;

// Stable names for enums as they appear in JSON and in the console.
QString providerKindName(ProviderKind kind);
std::optional<ProviderKind> providerKindFromName(const QString &name);
QString stepKindName(StepKind kind);
std::optional<StepKind> stepKindFromName(const QString &name);
QString balanceStrategyName(BalanceStrategy strategy);
std::optional<BalanceStrategy> balanceStrategyFromName(const QString &name);
QString conditionKindName(ConditionKind kind);
std::optional<ConditionKind> conditionKindFromName(const QString &name);
QString conditionOpName(ConditionOp op);
std::optional<ConditionOp> conditionOpFromName(const QString &name);
QString commitModeName(CommitMode mode);
std::optional<CommitMode> commitModeFromName(const QString &name);
QString midStreamPolicyName(MidStreamPolicy policy);
std::optional<MidStreamPolicy> midStreamPolicyFromName(const QString &name);
QString routeKindName(RouteKind kind);
std::optional<RouteKind> routeKindFromName(const QString &name);
QString pathMatchName(PathMatch match);
std::optional<PathMatch> pathMatchFromName(const QString &name);
QString mockFaultName(MockFault fault);
std::optional<MockFault> mockFaultFromName(const QString &name);

} // namespace understudy
