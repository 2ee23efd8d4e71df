// DashboardPage fed by a real MetricsRegistry with recorded trails: non-zero
// series, the six answer bands, trigger table, per-target health rows,
// breaker strips and buttons, the long windows without a request log, CSV
// export, hover pause; and the rollup mapping of DashboardData.

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
#include <QSet>
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
            ok += p.band(AnswerBand::Ok);
            fallback += p.band(AnswerBand::Fallback);
            failed += p.band(AnswerBand::Failed);
        }
        QCOMPARE(ok, 6.0);
        QCOMPARE(fallback, 3.0); // the fallback that still failed counts as failed
        QCOMPARE(failed, 1.0);

        auto *requests = page.findChild<QChartView *>(QStringLiteral("requestsChart"));
        QVERIFY(requests);
        const auto areas = requests->chart()->series();
        QCOMPARE(areas.size(), 6);
        double peak = 0;
        auto *top = static_cast<QAreaSeries *>(areas.at(5))->upperSeries();
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
        QCOMPARE(lines.front(), QByteArray("time,ok_per_s,retried_per_s,fallback_per_s,cached_per_s,static_per_s,"
                                           "failed_per_s,error_rate"));
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
        QCOMPARE(d.points[0].total(), 0.0);
        // Rollups without the answer bands: the fallback band is a lower
        // bound and retried/cached/static are in ok.
        QVERIFY(!d.bandsExact);
        QCOMPARE(d.points[1].band(AnswerBand::Failed), 12.0 / 60);
        QCOMPARE(d.points[1].band(AnswerBand::Fallback), (30.0 - 12.0) / 60); // fallbacks that certainly did not fail
        QCOMPARE(d.points[1].band(AnswerBand::Ok), (180.0 - 12.0 - 18.0) / 60);
        QCOMPARE(d.points[1].band(AnswerBand::Retried), 0.0);
        QCOMPARE(d.points[1].errorRate, 12.0 / 180);
        QCOMPARE(d.requests, 180u);
        QCOMPARE(d.promptTokens, 10000u);
        QVERIFY(!d.triggersTracked);
        QVERIFY(d.latency.p50 && *d.latency.p50 > 16 && *d.latency.p50 <= 128);
        QVERIFY(d.latency.p99 && *d.latency.p99 > 128);
        QVERIFY(dashboardCsv(d).contains(QStringLiteral("2025-12-01T14:41:00Z,2.5,0,0.3,0,0,0.2,0.0666667")));

        // Rollups with them: exact bands.
        MinuteRollup banded = a;
        banded.outcomes = {{QStringLiteral("ok"), 108},
                           {QStringLiteral("status_5xx"), 12},
                           {rollupBandKey(AnswerBand::Retried), 6},
                           {rollupBandKey(AnswerBand::Fallback), 24},
                           {rollupBandKey(AnswerBand::Cached), 0},
                           {rollupBandKey(AnswerBand::Static), 18}};
        const DashboardData e = dashboardFromRollups({banded}, from, from + 3600000);
        QVERIFY(e.bandsExact);
        const DashboardPoint &p = e.points[1];
        QCOMPARE(p.band(AnswerBand::Retried), 6.0 / 60);
        QCOMPARE(p.band(AnswerBand::Fallback), 24.0 / 60);
        QCOMPARE(p.band(AnswerBand::Cached), 0.0);
        QCOMPARE(p.band(AnswerBand::Static), 18.0 / 60);
        QCOMPARE(p.band(AnswerBand::Failed), 12.0 / 60);
        QCOMPARE(p.band(AnswerBand::Ok), (120.0 - 6 - 24 - 18 - 12) / 60);
        QCOMPARE(p.total(), 2.0);
    }

    // One request of each kind: six named, coloured bands, each one request
    // high in the current second, and six CSV columns.
    void sixAnswerBands()
    {
        MetricsRegistry metrics;
        const RequestTrail ok = trail(OutcomeClass::Ok, false, 100);
        RequestTrail retried = ok;
        retried.attempts.insert(retried.attempts.begin(), retried.attempts.front());
        retried.attempts.front().outcome = OutcomeClass::Status5xx;
        RequestTrail fallback = trail(OutcomeClass::Ok, true, 300);
        RequestTrail cached = fallback;
        cached.cached = true;
        RequestTrail canned = fallback;
        canned.staticAnswer = true;
        const RequestTrail failed = trail(OutcomeClass::Status5xx, false, 50);
        for (const RequestTrail *t :
             std::initializer_list<const RequestTrail *>{&ok, &retried, &fallback, &cached, &canned, &failed})
            metrics.record(*t);

        DashboardPage page;
        page.resize(1200, 800);
        page.setMetrics(&metrics);
        auto *view = page.findChild<QChartView *>(QStringLiteral("requestsChart"));
        QVERIFY(view);
        const QList<QAbstractSeries *> series = view->chart()->series();
        QStringList names;
        for (QAbstractSeries *s : series)
            names << s->name();
        QCOMPARE(names, (QStringList{QStringLiteral("ok"), QStringLiteral("retried"), QStringLiteral("fallback"),
                                     QStringLiteral("cached"), QStringLiteral("static"), QStringLiteral("failed")}));
        // Each band is one request high in the newest second, stacked.
        for (int b = 0; b < series.size(); ++b) {
            auto *area = static_cast<QAreaSeries *>(series.at(b));
            const int last = area->upperSeries()->count() - 1;
            QVERIFY(last >= 0);
            QCOMPARE(area->upperSeries()->at(last).y() - area->lowerSeries()->at(last).y(), 1.0);
            QCOMPARE(area->upperSeries()->at(last).y(), double(b + 1));
        }
        // Distinct fixed colours.
        QSet<QRgb> colours;
        for (QAbstractSeries *s : series)
            colours.insert(static_cast<QAreaSeries *>(s)->color().rgb());
        QCOMPARE(colours.size(), 6);

        const DashboardPoint &newest = page.data().points.back();
        QCOMPARE(newest.total(), 6.0);
        const QStringList csv = dashboardCsv(page.data()).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(csv.size(), 301);
        QVERIFY2(csv.back().endsWith(QStringLiteral(",1,1,1,1,1,1,0.166667")), qPrintable(csv.back()));
    }

    // The health table's strip column follows a breaker that went open,
    // refresh after refresh, on the registry's (fake) clock.
    void breakerStripFollowsTheBreaker()
    {
        qint64 now = 1764600000000LL;
        MetricsRegistry::Options options;
        options.nowMs = [&now] { return now; };
        MetricsRegistry metrics(options);
        const QString target = QStringLiteral("openai/gpt-4o-mini");
        metrics.setBreakerState(target, BreakerGauge::Closed);

        DashboardPage page;
        page.resize(1280, 900);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.setMetrics(&metrics);
        QTableWidget *health = page.healthTable();
        QCOMPARE(health->columnCount(), 7);
        QCOMPARE(health->horizontalHeaderItem(6)->text(), QStringLiteral("Last 5 min"));
        QCOMPARE(health->rowCount(), 1);
        auto strip = [&] { return health->item(0, 6)->data(Qt::UserRole).toByteArray(); };
        QCOMPARE(strip().size(), 300);
        QCOMPARE(StripState(strip().back()), StripState::Closed);
        QCOMPARE(StripState(strip().front()), StripState::Unknown); // before the first report

        for (int i = 0; i < 3; ++i) {
            now += 10 * 1000;
            page.refresh();
        }
        metrics.setBreakerState(target, BreakerGauge::Open);
        for (int i = 0; i < 3; ++i) {
            now += 5 * 1000;
            page.refresh();
            QCOMPARE(StripState(strip().back()), StripState::Open);
        }
        const QByteArray states = strip();
        QCOMPARE(states.count(char(StripState::Open)), 16); // the second it opened and 15 after
        QCOMPARE(states.count(char(StripState::Closed)), 30);
        QCOMPARE(StripState(states.at(300 - 17)), StripState::Closed);
        QVERIFY(health->item(0, 6)->toolTip().contains(QStringLiteral("closed → open")));
        QVERIFY(health->item(0, 6)->toolTip().contains(QStringLiteral("15 s ago")));

        // The delegate paints it: red at the right end, green before, grey
        // at the start.
        const QRect cell = health->visualItemRect(health->item(0, 6));
        QVERIFY(cell.width() > 100);
        const QImage image = health->viewport()->grab().toImage();
        auto at = [&](qreal fraction) {
            return image.pixelColor(cell.left() + 3 + int(fraction * (cell.width() - 6)), cell.center().y());
        };
        const QColor end = at(0.995), middle = at(0.92), start = at(0.02);
        QVERIFY2(end.red() > 180 && end.green() < 100, qPrintable(end.name()));
        QVERIFY2(middle.green() > 120 && middle.red() < 120, qPrintable(middle.name()));
        QVERIFY2(start.red() == start.green() && start.green() == start.blue(), qPrintable(start.name()));

        // Half-open then closed again: the strip keeps the open seconds.
        metrics.setBreakerState(target, BreakerGauge::HalfOpen);
        now += 1000;
        metrics.setBreakerState(target, BreakerGauge::Closed);
        now += 1000;
        page.refresh();
        QCOMPARE(StripState(strip().back()), StripState::Closed);
        QCOMPARE(StripState(strip().at(298)), StripState::Closed);
        QCOMPARE(StripState(strip().at(297)), StripState::HalfOpen);
        QVERIFY(strip().contains(char(StripState::Open)));
        QVERIFY(health->item(0, 6)->toolTip().contains(QStringLiteral("half-open → closed")));
    }
};

QTEST_MAIN(TestDashboardPage)
#include "tst_dashboardpage.moc"
