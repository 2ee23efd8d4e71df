// TrafficPage: the detail pane's waterfall and attempt table for a request
// with three attempts, HAR/JSONL export read back, curl line, the filter bar
// (inline errors, proxy filtering) and sticky-bottom scrolling.

#include "live/AttemptWaterfall.h"
#include "live/TrafficDetailPane.h"
#include "live/TrafficExport.h"
#include "live/TrafficModel.h"
#include "live/TrafficPage.h"
#include "live/TrafficProxyModel.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QScrollBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace understudy;

namespace {

AttemptRecord attempt(const QString &target, qint64 start, qint64 duration, OutcomeClass outcome, int status)
{
    AttemptRecord a;
    a.stepPath = QStringLiteral("chat/steps[%1]").arg(start == 0 ? 0 : start < 1000 ? 1 : 2);
    a.target = target;
    a.startOffsetMs = start;
    a.durationMs = duration;
    a.outcome = outcome;
    a.upstreamStatus = status;
    a.breakerState = QStringLiteral("closed");
    a.decision = outcome == OutcomeClass::Ok ? QStringLiteral("served") : QStringLiteral("next");
    return a;
}

RequestTrail threeAttempts(int i = 0)
{
    RequestTrail t;
    t.requestId = "req_three_" + QByteArray::number(i);
    t.route = QStringLiteral("chat");
    t.method = QStringLiteral("POST");
    t.path = QStringLiteral("/v1/chat/completions");
    t.startedAtMs = 1764600000000LL + i;
    t.status = 200;
    t.durationMs = 2600;
    t.ttftMs = 2300;
    t.fallbackDepth = 2;
    t.servedBy = QStringLiteral("chat/steps[2] mock/echo");
    t.attempts = {attempt(QStringLiteral("openai/gpt-4o-mini"), 0, 400, OutcomeClass::Status5xx, 503),
                  attempt(QStringLiteral("anthropic/claude"), 401, 2000, OutcomeClass::FirstByteTimeout, 0),
                  attempt(QStringLiteral("mock/echo"), 2402, 190, OutcomeClass::Ok, 200)};
    t.attempts[2].ttftMs = 60;
    return t;
}

RequestTrail simple(int i, int status)
{
    RequestTrail t;
    t.requestId = "req_" + QByteArray::number(i);
    t.route = i % 2 ? QStringLiteral("chat") : QStringLiteral("embeddings");
    t.method = QStringLiteral("GET");
    t.path = QStringLiteral("/v1/models");
    t.status = status;
    t.durationMs = 10 + i;
    t.startedAtMs = 1764600000000LL + i;
    return t;
}

} // namespace

class TestTrafficPage : public QObject
{
    Q_OBJECT

private slots:
    void detailPaneShowsThreeBars()
    {
        TrafficPage page;
        page.resize(1100, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.sink()(simple(1, 200));
        page.sink()(threeAttempts());
        page.model()->flushPending();
        QCOMPARE(page.view()->model()->rowCount(), 2);
        page.view()->selectRow(1);

        AttemptWaterfall *waterfall = page.detailPane()->waterfall();
        QCOMPARE(int(waterfall->bars().size()), 3);
        QCOMPARE(waterfall->bars()[0].outcome, OutcomeClass::Status5xx);
        QCOMPARE(waterfall->bars()[1].outcome, OutcomeClass::FirstByteTimeout);
        QCOMPARE(waterfall->bars()[2].outcome, OutcomeClass::Ok);
        // On one time axis: each bar starts after the previous one, the
        // 2 s timeout is the widest, only the last one has a TTFT tick.
        QVERIFY(waterfall->bars()[1].rect.left() > waterfall->bars()[0].rect.right() - 1);
        QVERIFY(waterfall->bars()[2].rect.left() > waterfall->bars()[1].rect.right() - 1);
        QVERIFY(waterfall->bars()[1].rect.width() > 4 * waterfall->bars()[0].rect.width());
        QVERIFY(!waterfall->bars()[0].ttftX);
        QVERIFY(waterfall->bars()[2].ttftX);
        QVERIFY(*waterfall->bars()[2].ttftX > waterfall->bars()[2].rect.left());
        // Bars draw in their outcome's colour.
        const QImage image = waterfall->grab().toImage();
        const QPointF centre = waterfall->bars()[0].rect.topLeft() + QPointF(2, 2);
        QCOMPARE(QColor(image.pixel(centre.toPoint())).rgb(),
                 AttemptWaterfall::outcomeColor(OutcomeClass::Status5xx).rgb());

        const QTableWidget *table = page.detailPane()->attemptTable();
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("status_5xx"));
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("503"));
        QCOMPARE(table->item(1, 2)->text(), QStringLiteral("first_byte_timeout"));
        QCOMPARE(table->item(2, 1)->text(), QStringLiteral("mock/echo"));

        page.setBaseUrl(QStringLiteral("http://127.0.0.1:9000/"));
        QCOMPARE(page.detailPane()->curlText(),
                 QStringLiteral("curl -X POST 'http://127.0.0.1:9000/v1/chat/completions' -H "
                                "'content-type: application/json' --data-binary @request.json"));
    }

    void harExportReadsBack()
    {
        QTemporaryDir dir;
        const std::vector<RequestTrail> rows{threeAttempts(1), simple(2, 429), simple(3, 502)};
        const QString path = dir.filePath(QStringLiteral("out.har"));
        QVERIFY(exportHar(path, rows, QStringLiteral("http://localhost:8787")).ok());

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject log = doc.object().value(QStringLiteral("log")).toObject();
        QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
        const QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
        QCOMPARE(entries.size(), 3);
        const QJsonObject first = entries.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("request")).toObject().value(QStringLiteral("method")).toString(),
                 QStringLiteral("POST"));
        QCOMPARE(first.value(QStringLiteral("request")).toObject().value(QStringLiteral("url")).toString(),
                 QStringLiteral("http://localhost:8787/v1/chat/completions"));
        QCOMPARE(first.value(QStringLiteral("response")).toObject().value(QStringLiteral("status")).toInt(), 200);
        QCOMPARE(first.value(QStringLiteral("time")).toInt(), 2600);
        QCOMPARE(first.value(QStringLiteral("startedDateTime")).toString(), QStringLiteral("2025-12-01T14:40:00.001Z"));
        QCOMPARE(first.value(QStringLiteral("timings")).toObject().value(QStringLiteral("wait")).toInt(), 2300);
        QCOMPARE(
            first.value(QStringLiteral("_understudy")).toObject().value(QStringLiteral("attempts")).toArray().size(),
            3);
        QCOMPARE(entries.at(1)
                     .toObject()
                     .value(QStringLiteral("response"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toInt(),
                 429);
        QCOMPARE(entries.at(2)
                     .toObject()
                     .value(QStringLiteral("request"))
                     .toObject()
                     .value(QStringLiteral("method"))
                     .toString(),
                 QStringLiteral("GET"));

        const QString jsonl = dir.filePath(QStringLiteral("out.jsonl"));
        QVERIFY(exportJsonl(jsonl, rows).ok());
        QFile lines(jsonl);
        QVERIFY(lines.open(QIODevice::ReadOnly));
        const QList<QByteArray> split = lines.readAll().trimmed().split('\n');
        QCOMPARE(split.size(), 3);
        QCOMPARE(QJsonDocument::fromJson(split.at(2)).object().value(QStringLiteral("status")).toInt(), 502);

        QVERIFY(!exportHar(dir.filePath(QStringLiteral("missing/dir/x.har")), rows, {}).ok());
    }

    void filterBarFiltersAndReportsErrors()
    {
        TrafficPage page;
        page.show();
        for (int i = 0; i < 20; ++i)
            page.sink()(simple(i, i % 5 == 0 ? 503 : 200));
        page.model()->flushPending();
        QCOMPARE(page.proxyModel()->rowCount(), 20);

        QVERIFY(page.setFilterText(QStringLiteral("status>=500")));
        QCOMPARE(page.proxyModel()->rowCount(), 4);
        QVERIFY(page.filterError().isEmpty());
        QCOMPARE(page.findChild<QLabel *>(QStringLiteral("trafficCounts"))->text(), QStringLiteral("4 of 20 requests"));

        QVERIFY(!page.setFilterText(QStringLiteral("status>=oops")));
        QVERIFY(page.filterError().contains(QStringLiteral("not an HTTP status")));
        QVERIFY(page.findChild<QLabel *>(QStringLiteral("trafficFilterError"))->isVisible());
        QCOMPARE(page.proxyModel()->rowCount(), 4); // the last good filter stays

        QVERIFY(page.setFilterText(QStringLiteral("route:chat -status:5xx")));
        QCOMPARE(page.proxyModel()->rowCount(), 8); // odd i, not multiples of 5
        QVERIFY(!page.findChild<QLabel *>(QStringLiteral("trafficFilterError"))->isVisible());

        // New rows are filtered as they arrive.
        page.sink()(simple(21, 200));
        page.sink()(simple(22, 200));
        page.model()->flushPending();
        QCOMPARE(page.proxyModel()->rowCount(), 9);

        // Sorting by duration sorts numbers, not strings.
        page.setFilterText({});
        page.view()->sortByColumn(TrafficModel::Duration, Qt::DescendingOrder);
        QCOMPARE(page.visibleTrails().front().requestId, QByteArray("req_22"));
        QCOMPARE(page.visibleTrails().back().requestId, QByteArray("req_0"));
    }

    void followsTheBottomUntilTheUserScrollsUp()
    {
        TrafficPage page;
        page.resize(900, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        int n = 0;
        auto push = [&](int count) {
            for (int i = 0; i < count; ++i, ++n)
                page.sink()(simple(n, 200));
            page.model()->flushPending();
            QCoreApplication::processEvents();
        };
        push(300);
        QScrollBar *bar = page.view()->verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        QVERIFY(page.isFollowing());
        QCOMPARE(bar->value(), bar->maximum());

        push(50);
        QCOMPARE(bar->value(), bar->maximum());

        bar->setValue(bar->maximum() / 2); // the user scrolls up
        QVERIFY(!page.isFollowing());
        const int held = bar->value();
        push(50);
        QCOMPARE(bar->value(), held);
        QVERIFY(bar->maximum() > held);

        bar->setValue(bar->maximum()); // back at the bottom
        QVERIFY(page.isFollowing());
        push(50);
        QCOMPARE(bar->value(), bar->maximum());

        page.setPaused(true);
        push(10);
        QCOMPARE(page.model()->rowCount(), 450);
        page.setPaused(false);
        QCOMPARE(page.model()->rowCount(), 460);
    }
};

QTEST_MAIN(TestTrafficPage)
#include "tst_trafficpage.moc"
