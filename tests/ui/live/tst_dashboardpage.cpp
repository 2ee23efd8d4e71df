// DashboardPage fed by a real MetricsRegistry with recorded trails: non-zero
// series, trigger table, per-target health rows and breaker buttons, the
// long windows without a request log, CSV export, hover pause; and the
// rollup mapping of DashboardData.

#include "live/DashboardCharts.h"
#include "live/DashboardData.h"
#include "live/DashboardPage.h"
#include "observe/MetricsRegistry.h"

#include <QAreaSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFile>
#include <QLineSeries>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace understudy;

namespace {

RequestTrail trail(OutcomeClass final, bool fallback, qint64 durationMs)
{
    RequestTrail t;
    t.route = QStringLiteral("chat");
    t.method = QStringLiteral("POST");
    t.path = QStringLiteral("/v1/chat/completions");
    t.durationMs = durationMs;
    t.ttftMs = durationMs / 2;
    t.outcome = final;
    t.status = final == OutcomeClass::Ok ? 200 : 502;
    t.promptTokens = 100;
    t.completionTokens = 20;
    t.cost = 0.001;
    AttemptRecord primary;
    primary.target = QStringLiteral("openai/gpt-4o-mini");
    primary.durationMs = durationMs;
    primary.outcome = fallback || final != OutcomeClass::Ok ? OutcomeClass::Status5xx : OutcomeClass::Ok;
    t.attempts.push_back(primary);
    if (fallback) {
        AttemptRecord second;
        second.target = QStringLiteral("anthropic/claude");
        second.outcome = final;
        t.attempts.push_back(second);
        t.fallbackDepth = 1;
    }
    return t;
}

} // namespace

class TestDashboardPage : public QObject
{
    Q_OBJECT

private slots:
    void liveWindowFromRegistry()
    {
        MetricsRegistry metrics;
        metrics.setBreakerState(QStringLiteral("openai/gpt-4o-mini"), BreakerGauge::Open);
        metrics.setBreakerState(QStringLiteral("anthropic/claude"), BreakerGauge::Closed);
        for (int i = 0; i < 6; ++i)
            metrics.record(trail(OutcomeClass::Ok, false, 100));
        for (int i = 0; i < 3; ++i)
            metrics.record(trail(OutcomeClass::Ok, true, 400));
        metrics.record(trail(OutcomeClass::Status5xx, true, 900));

        DashboardPage page;
        page.resize(1280, 900);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        std::vector<std::pair<QString, BreakerAction>> actions;
        page.setBreakerControl([&](const QString &target, BreakerAction a) { actions.emplace_back(target, a); });
        page.setMetrics(&metrics);

        const DashboardData &d = page.data();
        QCOMPARE(d.requests, 10u);
        QCOMPARE(d.errors, 1u);
        QCOMPARE(d.fallbacks, 4u);
        QCOMPARE(int(d.points.size()), 300);
        // The series hold the window's counts: the current second has them all.
        double ok = 0, fallback = 0, failed = 0;
        for (const DashboardPoint &p : d.points) {
            ok += p.ok;
            fallback += p.fallback;
            failed += p.failed;
        }
        QCOMPARE(ok, 6.0);
        QCOMPARE(fallback, 3.0); // the fallback that still failed counts as failed
        QCOMPARE(failed, 1.0);

        auto *requests = page.findChild<QChartView *>(QStringLiteral("requestsChart"));
        QVERIFY(requests);
        const auto areas = requests->chart()->series();
        QCOMPARE(areas.size(), 3);
        double peak = 0;
        auto *top = static_cast<QAreaSeries *>(areas.at(2))->upperSeries();
        for (int i = 0; i < top->count(); ++i)
            peak = std::max(peak, top->at(i).y());
        QCOMPARE(peak, 10.0); // stacked: ok + fallback + failed in one second

        auto *errorView = page.findChild<QChartView *>(QStringLiteral("errorRateChart"));
        auto *errors = static_cast<QLineSeries *>(errorView->chart()->series().at(0));
        double maxRate = 0;
        for (int i = 0; i < errors->count(); ++i)
            maxRate = std::max(maxRate, errors->at(i).y());
        QCOMPARE(maxRate, 10.0); // percent

        QVERIFY(d.latency.p50 && *d.latency.p50 > 50 && *d.latency.p50 < 200);
        QVERIFY(d.latency.p99 && *d.latency.p99 > 700);
        auto *latency = page.findChild<QChartView *>(QStringLiteral("latencyChart"));
        auto *latencySet = latency->chart()->findChildren<QBarSet *>().value(0);
        QVERIFY(latencySet);
        QVERIFY(latencySet->at(0) > 0);

        // Triggers: openai -> anthropic on status_5xx 4 times, and the failed
        // fallback's anthropic -> none once.
        QCOMPARE(d.triggersByReason.at(QStringLiteral("status_5xx")), 5u);
        QTableWidget *triggers = page.charts()->triggerTable();
        QVERIFY(triggers->rowCount() >= 1);
        QCOMPARE(triggers->item(0, 1)->text(), QStringLiteral("openai/gpt-4o-mini"));
        QCOMPARE(triggers->item(0, 2)->text(), QStringLiteral("anthropic/claude"));
        QCOMPARE(triggers->item(0, 4)->text(), QStringLiteral("4"));
        QCOMPARE(triggers->rowCount(), 2);
        QCOMPARE(triggers->item(1, 2)->text(), QStringLiteral("none"));

        QTableWidget *health = page.healthTable();
        QCOMPARE(health->rowCount(), 2);
        QCOMPARE(health->item(0, 0)->text(), QStringLiteral("anthropic/claude"));
        QCOMPARE(health->item(0, 1)->text(), QStringLiteral("closed"));
        QCOMPARE(health->item(0, 2)->text(), QStringLiteral("4"));
        QCOMPARE(health->item(0, 4)->text(), QStringLiteral("1"));
        QCOMPARE(health->item(1, 0)->text(), QStringLiteral("openai/gpt-4o-mini"));
        QCOMPARE(health->item(1, 1)->text(), QStringLiteral("open"));
        QCOMPARE(health->item(1, 2)->text(), QStringLiteral("10"));
        QCOMPARE(health->item(1, 3)->text(), QStringLiteral("6"));

        // Breaker buttons call the integrator's control for the selected target.
        QPushButton *reset = nullptr;
        for (QPushButton *b : page.findChildren<QPushButton *>())
            if (b->text() == QStringLiteral("Reset"))
                reset = b;
        QVERIFY(reset);
        QVERIFY(!reset->isEnabled());
        health->selectRow(1);
        QVERIFY(reset->isEnabled());
        reset->click();
        QCOMPARE(int(actions.size()), 1);
        QCOMPARE(actions[0].first, QStringLiteral("openai/gpt-4o-mini"));
        QCOMPARE(actions[0].second, BreakerAction::Reset);

        // CSV of the visible series.
        QTemporaryDir dir;
        QVERIFY(page.exportCsv(dir.filePath(QStringLiteral("d.csv"))).ok());
        QFile csv(dir.filePath(QStringLiteral("d.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 301);
        QVERIFY(lines.front().startsWith("time,ok_per_s"));
        QVERIFY(page.exportPng(dir.filePath(QStringLiteral("d.png"))).ok());
        QVERIFY(QImage(dir.filePath(QStringLiteral("d.png"))).width() > 500);
    }

    void hoverHoldsTheCharts()
    {
        MetricsRegistry metrics;
        metrics.record(trail(OutcomeClass::Ok, false, 100));
        DashboardPage page;
        page.resize(1200, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.setMetrics(&metrics);
        QCOMPARE(page.data().requests, 1u);

        auto *view = page.findChild<QChartView *>(QStringLiteral("requestsChart"));
        QEnterEvent enter(QPointF(10, 10), QPointF(10, 10), QPointF(10, 10));
        QCoreApplication::sendEvent(view, &enter);
        QVERIFY(page.isHoverPaused());
        metrics.record(trail(OutcomeClass::Ok, false, 100));
        page.refresh();
        QCOMPARE(page.data().requests, 1u); // held still
        QEvent leave(QEvent::Leave);
        QCoreApplication::sendEvent(view, &leave);
        QVERIFY(!page.isHoverPaused());
        QCOMPARE(page.data().requests, 2u); // refreshed on leave
    }

    void longWindowsNeedARequestLog()
    {
        MetricsRegistry metrics;
        DashboardPage page;
        page.setMetrics(&metrics);
        page.setWindow(DashboardPage::Window::LastHour);
        QVERIFY(page.statusText().contains(QStringLiteral("request log")));
        QVERIFY(page.data().points.empty());
        page.setWindow(DashboardPage::Window::Live5Minutes);
        QCOMPARE(int(page.data().points.size()), 300);
    }

    void rollupsBecomeMinutePoints()
    {
        const qint64 from = 1764600000000LL; // a minute boundary
        MinuteRollup a;
        a.minuteMs = from + 60000;
        a.route = QStringLiteral("chat");
        a.requests = 120;
        a.errors = 12;
        a.fallbacks = 30;
        a.latencyHistogram = {{128.0, 100}, {1024.0, 20}};
        a.promptTokens = 5000;
        a.cost = 0.5;
        MinuteRollup b = a;
        b.route = QStringLiteral("embeddings");
        b.requests = 60;
        b.errors = 0;
        b.fallbacks = 0;
        b.latencyHistogram = {{16.0, 60}};
        MinuteRollup outside = a;
        outside.minuteMs = from + 3600000;

        const DashboardData d = dashboardFromRollups({a, b, outside}, from, from + 3600000);
        QCOMPARE(d.resolutionSeconds, 60);
        QCOMPARE(int(d.points.size()), 60);
        QCOMPARE(d.points[0].ok + d.points[0].fallback + d.points[0].failed, 0.0);
        QCOMPARE(d.points[1].failed, 12.0 / 60);
        QCOMPARE(d.points[1].fallback, (30.0 - 12.0) / 60); // fallbacks that certainly did not fail
        QCOMPARE(d.points[1].ok, (180.0 - 12.0 - 18.0) / 60);
        QCOMPARE(d.points[1].errorRate, 12.0 / 180);
        QCOMPARE(d.requests, 180u);
        QCOMPARE(d.promptTokens, 10000u);
        QVERIFY(!d.triggersTracked);
        QVERIFY(d.latency.p50 && *d.latency.p50 > 16 && *d.latency.p50 <= 128);
        QVERIFY(d.latency.p99 && *d.latency.p99 > 128);
        QVERIFY(dashboardCsv(d).contains(QStringLiteral("2025-12-01T14:41:00Z,2.5,0.3,0.2,0.0666667")));
    }
};

QTEST_MAIN(TestDashboardPage)
#include "tst_dashboardpage.moc"
