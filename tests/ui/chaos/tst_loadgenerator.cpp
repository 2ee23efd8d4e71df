// LoadGenerator against a real Engine on loopback: about rate x duration
// requests, never more in flight than the cap, failures counted when the
// gateway is gone, Stop ends a run; and the panel's route paths.

#include "ChaosTestGateway.h"
#include "chaos/LoadGenerator.h"
#include "chaos/LoadGeneratorPanel.h"
#include "config/DemoWorkspace.h"
#include "fallback/Clock.h"

#include <QComboBox>
#include <QDeadlineTimer>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace understudy;
using namespace understudy::chaostest;

namespace {

std::shared_ptr<ChaosRegistry> newRegistry()
{
    return std::make_shared<ChaosRegistry>(SystemClock::instance());
}

} // namespace

class TestLoadGenerator : public QObject
{
    Q_OBJECT

private slots:
    void sendsAboutRateTimesDuration()
    {
        TestGateway gateway(newRegistry());
        QVERIFY(gateway.start());
        LoadGenerator generator;
        QSignalSpy finished(&generator, &LoadGenerator::finished);
        LoadSettings s;
        s.baseUrl = gateway.baseUrl();
        s.rate = 20;
        s.durationSeconds = 2;
        s.concurrency = 8;
        QString error;
        QVERIFY2(generator.start(s, &error), qPrintable(error));
        QVERIFY(generator.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY(!generator.isRunning());
        const LoadStats stats = generator.stats();
        // The schedule calls for 40; skips at the cap are possible on a
        // loaded machine, so the bounds are loose.
        QCOMPARE(stats.sent + stats.skipped, qint64(40));
        QVERIFY2(stats.sent >= 20, qPrintable(QString::number(stats.sent)));
        QCOMPARE(stats.ok + stats.failed, stats.sent);
        QCOMPARE(stats.failed, qint64(0));
        QCOMPARE(stats.inFlight, 0);
        QVERIFY(stats.maxInFlight >= 1 && stats.maxInFlight <= 8);
    }

    void respectsTheConcurrencyCap()
    {
        // Every answer takes 300 ms, so 100 req/s piles up against a cap of 3.
        auto chaos = newRegistry();
        TestGateway gateway(chaos);
        QVERIFY(gateway.start());
        ChaosRequest slow;
        slow.provider = QStringLiteral("alpha");
        slow.fault.fault = MockFault::SlowFirstToken;
        slow.fault.delayMs = 300;
        slow.durationMs = 60000;
        QVERIFY(chaos->start(slow).ok());

        LoadGenerator generator;
        QSignalSpy finished(&generator, &LoadGenerator::finished);
        LoadSettings s;
        s.baseUrl = gateway.baseUrl();
        s.rate = 100;
        s.durationSeconds = 1;
        s.concurrency = 3;
        s.stream = true;
        QVERIFY(generator.start(s));
        int maxSeen = 0;
        QDeadlineTimer deadline(30000);
        while (generator.isRunning() && !deadline.hasExpired()) {
            maxSeen = std::max(maxSeen, generator.stats().inFlight);
            QTest::qWait(5);
        }
        QCOMPARE(finished.count(), 1);
        const LoadStats stats = generator.stats();
        QVERIFY(maxSeen <= 3);
        QCOMPARE(stats.maxInFlight, 3);
        QVERIFY(stats.skipped > 0);
        QCOMPARE(stats.ok, stats.sent);
        QCOMPARE(stats.sent + stats.skipped, qint64(100));
    }

    void moreThanSixInFlightUseSeveralManagers()
    {
        // Qt allows 6 connections per host per manager; a cap of 10 must
        // still reach 10 in flight.
        auto chaos = newRegistry();
        TestGateway gateway(chaos);
        QVERIFY(gateway.start());
        ChaosRequest slow;
        slow.provider = QStringLiteral("alpha");
        slow.fault.fault = MockFault::SlowFirstToken;
        slow.fault.delayMs = 1500;
        slow.durationMs = 60000;
        QVERIFY(chaos->start(slow).ok());
        LoadGenerator generator;
        LoadSettings s;
        s.baseUrl = gateway.baseUrl();
        s.rate = 50;
        s.durationSeconds = 1;
        s.concurrency = 10;
        QVERIFY(generator.start(s));
        // The gateway sees 10 connections at once, not the 6 one manager
        // would open (our own in-flight count cannot tell: Qt queues).
        QTRY_COMPARE_WITH_TIMEOUT(gateway.openConnections(), qint64(10), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!generator.isRunning(), 30000);
        QCOMPARE(generator.stats().maxInFlight, 10);
        QCOMPARE(generator.stats().failed, qint64(0));
    }

    void countsFailuresWhenTheGatewayIsGone()
    {
        TestGateway gateway(newRegistry());
        QVERIFY(gateway.start());
        const QString url = gateway.baseUrl();
        gateway.stop(); // the port now refuses connections

        LoadGenerator generator;
        QSignalSpy finished(&generator, &LoadGenerator::finished);
        LoadSettings s;
        s.baseUrl = url;
        s.rate = 10;
        s.durationSeconds = 1;
        QVERIFY(generator.start(s));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        const LoadStats stats = generator.stats();
        QVERIFY(stats.sent >= 5);
        QCOMPARE(stats.ok, qint64(0));
        QCOMPARE(stats.failed, stats.sent);
        QVERIFY(!stats.lastError.isEmpty());
    }

    void stopEndsTheRun()
    {
        TestGateway gateway(newRegistry());
        QVERIFY(gateway.start());
        LoadGenerator generator;
        QSignalSpy finished(&generator, &LoadGenerator::finished);
        LoadSettings s;
        s.baseUrl = gateway.baseUrl();
        s.rate = 10;
        s.durationSeconds = 600;
        QVERIFY(generator.start(s));
        QTRY_VERIFY_WITH_TIMEOUT(generator.stats().ok >= 2, 10000);
        generator.stop();
        QVERIFY(!generator.isRunning());
        QCOMPARE(finished.count(), 1);
        const qint64 sent = generator.stats().sent;
        QTest::qWait(300);
        QCOMPARE(generator.stats().sent, sent);
        QCOMPARE(generator.stats().inFlight, 0);
    }

    void rejectsSettingsThatCannotWork()
    {
        LoadGenerator generator;
        LoadSettings s;
        QString error;
        s.baseUrl = QStringLiteral("not a url");
        QVERIFY(!generator.start(s, &error));
        QVERIFY(!error.isEmpty());
        s.baseUrl = QStringLiteral("http://127.0.0.1:1");
        s.rate = 0;
        QVERIFY(!generator.start(s, &error));
        s.rate = 1;
        s.concurrency = 0;
        QVERIFY(!generator.start(s, &error));
        QVERIFY(!generator.isRunning());
    }

    void panelDemoTrafficDrivesTheGateway()
    {
        TestGateway gateway(newRegistry());
        QVERIFY(gateway.start());
        LoadGeneratorPanel panel;
        panel.setConfig(gateway.config());
        panel.setBaseUrl(gateway.baseUrl());
        QCOMPARE(panel.routeCombo()->count(), 1);
        QCOMPARE(panel.routeCombo()->currentText(), QStringLiteral("/v1/chat/completions"));
        QCOMPARE(panel.settings().model, QStringLiteral("alpha-1"));
        QVERIFY(panel.startDemoTraffic());
        QCOMPARE(panel.settings().rate, 20.0);
        QCOMPARE(panel.settings().durationSeconds, 60);
        QTRY_VERIFY_WITH_TIMEOUT(panel.generator()->stats().ok >= 3, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.statsLabel()->text().contains(QStringLiteral("ok ")), 5000);
        panel.stop();
        QVERIFY(!panel.generator()->isRunning());
    }

    void panelListsChatRoutesOfTheDemo()
    {
        LoadGeneratorPanel panel;
        panel.setConfig(std::make_shared<const Config>(demoConfig()));
        // /v1/models (GET) and /v1/messages (another body) are not offered.
        QCOMPARE(panel.routeCombo()->count(), 1);
        QCOMPARE(panel.routeCombo()->itemText(0), QStringLiteral("/v1/chat/completions"));
        QCOMPARE(panel.settings().model, QStringLiteral("gpt-demo-large"));

        Route prefix;
        prefix.kind = RouteKind::Llm;
        prefix.match.pathMatch = PathMatch::Prefix;
        prefix.match.path = QStringLiteral("/");
        QCOMPARE(LoadGeneratorPanel::chatPathFor(prefix), QStringLiteral("/v1/chat/completions"));
        prefix.match.path = QStringLiteral("/v1/");
        QCOMPARE(LoadGeneratorPanel::chatPathFor(prefix), QStringLiteral("/v1/chat/completions"));
        prefix.kind = RouteKind::Http;
        QVERIFY(LoadGeneratorPanel::chatPathFor(prefix).isEmpty());
    }
};

QTEST_MAIN(TestLoadGenerator)
#include "tst_loadgenerator.moc"
