// The Logs page on a real Observability: events from before the page
// attached and live ones show up, a breaker event jumps to the traffic
// around it (button, double-click) with its time and target, detaching
// unsubscribes, and older events come back from the workspace's request
// log (read off the GUI thread).

#include "config/DemoWorkspace.h"
#include "logs/LogTableModel.h"
#include "logs/LogsPage.h"
#include "observe/Observability.h"
#include "store/Workspace.h"

#include <QDateTime>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <thread>

using namespace understudy;

namespace {

QJsonObject breakerDetail(const char *from, const char *to)
{
    return QJsonObject{{QStringLiteral("from"), QLatin1String(from)},
                       {QStringLiteral("to"), QLatin1String(to)},
                       {QStringLiteral("reason"), QStringLiteral("failure threshold")}};
}

// The proxy row showing the event of this kind about `subject`; -1 if none.
int rowOf(const LogsPage &page, const QString &kind, const QString &subject)
{
    const auto *proxy = page.proxyModel();
    for (int r = 0; r < proxy->rowCount(); ++r) {
        const LogEntry &e = page.model()->entry(proxy->mapToSource(proxy->index(r, 0)).row());
        if (e.origin == LogOrigin::Event && e.source == kind && e.subject == subject)
            return r;
    }
    return -1;
}

std::shared_ptr<Observability> observability(const QString &requestLogPath = {})
{
    ObservabilityOptions options;
    options.requestLogPath = requestLogPath;
    options.retentionAtStart = false; // no retention event in the way
    auto created = Observability::create(options);
    return created ? *created : nullptr;
}

} // namespace

class TestLogsPage final : public QObject
{
    Q_OBJECT

private slots:
    void liveBreakerEventJumpsToTraffic();
    void detachingUnsubscribes();
    void olderEventsComeFromTheRequestLog();
    void liveTailLetsGoWhenScrolledUp();
};

void TestLogsPage::liveBreakerEventJumpsToTraffic()
{
    std::shared_ptr<Observability> obs = observability();
    QVERIFY(obs);
    obs->postEvent(QLatin1String(kEventConfigApplied), QStringLiteral("config"),
                   QJsonObject{{QStringLiteral("generation"), 1}});

    LogsPage page;
    page.resize(1000, 600);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy jumps(&page, &LogsPage::showTrafficAround);
    page.setObservability(obs.get());
    // What happened before the page looked is there.
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(page, QLatin1String(kEventConfigApplied), QStringLiteral("config")) >= 0, 10000);

    // A live breaker transition, posted from another thread like the engine does.
    Event posted;
    std::thread worker([&] {
        posted = obs->postEvent(QLatin1String(kEventBreakerTransition), QStringLiteral("primary/m"),
                                breakerDetail("closed", "open"));
    });
    worker.join();
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(page, QLatin1String(kEventBreakerTransition), QStringLiteral("primary/m")) >= 0,
                             10000);
    QCOMPARE(page.model()->rowCount(), 2);

    // Warnings and above: the breaker opening stays, the config event goes.
    page.setMinimumLevel(LogLevel::Warning);
    QCOMPARE(page.proxyModel()->rowCount(), 1);
    page.setMinimumLevel(LogLevel::Debug);
    page.setSearchText(QStringLiteral("PRIMARY/M"));
    QCOMPARE(page.proxyModel()->rowCount(), 1);
    page.setSearchText({});
    QCOMPARE(page.proxyModel()->rowCount(), 2);

    auto *jumpButton = page.findChild<QToolButton *>(QStringLiteral("logsShowTraffic"));
    QVERIFY(jumpButton);
    const int configRow = rowOf(page, QLatin1String(kEventConfigApplied), QStringLiteral("config"));
    page.view()->setCurrentIndex(page.proxyModel()->index(configRow, 0));
    QVERIFY(!jumpButton->isEnabled()); // not about a target
    QVERIFY(!page.showTrafficAroundCurrent());
    QCOMPARE(jumps.count(), 0);

    const int breakerRow = rowOf(page, QLatin1String(kEventBreakerTransition), QStringLiteral("primary/m"));
    page.view()->setCurrentIndex(page.proxyModel()->index(breakerRow, 0));
    QVERIFY(jumpButton->isEnabled());
    QVERIFY(page.detailView()->toPlainText().contains(QStringLiteral("\"to\": \"open\"")));
    QVERIFY(page.selectedText().contains(QStringLiteral("warning\tbreaker_transition\tprimary/m")));

    jumpButton->click();
    QCOMPARE(jumps.count(), 1);
    QCOMPARE(jumps.at(0).at(0).toLongLong(), posted.atMs);
    QCOMPARE(jumps.at(0).at(1).toString(), QStringLiteral("primary/m"));

    // Double-click on the row does the same.
    const QRect cell = page.view()->visualRect(page.proxyModel()->index(breakerRow, LogTableModel::Message));
    QVERIFY(cell.isValid());
    // The view emits doubleClicked for the row it saw pressed first.
    QTest::mousePress(page.view()->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(page.view()->viewport(), Qt::LeftButton, {}, cell.center());
    QTRY_COMPARE_WITH_TIMEOUT(jumps.count(), 2, 5000);
    QCOMPARE(jumps.at(1).at(0).toLongLong(), posted.atMs);
    QCOMPARE(jumps.at(1).at(1).toString(), QStringLiteral("primary/m"));

    page.setObservability(nullptr);
}

void TestLogsPage::detachingUnsubscribes()
{
    std::shared_ptr<Observability> obs = observability();
    QVERIFY(obs);
    LogsPage page;
    page.setObservability(obs.get());
    QCOMPARE(page.observability(), obs.get());
    obs->postEvent(QLatin1String(kEventBreakerTransition), QStringLiteral("a/m"), breakerDetail("closed", "open"));
    QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 1, 10000);

    page.setObservability(nullptr);
    QVERIFY(!page.observability());
    obs->postEvent(QLatin1String(kEventBreakerTransition), QStringLiteral("b/m"), breakerDetail("open", "closed"));
    // Anything the subscription had queued would run with these events.
    QCoreApplication::processEvents();
    page.model()->flushPending();
    QCOMPARE(page.model()->rowCount(), 1);
    QCOMPARE(page.model()->entry(0).subject, QStringLiteral("a/m"));
    obs.reset(); // the page holds nothing of it any more
    QCoreApplication::processEvents();
    page.model()->flushPending();
    QCOMPARE(page.model()->rowCount(), 1);
}

void TestLogsPage::olderEventsComeFromTheRequestLog()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("logs.understudy"));
    {
        auto workspace = Workspace::create(path, demoConfig(), QStringLiteral("test"), QStringLiteral("logs test"));
        QVERIFY2(workspace, workspace ? "" : qPrintable(workspace.error().message));
    }
    qint64 storedAt = 0;
    {
        // An earlier session: its event is only in the file now.
        std::shared_ptr<Observability> earlier = observability(path);
        QVERIFY(earlier);
        QVERIFY(earlier->hasRequestLog());
        storedAt = earlier
                       ->postEvent(QLatin1String(kEventBreakerTransition), QStringLiteral("backup/m"),
                                   breakerDetail("closed", "open"))
                       .atMs;
        earlier->flush();
        earlier->shutdown();
    }

    // The page reads stored events from before it attached (to the ms).
    QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > storedAt);
    std::shared_ptr<Observability> obs = observability(path);
    QVERIFY(obs);
    QVERIFY(obs->events().recent().empty());
    LogsPage page;
    QSignalSpy jumps(&page, &LogsPage::showTrafficAround);
    page.setObservability(obs.get());
    obs->postEvent(QLatin1String(kEventBreakerTransition), QStringLiteral("primary/m"),
                   breakerDetail("half_open", "closed"));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(page, QLatin1String(kEventBreakerTransition), QStringLiteral("backup/m")) >= 0,
                             20000);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(page, QLatin1String(kEventBreakerTransition), QStringLiteral("primary/m")) >= 0,
                             10000);
    // Older first, each once.
    QCOMPARE(page.model()->rowCount(), 2);
    QCOMPARE(page.model()->entry(0).subject, QStringLiteral("backup/m"));

    const int row = rowOf(page, QLatin1String(kEventBreakerTransition), QStringLiteral("backup/m"));
    page.view()->setCurrentIndex(page.proxyModel()->index(row, 0));
    QVERIFY(page.showTrafficAroundCurrent());
    QCOMPARE(jumps.count(), 1);
    QCOMPARE(jumps.at(0).at(0).toLongLong(), storedAt);
    QCOMPARE(jumps.at(0).at(1).toString(), QStringLiteral("backup/m"));
    page.setObservability(nullptr);
}

void TestLogsPage::liveTailLetsGoWhenScrolledUp()
{
    LogsPage page; // no observability: the application log alone
    page.resize(800, 400);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const auto lines = [](int from, int count) {
        QList<LogEntry> out;
        for (int i = from; i < from + count; ++i)
            out.append(entryFromLogMessage(QtInfoMsg, "understudy.test", QStringLiteral("line %1").arg(i), i));
        return out;
    };
    QScrollBar *bar = page.view()->verticalScrollBar();
    page.model()->append(lines(0, 200));
    page.model()->flushPending();
    QTRY_VERIFY(bar->maximum() > 0);
    QVERIFY(page.isFollowing());
    QTRY_COMPARE(bar->value(), bar->maximum());

    // The user scrolls up: new lines no longer move the view.
    bar->setValue(0);
    QVERIFY(!page.isFollowing());
    page.model()->append(lines(200, 100));
    page.model()->flushPending();
    QCoreApplication::processEvents();
    QCOMPARE(bar->value(), 0);

    // Back at the bottom, it follows again.
    bar->setValue(bar->maximum());
    QVERIFY(page.isFollowing());
    page.model()->append(lines(300, 100));
    page.model()->flushPending();
    QTRY_COMPARE(bar->value(), bar->maximum());
    QCOMPARE(page.model()->rowCount(), 400);
}

QTEST_MAIN(TestLogsPage)
#include "tst_logspage.moc"
