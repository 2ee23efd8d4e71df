#include "RichConfig.h"

#include "config/ConfigJson.h"
#include "config/DemoWorkspace.h"

#include <nlohmann/json.hpp>

#include <QTest>

#include <functional>
#include <set>

using namespace understudy;

namespace {

using Edit = std::function<void(nlohmann::json &)>;

QByteArray toBytes(const nlohmann::json &doc)
{
    const std::string text = doc.dump();
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

// The demo config as a parsed document, ready to be broken in one place.
nlohmann::json demoDocument()
{
    return nlohmann::json::parse(configToJson(demoConfig()).toStdString());
}

QByteArray editedDemo(const Edit &edit)
{
    nlohmann::json doc = demoDocument();
    edit(doc);
    return toBytes(doc);
}

} // namespace

Q_DECLARE_METATYPE(Edit)

class TestConfigJson final : public QObject
{
    Q_OBJECT

private slots:
    void richConfigRoundTripsLosslessly();
    void richConfigUsesEveryEnumValue();
    void exportIsStableAndOrdered();
    void exportNeverWritesASecretValue();
    void missingOptionalFieldsTakeDefaults();
    void hostileOrMalformedDocumentsAreRejected_data();
    void hostileOrMalformedDocumentsAreRejected();
    void secretValueIsRejectedWithoutEchoingIt();
    void allFieldErrorsAreReportedAtOnce();
};

void TestConfigJson::richConfigRoundTripsLosslessly()
{
    const Config rich = test::richConfig();
    const QByteArray json = configToJson(rich);
    const auto back = configFromJson(json);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QVERIFY(back.value() == rich);
    // And the re-export is the same text, so git diffs stay empty.
    QCOMPARE(configToJson(back.value()), json);
}

void TestConfigJson::richConfigUsesEveryEnumValue()
{
    // Guards the round-trip test: a new enum value must be added to the rich
    // config, or it would silently go untested.
    const Config rich = test::richConfig();
    std::set<QString> kinds, faults, stepKinds, balances, condKinds, ops, commits, mids, routeKinds, paths;
    for (const auto &p : rich.providers) {
        kinds.insert(providerKindName(p.kind));
        faults.insert(mockFaultName(p.mock.fault));
    }
    std::set<OutcomeClass> outcomes;
    for (const auto &c : rich.chains) {
        commits.insert(commitModeName(c.policy.commitMode));
        mids.insert(midStreamPolicyName(c.policy.midStream));
        for (const auto &s : c.steps) {
            stepKinds.insert(stepKindName(s.kind));
            balances.insert(balanceStrategyName(s.balance));
            for (const auto &[o, a] : s.onOutcome)
                outcomes.insert(o);
            for (const auto &cond : s.conditions) {
                condKinds.insert(conditionKindName(cond.kind));
                ops.insert(conditionOpName(cond.op));
            }
        }
    }
    for (const auto &r : rich.routes) {
        routeKinds.insert(routeKindName(r.kind));
        paths.insert(pathMatchName(r.match.pathMatch));
    }
    auto countNames = [](auto nameOf) {
        int n = 0;
        while (!nameOf(n).isEmpty())
            ++n;
        return std::size_t(n);
    };
    QCOMPARE(kinds.size(), countNames([](int i) { return providerKindName(ProviderKind(i)); }));
    QCOMPARE(faults.size(), countNames([](int i) { return mockFaultName(MockFault(i)); }));
    QCOMPARE(stepKinds.size(), countNames([](int i) { return stepKindName(StepKind(i)); }));
    QCOMPARE(balances.size(), countNames([](int i) { return balanceStrategyName(BalanceStrategy(i)); }));
    QCOMPARE(condKinds.size(), countNames([](int i) { return conditionKindName(ConditionKind(i)); }));
    QCOMPARE(ops.size(), countNames([](int i) { return conditionOpName(ConditionOp(i)); }));
    QCOMPARE(commits.size(), countNames([](int i) { return commitModeName(CommitMode(i)); }));
    QCOMPARE(mids.size(), countNames([](int i) { return midStreamPolicyName(MidStreamPolicy(i)); }));
    QCOMPARE(routeKinds.size(), countNames([](int i) { return routeKindName(RouteKind(i)); }));
    QCOMPARE(paths.size(), countNames([](int i) { return pathMatchName(PathMatch(i)); }));
    QCOMPARE(outcomes.size(), kAllOutcomeClasses.size());
}

void TestConfigJson::exportIsStableAndOrdered()
{
    const Config rich = test::richConfig();
    const QByteArray first = configToJson(rich);
    QCOMPARE(configToJson(rich), first);
    QVERIFY(first.endsWith("}\n"));

    // Keys appear in the documented order, not alphabetically.
    const auto doc = nlohmann::ordered_json::parse(first.toStdString());
    std::vector<std::string> topKeys;
    for (auto it = doc.begin(); it != doc.end(); ++it)
        topKeys.push_back(it.key());
    const std::vector<std::string> expected = {
        "understudy_config", "listeners", "providers", "chains", "routes", "limits", "retry_budget", "admin"};
    QVERIFY(topKeys == expected);
    QCOMPARE(doc["understudy_config"].get<int>(), kConfigSchemaVersion);
    QVERIFY(first.startsWith("{\n  \"understudy_config\": 1,\n"));
    const auto &step = doc["chains"][0]["steps"][0];
    QCOMPARE(QString::fromStdString(step.begin().key()), QStringLiteral("name"));
    QCOMPARE(QString::fromStdString((++step.begin()).key()), QStringLiteral("kind"));
    QVERIFY(step["on_outcome"].is_object());
    QCOMPARE(QString::fromStdString(step["on_outcome"]["connect_error"].get<std::string>()), QStringLiteral("next"));
    QCOMPARE(QString::fromStdString(doc["providers"][0]["kind"].get<std::string>()), QStringLiteral("openai"));

    // Equal configs built in a different order of operations export equally.
    Config again = test::richConfig();
    again.chains[0].steps[0].onOutcome.clear();
    for (auto it = rich.chains[0].steps[0].onOutcome.rbegin(); it != rich.chains[0].steps[0].onOutcome.rend(); ++it)
        again.chains[0].steps[0].onOutcome.insert(*it);
    QCOMPARE(configToJson(again), first);
}

void TestConfigJson::exportNeverWritesASecretValue()
{
    Config config = demoConfig();
    config.providers[0].credentials = QStringLiteral("sk-live-0123456789abcdef");
    const QByteArray json = configToJson(config);
    QVERIFY(!json.contains("sk-live-0123456789abcdef"));
    config.providers[0].credentials = QStringLiteral("env:OPENAI_API_KEY");
    QVERIFY(configToJson(config).contains("\"credentials\": \"env:OPENAI_API_KEY\""));
}

void TestConfigJson::missingOptionalFieldsTakeDefaults()
{
    const auto empty = configFromJson(QByteArrayLiteral("{\"understudy_config\": 1}"));
    QVERIFY(empty.ok());
    QVERIFY(empty.value() == Config{});

    const auto partial = configFromJson(QByteArrayLiteral(
        R"({"understudy_config": 1, "providers": [{"name": "p", "kind": "mock"}],
            "chains": [{"name": "c", "steps": [{"kind": "cache", "retry": {"max_retries": 4}}]}]})"));
    QVERIFY2(partial.ok(), qPrintable(partial.ok() ? QString() : partial.error().message));
    Provider expectedProvider;
    expectedProvider.name = QStringLiteral("p");
    expectedProvider.kind = ProviderKind::Mock;
    QVERIFY(partial->providers.at(0) == expectedProvider);
    Step expectedStep;
    expectedStep.kind = StepKind::Cache;
    expectedStep.retry.maxRetries = 4;
    QVERIFY(partial->chains.at(0).steps.at(0) == expectedStep);
    QCOMPARE(partial->chains.at(0).policy.deadlineMs, ChainPolicy{}.deadlineMs);
}

void TestConfigJson::hostileOrMalformedDocumentsAreRejected_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("expected"); // a fragment of the error message

    const QString invalidJson = QStringLiteral("invalid_json");
    const QString invalidConfig = QStringLiteral("invalid_config");

    QTest::newRow("not json") << QByteArrayLiteral("{understudy_config: 1}") << invalidJson
                              << QStringLiteral("not valid JSON");
    QTest::newRow("empty") << QByteArray() << invalidJson << QStringLiteral("not valid JSON");
    QTest::newRow("truncated") << configToJson(demoConfig()).chopped(10) << invalidJson
                               << QStringLiteral("not valid JSON");
    QTest::newRow("top-level array") << QByteArrayLiteral("[{\"understudy_config\": 1}]") << invalidConfig
                                     << QStringLiteral("expected a JSON object");
    QTest::newRow("top-level string") << QByteArrayLiteral("\"understudy_config\"") << invalidConfig
                                      << QStringLiteral("got a string");
    QTest::newRow("missing version") << QByteArrayLiteral("{\"listeners\": []}") << invalidConfig
                                     << QStringLiteral("understudy_config: missing");
    QTest::newRow("version as string") << QByteArrayLiteral("{\"understudy_config\": \"1\"}") << invalidConfig
                                       << QStringLiteral("understudy_config: expected a positive integer");
    QTest::newRow("version zero") << QByteArrayLiteral("{\"understudy_config\": 0}") << invalidConfig
                                  << QStringLiteral("understudy_config: expected a positive integer");
    QTest::newRow("newer version") << QByteArrayLiteral("{\"understudy_config\": 2}")
                                   << QStringLiteral("unsupported_version")
                                   << QStringLiteral("written by a newer Understudy");
    QTest::newRow("much newer version") << QByteArrayLiteral("{\"understudy_config\": 18446744073709551615}")
                                        << QStringLiteral("unsupported_version")
                                        << QStringLiteral("written by a newer Understudy");
    QTest::newRow("1e400") << QByteArrayLiteral("{\"understudy_config\": 1, \"retry_budget\": {\"ratio\": 1e400}}")
                           << invalidJson << QStringLiteral("number overflow");
    QTest::newRow("deep nesting 10000") << QByteArray(10'000, '[') + QByteArray(10'000, ']') << invalidJson
                                        << QStringLiteral("deeper than 64");
    QTest::newRow("deep nesting in a field")
        << QByteArray("{\"understudy_config\": 1, \"listeners\": " + QByteArray(100, '[') + QByteArray(100, ']') + "}")
        << invalidJson << QStringLiteral("deeper than 64");
    QTest::newRow("17 MiB") << QByteArray("{\"understudy_config\": 1, \"x\": \"" + QByteArray(17 << 20, 'a') + "\"}")
                            << invalidJson << QStringLiteral("at most 16777216 bytes");
    {
        QByteArray many = "{\"understudy_config\": 1";
        for (int i = 0; i < 5'000; ++i)
            many += ", \"k" + QByteArray::number(i) + "\": 0";
        QTest::newRow("5000 unknown fields") << many + '}' << invalidConfig << QStringLiteral("and 4900 more errors");
    }
    QTest::newRow("duplicate key") << QByteArrayLiteral("{\"understudy_config\": 1, \"admin\": {\"port\": 1, "
                                                        "\"port\": 2}}")
                                   << invalidJson << QStringLiteral("duplicate key \"port\"");

    auto row = [&](const char *name, const Edit &edit, const QString &expected) {
        QTest::newRow(name) << editedDemo(edit) << invalidConfig << expected;
    };
    row(
        "retry as string", [](auto &d) { d["chains"][0]["steps"][2]["retry"]["max_retries"] = "three"; },
        QStringLiteral("chains[chat].steps[2].retry.max_retries: expected an integer between -2147483648 and "
                       "2147483647, got a string"));
    row(
        "int as float", [](auto &d) { d["chains"][0]["steps"][0]["timeouts"]["connect_ms"] = 1.5; },
        QStringLiteral("chains[chat].steps[0].timeouts.connect_ms: expected an integer"));
    row(
        "huge int", [](auto &d) { d["listeners"][0]["port"] = 99'999'999'999LL; },
        QStringLiteral("listeners[default].port: expected an integer between -2147483648 and 2147483647, got the "
                       "number 99999999999"));
    row(
        "beyond 64 bits", [](auto &d) { d["limits"]["max_body_bytes"] = 1e30; },
        QStringLiteral("limits.max_body_bytes: expected an integer"));
    row(
        "context window as string", [](auto &d) { d["providers"][0]["models"][0]["context_window"] = "big"; },
        QStringLiteral("providers[primary].models[gpt-demo-large].context_window: expected an integer"));
    row(
        "method as number", [](auto &d) { d["routes"][0]["match"]["methods"][0] = 1; },
        QStringLiteral("routes[chat-completions].match.methods[0]: expected a string, got the number 1"));
    row(
        "string as null", [](auto &d) { d["chains"][0]["description"] = nullptr; },
        QStringLiteral("chains[chat].description: expected a string, got null"));
    row(
        "bool as string", [](auto &d) { d["routes"][0]["log_bodies"] = "yes"; },
        QStringLiteral("routes[chat-completions].log_bodies: expected true or false"));
    row(
        "double as string", [](auto &d) { d["retry_budget"]["ratio"] = "0.2"; },
        QStringLiteral("retry_budget.ratio: expected a finite number"));
    row(
        "array as object", [](auto &d) { d["chains"][0]["steps"] = nlohmann::json::object(); },
        QStringLiteral("chains[chat].steps: expected an array, got an object"));
    row(
        "object as array", [](auto &d) { d["admin"] = nlohmann::json::array(); },
        QStringLiteral("admin: expected an object, got an array"));
    row(
        "step as number", [](auto &d) { d["chains"][0]["steps"][1] = 7; },
        QStringLiteral("chains[chat].steps[1]: expected an object, got the number 7"));
    row(
        "unknown top-level field", [](auto &d) { d["listners"] = nlohmann::json::array(); },
        QStringLiteral("listners: unknown field"));
    row(
        "unknown nested field", [](auto &d) { d["chains"][0]["steps"][0]["retry"]["max_retry"] = 3; },
        QStringLiteral("chains[chat].steps[0].retry.max_retry: unknown field; did you mean \"max_retries\"?"));
    row(
        "unknown field far from any", [](auto &d) { d["admin"]["colour"] = 1; },
        QStringLiteral(
            "admin.colour: unknown field; known fields here: address, port, allow_non_loopback_without_tls"));
    row(
        "huge unknown key is abbreviated", [](auto &d) { d["admin"][std::string(100'000, 'k')] = 1; },
        QStringLiteral("admin.") + QString(80, QLatin1Char('k')) + QStringLiteral("...: unknown field"));
    row(
        "unknown enum value", [](auto &d) { d["providers"][1]["kind"] = "mockk"; },
        QStringLiteral("providers[secondary].kind: expected one of openai, anthropic, gemini, openai-compatible, "
                       "http, mock, got \"mockk\""));
    row(
        "unknown outcome class", [](auto &d) { d["chains"][0]["steps"][0]["on_outcome"]["status_500"] = "next"; },
        QStringLiteral("chains[chat].steps[0].on_outcome.status_500: unknown outcome class"));
    row(
        "unknown step action", [](auto &d) { d["chains"][0]["steps"][0]["on_outcome"]["status_429"] = "wait"; },
        QStringLiteral("chains[chat].steps[0].on_outcome.status_429: expected one of retry, next, stop, got \"wait\""));
    row(
        "condition op",
        [](auto &d) {
            d["chains"][0]["steps"][0]["conditions"] = nlohmann::json::array({{{"kind", "header"}, {"op", "like"}}});
        },
        QStringLiteral("chains[chat].steps[0].conditions[0].op: expected one of equals"));
}

void TestConfigJson::hostileOrMalformedDocumentsAreRejected()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, code);
    QFETCH(QString, expected);
    const auto result = configFromJson(json);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(expected), qPrintable(result.error().message.left(2000)));
    QVERIFY(result.error().message.size() < 64 * 1024); // errors stay readable, whatever the input
    QCOMPARE(result.error().code, code);
}

void TestConfigJson::secretValueIsRejectedWithoutEchoingIt()
{
    const QByteArray json = editedDemo([](auto &d) { d["providers"][0]["credentials"] = "sk-proj-SECRET123"; });
    const auto result = configFromJson(json);
    QVERIFY(!result.ok());
    const QString message = result.error().message;
    QVERIFY2(message.startsWith(QStringLiteral("providers[primary].credentials: ")), qPrintable(message));
    QVERIFY(message.contains(QStringLiteral("not the secret itself")) || message.contains(QStringLiteral("never")));
    QVERIFY(message.contains(QStringLiteral("env:")));
    QVERIFY(!message.contains(QStringLiteral("SECRET123")));

    const auto reference =
        configFromJson(editedDemo([](auto &d) { d["providers"][0]["credentials"] = "keychain:understudy/primary"; }));
    QVERIFY(reference.ok());
    QCOMPARE(reference->providers[0].credentials, QStringLiteral("keychain:understudy/primary"));
}

void TestConfigJson::allFieldErrorsAreReportedAtOnce()
{
    const auto result = configFromJson(editedDemo([](auto &d) {
        d["listeners"][0]["port"] = "8787";
        d["admin"]["colour"] = "blue";
    }));
    QVERIFY(!result.ok());
    const QStringList lines = result.error().message.split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines[0].startsWith(QStringLiteral("listeners[default].port: ")));
    QVERIFY(lines[1].startsWith(QStringLiteral("admin.colour: unknown field")));
}

QTEST_GUILESS_MAIN(TestConfigJson)
#include "tst_configjson.moc"
