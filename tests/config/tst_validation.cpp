#include "config/DemoWorkspace.h"
#include "config/Validation.h"

#include <QTest>

#include <functional>

using namespace understudy;

namespace {

using Mutation = std::function<void(Config &)>;
using Severity = ValidationIssue::Severity;

Step &stepOf(Config &c, std::size_t index)
{
    return c.chains.at(0).steps.at(index);
}

Condition conditionOf(ConditionKind kind, ConditionOp op, const QString &value)
{
    Condition cond;
    cond.kind = kind;
    cond.key = QStringLiteral("x-tier");
    cond.op = op;
    cond.value = value;
    return cond;
}

Chain chainRunning(const QString &name, const QString &nested)
{
    Chain chain;
    chain.name = name;
    Step step;
    step.kind = StepKind::Chain;
    step.chain = nested;
    chain.steps.push_back(step);
    Step canned;
    canned.kind = StepKind::Static;
    chain.steps.push_back(canned);
    return chain;
}

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QString describe(const std::vector<ValidationIssue> &issues)
{
    return formatIssues(issues);
}

} // namespace

Q_DECLARE_METATYPE(Mutation)
Q_DECLARE_METATYPE(ValidationIssue::Severity)

class TestValidation final : public QObject
{
    Q_OBJECT

private slots:
    void demoConfigIsValid();
    void eachRuleReportsItsPath_data();
    void eachRuleReportsItsPath();
    void everyIssueIsReportedNotJustTheFirst();
    void continueWithAPrefillTargetIsFine();
    void warningsDoNotMakeAConfigInvalid();
    void formatPutsErrorsFirst();
};

void TestValidation::demoConfigIsValid()
{
    const auto issues = validateConfig(demoConfig());
    QVERIFY2(issues.empty(), qPrintable(describe(issues)));
    QVERIFY(isValid(issues));

    const Config demo = demoConfig();
    QCOMPARE(demo.listeners.at(0).port, 8787);
    QCOMPARE(demo.admin.port, 8788);
    QCOMPARE(demo.chains.at(0).steps.size(), std::size_t(5));
    QCOMPARE(demo.chains.at(0).steps.at(3).kind, StepKind::Cache);
    QCOMPARE(demo.chains.at(0).steps.at(3).maxStalenessMs, 3'600'000);
    QCOMPARE(demo.chains.at(0).steps.at(4).kind, StepKind::Static);
    QCOMPARE(demo.chains.at(0).policy.deadlineMs, 30'000);
    QVERIFY(demo.provider(QStringLiteral("local"))->model(QStringLiteral("llama-demo"))->supportsPrefill);
    QCOMPARE(demo.route(QStringLiteral("chat-completions"))->match.path, QStringLiteral("/v1/chat/completions"));
    for (const auto &p : demo.providers)
        QCOMPARE(p.kind, ProviderKind::Mock);
}

void TestValidation::eachRuleReportsItsPath_data()
{
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("fact"); // what the message must mention
    QTest::addColumn<Severity>("severity");

    const Severity E = Severity::Error;
    const Severity W = Severity::Warning;
    auto row = [](const char *name, Mutation m, const char *path, const QString &fact, Severity s) {
        QTest::newRow(name) << std::move(m) << QString::fromLatin1(path) << fact << s;
    };

    // names
    row(
        "provider name empty", [](Config &c) { c.providers[0].name.clear(); }, "providers[0].name", s("needs a name"),
        E);
    row(
        "provider name unsafe", [](Config &c) { c.providers[2].name = s("my local"); }, "providers[my local].name",
        s("letters, digits"), E);
    row(
        "provider name duplicate", [](Config &c) { c.providers[1].name = s("primary"); }, "providers[primary].name",
        s("unique"), E);
    row(
        "chain name duplicate", [](Config &c) { c.chains.push_back(c.chains[0]); }, "chains[chat].name", s("unique"),
        E);
    row(
        "route name unsafe", [](Config &c) { c.routes[0].name = s("chat/completions"); },
        "routes[chat/completions].name", s("letters, digits"), E);
    row(
        "listener name duplicate",
        [](Config &c) {
            c.listeners.push_back(c.listeners[0]);
            c.listeners[1].port = 9000;
        },
        "listeners[default].name", s("unique"), E);
    // providers
    row(
        "base url missing", [](Config &c) { c.providers[0].kind = ProviderKind::OpenAI; },
        "providers[primary].base_url", s("http:// or https://"), E);
    row(
        "base url not http",
        [](Config &c) {
            c.providers[0].kind = ProviderKind::Anthropic;
            c.providers[0].baseUrl = s("ftp://api.example.com");
        },
        "providers[primary].base_url", s("ftp://api.example.com"), E);
    row(
        "credentials not a reference", [](Config &c) { c.providers[0].credentials = s("sk-123"); },
        "providers[primary].credentials", s("env:"), E);
    row(
        "credentials bad env name", [](Config &c) { c.providers[0].credentials = s("env:MY KEY"); },
        "providers[primary].credentials", s("reference"), E);
    row(
        "provider header name",
        [](Config &c) {
            c.providers[0].headers.push_back({s("bad header"), s("x")});
        },
        "providers[primary].headers[0].name", s("bad header"), E);
    row(
        "key in a default header",
        [](Config &c) {
            c.providers[0].headers.push_back({s("Authorization"), s("Bearer sk-123")});
        },
        "providers[primary].headers[0].value", s("credentials"), W);
    row(
        "provider max connections", [](Config &c) { c.providers[0].limits.maxConnections = 0; },
        "providers[primary].limits.max_connections", s("at least 1"), E);
    row(
        "duplicate model", [](Config &c) { c.providers[0].models.push_back(c.providers[0].models[0]); },
        "providers[primary].models[gpt-demo-large].name", s("twice"), E);
    row(
        "mock tokens per second", [](Config &c) { c.providers[0].mock.tokensPerSecond = 0; },
        "providers[primary].mock.tokens_per_second", s("above 0"), E);
    // listeners and admin
    row(
        "listener port range", [](Config &c) { c.listeners[0].port = 70000; }, "listeners[default].port", s("70000"),
        E);
    row(
        "listener address", [](Config &c) { c.listeners[0].address = s("not-an-ip"); }, "listeners[default].address",
        s("not-an-ip"), E);
    row(
        "listener duplicate address",
        [](Config &c) {
            Listener second = c.listeners[0];
            second.name = s("second");
            c.listeners.push_back(second);
        },
        "listeners[second].port", s("127.0.0.1:8787 is already used by listener \"default\""), E);
    row(
        "listener tls without cert", [](Config &c) { c.listeners[0].tls = true; }, "listeners[default].cert_file",
        s("certificate"), E);
    row(
        "admin port range", [](Config &c) { c.admin.port = -1; }, "admin.port", s("-1"), E);
    row(
        "admin port clash", [](Config &c) { c.admin.port = 8787; }, "admin.port", s("listener \"default\""), E);
    row(
        "admin non-loopback", [](Config &c) { c.admin.address = s("0.0.0.0"); }, "admin.address",
        s("allow_non_loopback_without_tls"), E);
    // routes
    row(
        "route chain missing", [](Config &c) { c.routes[0].chain = s("nope"); }, "routes[chat-completions].chain",
        s("no chain named \"nope\""), E);
    row(
        "route listener missing", [](Config &c) { c.routes[0].match.listener = s("public"); },
        "routes[chat-completions].match.listener", s("no listener named \"public\""), E);
    row(
        "route path without slash", [](Config &c) { c.routes[0].match.path = s("v1/chat"); },
        "routes[chat-completions].match.path", s("start with '/'"), E);
    row(
        "route pattern invalid",
        [](Config &c) {
            c.routes[0].match.pathMatch = PathMatch::Pattern;
            c.routes[0].match.path = s("/v1/(chat");
        },
        "routes[chat-completions].match.path", s("regular expression"), E);
    row(
        "route header regex invalid",
        [](Config &c) {
            c.routes[0].match.headers.push_back({s("x-tenant"), s("[acme"), true});
        },
        "routes[chat-completions].match.headers[0].value", s("regular expression"), E);
    row(
        "route method invalid",
        [](Config &c) {
            c.routes[0].match.methods = {s("POST"), s("GET ")};
        },
        "routes[chat-completions].match.methods[1]", s("GET "), E);
    row(
        "duplicate route match",
        [](Config &c) {
            Route copy = c.routes[0];
            copy.name = s("copy");
            copy.match.methods = {s("post")}; // methods compare case-insensitively
            c.routes.push_back(copy);
        },
        "routes[copy].match", s("\"chat-completions\""), E);
    // steps
    row(
        "provider step two targets", [](Config &c) { stepOf(c, 0).targets.push_back(stepOf(c, 1).targets[0]); },
        "chains[chat].steps[0].targets", s("exactly one"), E);
    row(
        "group without targets",
        [](Config &c) {
            stepOf(c, 0).kind = StepKind::Group;
            stepOf(c, 0).targets.clear();
        },
        "chains[chat].steps[0].targets", s("at least one"), E);
    row(
        "group weight zero",
        [](Config &c) {
            stepOf(c, 0).kind = StepKind::Group;
            stepOf(c, 0).targets[0].weight = 0;
        },
        "chains[chat].steps[0].targets[0].weight", s("above 0"), E);
    row(
        "chain step missing chain",
        [](Config &c) {
            stepOf(c, 0).kind = StepKind::Chain;
            stepOf(c, 0).chain = s("ghost");
        },
        "chains[chat].steps[0].chain", s("no chain named \"ghost\""), E);
    row(
        "chain step runs itself",
        [](Config &c) {
            stepOf(c, 0).kind = StepKind::Chain;
            stepOf(c, 0).chain = s("chat");
        },
        "chains[chat].steps[0].chain", s("itself"), E);
    row(
        "nested chain cycle",
        [](Config &c) {
            c.chains.push_back(chainRunning(s("a"), s("b")));
            c.chains.push_back(chainRunning(s("b"), s("a")));
        },
        "chains[b].steps[0].chain", s("a -> b -> a"), E);
    row(
        "cache staleness zero", [](Config &c) { stepOf(c, 3).maxStalenessMs = 0; },
        "chains[chat].steps[3].max_staleness_ms", s("above 0"), E);
    row(
        "static status", [](Config &c) { stepOf(c, 4).response.status = 700; }, "chains[chat].steps[4].response.status",
        s("700"), E);
    row(
        "target provider missing", [](Config &c) { stepOf(c, 0).targets[0].provider = s("openai"); },
        "chains[chat].steps[0].targets[0].provider", s("no provider named \"openai\""), E);
    row(
        "target model not in catalogue", [](Config &c) { stepOf(c, 0).targets[0].model = s("gpt-5"); },
        "chains[chat].steps[0].targets[0].model", s("\"gpt-5\""), W);
    row(
        "request overrides not an object", [](Config &c) { stepOf(c, 0).targets[0].requestOverrides = s("[1]"); },
        "chains[chat].steps[0].targets[0].request_overrides", s("JSON object"), E);
    row(
        "request overrides not json", [](Config &c) { stepOf(c, 0).targets[0].requestOverrides = s("{temp: 1"); },
        "chains[chat].steps[0].targets[0].request_overrides", s("JSON object"), E);
    // conditions
    row(
        "condition regex",
        [](Config &c) {
            stepOf(c, 0).conditions.push_back(conditionOf(ConditionKind::Header, ConditionOp::Regex, s("(")));
        },
        "chains[chat].steps[0].conditions[0].value", s("regular expression"), E);
    row(
        "condition header key",
        [](Config &c) {
            auto cond = conditionOf(ConditionKind::Header, ConditionOp::Equals, s("gold"));
            cond.key.clear();
            stepOf(c, 0).conditions.push_back(cond);
        },
        "chains[chat].steps[0].conditions[0].key", s("header name"), E);
    row(
        "condition stream value",
        [](Config &c) {
            stepOf(c, 1).conditions.push_back(conditionOf(ConditionKind::Stream, ConditionOp::Equals, s("yes")));
        },
        "chains[chat].steps[1].conditions[0].value", s("true or false"), E);
    row(
        "condition prompt tokens op",
        [](Config &c) {
            stepOf(c, 1).conditions.push_back(conditionOf(ConditionKind::PromptTokens, ConditionOp::Equals, s("100")));
        },
        "chains[chat].steps[1].conditions[0].op", s("less_than"), E);
    row(
        "condition prompt tokens value",
        [](Config &c) {
            stepOf(c, 1).conditions.push_back(
                conditionOf(ConditionKind::PromptTokens, ConditionOp::LessThan, s("many")));
        },
        "chains[chat].steps[1].conditions[0].value", s("number"), E);
    row(
        "condition time window minutes",
        [](Config &c) {
            auto cond = conditionOf(ConditionKind::TimeWindow, ConditionOp::Equals, {});
            cond.toMinute = 1500;
            stepOf(c, 1).conditions.push_back(cond);
        },
        "chains[chat].steps[1].conditions[0].to_minute", s("1440"), E);
    row(
        "condition time window days",
        [](Config &c) {
            auto cond = conditionOf(ConditionKind::TimeWindow, ConditionOp::Equals, {});
            cond.days = 0;
            stepOf(c, 1).conditions.push_back(cond);
        },
        "chains[chat].steps[1].conditions[0].days", s("weekday"), E);
    row(
        "condition method token",
        [](Config &c) {
            stepOf(c, 1).conditions.push_back(conditionOf(ConditionKind::Method, ConditionOp::In, s("GET,PO ST")));
        },
        "chains[chat].steps[1].conditions[0].value", s("PO ST"), E);
    // policies
    row(
        "connect timeout zero", [](Config &c) { stepOf(c, 0).timeouts.connectMs = 0; },
        "chains[chat].steps[0].timeouts.connect_ms", s("above 0"), E);
    row(
        "retry max too high", [](Config &c) { stepOf(c, 0).retry.maxRetries = 101; },
        "chains[chat].steps[0].retry.max_retries", s("between 0 and 100"), E);
    row(
        "retry max negative", [](Config &c) { stepOf(c, 2).retry.maxRetries = -1; },
        "chains[chat].steps[2].retry.max_retries", s("between 0 and 100"), E);
    row(
        "backoff base above cap", [](Config &c) { stepOf(c, 0).retry.backoffBaseMs = 5000; },
        "chains[chat].steps[0].retry.backoff_cap_ms", s("5000"), E);
    row(
        "breaker ratio zero", [](Config &c) { stepOf(c, 0).breaker.failureRatio = 0; },
        "chains[chat].steps[0].breaker.failure_ratio", s("above 0"), E);
    row(
        "breaker ratio above one", [](Config &c) { stepOf(c, 0).breaker.failureRatio = 1.5; },
        "chains[chat].steps[0].breaker.failure_ratio", s("1.5"), E);
    row(
        "breaker probes", [](Config &c) { stepOf(c, 0).breaker.halfOpenProbes = 0; },
        "chains[chat].steps[0].breaker.half_open_probes", s("at least 1"), E);
    row(
        "hedge without delay", [](Config &c) { stepOf(c, 0).hedge.enabled = true; },
        "chains[chat].steps[0].hedge.after_ms", s("above 0"), E);
    row(
        "on_outcome not configurable", [](Config &c) { stepOf(c, 0).onOutcome[OutcomeClass::Ok] = StepAction::Next; },
        "chains[chat].steps[0].on_outcome.ok", s("cannot be configured"), E);
    // chains
    row(
        "chain without steps", [](Config &c) { c.chains[0].steps.clear(); }, "chains[chat].steps",
        s("at least one step"), E);
    row(
        "unreachable after static",
        [](Config &c) {
            auto &steps = c.chains[0].steps;
            steps.insert(steps.begin() + 1, steps.back());
        },
        "chains[chat].steps[2]", s("step 1"), E);
    row(
        "no terminal step", [](Config &c) { c.chains[0].steps.resize(3); }, "chains[chat]", s("cache or static"), W);
    row(
        "deadline shorter than timeouts", [](Config &c) { c.chains[0].policy.deadlineMs = 10'000; },
        "chains[chat].steps[0]", s("10000 ms) is shorter than this step's connect + first-byte timeouts (2000 + 15000"),
        E);
    row(
        "deadline zero", [](Config &c) { c.chains[0].policy.deadlineMs = 0; }, "chains[chat].policy.deadline_ms",
        s("above 0"), E);
    row(
        "continue without prefill",
        [](Config &c) {
            c.chains[0].policy.midStream = MidStreamPolicy::Continue;
            c.providers[2].models[0].supportsPrefill = false;
        },
        "chains[chat].policy.mid_stream", s("prefill"), W);
    // server-wide
    row(
        "limits body zero", [](Config &c) { c.limits.maxBodyBytes = 0; }, "limits.max_body_bytes", s("above 0"), E);
    row(
        "limits workers", [](Config &c) { c.limits.workers = -2; }, "limits.workers", s("-2"), E);
    row(
        "retry budget ratio", [](Config &c) { c.retryBudget.ratio = 1.5; }, "retry_budget.ratio", s("between 0 and 1"),
        E);
    row(
        "schema version", [](Config &c) { c.schemaVersion = 2; }, "understudy_config", s("2"), E);
}

void TestValidation::eachRuleReportsItsPath()
{
    QFETCH(Mutation, mutate);
    QFETCH(QString, path);
    QFETCH(QString, fact);
    QFETCH(Severity, severity);

    Config config = demoConfig();
    mutate(config);
    const auto issues = validateConfig(config);
    const auto it = std::find_if(issues.begin(), issues.end(), [&](const ValidationIssue &issue) {
        return issue.path == path && issue.severity == severity;
    });
    QVERIFY2(it != issues.end(), qPrintable(QStringLiteral("no issue at %1; got:\n%2").arg(path, describe(issues))));
    QVERIFY2(it->message.contains(fact), qPrintable(it->message));
    // An error row makes the config invalid; a warning row must not.
    QCOMPARE(isValid(issues), severity == Severity::Warning);
}

void TestValidation::everyIssueIsReportedNotJustTheFirst()
{
    Config config = demoConfig();
    config.listeners[0].port = 70000;
    config.chains[0].steps[0].retry.maxRetries = 1000;
    config.routes[0].chain = QStringLiteral("missing");
    const auto issues = validateConfig(config);
    QCOMPARE(issues.size(), std::size_t(3));
    QVERIFY(!isValid(issues));
}

void TestValidation::continueWithAPrefillTargetIsFine()
{
    Config config = demoConfig();
    config.chains[0].policy.midStream = MidStreamPolicy::Continue;
    const auto issues = validateConfig(config);
    QVERIFY2(issues.empty(), qPrintable(describe(issues)));
}

void TestValidation::warningsDoNotMakeAConfigInvalid()
{
    Config config = demoConfig();
    config.chains[0].steps.resize(3);
    const auto issues = validateConfig(config);
    QCOMPARE(issues.size(), std::size_t(1));
    QCOMPARE(issues[0].severity, Severity::Warning);
    QVERIFY(isValid(issues));
}

void TestValidation::formatPutsErrorsFirst()
{
    const std::vector<ValidationIssue> issues = {
        {Severity::Warning, QStringLiteral("chains[a]"), QStringLiteral("no terminal")},
        {Severity::Error, QStringLiteral("admin.port"), QStringLiteral("out of range")},
    };
    QCOMPARE(formatIssues(issues), QStringLiteral("admin.port: out of range\nchains[a]: warning: no terminal"));
}

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
