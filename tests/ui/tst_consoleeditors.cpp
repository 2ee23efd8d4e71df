// The Providers and Routes editors in the console window: the Chains,
// Routes and Providers pages edit one draft (an edit on one page reaches
// the others, the page that made it keeps its undo history), Edit ▸ Undo
// follows the shown page, Apply saves one revision whose summary names the
// pages, an invalid edit on any page blocks Apply, and Discard gives every
// page the saved config back. Real SQLite workspaces, listeners on port 0.

#include "ConsoleTestSupport.h"
#include "EngineHost.h"
#include "MainWindow.h"
#include "designer/ChainDesignerPage.h"
#include "editors/ProvidersEditorPage.h"
#include "editors/RoutesEditorPage.h"
#include "engine/Engine.h"
#include "store/Workspace.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace understudy;
using namespace understudy::testsupport;

class TestConsoleEditors : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void editorsReplaceTheReadOnlyPages();
    void pagesShareOneDraftAndApplyNamesThem();
    void invalidEditOnAnyPageBlocksApply();
    void discardGivesEveryPageTheSavedConfig();

private:
    static QAction *action(MainWindow &window, const char *objectName);
    static QString draftStatus(MainWindow &window);

    QTemporaryDir m_dir;
};

void TestConsoleEditors::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("UnderstudyTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_consoleeditors"));
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QSettings::setDefaultFormat(QSettings::IniFormat);
}

QAction *TestConsoleEditors::action(MainWindow &window, const char *objectName)
{
    return window.findChild<QAction *>(QString::fromLatin1(objectName));
}

QString TestConsoleEditors::draftStatus(MainWindow &window)
{
    auto *label = window.findChild<QLabel *>(QStringLiteral("draftStatus"));
    return label ? label->text() : QStringLiteral("<no draftStatus>");
}

void TestConsoleEditors::editorsReplaceTheReadOnlyPages()
{
    MainWindow window;
    window.show();
    // Nothing to edit before a workspace is open.
    QVERIFY(!window.routesEditor()->isEnabled());
    QVERIFY(!window.providersEditor()->isEnabled());
    window.openWorkspace(createDemoWorkspace(m_dir.path(), QStringLiteral("pages")));
    QVERIFY(waitRunning(window));
    QVERIFY(window.routesEditor()->isEnabled());

    auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
    QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier);
    QCOMPARE(pages->currentWidget(), window.routesEditor());
    QTest::keyClick(&window, Qt::Key_5, Qt::ControlModifier);
    QCOMPARE(pages->currentWidget(), window.providersEditor());
    // Both show the workspace's config.
    QCOMPARE(window.routesEditor()->config(), *window.engineHost()->engine()->config());
    QCOMPARE(window.providersEditor()->config(), *window.engineHost()->engine()->config());
    QVERIFY(window.providersEditor()->undoStack()->count() == 0);
}

void TestConsoleEditors::pagesShareOneDraftAndApplyNamesThem()
{
    const QString path = createDemoWorkspace(m_dir.path(), QStringLiteral("shared"));
    Config both;
    {
        MainWindow window;
        window.show();
        window.openWorkspace(path);
        QVERIFY(waitRunning(window));
        ChainDesignerPage *designer = window.designer();
        RoutesEditorPage *routes = window.routesEditor();
        ProvidersEditorPage *providers = window.providersEditor();
        const Config original = designer->config();
        QVERIFY(original.routes.size() > 1);
        QAction *apply = action(window, "applyChanges");
        QAction *undo = action(window, "editUndo");
        QAction *redo = action(window, "editRedo");
        QVERIFY(apply && undo && redo);

        // A provider edit reaches the other pages.
        window.showPage(MainWindow::Providers);
        QVERIFY(!undo->isEnabled());
        QVERIFY(providers->duplicateProvider(0));
        const Config withCopy = providers->config();
        QCOMPARE(withCopy.providers.size(), original.providers.size() + 1);
        QCOMPARE(designer->config(), withCopy);
        QCOMPARE(routes->config(), withCopy);
        QVERIFY(window.isWindowModified());
        QVERIFY(apply->isEnabled());
        QVERIFY(undo->isEnabled());
        QCOMPARE(providers->undoStack()->count(), 1);

        // On the Routes page Edit ▸ Undo has the Routes history (empty).
        window.showPage(MainWindow::Routes);
        QVERIFY(!undo->isEnabled());
        QVERIFY(routes->moveRoute(0, 1));
        both = routes->config();
        QCOMPARE(both.routes[0].name, original.routes[1].name);
        QCOMPARE(both.providers.size(), withCopy.providers.size());
        QCOMPARE(designer->config(), both);
        QCOMPARE(providers->config(), both);
        // The page that made the edit keeps its history: its own config came
        // back from the draft and was ignored.
        QCOMPARE(routes->undoStack()->count(), 1);
        // The Providers history no longer applies to this config.
        QCOMPARE(providers->undoStack()->count(), 0);

        undo->trigger();
        QCOMPARE(routes->config(), withCopy);
        QCOMPARE(providers->config(), withCopy);
        QCOMPARE(designer->config(), withCopy);
        QVERIFY(window.isWindowModified());
        redo->trigger();
        QCOMPARE(designer->config(), both);

        const quint64 generation = window.engineHost()->engine()->generation();
        QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(window.engineHost()->engine()->generation() > generation, 20000);
        QCOMPARE(*window.engineHost()->engine()->config(), both);
        QTRY_VERIFY(!window.isWindowModified());
        QVERIFY(!apply->isEnabled());
        // Apply keeps the history of the page that edited last.
        QCOMPARE(routes->undoStack()->count(), 1);
        QCOMPARE(routes->config(), both);
    }
    auto workspace = Workspace::open(path);
    QVERIFY(workspace);
    auto revisions = (*workspace)->revisions();
    QVERIFY(revisions);
    QCOMPARE(revisions->size(), std::size_t(2));
    const QString summary = revisions->front().summary;
    QVERIFY2(summary.contains(QStringLiteral("Providers: Duplicate provider")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("Routes: Move route")), qPrintable(summary));
    QVERIFY2(!summary.contains(QStringLiteral("Chains")), qPrintable(summary));
    auto stored = (*workspace)->loadConfig();
    QVERIFY(stored);
    QCOMPARE(*stored, both);
}

void TestConsoleEditors::invalidEditOnAnyPageBlocksApply()
{
    MainWindow window;
    window.show();
    window.openWorkspace(createDemoWorkspace(m_dir.path(), QStringLiteral("invalid")));
    QVERIFY(waitRunning(window));
    ProvidersEditorPage *providers = window.providersEditor();
    QAction *apply = action(window, "applyChanges");
    const quint64 generation = window.engineHost()->engine()->generation();

    // A new OpenAI-compatible provider has no base URL yet: an error.
    window.showPage(MainWindow::Providers);
    QVERIFY(providers->addProvider());
    QVERIFY(!providers->draftValid());
    QVERIFY(window.isWindowModified());
    QVERIFY(!apply->isEnabled());
    QVERIFY2(draftStatus(window).contains(QStringLiteral("1 error")), qPrintable(draftStatus(window)));
    // The other pages show the same (invalid) draft.
    QCOMPARE(window.routesEditor()->config(), providers->config());
    QVERIFY(!window.routesEditor()->draftValid());

    QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);
    QTest::qWait(200);
    QCOMPARE(window.engineHost()->engine()->generation(), generation);

    // Asked to save on switching workspaces, the window refuses and shows
    // the page with the error.
    window.showPage(MainWindow::History);
    int asked = 0;
    QTimer answerer;
    answerer.setInterval(20);
    connect(&answerer, &QTimer::timeout, this, [&] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            ++asked;
            box->button(box->standardButtons().testFlag(QMessageBox::Save) ? QMessageBox::Save : QMessageBox::Ok)
                ->click();
        }
    });
    answerer.start();
    window.openWorkspace(createDemoWorkspace(m_dir.path(), QStringLiteral("invalid-other")));
    answerer.stop();
    QCOMPARE(asked, 2);
    auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
    QCOMPARE(pages->currentWidget(), providers);
    QVERIFY(window.workspacePath().endsWith(QStringLiteral("invalid.understudy")));

    // Undo on the page fixes it.
    action(window, "editUndo")->trigger();
    QVERIFY(!window.isWindowModified());
    QVERIFY(!draftStatus(window).contains(QStringLiteral("error")));
}

void TestConsoleEditors::discardGivesEveryPageTheSavedConfig()
{
    const QString first = createDemoWorkspace(m_dir.path(), QStringLiteral("discard-first"));
    const QString second = createDemoWorkspace(m_dir.path(), QStringLiteral("discard-second"));
    MainWindow window;
    window.show();
    window.openWorkspace(first);
    QVERIFY(waitRunning(window));
    const Config saved = window.designer()->config();
    QVERIFY(window.routesEditor()->removeRoute(0));
    QVERIFY(window.designer()->config() != saved);

    QTimer answerer;
    answerer.setInterval(20);
    connect(&answerer, &QTimer::timeout, this, [&] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->button(QMessageBox::Discard)->click();
    });
    answerer.start();
    window.openWorkspace(second);
    answerer.stop();
    // Right after Discard, before the other workspace arrives.
    QCOMPARE(window.routesEditor()->config(), saved);
    QCOMPARE(window.designer()->config(), saved);
    QCOMPARE(window.routesEditor()->undoStack()->count(), 0);
    QVERIFY(!window.isWindowModified());
    QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(window.workspacePath()), QFileInfo(second), 20000);
}

QTEST_MAIN(TestConsoleEditors)
#include "tst_consoleeditors.moc"
