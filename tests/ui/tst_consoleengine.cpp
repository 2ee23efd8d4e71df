// The console hosts the gateway: opening a workspace starts the engine (a
// real request over loopback gets the mock provider's answer), Stop/Start
// change its state, the designer's edits become a draft that Apply saves as
// a revision and hot-swaps into the engine, an invalid draft cannot be
// applied, Edit ▸ Undo/Redo drive the designer, and History restores an
// old revision into the workspace and the engine. Real SQLite workspaces in
// a temporary folder, listeners on port 0.

#include "ConfigDraft.h"
#include "EngineHost.h"
#include "HistoryPage.h"
#include "MainWindow.h"
#include "config/DemoWorkspace.h"
#include "designer/ChainDesignerPage.h"
#include "designer/ChainDesignerScene.h"
#include "engine/Engine.h"
#include "store/Workspace.h"

#include <QAction>
#include <QApplication>
#include <QGraphicsView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

using namespace understudy;

class TestConsoleEngine : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void runsTheGatewayAndAnswers();
    void stopAndStartChangeTheState();
    void portInUseIsAnErrorState();
    void applySavesARevisionAndSwapsTheEngine();
    void invalidDraftCannotBeApplied();
    void editMenuUndoesAndRedoesDesignerEdits();
    void historyRestoresARevision();
    void unsavedChangesPromptOnSwitchAndClose();

private:
    // A demo workspace whose listener binds an ephemeral (or the given) port.
    QString createWorkspace(const QString &name, int port = 0);
    static QString text(MainWindow &window, const char *objectName);
    static QAction *action(MainWindow &window, const char *objectName);
    static bool waitRunning(MainWindow &window);
    static QByteArray chat(quint16 port);

    QTemporaryDir m_dir;
};

void TestConsoleEngine::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("UnderstudyTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_consoleengine"));
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QSettings::setDefaultFormat(QSettings::IniFormat);
}

QString TestConsoleEngine::createWorkspace(const QString &name, int port)
{
    const QString path = m_dir.filePath(name + QStringLiteral(".understudy"));
    Config config = demoConfig();
    config.listeners.front().port = port;
    auto workspace = Workspace::create(path, config, QStringLiteral("test"), QStringLiteral("initial"));
    if (!workspace)
        qWarning() << workspace.error().message;
    return path;
}

QString TestConsoleEngine::text(MainWindow &window, const char *objectName)
{
    auto *label = window.findChild<QLabel *>(QString::fromLatin1(objectName));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QString::fromLatin1(objectName));
}

QAction *TestConsoleEngine::action(MainWindow &window, const char *objectName)
{
    return window.findChild<QAction *>(QString::fromLatin1(objectName));
}

bool TestConsoleEngine::waitRunning(MainWindow &window)
{
    return QTest::qWaitFor([&] { return window.engineHost()->state() == EngineHost::State::Running; }, 20000);
}

// One chat completion over a raw socket; returns everything the gateway
// sent. The event loop keeps running: the gateway accepts on this thread.
QByteArray TestConsoleEngine::chat(quint16 port)
{
    QTcpSocket socket;
    QByteArray answer;
    connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!QTest::qWaitFor(
            [&] {
                return socket.state() != QAbstractSocket::HostLookupState &&
                       socket.state() != QAbstractSocket::ConnectingState;
            },
            5000) ||
        socket.state() != QAbstractSocket::ConnectedState)
        return QByteArrayLiteral("<connect failed: ") + socket.errorString().toUtf8() + '>';
    const QByteArray body = "{\"model\":\"gpt-demo-large\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    socket.write("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 "Connection: close\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n" + body);
    // The mock answers after its latency; the gateway closes afterwards.
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 20000))
        answer += "<no end of answer>";
    return answer + socket.readAll();
}

void TestConsoleEngine::runsTheGatewayAndAnswers()
{
    MainWindow window;
    window.show();
    window.openWorkspace(createWorkspace(QStringLiteral("runs")));
    QVERIFY(waitRunning(window));
    QTRY_VERIFY2(text(window, "gatewayStatus").contains(QStringLiteral("running")),
                 qPrintable(text(window, "gatewayStatus")));

    Engine *engine = window.engineHost()->engine();
    QVERIFY(engine);
    const quint16 port = engine->port(QStringLiteral("default"));
    QVERIFY(port > 0);
    // The status bar names the port actually bound, not the configured 0.
    QVERIFY2(text(window, "listenerStatus").contains(QStringLiteral("127.0.0.1:%1").arg(port)),
             qPrintable(text(window, "listenerStatus")));

    const QByteArray answer = chat(port);
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.isEmpty() ? "<empty>" : answer.constData());
    QVERIFY2(answer.contains("\"choices\""), answer.constData());

    // The request shows up in the sampled rate and on the primary's card.
    QTRY_VERIFY_WITH_TIMEOUT(text(window, "rateStatus") != QStringLiteral("0.0 req/s"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(window.designer()->scene()->card(0)->liveStats().has_value(), 10000);
    QCOMPARE(window.designer()->scene()->card(0)->liveStats()->served, 1);
    QCOMPARE(window.designer()->scene()->card(0)->liveStats()->breaker, LiveStepStats::Breaker::Closed);
    QVERIFY(text(window, "breakerStatus").contains(QStringLiteral("0")));
}

void TestConsoleEngine::stopAndStartChangeTheState()
{
    MainWindow window;
    window.show();
    window.openWorkspace(createWorkspace(QStringLiteral("stopstart")));
    QVERIFY(waitRunning(window));
    QAction *start = action(window, "startGateway");
    QAction *stop = action(window, "stopGateway");
    QAction *restart = action(window, "restartGateway");
    QVERIFY(start && stop && restart);
    QVERIFY(!start->isEnabled());
    QVERIFY(stop->isEnabled());
    const quint16 port = window.engineHost()->engine()->port(QStringLiteral("default"));

    stop->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window.engineHost()->state() == EngineHost::State::Stopped, 10000);
    QVERIFY2(text(window, "gatewayStatus").contains(QStringLiteral("stopped")),
             qPrintable(text(window, "gatewayStatus")));
    QVERIFY(!window.engineHost()->engine());
    QVERIFY(start->isEnabled());
    QVERIFY(!stop->isEnabled());
    QVERIFY(chat(port).startsWith("<connect failed"));

    start->trigger();
    QVERIFY(waitRunning(window));
    QVERIFY(text(window, "gatewayStatus").contains(QStringLiteral("running")));
    const quint16 again = window.engineHost()->engine()->port(QStringLiteral("default"));
    QVERIFY(chat(again).startsWith("HTTP/1.1 200"));

    // Restart goes through a drain and comes back with a fresh engine.
    const Engine *before = window.engineHost()->engine();
    restart->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(
        window.engineHost()->state() == EngineHost::State::Running && window.engineHost()->engine() != before, 10000);
    QVERIFY(chat(window.engineHost()->engine()->port(QStringLiteral("default"))).startsWith("HTTP/1.1 200"));
}

void TestConsoleEngine::portInUseIsAnErrorState()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost));
    MainWindow window;
    window.show();
    window.openWorkspace(createWorkspace(QStringLiteral("taken"), squatter.serverPort()));
    QTRY_VERIFY_WITH_TIMEOUT(window.engineHost()->state() == EngineHost::State::Error, 20000);
    auto *gateway = window.findChild<QLabel *>(QStringLiteral("gatewayStatus"));
    QVERIFY(gateway->text().contains(QStringLiteral("error")));
    QVERIFY2(gateway->toolTip().contains(QString::number(squatter.serverPort())), qPrintable(gateway->toolTip()));
    QVERIFY(action(window, "startGateway")->isEnabled());

    // Once the port is free, Start succeeds.
    squatter.close();
    action(window, "startGateway")->trigger();
    QVERIFY(waitRunning(window));
}

void TestConsoleEngine::applySavesARevisionAndSwapsTheEngine()
{
    const QString path = createWorkspace(QStringLiteral("apply"));
    Config edited;
    {
        MainWindow window;
        window.show();
        window.openWorkspace(path);
        QVERIFY(waitRunning(window));
        window.showPage(MainWindow::Chains);
        ChainDesignerPage *designer = window.designer();
        QTRY_VERIFY(designer->config().chain(QStringLiteral("chat")));
        const quint64 generation = window.engineHost()->engine()->generation();
        QAction *apply = action(window, "applyChanges");
        QVERIFY(!apply->isEnabled());
        QVERIFY(!window.isWindowModified());

        // Local first: move the third step to the front.
        QVERIFY(designer->moveStep(2, 0));
        edited = designer->config();
        QVERIFY(window.isWindowModified());
        QVERIFY(apply->isEnabled());

        QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(window.engineHost()->engine()->generation() > generation, 20000);
        QCOMPARE(*window.engineHost()->engine()->config(), edited);
        QTRY_VERIFY(!window.isWindowModified());
        QVERIFY(!apply->isEnabled());
        QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("Applied revision 2")),
                 qPrintable(window.statusBar()->currentMessage()));
        // The designer keeps its history across Apply.
        QVERIFY(designer->undoStack()->canUndo());

        // The running gateway now serves from the local model first.
        const QByteArray answer = chat(window.engineHost()->engine()->port(QStringLiteral("default")));
        QVERIFY2(answer.contains("llama-demo"), answer.constData());
    }
    auto workspace = Workspace::open(path);
    QVERIFY(workspace);
    auto revisions = (*workspace)->revisions();
    QVERIFY(revisions);
    QCOMPARE(revisions->size(), std::size_t(2));
    QCOMPARE(revisions->front().author, QStringLiteral("console"));
    auto stored = (*workspace)->loadConfig();
    QVERIFY(stored);
    QCOMPARE(*stored, edited);
}

void TestConsoleEngine::invalidDraftCannotBeApplied()
{
    MainWindow window;
    window.show();
    window.openWorkspace(createWorkspace(QStringLiteral("invalid")));
    QVERIFY(waitRunning(window));
    window.showPage(MainWindow::Chains);
    ChainDesignerPage *designer = window.designer();
    const quint64 generation = window.engineHost()->engine()->generation();

    Step broken = designer->config().chain(QStringLiteral("chat"))->steps.front();
    broken.targets.front().provider = QStringLiteral("no-such-provider");
    QVERIFY(designer->replaceStep(0, broken));
    QVERIFY(window.isWindowModified());
    QAction *apply = action(window, "applyChanges");
    QVERIFY(!apply->isEnabled());
    QVERIFY2(text(window, "draftStatus").contains(QStringLiteral("1 error")), qPrintable(text(window, "draftStatus")));

    // Ctrl+S does nothing with an invalid draft.
    QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);
    QTest::qWait(200);
    QCOMPARE(window.engineHost()->engine()->generation(), generation);

    // Fixing it (here: undo) makes the window clean again.
    designer->undoStack()->undo();
    QVERIFY(!window.isWindowModified());
    QVERIFY(!text(window, "draftStatus").contains(QStringLiteral("error")));
}

void TestConsoleEngine::editMenuUndoesAndRedoesDesignerEdits()
{
    MainWindow window;
    window.show();
    window.openWorkspace(createWorkspace(QStringLiteral("undo")));
    QVERIFY(waitRunning(window));
    window.showPage(MainWindow::Chains);
    ChainDesignerPage *designer = window.designer();
    QTRY_VERIFY(designer->config().chain(QStringLiteral("chat")));
    const Config original = designer->config();
    QAction *undo = action(window, "editUndo");
    QAction *redo = action(window, "editRedo");
    QVERIFY(undo && redo);
    QVERIFY(!undo->isEnabled());

    QVERIFY(designer->removeStep(1));
    const Config removed = designer->config();
    QCOMPARE(removed.chain(QStringLiteral("chat"))->steps.size(), std::size_t(4));
    QVERIFY(undo->isEnabled());
    QVERIFY(window.isWindowModified());

    undo->trigger();
    QCOMPARE(designer->config(), original);
    QVERIFY(!window.isWindowModified());
    QVERIFY(redo->isEnabled());
    redo->trigger();
    QCOMPARE(designer->config(), removed);
    QVERIFY(window.isWindowModified());

    // The shortcut reaches the same stack (no ambiguity with the page's own).
    designer->view()->setFocus();
    QTest::keyClick(designer->view(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(designer->config(), original);

    // Elsewhere Edit ▸ Undo has nothing to undo: the designer's history is not active.
    QVERIFY(designer->removeStep(0));
    window.showPage(MainWindow::Routes);
    QVERIFY(!undo->isEnabled());
    window.showPage(MainWindow::Chains);
    QVERIFY(undo->isEnabled());
}

void TestConsoleEngine::historyRestoresARevision()
{
    MainWindow window;
    window.show();
    window.openWorkspace(createWorkspace(QStringLiteral("history")));
    QVERIFY(waitRunning(window));
    window.showPage(MainWindow::Chains);
    ChainDesignerPage *designer = window.designer();
    QTRY_VERIFY(designer->config().chain(QStringLiteral("chat")));
    const Config original = designer->config();
    QVERIFY(designer->removeStep(0));
    window.applyDraft();
    QTRY_VERIFY_WITH_TIMEOUT(*window.engineHost()->engine()->config() != original, 20000);

    // Its shortcut shows History with both revisions, newest first.
    QTest::keyClick(&window, MainWindow::pageKey(MainWindow::History), Qt::ControlModifier);
    auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
    QCOMPARE(pages->currentWidget(), window.history());
    QTreeWidget *list = window.history()->list();
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItemCount(), 2, 20000);
    QCOMPARE(window.history()->currentRevision(), 2);

    window.history()->selectRevision(1);
    // Revision 1 still has the primary step the current config lost.
    QTRY_VERIFY_WITH_TIMEOUT(window.history()->diffView()->toPlainText().contains(QStringLiteral("-")), 20000);
    QVERIFY2(window.history()->diffView()->toPlainText().contains(QStringLiteral("gpt-demo-large")),
             qPrintable(window.history()->diffView()->toPlainText()));
    QPushButton *restore = window.history()->restoreButton();
    QVERIFY(restore->isEnabled());

    const quint64 generation = window.engineHost()->engine()->generation();
    restore->click();
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItemCount(), 3, 20000);
    QTRY_VERIFY(window.engineHost()->engine()->generation() > generation);
    QCOMPARE(*window.engineHost()->engine()->config(), original);
    QCOMPARE(designer->config(), original);
    QCOMPARE(window.history()->currentRevision(), 3);
    QVERIFY(!window.isWindowModified());
}

void TestConsoleEngine::unsavedChangesPromptOnSwitchAndClose()
{
    const QString first = createWorkspace(QStringLiteral("prompt-first"));
    const QString second = createWorkspace(QStringLiteral("prompt-second"));
    MainWindow window;
    window.show();
    window.openWorkspace(first);
    QVERIFY(waitRunning(window));
    ChainDesignerPage *designer = window.designer();
    QVERIFY(designer->removeStep(0));
    const Config edited = designer->config();

    // Answers the next Save/Discard/Cancel question with `button`.
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
    int asked = 0;
    QTimer answerer;
    answerer.setInterval(20);
    connect(&answerer, &QTimer::timeout, this, [&] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            ++asked;
            box->button(answer)->click();
        }
    });
    answerer.start();

    // Cancel: the other workspace is not opened and the draft stays.
    window.openWorkspace(second);
    QCOMPARE(asked, 1);
    QTest::qWait(300);
    QCOMPARE(QFileInfo(window.workspacePath()), QFileInfo(first));
    QVERIFY(window.isWindowModified());
    QCOMPARE(designer->config(), edited);

    // Discard: the draft is dropped and the other workspace opens.
    answer = QMessageBox::Discard;
    window.openWorkspace(second);
    QCOMPARE(asked, 2);
    QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(window.workspacePath()), QFileInfo(second), 20000);
    QVERIFY(!window.isWindowModified());

    // Save on close: the draft becomes a revision first, then the window closes.
    QVERIFY(designer->removeStep(0));
    const Config closing = designer->config();
    answer = QMessageBox::Save;
    QVERIFY(!window.close()); // waits for the store
    QCOMPARE(asked, 3);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 20000);
    answerer.stop();
    auto workspace = Workspace::open(second);
    QVERIFY(workspace);
    auto stored = (*workspace)->loadConfig();
    QVERIFY(stored);
    QCOMPARE(*stored, closing);
    // The first workspace never got the discarded edit.
    auto firstWorkspace = Workspace::open(first);
    QVERIFY(firstWorkspace);
    QCOMPARE((*firstWorkspace)->revisions()->size(), std::size_t(1));
}

QTEST_MAIN(TestConsoleEngine)
#include "tst_consoleengine.moc"
