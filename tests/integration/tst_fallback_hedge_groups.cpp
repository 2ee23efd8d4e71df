// Issue 4: hedged steps and group steps end to end — the real engine on
// loopback against FakeLlmUpstream. Each test asserts what the client got
// and what every fake saw.

#include "FakeLlmUpstream.h"
#include "engine/Engine.h"

#include <QTest>

using namespace understudy;
using namespace understudy::test;

namespace {

constexpr int kDeadlineMs = 10000;

ChainPolicy policy()
{
    ChainPolicy p;
    p.deadlineMs = kDeadlineMs;
    return p;
}

FakeReply delayed(FakeReply reply, int delayMs)
{
    reply.delayMs = delayMs;
    return reply;
}

Step hedged(Step step, int afterMs)
{
    step.hedge.enabled = true;
    step.hedge.afterMs = afterMs;
    return step;
}

Step groupStep(const QStringList &providers, BalanceStrategy balance)
{
    Step step = providerStep(providers.first(), QStringLiteral("m"));
    step.kind = StepKind::Group;
    step.balance = balance;
    step.targets.clear();
    for (const QString &provider : providers)
        step.targets.push_back(Target{provider, QStringLiteral("m"), 1, {}});
    return step;
}

const AttemptRecord *findAttempt(const RequestTrail &trail, const QString &target, const QString &decisionPrefix)
{
    for (const AttemptRecord &a : trail.attempts) {
        if (a.target == target && a.decision.startsWith(decisionPrefix))
            return &a;
    }
    return nullptr;
}

} // namespace

class TestFallbackHedgeGroups final : public QObject
{
    Q_OBJECT

private slots:
    // The primary is slow; after the hedge delay the next step is raced and
    // its answer wins. The primary is asked once and is not blamed.
    void hedgeAnswersWhenThePrimaryIsSlow()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.setDefault(delayed(FakeReply::completion("big", "slow answer"), 3000));
        secondary.setDefault(FakeReply::completion("small", "fast answer"));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary), fakeProvider(QStringLiteral("s"), secondary)},
                      {hedged(providerStep(QStringLiteral("p"), QStringLiteral("big")), 200),
                       providerStep(QStringLiteral("s"), QStringLiteral("small"))},
                      policy())));

        const auto r = gateway.chat(false);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(completionText(r->body), QStringLiteral("fast answer"));
        QCOMPARE(r->header("x-understudy-served-by"), QByteArray("chat/steps[1] s/small"));
        QCOMPARE(primary.requestCount(), 1);
        QCOMPARE(secondary.requestCount(), 1);
        const qint64 gap = secondary.seen().at(0).atMs - primary.seen().at(0).atMs;
        QVERIFY2(gap >= 150, qPrintable(QString::number(gap))); // not before the hedge delay

        QTRY_COMPARE_WITH_TIMEOUT(gateway.trailCount(), 1, 5000);
        const RequestTrail trail = gateway.trails().front();
        QVERIFY2(findAttempt(trail, QStringLiteral("p/big"), QStringLiteral("hedge lost")), qPrintable(describeTrail(trail)));
        QCOMPARE(trail.attempts.back().target, QStringLiteral("s/small"));
        QCOMPARE(trail.attempts.back().outcome, OutcomeClass::Ok);
        QCOMPARE(trail.fallbackDepth, 1);
    }

    // The hedge starts but the primary answers first: the primary serves and
    // the hedge is cancelled and recorded as the loser.
    void primaryAnsweringFirstCancelsTheHedge()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.setDefault(delayed(FakeReply::completion("big", "primary answer"), 600));
        secondary.setDefault(FakeReply::silent());
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary), fakeProvider(QStringLiteral("s"), secondary)},
                      {hedged(providerStep(QStringLiteral("p"), QStringLiteral("big")), 100),
                       providerStep(QStringLiteral("s"), QStringLiteral("small"))},
                      policy())));

        const auto r = gateway.chat(false);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(completionText(r->body), QStringLiteral("primary answer"));
        QCOMPARE(r->header("x-understudy-served-by"), QByteArray("chat/steps[0] p/big"));
        QCOMPARE(r->header("x-understudy-fallback"), QByteArray("none"));
        QCOMPARE(primary.requestCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(secondary.requestCount(), 1, 2000);

        QTRY_COMPARE_WITH_TIMEOUT(gateway.trailCount(), 1, 5000);
        const RequestTrail trail = gateway.trails().front();
        QVERIFY2(findAttempt(trail, QStringLiteral("s/small"), QStringLiteral("hedge lost")),
                 qPrintable(describeTrail(trail)));
        QCOMPARE(trail.fallbackDepth, 0);
    }

    // The primary fails while the hedge runs: the hedge takes over instead
    // of a retry on the primary.
    void hedgeTakesOverWhenThePrimaryFails()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.setDefault(delayed(FakeReply::error(503, "overloaded"), 400));
        secondary.setDefault(delayed(FakeReply::completion("small", "hedge answer"), 800));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary), fakeProvider(QStringLiteral("s"), secondary)},
                      {hedged(providerStep(QStringLiteral("p"), QStringLiteral("big")), 100),
                       providerStep(QStringLiteral("s"), QStringLiteral("small"))},
                      policy())));

        const auto r = gateway.chat(false);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(completionText(r->body), QStringLiteral("hedge answer"));
        QCOMPARE(primary.requestCount(), 1); // 503 is retryable, but the hedge took over
        QCOMPARE(secondary.requestCount(), 1);
        QCOMPARE(r->header("x-understudy-fallback"), QByteArray("status_5xx"));

        QTRY_COMPARE_WITH_TIMEOUT(gateway.trailCount(), 1, 5000);
        const RequestTrail trail = gateway.trails().front();
        QVERIFY2(findAttempt(trail, QStringLiteral("p/big"), QStringLiteral("next: the hedge takes over")),
                 qPrintable(describeTrail(trail)));
    }

    // Round robin spreads requests evenly over healthy members.
    void roundRobinGroupAlternatesMembers()
    {
        FakeLlmUpstream a;
        FakeLlmUpstream b;
        QVERIFY(a.start() && b.start());
        a.setDefault(FakeReply::completion("m", "from a"));
        b.setDefault(FakeReply::completion("m", "from b"));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(llmConfig({fakeProvider(QStringLiteral("a"), a), fakeProvider(QStringLiteral("b"), b)},
                                        {groupStep({QStringLiteral("a"), QStringLiteral("b")},
                                                   BalanceStrategy::RoundRobin)},
                                        policy())));
        QSet<QByteArray> servedBy;
        for (int i = 0; i < 10; ++i) {
            const auto r = gateway.chat(false);
            QVERIFY(r);
            QCOMPARE(r->status, 200);
            servedBy.insert(r->header("x-understudy-served-by"));
        }
        QCOMPARE(a.requestCount(), 5);
        QCOMPARE(b.requestCount(), 5);
        QCOMPARE(servedBy, (QSet<QByteArray>{"chat/steps[0]/members[0] a/m", "chat/steps[0]/members[1] b/m"}));
    }

    // A failing member fails over to the next member of the same group
    // before the chain moves to its next step.
    void groupFailsOverInsideTheGroupFirst()
    {
        FakeLlmUpstream a;
        FakeLlmUpstream b;
        FakeLlmUpstream next;
        QVERIFY(a.start() && b.start() && next.start());
        a.setDefault(FakeReply::error(503, "a is down"));
        b.setDefault(FakeReply::completion("m", "from b"));
        next.setDefault(FakeReply::completion("n", "from the next step"));
        Step group = groupStep({QStringLiteral("a"), QStringLiteral("b")}, BalanceStrategy::RoundRobin);
        group.retry.maxRetries = 0;
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(llmConfig({fakeProvider(QStringLiteral("a"), a), fakeProvider(QStringLiteral("b"), b),
                                         fakeProvider(QStringLiteral("n"), next)},
                                        {group, providerStep(QStringLiteral("n"), QStringLiteral("n"))}, policy())));
        for (int i = 0; i < 4; ++i) {
            const auto r = gateway.chat(false);
            QVERIFY(r);
            QCOMPARE(r->status, 200);
            QCOMPARE(completionText(r->body), QStringLiteral("from b"));
            QCOMPARE(r->header("x-understudy-served-by"), QByteArray("chat/steps[0]/members[1] b/m"));
        }
        QCOMPARE(next.requestCount(), 0);
        QCOMPARE(b.requestCount(), 4);
        QVERIFY(a.requestCount() >= 2); // round robin puts it first every other request

        // Both members down: the next step answers, after both were tried.
        b.setDefault(FakeReply::error(503, "b is down too"));
        const int aBefore = a.requestCount();
        const int bBefore = b.requestCount();
        const auto r = gateway.chat(false);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(completionText(r->body), QStringLiteral("from the next step"));
        QCOMPARE(r->header("x-understudy-served-by"), QByteArray("chat/steps[1] n/n"));
        QCOMPARE(a.requestCount(), aBefore + 1);
        QCOMPARE(b.requestCount(), bBefore + 1);
        QCOMPARE(next.requestCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestFallbackHedgeGroups)
#include "tst_fallback_hedge_groups.moc"
