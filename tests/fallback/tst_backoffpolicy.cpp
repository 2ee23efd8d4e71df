#include "config/Config.h"
#include "fallback/BackoffPolicy.h"
#include "fallback/RandomSource.h"

#include <QTest>

using namespace understudy;

class TestBackoffPolicy : public QObject
{
    Q_OBJECT

private slots:
    void ceilingGrowsAndCaps_data()
    {
        QTest::addColumn<int>("retry");
        QTest::addColumn<qint64>("ceiling");
        // base 100, cap 2000
        QTest::newRow("first retry") << 0 << qint64(100);
        QTest::newRow("second") << 1 << qint64(200);
        QTest::newRow("third") << 2 << qint64(400);
        QTest::newRow("fifth") << 4 << qint64(1600);
        QTest::newRow("capped") << 5 << qint64(2000);
        QTest::newRow("far past cap, no overflow") << 200 << qint64(2000);
    }
    void ceilingGrowsAndCaps()
    {
        QFETCH(int, retry);
        QFETCH(qint64, ceiling);
        const BackoffPolicy policy(100, 2000);
        QCOMPARE(policy.ceilingMs(retry), ceiling);
    }

    void delayStaysWithinFullJitterBounds()
    {
        const BackoffPolicy policy(RetryPolicy{}); // 100 / 2000
        SeededRandom random(42);
        for (int retry = 0; retry < 8; ++retry) {
            const qint64 ceiling = policy.ceilingMs(retry);
            qint64 smallest = ceiling;
            qint64 largest = 0;
            for (int i = 0; i < 2000; ++i) {
                const qint64 delay = policy.delayMs(retry, random);
                QVERIFY2(delay >= 1 && delay <= ceiling, qPrintable(QString::number(delay)));
                smallest = std::min(smallest, delay);
                largest = std::max(largest, delay);
            }
            // Full jitter spreads over the whole range, not around the ceiling.
            QVERIFY(smallest < ceiling / 4 + 1);
            QVERIFY(largest > ceiling * 3 / 4);
        }
    }

    void extremesOfTheRandomSource()
    {
        const BackoffPolicy policy(100, 2000);
        ScriptedRandom zero({0.0});
        QCOMPARE(policy.delayMs(0, zero), qint64(1)); // never a zero-delay spin
        ScriptedRandom top({0.999999});
        QCOMPARE(policy.delayMs(2, top), qint64(400));
        ScriptedRandom half({0.5});
        QCOMPARE(policy.delayMs(1, half), qint64(100));
    }

    void degenerateSettingsStillDelay()
    {
        const BackoffPolicy policy(0, 0);
        ScriptedRandom zero({0.0});
        QCOMPARE(policy.ceilingMs(3), qint64(1));
        QCOMPARE(policy.delayMs(3, zero), qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestBackoffPolicy)
#include "tst_backoffpolicy.moc"
