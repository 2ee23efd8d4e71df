// The console's hosted gateway is observed like `serve --workspace`: every
// request through the console's engine lands in the workspace file's
// request log (read back with RequestLogQuery) and in the metrics, one
// Observability per workspace open survives Stop/Start, the designer's live
// overlay still counts (its sink is chained), and opening another workspace
// releases the old Observability once its engine has drained.

#include "ConsoleTestSupport.h"
#include "EngineHost.h"
#include "MainWindow.h"
#include "designer/ChainDesignerPage.h"
#include "designer/ChainDesignerScene.h"
#include "engine/Engine.h"
#include "observe/Observability.h"
#include "observe/RequestLogQuery.h"

#include <QAction>
#include <QFileInfo>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace understudy;
using namespace understudy::testsupport;

class TestConsoleObservability : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void requestLogAndMetricsCountConsoleRequests();
    void anotherWorkspaceGetsItsOwnLog();

private:
    // Rows in the workspace's request log; -1 when it cannot be read.
    static qint64 loggedRequests(const QString &workspacePath);
    static qint64 metricRequests(Observability *observability);
    static quint16 port(MainWindow &window);

    QTemporaryDir m_dir;
};

void TestConsoleObservability::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("UnderstudyTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_consoleobservability"));
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QSettings::setDefaultFormat(QSettings::IniFormat);
}

qint64 TestConsoleObservability::loggedRequests(const QString &workspacePath)
{
    auto query = RequestLogQuery::open(workspacePath);
    if (!query)
        return -1;
    Result<qint64> count = (*query)->count({});
    return count ? *count : -1;
}

qint64 TestConsoleObservability::metricRequests(Observability *observability)
{
    return observability->metricsJson().value(QStringLiteral("requests")).toInteger(-1);
}

quint16 TestConsoleObservability::port(MainWindow &window)
{
    return window.engineHost()->engine()->port(QStringLiteral("default"));
}

void TestConsoleObservability::requestLogAndMetricsCountConsoleRequests()
{
    const QString path = createDemoWorkspace(m_dir.path(), QStringLiteral("observed"));
    MainWindow window;
    window.show();
    QVERIFY(!window.engineHost()->observability());
    window.openWorkspace(path);
    QVERIFY(waitRunning(window));
    Observability *observability = window.engineHost()->observability();
    QVERIFY(observability);
    QVERIFY(observability->hasRequestLog());
    QCOMPARE(QFileInfo(observability->requestLogPath()), QFileInfo(path));
    QCOMPARE(loggedRequests(path), 0);

    constexpr int kRequests = 3;
    for (int i = 0; i < kRequests; ++i) {
        const QByteArray answer = chat(port(window));
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    }
    QTRY_COMPARE_WITH_TIMEOUT(loggedRequests(path), qint64(kRequests), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(metricRequests(observability), qint64(kRequests), 20000);
    auto query = RequestLogQuery::open(path);
    QVERIFY(query);
    Result<RequestPage> page = (*query)->find({}, 10);
    QVERIFY(page);
    QCOMPARE(page->rows.size(), std::size_t(kRequests));
    for (const LoggedRequest &row : page->rows) {
        QCOMPARE(row.trail.route, QStringLiteral("chat-completions"));
        QCOMPARE(row.trail.status, 200);
    }
    // The designer's overlay still counts next to the log.
    QTRY_VERIFY_WITH_TIMEOUT(window.designer()->scene()->card(0)->liveStats().has_value() &&
                                 window.designer()->scene()->card(0)->liveStats()->served == kRequests,
                             10000);

    // Stop and Start build a new engine on the same Observability.
    window.findChild<QAction *>(QStringLiteral("stopGateway"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window.engineHost()->state() == EngineHost::State::Stopped, 10000);
    QCOMPARE(window.engineHost()->observability(), observability);
    window.findChild<QAction *>(QStringLiteral("startGateway"))->trigger();
    QVERIFY(waitRunning(window));
    QCOMPARE(window.engineHost()->observability(), observability);
    QVERIFY(chat(port(window)).startsWith("HTTP/1.1 200"));
    QTRY_COMPARE_WITH_TIMEOUT(loggedRequests(path), qint64(kRequests + 1), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(metricRequests(observability), qint64(kRequests + 1), 20000);
    QVERIFY(observability->prometheusText().contains("understudy_requests_total"));
}

void TestConsoleObservability::anotherWorkspaceGetsItsOwnLog()
{
    const QString first = createDemoWorkspace(m_dir.path(), QStringLiteral("first"));
    const QString second = createDemoWorkspace(m_dir.path(), QStringLiteral("second"));
    MainWindow window;
    window.show();
    window.openWorkspace(first);
    QVERIFY(waitRunning(window));
    Observability *before = window.engineHost()->observability();
    QVERIFY(before);
    QVERIFY(chat(port(window)).startsWith("HTTP/1.1 200"));
    QTRY_COMPARE_WITH_TIMEOUT(loggedRequests(first), qint64(1), 20000);

    std::vector<std::shared_ptr<Observability>> released;
    connect(window.engineHost(), &EngineHost::observabilityReleased, this,
            [&](const std::shared_ptr<Observability> &observability) { released.push_back(observability); });
    const Engine *firstEngine = window.engineHost()->engine();
    window.openWorkspace(second);
    QTRY_VERIFY_WITH_TIMEOUT(window.engineHost()->state() == EngineHost::State::Running &&
                                 window.engineHost()->engine() != firstEngine,
                             20000);
    Observability *after = window.engineHost()->observability();
    QVERIFY(after && after != before);
    QCOMPARE(QFileInfo(after->requestLogPath()), QFileInfo(second));
    // Released once the first workspace's engine had drained.
    QTRY_COMPARE_WITH_TIMEOUT(released.size(), std::size_t(1), 10000);
    QCOMPARE(released.front().get(), before);
    released.clear();

    QVERIFY(chat(port(window)).startsWith("HTTP/1.1 200"));
    QTRY_COMPARE_WITH_TIMEOUT(loggedRequests(second), qint64(1), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(metricRequests(after), qint64(1), 20000);
    // The first workspace kept its one request and got none of the second's.
    QCOMPARE(loggedRequests(first), qint64(1));
}

QTEST_MAIN(TestConsoleObservability)
#include "tst_consoleobservability.moc"
