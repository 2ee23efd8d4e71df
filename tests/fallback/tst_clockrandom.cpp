#include "fallback/Clock.h"
#include "fallback/RandomSource.h"

#include <QTest>

using namespace understudy;

class TestClockRandom : public QObject
{
    Q_OBJECT

private slots:
    void manualClockMovesSteadyAndWallTogether()
    {
        ManualClock clock(100, QDateTime(QDate(2024, 3, 1), QTime(23, 59, 30), Qt::UTC));
        clock.advance(45'000);
        QCOMPARE(clock.nowMs(), qint64(45'100));
        QCOMPARE(clock.wallNow(), QDateTime(QDate(2024, 3, 2), QTime(0, 0, 15), Qt::UTC));
        clock.setWall(QDateTime(QDate(2025, 1, 1), QTime(8, 0), Qt::UTC));
        clock.advance(60'000);
        QCOMPARE(clock.wallNow(), QDateTime(QDate(2025, 1, 1), QTime(8, 1), Qt::UTC));
    }

    void systemClockIsMonotonic()
    {
        const auto &clock = SystemClock::instance();
        const qint64 first = clock.nowMs();
        QVERIFY(clock.nowMs() >= first);
        QVERIFY(clock.wallNow().isValid());
    }

    void scriptedRandomCyclesAndClamps()
    {
        ScriptedRandom random({0.25, 1.5, -1.0});
        QCOMPARE(random.uniform(), 0.25);
        QVERIFY(random.uniform() < 1.0);
        QCOMPARE(random.uniform(), 0.0);
        QCOMPARE(random.uniform(), 0.25);
        QCOMPARE(random.draws(), 4);
    }

    void seededRandomIsReproducibleAndInRange()
    {
        SeededRandom a(7);
        SeededRandom b(7);
        for (int i = 0; i < 1000; ++i) {
            const double value = a.uniform();
            QCOMPARE(value, b.uniform());
            QVERIFY(value >= 0.0 && value < 1.0);
        }
        auto &system = SystemRandom::instance();
        for (int i = 0; i < 1000; ++i) {
            const double value = system.uniform();
            QVERIFY(value >= 0.0 && value < 1.0);
        }
    }
};

QTEST_GUILESS_MAIN(TestClockRandom)
#include "tst_clockrandom.moc"
