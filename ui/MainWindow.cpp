#include "MainWindow.h"

#include "ConfigDraft.h"
#include "ConsolePages.h"
#include "EditSummary.h"
#include "GatewayControls.h"
#include "HistoryPage.h"
#include "ImportIssuesDialog.h"
#include "LivePages.h"
#include "RecentWorkspaces.h"
#include "StoreThread.h"
#include "WorkspaceFileDialogs.h"
#include "WorkspaceStatusBar.h"
#include "chaos/ChaosPage.h"
#include "designer/ChainDesignerPage.h"
#include "editors/ProvidersEditorPage.h"
#include "editors/RoutesEditorPage.h"
#include "live/DashboardPage.h"
#include "live/TrafficPage.h"
#include "logs/LogsPage.h"
#include "playground/PlaygroundPage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QToolBar>
#include <QUndoGroup>
#include <QUndoStack>

namespace understudy {

namespace {

const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kPageKey = QStringLiteral("window/page");

// The page that shows a validation issue at its field.
MainWindow::Page pageOfIssue(const ValidationIssue &issue)
{
    if (issue.path.startsWith(QLatin1String("providers")))
        return MainWindow::Providers;
    if (issue.path.startsWith(QLatin1String("routes")))
        return MainWindow::Routes;
    return MainWindow::Chains;
}

} // namespace

Qt::Key MainWindow::pageKey(Page page)
{
    return page < 9 ? Qt::Key(Qt::Key_1 + int(page)) : Qt::Key_0;
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_store(new StoreThread(this))
    , m_engine(new EngineHost(this))
    , m_draft(new ConfigDraft(this))
    , m_sidebar(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_status(new WorkspaceStatusBar(this))
    , m_summary(new EditSummary(this))
    , m_undoGroup(new QUndoGroup(this))
    , m_gateway(new GatewayControls(m_engine, m_status, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Understudy"));
    setStatusBar(m_status);

    createActions();
    createPages();
    createMenus();
    setWorkspaceActionsEnabled(false);
    m_gateway->createTray(m_quitAction);

    WorkspaceService *service = m_store->service();
    connect(service, &WorkspaceService::opened, this, &MainWindow::onOpened);
    connect(service, &WorkspaceService::openFailed, this, &MainWindow::onOpenFailed);
    connect(service, &WorkspaceService::configChanged, this, &MainWindow::onConfigChanged);
    connect(service, &WorkspaceService::importRejected, this, &MainWindow::onImportRejected);
    connect(service, &WorkspaceService::exported, this, &MainWindow::onExported);
    connect(service, &WorkspaceService::operationFailed, this, &MainWindow::onOperationFailed);
    connect(service, &WorkspaceService::revisionsListed, m_history, &HistoryPage::setRevisions);
    connect(service, &WorkspaceService::revisionDiff, m_history, &HistoryPage::setDiff);

    connect(m_history, &HistoryPage::diffRequested, this, [service](qint64 id) {
        QMetaObject::invokeMethod(service, [service, id] { service->diffWithCurrent(id); });
    });
    connect(m_history, &HistoryPage::restoreRequested, this, [this, service](qint64 id) {
        const auto restore = [this, service, id] {
            m_status->showMessage(tr("Restoring revision %1…").arg(id));
            QMetaObject::invokeMethod(service, [service, id] { service->restoreRevision(id); });
        };
        if (settleDraft(restore))
            restore();
    });

    connect(service, &WorkspaceService::requestLogUnavailable, this,
            [this](const QString &path, const QString &message) {
                m_status->showMessage(tr("The request log of %1 is off: %2").arg(QFileInfo(path).fileName(), message),
                                      15000);
            });
    // A replaced Observability is flushed on the store thread, not here.
    connect(m_engine, &EngineHost::observabilityReleased, this,
            [service](const std::shared_ptr<Observability> &observability) {
                QMetaObject::invokeMethod(service,
                                          [service, observability] { service->shutdownObservability(observability); });
            });

    connect(m_draft, &ConfigDraft::changed, this, &MainWindow::onDraftChanged);
    connect(m_designer, &ChainDesignerPage::configEdited, m_draft, &ConfigDraft::setEdited);
    connect(m_routesEditor, &RoutesEditorPage::configEdited, m_draft, &ConfigDraft::setEdited);
    connect(m_providersEditor, &ProvidersEditorPage::configEdited, m_draft, &ConfigDraft::setEdited);
    connect(m_engine, &EngineHost::liveStatsChanged, m_designer, &ChainDesignerPage::setLiveStats);

    restoreWindowState();
    onDraftChanged();
}

MainWindow::~MainWindow()
{
    // The live pages hold the workspace's Observability by pointer; the
    // EngineHost (destroyed before the page stack) frees it.
    m_live->setObservability(nullptr);
}

void MainWindow::createActions()
{
    m_applyAction = new QAction(style()->standardIcon(QStyle::SP_DialogApplyButton), tr("&Apply Changes"), this);
    m_applyAction->setObjectName(QStringLiteral("applyChanges"));
    m_applyAction->setShortcut(QKeySequence::Save);
    m_applyAction->setToolTip(tr("Save the changes made on the Chains, Routes and Providers pages as a new revision "
                                 "and apply them to the gateway (%1)")
                                  .arg(m_applyAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_applyAction, &QAction::triggered, this, &MainWindow::applyDraft);
    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("quit"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &MainWindow::quit);

    m_draftStatus = new QLabel(this);
    m_draftStatus->setObjectName(QStringLiteral("draftStatus"));
    m_draftStatus->setContentsMargins(8, 0, 8, 0);

    m_toolbar = addToolBar(tr("Gateway"));
    m_toolbar->setObjectName(QStringLiteral("gatewayToolbar"));
    m_toolbar->setMovable(false);
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolbar->addActions({m_gateway->startAction(), m_gateway->stopAction(), m_gateway->restartAction()});
    m_toolbar->addSeparator();
    m_toolbar->addAction(m_applyAction);
    m_toolbar->addWidget(m_draftStatus);
}

void MainWindow::createPages()
{
    struct PageInfo
    {
        QString icon;
        QString label;
    };
    const PageInfo pages[PageCount] = {
        {QStringLiteral("dashboard"), tr("Dashboard")},   {QStringLiteral("traffic"), tr("Traffic")},
        {QStringLiteral("chains"), tr("Chains")},         {QStringLiteral("routes"), tr("Routes")},
        {QStringLiteral("providers"), tr("Providers")},   {QStringLiteral("logs"), tr("Logs")},
        {QStringLiteral("playground"), tr("Playground")}, {QStringLiteral("chaos"), tr("Chaos")},
        {QStringLiteral("history"), tr("History")},       {QStringLiteral("settings"), tr("Settings")},
    };

    m_sidebar->setObjectName(QStringLiteral("navigation"));
    m_sidebar->setAccessibleName(tr("Navigation"));
    m_sidebar->setIconSize(QSize(20, 20));
    m_sidebar->setSpacing(2);
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setFixedWidth(176);
    m_sidebar->setUniformItemSizes(true);
    m_sidebar->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    for (const PageInfo &page : pages) {
        auto *item = new QListWidgetItem(QIcon(QStringLiteral(":/icons/nav/") + page.icon + QStringLiteral(".svg")),
                                         page.label, m_sidebar);
        item->setSizeHint(QSize(0, 34));
    }
    // The sidebar reads as a panel next to the page, not as one more table.
    QPalette sidebarPalette = m_sidebar->palette();
    sidebarPalette.setColor(QPalette::Base, sidebarPalette.color(QPalette::Window).darker(104));
    m_sidebar->setPalette(sidebarPalette);

    m_pages->setObjectName(QStringLiteral("pages"));
    m_live = new LivePages(m_engine, m_pages);
    m_pages->addWidget(m_live->dashboard());
    m_pages->addWidget(m_live->traffic());
    connect(m_live, &LivePages::trafficRequested, this, [this] { showPage(Traffic); });
    connect(m_live, &LivePages::chaosRequested, this, [this] { showPage(Chaos); });

    m_designer = new ChainDesignerPage(m_pages);
    m_designer->setObjectName(QStringLiteral("chainDesigner"));
    addEditorPage(m_designer, m_designer->undoStack(), tr("Chains"));
    m_routesEditor = new RoutesEditorPage(m_pages);
    m_routesEditor->setObjectName(QStringLiteral("routesEditor"));
    addEditorPage(m_routesEditor, m_routesEditor->undoStack(), tr("Routes"));
    m_providersEditor = new ProvidersEditorPage(m_pages);
    m_providersEditor->setObjectName(QStringLiteral("providersEditor"));
    addEditorPage(m_providersEditor, m_providersEditor->undoStack(), tr("Providers"));

    m_pages->addWidget(m_live->logs());
    m_pages->addWidget(m_live->playground());
    m_pages->addWidget(m_live->chaos());
    m_history = new HistoryPage(m_pages);
    m_pages->addWidget(m_history);
    m_pages->addWidget(new SettingsPage(QSystemTrayIcon::isSystemTrayAvailable(), m_pages));
    Q_ASSERT(m_pages->count() == PageCount);

    connect(m_sidebar, &QListWidget::currentRowChanged, this, &MainWindow::onPageChanged);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
}

void MainWindow::addEditorPage(QWidget *page, QUndoStack *stack, const QString &name)
{
    // The window's Edit menu owns Undo/Redo and their shortcuts; the same
    // keys on the page's own actions would make both ambiguous.
    const QList<QKeySequence> undoKeys = {QKeySequence(QKeySequence::Undo), QKeySequence(QKeySequence::Redo),
                                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z),
                                          QKeySequence(Qt::CTRL | Qt::Key_Y)};
    for (QAction *action : page->findChildren<QAction *>()) {
        if (undoKeys.contains(action->shortcut()))
            action->setShortcuts({});
    }
    m_undoGroup->addStack(stack);
    m_summary->addSource(name, stack);
    // Nothing to edit until a workspace is open.
    page->setEnabled(false);
    m_pages->addWidget(page);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAction = file->addAction(tr("&New Workspace…"), this, &MainWindow::newWorkspace);
    newAction->setShortcut(QKeySequence::New);
    QAction *openAction = file->addAction(tr("&Open Workspace…"), this, &MainWindow::chooseWorkspace);
    openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addSeparator();
    file->addAction(m_applyAction);
    m_workspaceActions << file->addAction(tr("&Import Config JSON…"), this, &MainWindow::importConfig);
    m_workspaceActions << file->addAction(tr("&Export Config JSON…"), this, &MainWindow::exportConfig);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("editUndo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("editRedo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addActions({undo, redo});

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (int page = 0; page < PageCount; ++page) {
        QAction *action = view->addAction(m_sidebar->item(page)->icon(), m_sidebar->item(page)->text(), this,
                                          [this, page] { showPage(Page(page)); });
        action->setShortcut(QKeySequence(Qt::CTRL | pageKey(Page(page))));
        m_sidebar->item(page)->setToolTip(
            tr("%1 (%2)").arg(action->text(), action->shortcut().toString(QKeySequence::NativeText)));
    }

    QMenu *gateway = menuBar()->addMenu(tr("&Gateway"));
    gateway->addActions({m_gateway->startAction(), m_gateway->stopAction(), m_gateway->restartAction()});
    gateway->addSeparator();
    gateway->addAction(m_applyAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Understudy"), this, &MainWindow::showAbout)->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::restoreWindowState()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(kStateKey).toByteArray());
    const int page = settings.value(kPageKey, int(Dashboard)).toInt();
    showPage(page >= 0 && page < PageCount ? Page(page) : Dashboard);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_quitting && m_gateway->hasTray() && SettingsPage::keepRunningInTray()) {
        // The gateway keeps serving; the tray brings the window back.
        hide();
        event->ignore();
        return;
    }
    if (!settleDraft([this] { quit(); })) {
        m_quitting = false;
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kPageKey, m_pages->currentIndex());
    QMainWindow::closeEvent(event);
}

void MainWindow::quit()
{
    // Closing a window hidden in the tray does not end the application by
    // itself; closing a visible one does (last window closed).
    const bool hidden = !isVisible();
    m_quitting = true;
    if (!close())
        m_quitting = false;
    else if (hidden)
        QApplication::quit();
}

void MainWindow::showPage(Page page)
{
    m_sidebar->setCurrentRow(int(page));
}

void MainWindow::onPageChanged(int page)
{
    m_pages->setCurrentIndex(page);
    // Edit ▸ Undo works on what the user sees: a page's history only while
    // that page is shown.
    QUndoStack *active = nullptr;
    if (page == Chains)
        active = m_designer->undoStack();
    else if (page == Routes)
        active = m_routesEditor->undoStack();
    else if (page == Providers)
        active = m_providersEditor->undoStack();
    m_undoGroup->setActiveStack(active);
    if (page == History)
        requestRevisions();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = RecentWorkspaces::list();
    for (const QString &path : recent) {
        QAction *action = m_recentMenu->addAction(QDir::toNativeSeparators(path), this, [this, path] {
            requestOpen(path, WorkspaceService::OpenMode::Existing);
        });
        action->setToolTip(path);
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent workspaces"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Clear List"), this, [this] {
        RecentWorkspaces::clear();
        rebuildRecentMenu();
    });
}

void MainWindow::setWorkspaceActionsEnabled(bool enabled)
{
    for (QAction *action : std::as_const(m_workspaceActions))
        action->setEnabled(enabled);
}

void MainWindow::updateWindowTitle()
{
    // "[*]" becomes "*" while the draft has unsaved changes.
    setWindowTitle(m_workspacePath.isEmpty() ? tr("Understudy")
                                             : tr("%1[*] — Understudy").arg(QFileInfo(m_workspacePath).fileName()));
    setWindowModified(m_draft->isDirty());
}

// ------------------------------------------------------------ requests

void MainWindow::openWorkspace(const QString &path)
{
    requestOpen(path, WorkspaceService::OpenMode::CreateDemoIfMissing);
}

void MainWindow::requestOpen(const QString &path, WorkspaceService::OpenMode mode)
{
    if (!settleDraft([this, path, mode] { requestOpen(path, mode); }))
        return;
    if (m_workspacePath.isEmpty()) {
        m_status->showOpening(path);
    } else {
        m_status->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    }
    WorkspaceService *service = m_store->service();
    QMetaObject::invokeMethod(service, [service, path, mode] { service->openWorkspace(path, mode); });
}

bool MainWindow::settleDraft(std::function<void()> proceed)
{
    if (!m_draft->isDirty())
        return true;
    const QMessageBox::StandardButton answer = QMessageBox::question(
        this, tr("Unsaved Changes"),
        tr("The config has changes that are not applied yet. Apply them as a new revision first?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Discard) {
        // The pages get the saved config back (and lose their history).
        m_draft->discard();
        m_summary->reset();
        return true;
    }
    if (answer != QMessageBox::Save)
        return false;
    if (!m_draft->canApply()) {
        QMessageBox::warning(this, tr("Unsaved Changes"),
                             tr("The changes have %n error(s) and cannot be applied. Fix them where they are shown "
                                "or discard them.",
                                nullptr, m_draft->errorCount()));
        for (const ValidationIssue &issue : m_draft->issues()) {
            if (issue.severity == ValidationIssue::Severity::Error) {
                showPage(pageOfIssue(issue));
                break;
            }
        }
        return false;
    }
    m_afterSave = std::move(proceed);
    applyDraft();
    return false;
}

QString MainWindow::draftSummary() const
{
    // e.g. "Routes: Edit path of chat-completions; Chains: Add step".
    const QString edits = m_summary->text();
    return edits.isEmpty() ? tr("Edited in the console") : edits;
}

void MainWindow::applyDraft()
{
    if (!m_draft->canApply() || m_pendingSave)
        return;
    m_pendingSave = *m_draft->draft();
    m_applyAction->setEnabled(false);
    m_status->showMessage(tr("Saving…"));
    WorkspaceService *service = m_store->service();
    QMetaObject::invokeMethod(service, [service, config = *m_pendingSave, summary = draftSummary()] {
        service->saveConfig(config, summary);
    });
}

void MainWindow::newWorkspace()
{
    if (const QString path = askNewWorkspacePath(this); !path.isEmpty())
        requestOpen(path, WorkspaceService::OpenMode::CreateNew);
}

void MainWindow::chooseWorkspace()
{
    if (const QString path = askOpenWorkspacePath(this); !path.isEmpty())
        requestOpen(path, WorkspaceService::OpenMode::Existing);
}

void MainWindow::importConfig()
{
    if (const QString path = askImportConfigPath(this); !path.isEmpty())
        importConfigFile(path);
}

void MainWindow::importConfigFile(const QString &jsonPath)
{
    m_status->showMessage(tr("Importing %1…").arg(QDir::toNativeSeparators(jsonPath)));
    WorkspaceService *service = m_store->service();
    QMetaObject::invokeMethod(service, [service, jsonPath] { service->importConfig(jsonPath); });
}

void MainWindow::exportConfig()
{
    if (const QString path = askExportConfigPath(this, m_workspacePath); !path.isEmpty())
        exportConfigFile(path);
}

void MainWindow::exportConfigFile(const QString &jsonPath)
{
    WorkspaceService *service = m_store->service();
    QMetaObject::invokeMethod(service, [service, jsonPath] { service->exportConfig(jsonPath); });
}

void MainWindow::requestRevisions()
{
    if (m_workspacePath.isEmpty())
        return;
    WorkspaceService *service = m_store->service();
    QMetaObject::invokeMethod(service, [service] { service->listRevisions(); });
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Understudy"),
                       tr("<h3>Understudy %1</h3>"
                          "<p>One place to declare how your API and LLM traffic fails over: design fallback "
                          "chains, watch live traffic, fallback triggers, error rates and logs.</p>"
                          "<p>Built with Qt %2.</p>")
                           .arg(QStringLiteral(UNDERSTUDY_VERSION), QString::fromLatin1(qVersion())));
}

// ------------------------------------------------------------ answers

void MainWindow::onOpened(const ConfigSnapshot &config, const QString &path,
                          const std::shared_ptr<Observability> &observability)
{
    m_workspacePath = path;
    RecentWorkspaces::add(path);
    rebuildRecentMenu();
    setWindowFilePath(path);
    setWorkspaceActionsEnabled(true);
    m_status->clearMessage();
    m_status->showWorkspace(path);
    m_pendingSave.reset();
    m_afterSave = {};
    m_designer->setSimulationAvailable(true);
    for (QWidget *page : {static_cast<QWidget *>(m_designer), static_cast<QWidget *>(m_routesEditor),
                          static_cast<QWidget *>(m_providersEditor)})
        page->setEnabled(true);
    m_draft->reset(config);
    m_summary->reset();
    m_history->clear();
    requestRevisions();
    // The running engine (of the previous workspace) keeps the old one
    // until it has drained; the restart below builds one with this.
    // The pages first: the host may release the previous Observability
    // at once (no engine running), and the pages must not hold it then.
    m_live->setObservability(observability.get());
    m_engine->setObservability(observability);
    m_live->setConfig(config);
    // Starting binds the listeners and spawns the workers: quick, no disk.
    m_engine->start(config);
}

void MainWindow::onOpenFailed(const QString &path, const QString &message)
{
    m_status->clearMessage();
    if (m_workspacePath.isEmpty())
        m_status->showNoWorkspace();
    QMessageBox::warning(this, tr("Cannot Open Workspace"),
                         tr("%1 could not be opened.\n\n%2").arg(QDir::toNativeSeparators(path), message));
}

void MainWindow::onConfigChanged(const ConfigSnapshot &config, const QString &summary, qint64 revision)
{
    // Our own Apply comes back with the config we sent: the pages already
    // show it (and maybe newer edits), and keep their undo history.
    const bool ownSave = m_pendingSave && *m_pendingSave == *config;
    if (ownSave) {
        m_pendingSave.reset();
        m_summary->reset();
        m_draft->setSaved(config);
    } else {
        // Import or restore: the pages start over from the stored config.
        m_draft->reset(config);
        m_summary->reset();
    }
    requestRevisions();

    const EngineHost::State before = m_engine->state();
    m_live->setConfig(config);
    if (Result<void> applied = m_engine->apply(config); !applied) {
        m_status->clearMessage();
        QMessageBox::warning(this, tr("Gateway Kept Its Config"),
                             tr("Revision %1 was saved, but the running gateway refused it and keeps its previous "
                                "config.\n\n%2")
                                 .arg(revision)
                                 .arg(applied.error().message));
    } else if (before == EngineHost::State::Running) {
        m_status->showMessage(tr("Applied revision %1: %2").arg(revision).arg(summary), 5000);
    } else {
        m_status->showMessage(
            tr("Saved revision %1: %2 (the gateway is not running; Start uses it)").arg(revision).arg(summary), 8000);
    }
    if (ownSave && m_afterSave)
        std::exchange(m_afterSave, {})();
}

void MainWindow::onImportRejected(const QString &jsonPath, const QStringList &issues)
{
    m_status->clearMessage();
    ImportIssuesDialog dialog(QFileInfo(jsonPath).fileName(), issues, this);
    dialog.exec();
}

void MainWindow::onExported(const QString &jsonPath)
{
    m_status->showMessage(tr("Exported the config to %1").arg(QDir::toNativeSeparators(jsonPath)), 5000);
}

void MainWindow::onOperationFailed(const QString &message)
{
    // A refused save leaves the draft as it was; whatever waited on it does not run.
    m_pendingSave.reset();
    m_afterSave = {};
    onDraftChanged();
    m_status->clearMessage();
    QMessageBox::warning(this, tr("Understudy"), message);
}

void MainWindow::onDraftChanged()
{
    pushDraftIntoPages();
    updateWindowTitle();
    m_applyAction->setEnabled(m_draft->canApply() && !m_pendingSave);
    const int errors = m_draft->errorCount();
    QPalette palette = m_draftStatus->palette();
    palette.setColor(QPalette::WindowText,
                     errors > 0 ? QColor(0xb0, 0x1c, 0x1c) : this->palette().color(QPalette::WindowText));
    m_draftStatus->setPalette(palette);
    if (!m_draft->isDirty())
        m_draftStatus->setText(m_draft->saved() ? tr("No unsaved changes") : QString());
    else if (errors > 0)
        m_draftStatus->setText(tr("%n error(s): fix them to apply", nullptr, errors));
    else
        m_draftStatus->setText(tr("Unsaved changes: Apply (%1) saves a revision and updates the gateway")
                                   .arg(m_applyAction->shortcut().toString(QKeySequence::NativeText)));
    m_draftStatus->setAccessibleName(m_draftStatus->text());
}

void MainWindow::pushDraftIntoPages()
{
    const ConfigSnapshot saved = m_draft->saved();
    if (!m_draft->isDirty() && !saved)
        return;
    const Config &current = m_draft->isDirty() ? *m_draft->draft() : *saved;
    // The page that made the edit already shows it: setConfig would ignore
    // it anyway, and skipping it keeps the summary's record of its edits.
    // The others take it and clear their history, which no longer applies.
    const auto push = [this, &current](auto *page) {
        if (page->config() == current)
            return;
        m_summary->keep(page->undoStack());
        page->setConfig(current);
    };
    push(m_designer);
    push(m_routesEditor);
    push(m_providersEditor);
}

} // namespace understudy
