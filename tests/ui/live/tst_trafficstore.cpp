// The Traffic page against a real workspace request log (written by a real
// RequestLogWriter): "Load older" pages land on top in order without
// duplicates, the detail pane shows stored headers/bodies (pretty JSON,
// redacted) or says they are not stored, the chain path, showAround's
// window and target filter, and saved filters in QSettings.

#include "../../observe/ObserveTestSupport.h"
#include "live/ChainPathView.h"
#include "live/SavedTrafficFilters.h"
#include "live/StoredExchangeView.h"
#include "live/TrafficDetailPane.h"
#include "live/TrafficModel.h"
#include "live/TrafficPage.h"
#include "live/TrafficProxyModel.h"
#include "observe/RequestLogWriter.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLineEdit>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace understudy;

namespace {

constexpr qint64 kBase = 1764600000000LL;
constexpr int kStored = 450;
constexpr int kWithBodies = 10;
constexpr int kWithoutBodies = 11;

// Request n starts at kBase + n s. Every third one was answered by its
// only step, "solo/m"; the others fell back from primary/m to backup/m.
RequestTrail stored(int n)
{
    RequestTrail t = makeTrail(n, kBase + qint64(n) * 1000, QStringLiteral("chat"), n % 3 != 0);
    if (n % 3 == 0) {
        t.attempts[0].target = QStringLiteral("solo/m");
        t.servedBy = t.attempts[0].stepPath + QLatin1Char(' ') + t.attempts[0].target;
    }
    return t;
}

std::shared_ptr<const CapturedExchange> jsonExchange()
{
    auto x = std::make_shared<CapturedExchange>();
    x->requestHeaders = {{"Authorization", "Bearer sk-secret-123"}, {"Content-Type", "application/json"}};
    x->requestBody = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    x->responseHeaders = {{"Content-Type", "application/json"}};
    x->responseBody = "{\"id\":\"chatcmpl-1\",\"choices\":[]}";
    return x;
}

int rowOf(const TrafficPage &page, const QByteArray &requestId)
{
    for (int row = 0; row < page.model()->rowCount(); ++row)
        if (page.model()->trail(row).requestId == requestId)
            return row;
    return -1;
}

void select(TrafficPage &page, int sourceRow)
{
    const QModelIndex index = page.proxyModel()->mapFromSource(page.model()->index(sourceRow, 0));
    QVERIFY(index.isValid());
    page.view()->setCurrentIndex(index);
}

} // namespace

class TestTrafficStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("understudy-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_trafficstore"));

        m_path = m_dir.filePath(QStringLiteral("traffic.understudy"));
        const QString error = createWorkspace(m_path);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        RequestLogWriter::Options options;
        options.workspacePath = m_path;
        options.retention.intervalMs = 3600 * 1000;
        options.retention.maxAgeMs = 100LL * 365 * 24 * 3600 * 1000;
        auto writer = RequestLogWriter::start(options);
        QVERIFY(writer.ok());
        for (int n = 0; n < kStored; ++n)
            (*writer)->submit(stored(n), n == kWithBodies ? jsonExchange() : nullptr);
        (*writer)->flush();
        QCOMPARE((*writer)->stats().written, std::uint64_t(kStored));
    }

    void loadOlderPagesOnTopInOrderWithoutDuplicates()
    {
        TrafficPage page;
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.model()->setBatchIntervalMs(100000);
        QVERIFY(!page.loadOlderButton()->isEnabled()); // no log yet
        page.setRequestLogPath(m_path);
        QVERIFY(page.loadOlderButton()->isEnabled());

        // The newest 50 are in the table live, and in the log too.
        const auto sink = page.sink();
        for (int n = 400; n < kStored; ++n)
            sink(stored(n));
        page.model()->flushPending();
        QCOMPARE(page.model()->rowCount(), 50);

        QSignalSpy loaded(&page, &TrafficPage::olderLoaded);
        QSignalSpy inserted(page.model(), &QAbstractItemModel::rowsInserted);
        QTest::mouseClick(page.loadOlderButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        // A page of 200 newest-first from req-400 (already shown) down.
        QCOMPARE(loaded.at(0).at(0).toInt(), 199);
        QCOMPARE(inserted.count(), 1); // one batch
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(page.model()->rowCount(), 249);
        QCOMPARE(page.model()->trail(0).requestId, QByteArray("req-201"));
        QCOMPARE(page.model()->trail(198).requestId, QByteArray("req-399"));
        QCOMPARE(page.model()->trail(199).requestId, QByteArray("req-400"));
        QVERIFY(page.model()->logId(0) > 0);
        QCOMPARE(page.model()->logId(199), 0); // the live row
        // Stored rows come with their attempts (201 went only to solo/m).
        QCOMPARE(page.model()->trail(0).attempts.size(), std::size_t(1));
        QCOMPARE(page.model()->trail(1).attempts.size(), std::size_t(2));
        QCOMPARE(page.model()->index(1, TrafficModel::Attempts).data().toInt(), 2);

        page.loadOlder();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 20000);
        QCOMPARE(loaded.at(1).at(0).toInt(), 200);
        QCOMPARE(page.model()->trail(0).requestId, QByteArray("req-1"));
        QVERIFY(page.loadOlderButton()->isEnabled());
        page.loadOlder();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 3, 20000);
        QCOMPARE(loaded.at(2).at(0).toInt(), 1);
        QVERIFY(!page.loadOlderButton()->isEnabled()); // the log has no more
        QVERIFY2(page.statusText().contains(QStringLiteral("no older")), qPrintable(page.statusText()));

        QCOMPARE(page.model()->rowCount(), kStored);
        QSet<QByteArray> seen;
        for (int row = 0; row < page.model()->rowCount(); ++row) {
            const RequestTrail &t = page.model()->trail(row);
            QVERIFY2(!seen.contains(t.requestId), t.requestId.constData());
            seen.insert(t.requestId);
            QCOMPARE(t.requestId, "req-" + QByteArray::number(row));
        }

        // Live rows past the cap do not push out what was paged in.
        page.model()->setRowCap(60);
        QCOMPARE(page.model()->rowCount(), 400 + 50);
        for (int n = 1000; n < 1020; ++n)
            sink(makeTrail(n, kBase + qint64(n) * 1000));
        page.model()->flushPending();
        QCOMPARE(page.model()->rowCount(), 400 + 60);
        QCOMPARE(page.model()->trail(0).requestId, QByteArray("req-0"));
        QCOMPARE(page.model()->trail(399).requestId, QByteArray("req-399"));
    }

    void detailPaneShowsStoredBodies()
    {
        TrafficPage page;
        page.model()->setBatchIntervalMs(100000);
        page.setRequestLogPath(m_path);
        QSignalSpy loaded(&page, &TrafficPage::olderLoaded);
        page.loadOlder();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        page.loadOlder();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 20000);
        page.loadOlder();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 3, 20000);
        QCOMPARE(page.model()->rowCount(), kStored); // an empty table starts at the newest
        const int row = rowOf(page, "req-10");
        QVERIFY(row >= 0);

        TrafficDetailPane *pane = page.detailPane();
        QSignalSpy storedLoaded(pane, &TrafficDetailPane::storedLoaded);
        select(page, row);
        QTRY_COMPARE_WITH_TIMEOUT(storedLoaded.count(), 1, 20000);
        const QString body = pane->requestView()->bodyText();
        QVERIFY2(body.contains(QStringLiteral("\n    \"messages\": [")), qPrintable(body)); // indented
        QVERIFY(body.contains(QStringLiteral("\"content\": \"hi\"")));
        const QString headers = pane->requestView()->headersText();
        QVERIFY2(headers.contains(QStringLiteral("content-type: application/json")), qPrintable(headers));
        QVERIFY2(headers.contains(QStringLiteral("authorization: Bearer")), qPrintable(headers));
        QVERIFY(!headers.contains(QStringLiteral("sk-secret-123"))); // redacted as stored
        QVERIFY(pane->responseView()->bodyText().contains(QStringLiteral("\"id\": \"chatcmpl-1\"")));

        // The path taken: primary/m failed, backup/m answered.
        const auto &boxes = pane->pathView()->boxes();
        QCOMPARE(boxes.size(), std::size_t(2));
        QCOMPARE(boxes[0].target, QStringLiteral("primary/m"));
        QCOMPARE(boxes[0].outcome, OutcomeClass::Status5xx);
        QCOMPARE(boxes[1].target, QStringLiteral("backup/m"));
        QCOMPARE(boxes[1].outcome, OutcomeClass::Ok);
        QVERIFY(boxes[1].rect.left() > boxes[0].rect.right());

        select(page, rowOf(page, "req-11"));
        QTRY_COMPARE_WITH_TIMEOUT(storedLoaded.count(), 2, 20000);
        QVERIFY2(pane->requestView()->message().contains(QStringLiteral("not stored")),
                 qPrintable(pane->requestView()->message()));
        QVERIFY(pane->requestView()->bodyText().isEmpty());
    }

    void liveRowFindsItsStoredBodiesByRequestId()
    {
        TrafficPage page;
        page.model()->setBatchIntervalMs(100000);
        page.setRequestLogPath(m_path);
        RequestTrail live = stored(kWithBodies);
        live.attempts.clear(); // what the table has does not matter; the id does
        page.sink()(live);
        page.model()->flushPending();
        QSignalSpy storedLoaded(page.detailPane(), &TrafficDetailPane::storedLoaded);
        select(page, 0);
        QTRY_COMPARE_WITH_TIMEOUT(storedLoaded.count(), 1, 20000);
        QVERIFY(page.detailPane()->requestView()->bodyText().contains(QStringLiteral("\"model\": \"m\"")));
    }

    void withoutLogBodiesAreNotStored()
    {
        TrafficPage page;
        page.model()->setBatchIntervalMs(100000);
        page.sink()(stored(kWithBodies));
        page.model()->flushPending();
        select(page, 0);
        const QString message = page.detailPane()->requestView()->message();
        QVERIFY2(message.contains(QStringLiteral("not stored")) && message.contains(QStringLiteral("request log")),
                 qPrintable(message));
        QCOMPARE(page.detailPane()->pathView()->boxes().size(), std::size_t(2));
    }

    void showAroundLoadsTheWindowAndFiltersByTarget()
    {
        TrafficPage page;
        page.model()->setBatchIntervalMs(100000);
        page.setRequestLogPath(m_path);
        page.sink()(makeTrail(5000, kBase + 5000 * 1000LL));
        page.model()->flushPending();
        QCOMPARE(page.model()->rowCount(), 1);

        QSignalSpy around(&page, &TrafficPage::aroundLoaded);
        const qint64 at = kBase + 300 * 1000;
        page.showAround(at, QStringLiteral("primary/m"));
        QVERIFY(page.isPaused());
        QVERIFY(page.isShowingAround());
        QCOMPARE(page.model()->rowCount(), 0); // the live row went
        QTRY_COMPARE_WITH_TIMEOUT(around.count(), 1, 20000);
        // Requests 240..360 started in [at - 60 s, at + 60 s].
        QCOMPARE(page.model()->rowCount(), 121);
        QCOMPARE(page.model()->trail(0).requestId, QByteArray("req-240"));
        QCOMPARE(page.model()->trail(120).requestId, QByteArray("req-360"));
        QCOMPARE(page.findChild<QLineEdit *>(QStringLiteral("trafficFilter"))->text(),
                 QStringLiteral("target:primary/m"));
        // Every third went only to solo/m: 41 of the 121.
        QCOMPARE(page.proxyModel()->rowCount(), 80);
        for (const RequestTrail &t : page.visibleTrails())
            QCOMPARE(t.attempts.at(0).target, QStringLiteral("primary/m"));
        QVERIFY2(page.statusText().contains(QStringLiteral("Resume")), qPrintable(page.statusText()));

        // Live traffic while looking waits; Resume goes back to live.
        page.sink()(makeTrail(5001, kBase + 5001 * 1000LL));
        page.model()->flushPending();
        QCOMPARE(page.model()->rowCount(), 121);
        page.setPaused(false);
        QVERIFY(!page.isShowingAround());
        QVERIFY(page.findChild<QLineEdit *>(QStringLiteral("trafficFilter"))->text().isEmpty());
        QVERIFY(page.statusText().isEmpty());
        page.sink()(makeTrail(5002, kBase + 5002 * 1000LL));
        page.model()->flushPending();
        QCOMPARE(page.model()->rowCount(), 1);
        QCOMPARE(page.model()->trail(0).requestId, QByteArray("req-5002"));
    }

    void showAroundWithoutLogFiltersLiveRows()
    {
        TrafficPage page;
        page.model()->setBatchIntervalMs(100000);
        for (int n = 0; n < 400; n += 10)
            page.sink()(stored(n));
        page.model()->flushPending();
        page.showAround(kBase + 100 * 1000, QStringLiteral("primary/m"));
        QVERIFY(!page.isPaused());
        // 40..160 step 10 is 13 requests; 60, 90, 120 and 150 went to solo/m.
        QCOMPARE(page.proxyModel()->rowCount(), 9);
        QVERIFY(page.filterError().isEmpty());
        QVERIFY(page.statusText().contains(QStringLiteral("no request log")));
    }

    void savedFiltersRoundTrip()
    {
        QSettings().remove(QLatin1String(SavedTrafficFilters::SettingsKey));
        QVERIFY(SavedTrafficFilters::load().empty());
        SavedTrafficFilters::save(QStringLiteral("errors"), QStringLiteral("status>=500"));
        SavedTrafficFilters::save(QStringLiteral("slow"), QStringLiteral("duration>2s"));
        SavedTrafficFilters::save(QStringLiteral("errors"), QStringLiteral("status:5xx route:chat"));
        {
            // Stored, not just cached: a fresh QSettings on the file reads it.
            QSettings settings;
            settings.sync();
            QVERIFY(QFile::exists(settings.fileName()));
            QVERIFY(settings.fileName().startsWith(m_dir.path()));
        }
        auto filters = SavedTrafficFilters::load();
        QCOMPARE(filters.size(), std::size_t(2));
        QCOMPARE(filters[0].name, QStringLiteral("errors"));
        QCOMPARE(filters[0].expression, QStringLiteral("status:5xx route:chat"));
        QCOMPARE(filters[1].name, QStringLiteral("slow"));

        TrafficPage page;
        SavedFiltersMenu *menu = page.savedFiltersMenu();
        menu->rebuild();
        QAction *slow = nullptr;
        for (QAction *action : menu->actions())
            if (action->text() == QStringLiteral("slow"))
                slow = action;
        QVERIFY(slow);
        slow->trigger();
        QCOMPARE(page.findChild<QLineEdit *>(QStringLiteral("trafficFilter"))->text(), QStringLiteral("duration>2s"));

        SavedTrafficFilters::remove(QStringLiteral("errors"));
        filters = SavedTrafficFilters::load();
        QCOMPARE(filters.size(), std::size_t(1));
        QCOMPARE(filters[0].name, QStringLiteral("slow"));
    }

    void prettyBodyFallsBackToText()
    {
        QCOMPARE(StoredExchangeView::prettyBody("not json {"), QStringLiteral("not json {"));
        QCOMPARE(StoredExchangeView::prettyBody("{\"a\":1}"), QStringLiteral("{\n    \"a\": 1\n}"));
        QCOMPARE(StoredExchangeView::headerLines("{\"x-a\":\"1\",\"x-b\":[\"2\",\"3\"]}"),
                 QStringLiteral("x-a: 1\nx-b: 2\nx-b: 3"));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_MAIN(TestTrafficStore)
#include "tst_trafficstore.moc"
