// The live pages in the console window, wired to the hosted gateway: a
// request through the gateway shows in the Traffic table, a fault injected
// on the Chaos page moves the next request to the secondary, the
// Playground sends through the running gateway, a breaker event on the Logs
// page jumps to the Traffic page showing the requests around it, and the
// Dashboard acts on the running engine's breakers.

#include "ConsoleTestSupport.h"
#include "EngineHost.h"
#include "LivePages.h"
#include "MainWindow.h"
#include "chaos/ChaosFaultForm.h"
#include "chaos/ChaosPage.h"
#include "chaos/LoadGeneratorPanel.h"
#include "engine/Engine.h"
#include "fallback/BreakerRegistry.h"
#include "fallback/ChaosRegistry.h"
#include "fallback/ExecutorServices.h"
#include "live/DashboardPage.h"
#include "live/TrafficModel.h"
#include "live/TrafficPage.h"
#include "logs/LogTableModel.h"
#include "logs/LogsPage.h"
#include "observe/Event.h"
#include "observe/EventLog.h"
#include "observe/Observability.h"
#include "playground/PlaygroundPage.h"

#include <QComboBox>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace understudy;
using namespace understudy::testsupport;

class TestConsoleLive : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void trafficShowsRequestsThroughTheGateway();
    void chaosPageMovesTrafficToTheSecondary();
    void playgroundSendsThroughTheRunningGateway();
    void breakerEventJumpsToTheTrafficAroundIt();
    void dashboardActsOnTheRunningBreakers();
    void demoTrafficFromTheEmptyDashboard();

private:
    quint16 port() const { return m_window->engineHost()->engine()->port(QStringLiteral("default")); }
    LivePages *live() const { return m_window->livePages(); }

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    int m_workspaces = 0;
};

void TestConsoleLive::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("UnderstudyTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_consolelive"));
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QSettings::setDefaultFormat(QSettings::IniFormat);
}

void TestConsoleLive::init()
{
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    m_window->openWorkspace(createDemoWorkspace(m_dir.path(), QStringLiteral("live%1").arg(++m_workspaces)));
    QVERIFY(waitRunning(*m_window));
}

void TestConsoleLive::cleanup()
{
    m_window.reset();
}

void TestConsoleLive::trafficShowsRequestsThroughTheGateway()
{
    TrafficPage *traffic = live()->traffic();
    const int before = traffic->model()->rowCount();
    const QByteArray answer = chat(port());
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    QTRY_COMPARE_WITH_TIMEOUT(traffic->model()->rowCount(), before + 1, 10000);
    const std::vector<RequestTrail> rows = traffic->visibleTrails();
    QVERIFY(!rows.empty());
    QCOMPARE(rows.back().route, QStringLiteral("chat-completions"));
    QVERIFY(rows.back().servedBy.contains(QStringLiteral("primary")));
    // The page knows the gateway's real address for curl and HAR.
    QCOMPARE(traffic->baseUrl(), QStringLiteral("http://127.0.0.1:%1").arg(port()));
    QVERIFY(!traffic->requestLogPath().isEmpty());
}

void TestConsoleLive::chaosPageMovesTrafficToTheSecondary()
{
    ChaosPage *chaos = live()->chaos();
    m_window->showPage(MainWindow::Chaos);
    const int primary = chaos->providerCombo()->findText(QStringLiteral("primary"));
    QVERIFY(primary >= 0);
    chaos->providerCombo()->setCurrentIndex(primary);
    chaos->faultForm()->setFault(MockFault::ErrorStatus);
    chaos->durationSpin()->setValue(60);
    QVERIFY(chaos->injectFromForm());
    // The page and the engine share the host's registry.
    QCOMPARE(m_window->engineHost()->chaos()->list().size(), std::size_t(1));

    const QByteArray answer = chat(port());
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    QVERIFY2(answer.contains("x-understudy-served-by: chat/steps[1] secondary"), answer.constData());

    QCOMPARE(chaos->stopAll(), 1);
    // Both ends of the rehearsal are in the event log, as from the admin API.
    std::vector<QString> kinds;
    for (const Event &event : m_window->engineHost()->observability()->events().recent())
        kinds.push_back(event.kind);
    QVERIFY(std::count(kinds.begin(), kinds.end(), QStringLiteral("chaos_started")) == 1);
    QVERIFY(std::count(kinds.begin(), kinds.end(), QStringLiteral("chaos_stopped")) == 1);
    LogTableModel *logs = live()->logs()->model();
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int r = 0; r < logs->rowCount(); ++r) {
                if (logs->entry(r).message.startsWith(
                        QLatin1String("Chaos: error_status injected in front of primary")))
                    return logs->entry(r).level == LogLevel::Warning;
            }
            return false;
        }(),
        10000);
    const QByteArray healed = chat(port());
    QVERIFY2(healed.contains("x-understudy-served-by: chat/steps[0] primary"), healed.constData());
}

void TestConsoleLive::playgroundSendsThroughTheRunningGateway()
{
    PlaygroundPage *playground = live()->playground();
    m_window->showPage(MainWindow::Playground);
    QSignalSpy finished(playground, &PlaygroundPage::requestFinished);
    QTest::mouseClick(playground->sendButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    QCOMPARE(finished.front().front().toString(), QString());
    QVERIFY(!playground->answerView()->toPlainText().isEmpty());

    // Stopped, it says so instead of trying.
    m_window->engineHost()->stop();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->engineHost()->state(), EngineHost::State::Stopped, 10000);
    QTest::mouseClick(playground->sendButton(), Qt::LeftButton);
    QVERIFY2(playground->statusText().contains(QStringLiteral("stopped")), qPrintable(playground->statusText()));
    QCOMPARE(finished.size(), 1);
}

void TestConsoleLive::breakerEventJumpsToTheTrafficAroundIt()
{
    QVERIFY(chat(port()).startsWith("HTTP/1.1 200"));
    Observability *observability = m_window->engineHost()->observability();
    QVERIFY(observability);
    const Event posted =
        observability->postEvent(QLatin1String(kEventBreakerTransition), QStringLiteral("primary/gpt-demo-large"),
                                 QJsonObject{{QStringLiteral("from"), QStringLiteral("closed")},
                                             {QStringLiteral("to"), QStringLiteral("open")}});

    LogsPage *logs = live()->logs();
    m_window->showPage(MainWindow::Logs);
    int row = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int r = 0; r < logs->model()->rowCount(); ++r) {
                if (logs->model()->entry(r).source == QLatin1String(kEventBreakerTransition))
                    row = r;
            }
            return row >= 0;
        }(),
        10000);
    logs->view()->setCurrentIndex(logs->proxyModel()->mapFromSource(logs->model()->index(row, 0)));
    QVERIFY(logs->showTrafficAroundCurrent());

    auto *pages = m_window->findChild<QStackedWidget *>(QStringLiteral("pages"));
    QCOMPARE(pages->currentWidget(), live()->traffic());
    QVERIFY(live()->traffic()->isShowingAround());
    QVERIFY(posted.atMs > 0);
}

void TestConsoleLive::dashboardActsOnTheRunningBreakers()
{
    // A request creates the primary's breaker; the Dashboard's Force open
    // reaches the running engine's registry.
    QVERIFY(chat(port()).startsWith("HTTP/1.1 200"));
    BreakerRegistry &breakers = m_window->engineHost()->engine()->services().breakers;
    const QString target = QStringLiteral("primary/gpt-demo-large");
    QVERIFY(breakers.find(target));
    DashboardPage *dashboard = live()->dashboard();
    m_window->showPage(MainWindow::Dashboard);
    dashboard->refresh();
    auto *table = dashboard->healthTable();
    int row = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            dashboard->refresh();
            for (int r = 0; r < table->rowCount(); ++r) {
                if (table->item(r, 0) && table->item(r, 0)->text() == target)
                    row = r;
            }
            return row >= 0;
        }(),
        10000);
    table->setCurrentCell(row, 0);
    QPushButton *forceOpen = nullptr;
    for (QPushButton *button : dashboard->findChildren<QPushButton *>()) {
        if (button->text() == QLatin1String("Force open"))
            forceOpen = button;
    }
    QVERIFY(forceOpen);
    QVERIFY(forceOpen->isEnabled());
    forceOpen->click();
    bool open = false;
    for (const BreakerSnapshot &b : breakers.snapshot())
        open = open || (b.target == target && b.state == BreakerState::Open);
    QVERIFY(open);
}

void TestConsoleLive::demoTrafficFromTheEmptyDashboard()
{
    // A fresh workspace has seen no request: the Dashboard offers demo
    // traffic, and one click sends requests through the gateway.
    DashboardPage *dashboard = live()->dashboard();
    m_window->showPage(MainWindow::Dashboard);
    dashboard->refresh();
    QPushButton *demo = dashboard->demoTrafficButton();
    QVERIFY(demo->isVisible());
    demo->click();
    QVERIFY(!demo->isVisible());
    Observability *observability = m_window->engineHost()->observability();
    QTRY_VERIFY_WITH_TIMEOUT(observability->metricsJson().value(QStringLiteral("requests")).toInteger() >= 5, 15000);
    dashboard->refresh();
    QVERIFY(!demo->isVisible());
    live()->chaos()->loadPanel()->stop();
}

QTEST_MAIN(TestConsoleLive)
#include "tst_consolelive.moc"
