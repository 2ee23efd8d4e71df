#include "fallback/RetryBudgetGate.h"

#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace understudy;

class TestRetryBudgetGate : public QObject
{
    Q_OBJECT

private slots:
    void floorAllowsRetriesOnAQuietGateway()
    {
        RetryBudgetGate gate(RetryBudget{0.2, 3});
        gate.requestStarted();
        QVERIFY(gate.tryAcquireRetry());
        QVERIFY(gate.tryAcquireRetry());
        QVERIFY(gate.tryAcquireRetry());
        QVERIFY(!gate.tryAcquireRetry());
        QCOMPARE(gate.exhaustedTotal(), quint64(1));
        gate.releaseRetry();
        QVERIFY(gate.tryAcquireRetry());
        QCOMPARE(gate.retriesInFlight(), qint64(3));
    }

    void ratioGovernsUnderLoad()
    {
        RetryBudgetGate gate(RetryBudget{0.2, 2});
        for (int i = 0; i < 100; ++i)
            gate.requestStarted();
        QCOMPARE(gate.allowance(), qint64(20));
        int granted = 0;
        while (gate.tryAcquireRetry())
            ++granted;
        QCOMPARE(granted, 20);
        QCOMPARE(gate.exhaustedTotal(), quint64(1));
        // Load drops: the allowance shrinks back towards the floor, no new retries.
        for (int i = 0; i < 90; ++i)
            gate.requestFinished();
        QCOMPARE(gate.allowance(), qint64(2));
        QVERIFY(!gate.tryAcquireRetry());
        for (int i = 0; i < 20; ++i)
            gate.releaseRetry();
        QVERIFY(gate.tryAcquireRetry());
    }

    void reconfigureTakesEffect()
    {
        RetryBudgetGate gate;
        gate.configure(RetryBudget{0.5, 0});
        QCOMPARE(gate.allowance(), qint64(0));
        QVERIFY(!gate.tryAcquireRetry());
        gate.requestStarted();
        gate.requestStarted();
        QCOMPARE(gate.allowance(), qint64(1));
        QVERIFY(gate.tryAcquireRetry());
    }

    // Many threads racing for slots can never hold more than the allowance.
    void concurrentAcquireNeverExceedsAllowance()
    {
        RetryBudgetGate gate(RetryBudget{0.1, 5});
        for (int i = 0; i < 100; ++i)
            gate.requestStarted(); // allowance 10
        std::atomic<qint64> held{0};
        std::atomic<qint64> maxHeld{0};
        std::atomic<qint64> grants{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < 5'000; ++i) {
                    if (!gate.tryAcquireRetry())
                        continue;
                    grants.fetch_add(1);
                    const qint64 now = held.fetch_add(1) + 1;
                    qint64 seen = maxHeld.load();
                    while (now > seen && !maxHeld.compare_exchange_weak(seen, now)) {
                    }
                    held.fetch_sub(1);
                    gate.releaseRetry();
                }
            });
        }
        for (auto &thread : threads)
            thread.join();
        QVERIFY(maxHeld.load() <= 10);
        QVERIFY(grants.load() > 0);
        QCOMPARE(gate.retriesInFlight(), qint64(0));
        QCOMPARE(quint64(grants.load()) + gate.exhaustedTotal(), quint64(8 * 5'000));
    }
};

QTEST_GUILESS_MAIN(TestRetryBudgetGate)
#include "tst_retrybudgetgate.moc"
