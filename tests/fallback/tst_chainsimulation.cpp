#include "fallback/ChainSimulation.h"

#include <QTest>

using namespace understudy;

namespace {

Provider provider(const char *name, const char *model, qint64 contextWindow)
{
    Provider p;
    p.name = QString::fromLatin1(name);
    p.kind = ProviderKind::Mock;
    ModelInfo info;
    info.name = QString::fromLatin1(model);
    info.contextWindow = contextWindow;
    p.models.push_back(info);
    return p;
}

Step providerStep(const char *providerName, const char *model)
{
    Step step;
    step.kind = StepKind::Provider;
    step.targets.push_back(Target{QString::fromLatin1(providerName), QString::fromLatin1(model), 1, {}});
    return step;
}

// chat: primary -> secondary -> cache -> static; deadline 20 s.
// main: group{p1, p2} -> chain backup; backup: p3.
// small: primary -> same model again -> secondary (no cache/static).
Config testConfig()
{
    Config config;
    config.providers = {provider("primary", "gpt-4o", 8192), provider("secondary", "claude", 200000),
                        provider("p1", "m", 0), provider("p2", "m", 0), provider("p3", "m", 0)};

    Chain chat;
    chat.name = QStringLiteral("chat");
    chat.policy.deadlineMs = 20000;
    chat.steps.push_back(providerStep("primary", "gpt-4o"));
    chat.steps.push_back(providerStep("secondary", "claude"));
    Step cache;
    cache.kind = StepKind::Cache;
    chat.steps.push_back(cache);
    Step canned;
    canned.kind = StepKind::Static;
    canned.response.status = 200;
    chat.steps.push_back(canned);

    Chain main;
    main.name = QStringLiteral("main");
    Step group;
    group.kind = StepKind::Group;
    group.retry.maxRetries = 0;
    group.targets = {Target{QStringLiteral("p1"), QStringLiteral("m"), 1, {}},
                     Target{QStringLiteral("p2"), QStringLiteral("m"), 1, {}}};
    main.steps.push_back(group);
    Step nested;
    nested.kind = StepKind::Chain;
    nested.chain = QStringLiteral("backup");
    main.steps.push_back(nested);

    Chain backup;
    backup.name = QStringLiteral("backup");
    backup.steps.push_back(providerStep("p3", "m"));

    Chain small;
    small.name = QStringLiteral("small");
    small.steps.push_back(providerStep("primary", "gpt-4o"));
    Step gold = providerStep("primary", "gpt-4o");
    Condition tier;
    tier.kind = ConditionKind::Tier;
    tier.value = QStringLiteral("gold");
    gold.conditions.push_back(tier);
    small.steps.push_back(gold);
    small.steps.push_back(providerStep("primary", "gpt-4o"));
    small.steps.push_back(providerStep("secondary", "claude"));

    config.chains = {chat, main, backup, small};
    return config;
}

// "path=outcome[:status][@retryAfter][+duration],...;path=..."
SimulationScript parseScript(const QString &spec)
{
    SimulationScript script;
    script.wallNow = QDateTime(QDate(2024, 1, 1), QTime(12, 0), Qt::UTC);
    for (const QString &entry : spec.split(u';', Qt::SkipEmptyParts)) {
        const auto pathAndList = entry.split(u'=');
        auto &attempts = script.attempts[pathAndList[0].trimmed()];
        for (QString item : pathAndList[1].split(u',')) {
            ScriptedAttempt attempt;
            if (const auto plus = item.indexOf(u'+'); plus >= 0) {
                attempt.durationMs = item.mid(plus + 1).toLongLong();
                item.truncate(plus);
            }
            if (const auto at = item.indexOf(u'@'); at >= 0) {
                attempt.retryAfterMs = item.mid(at + 1).toLongLong();
                item.truncate(at);
            }
            if (const auto colon = item.indexOf(u':'); colon >= 0) {
                attempt.status = item.mid(colon + 1).toInt();
                item.truncate(colon);
            }
            const auto outcome = outcomeClassFromName(item.trimmed());
            Q_ASSERT(outcome);
            attempt.outcome = *outcome;
            attempts.push_back(attempt);
        }
    }
    return script;
}

QString trail(const SimulationResult &result)
{
    QStringList parts;
    for (const auto &attempt : result.path)
        parts << attempt.stepPath % u' ' % outcomeClassName(attempt.outcome) % u' ' %
                     stepActionName(attempt.decision.action);
    return parts.join(QStringLiteral(" | "));
}

} // namespace

class TestChainSimulation : public QObject
{
    Q_OBJECT

private slots:
    void walksTheChain_data()
    {
        QTest::addColumn<QString>("chain");
        QTest::addColumn<QString>("script");
        QTest::addColumn<qint64>("tokens");
        QTest::addColumn<QString>("answer");
        QTest::addColumn<QString>("servedBy");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("trail");

        const QString s0 = QStringLiteral("chat/steps[0]");
        QTest::newRow("primary answers") << QStringLiteral("chat") << QString() << qint64(100)
                                         << QStringLiteral("served") << s0 << 200
                                         << QStringLiteral("chat/steps[0] ok stop");
        QTest::newRow("503 forever: bounded retries, then secondary")
            << QStringLiteral("chat") << QStringLiteral("chat/steps[0]=status_5xx:503") << qint64(100)
            << QStringLiteral("served") << QStringLiteral("chat/steps[1]") << 200
            << QStringLiteral("chat/steps[0] status_5xx retry | chat/steps[0] status_5xx retry | "
                              "chat/steps[0] status_5xx next | chat/steps[1] ok stop");
        QTest::newRow("500 once: one retry succeeds")
            << QStringLiteral("chat") << QStringLiteral("chat/steps[0]=status_5xx:500,ok") << qint64(100)
            << QStringLiteral("served") << s0 << 200
            << QStringLiteral("chat/steps[0] status_5xx retry | chat/steps[0] ok stop");
        QTest::newRow("429 Retry-After 2 s once")
            << QStringLiteral("chat") << QStringLiteral("chat/steps[0]=status_429@2000,ok") << qint64(100)
            << QStringLiteral("served") << s0 << 200
            << QStringLiteral("chat/steps[0] status_429 retry | chat/steps[0] ok stop");
        QTest::newRow("429 Retry-After too long: next at once")
            << QStringLiteral("chat") << QStringLiteral("chat/steps[0]=status_429@60000") << qint64(100)
            << QStringLiteral("served") << QStringLiteral("chat/steps[1]") << 200
            << QStringLiteral("chat/steps[0] status_429 next | chat/steps[1] ok stop");
        QTest::newRow("silent primary is not re-waited")
            << QStringLiteral("chat") << QStringLiteral("chat/steps[0]=first_byte_timeout+15000") << qint64(100)
            << QStringLiteral("served") << QStringLiteral("chat/steps[1]") << 200
            << QStringLiteral("chat/steps[0] first_byte_timeout next | chat/steps[1] ok stop");
        QTest::newRow("both down: cache answers")
            << QStringLiteral("chat")
            << QStringLiteral("chat/steps[0]=skipped_circuit_open;chat/steps[1]=connect_timeout") << qint64(100)
            << QStringLiteral("cache") << QStringLiteral("chat/steps[2]") << 200
            << QStringLiteral("chat/steps[0] skipped_circuit_open next | chat/steps[1] connect_timeout next | "
                              "chat/steps[2] ok stop");
        QTest::newRow("cache empty: static answers")
            << QStringLiteral("chat")
            << QStringLiteral("chat/steps[0]=skipped_circuit_open;chat/steps[1]=skipped_circuit_open;"
                              "chat/steps[2]=skipped_condition")
            << qint64(100) << QStringLiteral("static") << QStringLiteral("chat/steps[3]") << 200
            << QStringLiteral("chat/steps[0] skipped_circuit_open next | chat/steps[1] skipped_circuit_open next | "
                              "chat/steps[2] skipped_condition next | chat/steps[3] ok stop");
        QTest::newRow("content policy stops with the provider's status")
            << QStringLiteral("chat") << QStringLiteral("chat/steps[0]=content_policy:400") << qint64(100)
            << QStringLiteral("error") << s0 << 400 << QStringLiteral("chat/steps[0] content_policy stop");
        QTest::newRow("context length: larger model answers")
            << QStringLiteral("chat") << QStringLiteral("chat/steps[0]=context_length_exceeded") << qint64(9000)
            << QStringLiteral("served") << QStringLiteral("chat/steps[1]") << 200
            << QStringLiteral("chat/steps[0] context_length_exceeded next | chat/steps[1] ok stop");
        QTest::newRow("context length: same model skipped, condition skipped")
            << QStringLiteral("small") << QStringLiteral("small/steps[0]=context_length_exceeded") << qint64(9000)
            << QStringLiteral("served") << QStringLiteral("small/steps[3]") << 200
            << QStringLiteral("small/steps[0] context_length_exceeded next | small/steps[1] skipped_condition next | "
                              "small/steps[2] skipped_condition next | small/steps[3] ok stop");
        QTest::newRow("everything open, nothing local: 503")
            << QStringLiteral("small")
            << QStringLiteral("small/steps[0]=skipped_circuit_open;small/steps[2]=skipped_circuit_open;"
                              "small/steps[3]=skipped_circuit_open")
            << qint64(100) << QStringLiteral("error") << QString() << 503
            << QStringLiteral("small/steps[0] skipped_circuit_open next | small/steps[1] skipped_condition next | "
                              "small/steps[2] skipped_circuit_open next | small/steps[3] skipped_circuit_open next");
        QTest::newRow("timeouts everywhere: 504")
            << QStringLiteral("small")
            << QStringLiteral("small/steps[0]=first_byte_timeout;small/steps[2]=idle_timeout;"
                              "small/steps[3]=connect_timeout")
            << qint64(100) << QStringLiteral("error") << QString() << 504
            << QStringLiteral("small/steps[0] first_byte_timeout next | small/steps[1] skipped_condition next | "
                              "small/steps[2] idle_timeout next | small/steps[3] connect_timeout next");
        QTest::newRow("bad answers everywhere: 502")
            << QStringLiteral("small")
            << QStringLiteral(
                   "small/steps[0]=malformed_response;small/steps[2]=truncated;small/steps[3]=auth_error:401")
            << qint64(100) << QStringLiteral("error") << QString() << 502
            << QStringLiteral("small/steps[0] malformed_response next | small/steps[1] skipped_condition next | "
                              "small/steps[2] truncated next | small/steps[3] auth_error next");
        QTest::newRow("deadline spent: upstreams skipped, cache answers")
            << QStringLiteral("chat") << QStringLiteral("chat/steps[0]=first_byte_timeout+19990") << qint64(100)
            << QStringLiteral("cache") << QStringLiteral("chat/steps[2]") << 200
            << QStringLiteral("chat/steps[0] first_byte_timeout next | chat/steps[1] deadline_exceeded next | "
                              "chat/steps[2] ok stop");
        QTest::newRow("group fails over inside, then nested chain")
            << QStringLiteral("main")
            << QStringLiteral("main/steps[0]/members[0]=status_5xx;main/steps[0]/members[1]=connect_timeout")
            << qint64(100) << QStringLiteral("served") << QStringLiteral("main/steps[1]/backup/steps[0]") << 200
            << QStringLiteral("main/steps[0]/members[0] status_5xx next | main/steps[0]/members[1] connect_timeout "
                              "next | main/steps[1]/backup/steps[0] ok stop");
    }
    void walksTheChain()
    {
        QFETCH(QString, chain);
        QFETCH(QString, script);
        QFETCH(qint64, tokens);
        RequestFacts facts;
        facts.tier = QStringLiteral("pro");
        facts.requestedModel = QStringLiteral("gpt-4o");
        facts.estimatedPromptTokens = tokens;
        const auto result = simulateChain(testConfig(), chain, parseScript(script), facts);
        QVERIFY(result.ok());
        QTEST(trail(*result), "trail");
        QTEST(answerKindName(result->answer), "answer");
        QTEST(result->servedBy, "servedBy");
        QTEST(result->status, "status");
    }

    void timeAddsUpFromDurationsAndDelays()
    {
        RequestFacts facts;
        // Jitter 0.5: backoff 50 then 100 ms; 2 s Retry-After; scripted durations.
        const auto retried = simulateChain(testConfig(), QStringLiteral("chat"),
                                           parseScript(QStringLiteral("chat/steps[0]=status_5xx+10,status_5xx+10,"
                                                                      "status_429@2000+10,ok+10")),
                                           facts);
        QVERIFY(retried.ok());
        // 3 tries on steps[0] (2 retries max): 5xx, 5xx, 429 -> next; steps[1] ok.
        QCOMPARE(retried->path.size(), std::size_t(4));
        QCOMPARE(retried->path[1].atMs, qint64(60));
        QCOMPARE(retried->path[2].atMs, qint64(170));
        QCOMPARE(retried->path[2].decision.reason, QStringLiteral("retries_exhausted"));
        QCOMPARE(retried->elapsedMs, qint64(180));
        QCOMPARE(retried->attempts, 4);
        QCOMPARE(retried->target, QStringLiteral("secondary/claude"));
    }

    void nonIdempotentRequestIsNotResent()
    {
        RequestFacts facts;
        SimulationScript script = parseScript(QStringLiteral("chat/steps[0]=status_5xx:503"));
        script.safeToResend = false;
        const auto result = simulateChain(testConfig(), QStringLiteral("chat"), script, facts);
        QCOMPARE(answerKindName(result->answer), QStringLiteral("error"));
        QCOMPARE(result->status, 502);
        QCOMPARE(result->path.size(), std::size_t(1));
        QCOMPARE(result->path[0].decision.reason, QStringLiteral("not_idempotent"));
    }

    void unknownChainIsAnError()
    {
        const auto result = simulateChain(testConfig(), QStringLiteral("nope"), {}, {});
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QStringLiteral("not_found"));
    }

    void exhaustedStatus_data()
    {
        QTest::addColumn<QStringList>("failures");
        QTest::addColumn<bool>("deadlineSpent");
        QTest::addColumn<int>("status");
        QTest::newRow("bad answers") << QStringList{QStringLiteral("status_5xx"), QStringLiteral("malformed_response")}
                                     << false << 502;
        QTest::newRow("last one timed out")
            << QStringList{QStringLiteral("status_5xx"), QStringLiteral("first_byte_timeout")} << false << 504;
        QTest::newRow("deadline") << QStringList{QStringLiteral("status_5xx")} << true << 504;
        QTest::newRow("all open") << QStringList{QStringLiteral("skipped_circuit_open"),
                                                 QStringLiteral("skipped_circuit_open")}
                                  << false << 503;
        QTest::newRow("open and rate limited")
            << QStringList{QStringLiteral("skipped_circuit_open"), QStringLiteral("status_429")} << false << 503;
        QTest::newRow("nothing ran") << QStringList{} << false << 502;
    }
    void exhaustedStatus()
    {
        QFETCH(QStringList, failures);
        QFETCH(bool, deadlineSpent);
        std::vector<OutcomeClass> outcomes;
        for (const auto &name : failures)
            outcomes.push_back(*outcomeClassFromName(name));
        QTEST(exhaustedChainStatus(outcomes, deadlineSpent), "status");
    }
};

QTEST_GUILESS_MAIN(TestChainSimulation)
#include "tst_chainsimulation.moc"
