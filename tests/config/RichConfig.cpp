#include "RichConfig.h"

namespace understudy::test {

namespace {

QString indexed(const char *prefix, int i)
{
    return QLatin1String(prefix) + QString::number(i);
}

Provider richProvider(int i, MockFault fault)
{
    Provider p;
    p.name = indexed("provider-", i);
    p.kind = static_cast<ProviderKind>(i % 6);
    p.baseUrl = QStringLiteral("https://api%1.example.com/v1").arg(i);
    p.credentials = i % 2 ? QStringLiteral("env:KEY_%1").arg(i) : QStringLiteral("keychain:understudy/p%1").arg(i);
    p.headers = {{QStringLiteral("x-org"), QStringLiteral("org-%1").arg(i)},
                 {QStringLiteral("x-ünï"), QStringLiteral("välue \"quoted\"\n")}};
    p.limits = {100 + i, 10 + i, 5'000 + i};
    p.tls = {false, QStringLiteral("/etc/ca-%1.pem").arg(i), QStringLiteral("sni%1.example").arg(i)};
    p.proxy = QStringLiteral("http://proxy:3128");
    ModelInfo m;
    m.name = indexed("model-", i);
    m.contextWindow = 9'000'000'000LL + i; // beyond 32 bits on purpose
    m.inputPricePerMTok = 0.1 + i / 3.0;   // not exactly representable in decimal
    m.outputPricePerMTok = 1e-7;
    m.supportsStreaming = false;
    m.supportsPrefill = true;
    m.supportsTools = true;
    m.supportsVision = true;
    m.supportsEmbeddings = true;
    p.models = {m, ModelInfo{}};
    p.models[1].name = QStringLiteral("plain");
    p.mock.latencyMs = 1 + i;
    p.mock.tokensPerSecond = 12.5;
    p.mock.answer = QStringLiteral("answer %1 ✓").arg(i);
    p.mock.fault = fault;
    p.mock.status = 529;
    p.mock.retryAfterSeconds = 7;
    p.mock.afterEvents = 11;
    p.mock.delayMs = 1234;
    p.mock.downMs = 4321;
    p.mock.upMs = 999;
    return p;
}

Step richStep(int i, StepKind kind)
{
    Step s;
    s.name = indexed("step-", i);
    s.kind = kind;
    s.targets = {
        Target{QStringLiteral("provider-0"), QStringLiteral("model-0"), 3, QStringLiteral("{\"temperature\": 0.2}")},
        Target{QStringLiteral("provider-1"), QString(), 7, QString()}};
    s.balance = static_cast<BalanceStrategy>(i % 4);
    s.chain = QStringLiteral("other");
    s.maxStalenessMs = 42'000;
    s.response.status = 299;
    s.response.headers = {{QStringLiteral("x-degraded"), QStringLiteral("1")}};
    s.response.contentType = QStringLiteral("text/plain");
    s.response.body = QStringLiteral("canned {{request_id}} {{model}} {{route}}");
    s.timeouts = {111, 222, 333, 444};
    s.retry = {5, 50, 500, 5000};
    s.breaker = {false, 9, 0.25, 12'345, 3, 1'500, 90'000, 4, 10'000};
    s.hedge = {true, 750};
    const StepAction actions[] = {StepAction::Retry, StepAction::Next, StepAction::Stop};
    int a = i;
    for (auto outcome : kAllOutcomeClasses)
        s.onOutcome[outcome] = actions[a++ % 3];
    // Every condition kind and every op, spread over the steps.
    for (int k = 0; k < 8; ++k) {
        Condition c;
        c.kind = static_cast<ConditionKind>(k);
        c.key = QStringLiteral("x-tier");
        c.op = static_cast<ConditionOp>((k + i) % 6);
        c.value = QStringLiteral("gold,silver");
        c.days = 0x1f;
        c.fromMinute = 9 * 60;
        c.toMinute = 17 * 60 + k;
        c.utc = false;
        s.conditions.push_back(c);
    }
    return s;
}

} // namespace

Config richConfig()
{
    Config c;
    c.listeners = {Listener{QStringLiteral("public"), QStringLiteral("0.0.0.0"), 443, true,
                            QStringLiteral("/etc/cert.pem"), QStringLiteral("/etc/key.pem")},
                   Listener{QStringLiteral("local"), QStringLiteral("::1"), 0, false, {}, {}}};
    for (int f = 0; f <= static_cast<int>(MockFault::Flapping); ++f)
        c.providers.push_back(richProvider(f, static_cast<MockFault>(f)));

    Chain main;
    main.name = QStringLiteral("main");
    main.description = QStringLiteral("Every step kind; \"quotes\", tabs\tand ünïcödé");
    for (int k = 0; k < 5; ++k)
        main.steps.push_back(richStep(k, static_cast<StepKind>(k)));
    main.policy = {12'000, 3, CommitMode::Buffered, 5'000'000'000LL, 777, MidStreamPolicy::Continue};
    Chain other;
    other.name = QStringLiteral("other");
    other.steps.push_back(richStep(5, StepKind::Group));
    other.policy.commitMode = CommitMode::FirstEvent;
    other.policy.midStream = MidStreamPolicy::Error;
    c.chains = {main, other};

    for (int m = 0; m < 3; ++m) {
        Route r;
        r.name = indexed("route-", m);
        r.match.listener = QStringLiteral("public");
        r.match.methods = {QStringLiteral("POST"), QStringLiteral("PUT")};
        r.match.pathMatch = static_cast<PathMatch>(m);
        r.match.path = QStringLiteral("/v1/route%1").arg(m);
        r.match.host = QStringLiteral("api.example.com");
        r.match.headers = {HeaderMatch{QStringLiteral("x-tenant"), QStringLiteral("acme|.*"), true},
                           HeaderMatch{QStringLiteral("x-plain"), QStringLiteral("yes"), false}};
        r.kind = static_cast<RouteKind>(m % 2);
        r.chain = QStringLiteral("main");
        r.retryNonIdempotent = true;
        r.logBodies = true;
        c.routes.push_back(r);
    }
    c.limits = {1LL << 40, 1000, 20, 3000, 4000, 5000, 6};
    c.retryBudget = {0.33, 17};
    c.admin = {QStringLiteral("10.0.0.1"), 9999, true};
    return c;
}

} // namespace understudy::test
