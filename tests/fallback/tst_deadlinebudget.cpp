#include "fallback/Clock.h"
#include "fallback/DeadlineBudget.h"

#include <QTest>

using namespace understudy;

class TestDeadlineBudget : public QObject
{
    Q_OBJECT

private slots:
    void remainingShrinksWithTime()
    {
        ManualClock clock;
        const DeadlineBudget budget(clock, 10'000);
        QCOMPARE(budget.remainingMs(), qint64(10'000));
        clock.advance(2'500);
        QCOMPARE(budget.elapsedMs(), qint64(2'500));
        QCOMPARE(budget.remainingMs(), qint64(7'500));
        clock.advance(20'000);
        QCOMPARE(budget.remainingMs(), qint64(0));
        QVERIFY(budget.expired());
    }

    void clipsEveryTimeout_data()
    {
        QTest::addColumn<qint64>("elapsed");
        QTest::addColumn<int>("attemptTotal");
        QTest::addColumn<int>("connect");
        QTest::addColumn<int>("firstByte");
        QTest::addColumn<int>("idle");
        QTest::addColumn<int>("total");
        // deadline 20 s; step timeouts connect 2 s, first byte 15 s, idle 30 s
        QTest::newRow("plenty left") << qint64(0) << 0 << 2'000 << 15'000 << 20'000 << 20'000;
        QTest::newRow("first byte clipped") << qint64(10'000) << 0 << 2'000 << 10'000 << 10'000 << 10'000;
        QTest::newRow("everything clipped") << qint64(19'000) << 0 << 1'000 << 1'000 << 1'000 << 1'000;
        QTest::newRow("attempt total kept") << qint64(0) << 5'000 << 2'000 << 15'000 << 20'000 << 5'000;
        QTest::newRow("attempt total clipped") << qint64(18'000) << 5'000 << 2'000 << 2'000 << 2'000 << 2'000;
        QTest::newRow("nothing left") << qint64(25'000) << 5'000 << 0 << 0 << 0 << 0;
    }
    void clipsEveryTimeout()
    {
        QFETCH(qint64, elapsed);
        QFETCH(int, attemptTotal);
        ManualClock clock;
        const DeadlineBudget budget(clock, 20'000);
        clock.advance(elapsed);
        Timeouts timeouts;
        timeouts.connectMs = 2'000;
        timeouts.firstByteMs = 15'000;
        timeouts.idleMs = 30'000;
        timeouts.totalMs = attemptTotal;
        const Timeouts clipped = budget.clip(timeouts);
        QTEST(clipped.connectMs, "connect");
        QTEST(clipped.firstByteMs, "firstByte");
        QTEST(clipped.idleMs, "idle");
        QTEST(clipped.totalMs, "total");
    }

    void noAttemptWithoutAUsefulBudget()
    {
        ManualClock clock;
        const DeadlineBudget budget(clock, 1'000);
        QVERIFY(budget.canStartAttempt());
        QVERIFY(budget.canStartAttempt(1'000));
        QVERIFY(!budget.canStartAttempt(1'001)); // e.g. the step's connect timeout
        clock.advance(940);
        QVERIFY(budget.canStartAttempt(10)); // 60 ms left, floor is 50
        clock.advance(20);
        QVERIFY(!budget.canStartAttempt(10)); // 40 ms left: below the floor whatever the caller asks
        QVERIFY(!budget.canStartAttempt());
    }

    void explicitStartIsHonoured()
    {
        ManualClock clock(5'000);
        const DeadlineBudget budget(clock, 4'000, 3'000); // started 1 s ago
        QCOMPARE(budget.remainingMs(), qint64(2'000));
    }

    void unboundedNeverExpires()
    {
        ManualClock clock;
        const DeadlineBudget budget(clock, 0);
        clock.advance(1'000'000'000);
        QVERIFY(!budget.expired());
        QVERIFY(budget.canStartAttempt(60'000));
        Timeouts timeouts;
        QCOMPARE(budget.clip(timeouts).firstByteMs, timeouts.firstByteMs);
        QVERIFY(budget.clip(timeouts).totalMs > 0);
    }
};

QTEST_GUILESS_MAIN(TestDeadlineBudget)
#include "tst_deadlinebudget.moc"
