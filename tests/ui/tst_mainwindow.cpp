// Smoke test of the console shell on a real demo workspace in a temporary
// folder: the config arrives from the store thread, shortcuts switch pages,
// the status bar names the listener and the gateway's state, import refuses
// an invalid config.

#include "ImportIssuesDialog.h"
#include "MainWindow.h"
#include "config/ConfigJson.h"
#include "config/DemoWorkspace.h"
#include "designer/ChainDesignerPage.h"
#include "editors/ProvidersEditorPage.h"
#include "editors/RoutesEditorPage.h"
#include "engine/Engine.h"
#include "store/Workspace.h"

#include <QApplication>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QSettings>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace understudy;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void showsDemoWorkspaceAndSwitchesPages();
    void refusesInvalidImportAndKeepsConfig();

private:
    static bool lists(const QListView *list, const QString &text);
    QTemporaryDir m_dir;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Keep window geometry and recent files out of the developer's settings.
    QCoreApplication::setOrganizationName(QStringLiteral("UnderstudyTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QSettings::setDefaultFormat(QSettings::IniFormat);
}

bool TestMainWindow::lists(const QListView *list, const QString &text)
{
    const QAbstractItemModel *model = list->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toString() == text)
            return true;
    }
    return false;
}

void TestMainWindow::showsDemoWorkspaceAndSwitchesPages()
{
    const QString path = m_dir.filePath(QStringLiteral("demo.understudy"));
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.openWorkspace(path);

    ChainDesignerPage *designer = window.designer();
    RoutesEditorPage *routes = window.routesEditor();
    ProvidersEditorPage *providers = window.providersEditor();
    QVERIFY(designer && routes && providers);
    QTRY_VERIFY_WITH_TIMEOUT(lists(routes->routeList(), QStringLiteral("chat-completions")), 20000);
    QCOMPARE(designer->currentChain(), QStringLiteral("chat"));
    QVERIFY(providers->providerList()->model()->rowCount() > 0);
    QVERIFY(routes->isEnabled() && providers->isEnabled());
    QCOMPARE(window.workspacePath(), QFileInfo(path).absoluteFilePath());
    QVERIFY(QFileInfo::exists(path)); // openOrCreateDemo created it

    auto *listeners = window.findChild<QLabel *>(QStringLiteral("listenerStatus"));
    auto *gateway = window.findChild<QLabel *>(QStringLiteral("gatewayStatus"));
    QVERIFY(listeners && gateway);
    QVERIFY2(listeners->text().contains(QStringLiteral("127.0.0.1:8787")), qPrintable(listeners->text()));
    // The demo listens on 8787: the gateway runs, or says why it cannot
    // (another program may hold the port on this machine).
    QTRY_VERIFY_WITH_TIMEOUT(
        gateway->text().contains(QStringLiteral("running")) ||
            (gateway->text().contains(QStringLiteral("error")) && gateway->toolTip().contains(QStringLiteral("8787"))),
        20000);

    auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
    auto *sidebar = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    QVERIFY(pages && sidebar);
    QCOMPARE(sidebar->count(), int(MainWindow::PageCount));
    for (int page = MainWindow::PageCount - 1; page >= 0; --page) {
        QTest::keyClick(&window, MainWindow::pageKey(MainWindow::Page(page)), Qt::ControlModifier);
        QCOMPARE(pages->currentIndex(), page);
        QCOMPARE(sidebar->currentRow(), page);
    }
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(pages->currentIndex(), int(MainWindow::Traffic));
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(pages->currentWidget(), designer);

    // Clicking the sidebar drives the stack as well.
    sidebar->setCurrentRow(MainWindow::Providers);
    QCOMPARE(pages->currentIndex(), int(MainWindow::Providers));
    window.close();

    // Closing remembered the page; a new window starts on it.
    MainWindow again;
    QCOMPARE(again.findChild<QStackedWidget *>(QStringLiteral("pages"))->currentIndex(), int(MainWindow::Providers));
}

void TestMainWindow::refusesInvalidImportAndKeepsConfig()
{
    // A broken document must leave the workspace unchanged and show the
    // reason in a list; the import path goes through the store thread.
    const QString path = m_dir.filePath(QStringLiteral("import.understudy"));
    Config initial = demoConfig();
    initial.listeners.front().port = 0; // the gateway starts on an ephemeral port
    QVERIFY(Workspace::create(path, initial, QStringLiteral("test"), QStringLiteral("initial")));
    MainWindow window;
    window.show();
    window.openWorkspace(path);
    ChainDesignerPage *designer = window.designer();
    QTRY_VERIFY_WITH_TIMEOUT(designer->config().chain(QStringLiteral("chat")), 20000);

    const QString json = m_dir.filePath(QStringLiteral("broken.json"));
    {
        QFile file(json);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"understudy_config": 1, "chains": "not a list"})");
    }

    QStringList shownIssues;
    // The dialog is modal; read it and close it from inside its event loop.
    QTimer closer;
    closer.setInterval(50);
    connect(&closer, &QTimer::timeout, this, [&] {
        if (auto *dialog = qobject_cast<ImportIssuesDialog *>(QApplication::activeModalWidget())) {
            const auto *list = dialog->findChild<QListWidget *>(QStringLiteral("importIssues"));
            for (int row = 0; row < list->count(); ++row)
                shownIssues << list->item(row)->text();
            dialog->reject();
        }
    });
    closer.start();
    window.importConfigFile(json);
    QTRY_VERIFY_WITH_TIMEOUT(!shownIssues.isEmpty(), 20000);
    QVERIFY2(shownIssues.join(u'\n').contains(QStringLiteral("chains")), qPrintable(shownIssues.join(u'\n')));
    closer.stop();
    QCOMPARE(designer->config(), initial);

    // Export, then re-import with one more chain: the pages follow the
    // workspace's new current config.
    const QString exported = m_dir.filePath(QStringLiteral("exported.json"));
    window.exportConfigFile(exported);
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(exported), 20000);
    QFile exportedFile(exported);
    QVERIFY(exportedFile.open(QIODevice::ReadOnly));
    Result<Config> config = configFromJson(exportedFile.readAll());
    QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
    QCOMPARE(*config, initial);
    Chain copy = config->chains.front();
    copy.name = QStringLiteral("chat-copy");
    config->chains.push_back(copy);
    const QString changed = m_dir.filePath(QStringLiteral("changed.json"));
    {
        QFile file(changed);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(configToJson(*config));
    }
    const quint64 generation = window.engineHost()->engine() ? window.engineHost()->engine()->generation() : 0;
    window.importConfigFile(changed);
    QTRY_VERIFY_WITH_TIMEOUT(designer->config().chain(QStringLiteral("chat-copy")), 20000);
    // The imported config is the new revision and the running gateway's config.
    QVERIFY(window.engineHost()->engine());
    QVERIFY(window.engineHost()->engine()->generation() > generation);
    QVERIFY(window.engineHost()->engine()->config()->chain(QStringLiteral("chat-copy")));
    QCOMPARE(window.routesEditor()->config(), designer->config());
    QCOMPARE(window.providersEditor()->config(), designer->config());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
