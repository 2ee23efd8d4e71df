#include "fallback/GroupBalancer.h"
#include "fallback/RandomSource.h"

#include <QTest>

#include <map>
#include <set>

using namespace understudy;

class TestGroupBalancer : public QObject
{
    Q_OBJECT

private slots:
    void everyOrderIsAPermutation_data()
    {
        QTest::addColumn<int>("strategy");
        QTest::newRow("weighted") << int(BalanceStrategy::Weighted);
        QTest::newRow("round robin") << int(BalanceStrategy::RoundRobin);
        QTest::newRow("least in flight") << int(BalanceStrategy::LeastInFlight);
        QTest::newRow("lowest latency") << int(BalanceStrategy::LowestLatency);
    }
    void everyOrderIsAPermutation()
    {
        QFETCH(int, strategy);
        GroupBalancer balancer(BalanceStrategy(strategy), {3, 0, 1, 2});
        SeededRandom random(11);
        for (int i = 0; i < 100; ++i) {
            const auto order = balancer.order(random);
            QCOMPARE(order.size(), std::size_t(4));
            QCOMPARE(std::set<int>(order.begin(), order.end()), (std::set<int>{0, 1, 2, 3}));
        }
    }

    void weightedFirstPickFollowsWeights()
    {
        GroupBalancer balancer(BalanceStrategy::Weighted, {6, 3, 1});
        SeededRandom random(12345);
        std::map<int, int> first;
        const int picks = 20000;
        for (int i = 0; i < picks; ++i)
            ++first[balancer.order(random).front()];
        // Expected 60% / 30% / 10%; generous bounds, deterministic seed.
        QVERIFY2(first[0] > picks * 55 / 100 && first[0] < picks * 65 / 100, qPrintable(QString::number(first[0])));
        QVERIFY2(first[1] > picks * 25 / 100 && first[1] < picks * 35 / 100, qPrintable(QString::number(first[1])));
        QVERIFY2(first[2] > picks * 7 / 100 && first[2] < picks * 13 / 100, qPrintable(QString::number(first[2])));
    }

    void weightedScriptedPicks()
    {
        GroupBalancer balancer(BalanceStrategy::Weighted, {1, 0, 3});
        // total 4: 0.5*4 = 2 -> member 2 (after member 0's 1); then only member 0 has weight.
        ScriptedRandom random({0.5, 0.0});
        QCOMPARE(balancer.order(random), (std::vector<int>{2, 0, 1}));
        ScriptedRandom low({0.1, 0.9});
        QCOMPARE(balancer.order(low), (std::vector<int>{0, 2, 1}));
    }

    void roundRobinRotates()
    {
        GroupBalancer balancer(BalanceStrategy::RoundRobin, {1, 1, 1});
        ScriptedRandom random({0.5});
        QCOMPARE(balancer.order(random), (std::vector<int>{0, 1, 2}));
        QCOMPARE(balancer.order(random), (std::vector<int>{1, 2, 0}));
        QCOMPARE(balancer.order(random), (std::vector<int>{2, 0, 1}));
        QCOMPARE(balancer.order(random), (std::vector<int>{0, 1, 2}));
        QCOMPARE(random.draws(), 0);
    }

    void leastInFlightFirst()
    {
        GroupBalancer balancer(BalanceStrategy::LeastInFlight, {1, 1, 1});
        ScriptedRandom random({0.5});
        balancer.attemptStarted(0);
        balancer.attemptStarted(0);
        balancer.attemptStarted(2);
        QCOMPARE(balancer.order(random), (std::vector<int>{1, 2, 0}));
        balancer.attemptFinished(0, 10, true);
        balancer.attemptFinished(0, 10, true);
        QCOMPARE(balancer.stats(0).inFlight, qint64(0));
        QCOMPARE(balancer.order(random).back(), 2);
    }

    void lowestLatencyTriesUnmeasuredFirstThenFastest()
    {
        GroupBalancer balancer(BalanceStrategy::LowestLatency, {1, 1, 1}, 0.5);
        ScriptedRandom random({0.5});
        balancer.attemptStarted(0);
        balancer.attemptFinished(0, 100, true);
        QCOMPARE(balancer.order(random).back(), 0); // 1 and 2 never measured: first
        balancer.attemptStarted(1);
        balancer.attemptFinished(1, 300, true);
        balancer.attemptStarted(2);
        balancer.attemptFinished(2, 50, true);
        QCOMPARE(balancer.order(random), (std::vector<int>{2, 0, 1}));
        // EWMA with alpha 0.5: member 2 slows down to 0.5*450 + 0.5*50 = 250.
        balancer.attemptStarted(2);
        balancer.attemptFinished(2, 450, true);
        QCOMPARE(balancer.stats(2).latencyEwmaMs, 250.0);
        QCOMPARE(balancer.order(random), (std::vector<int>{0, 2, 1}));
        // A fast failure counts as slow.
        balancer.attemptStarted(0);
        balancer.attemptFinished(0, 5, false);
        QCOMPARE(balancer.stats(0).latencyEwmaMs, 0.5 * GroupBalancer::kFailurePenaltyMs + 0.5 * 100);
        QCOMPARE(balancer.stats(0).failures, qint64(1));
        QCOMPARE(balancer.order(random).back(), 0);
    }
};

QTEST_GUILESS_MAIN(TestGroupBalancer)
#include "tst_groupbalancer.moc"
