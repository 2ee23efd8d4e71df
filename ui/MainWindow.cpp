#include "MainWindow.h"

#include "ConfigTableModels.h"
#include "ConsolePages.h"
#include "ImportIssuesDialog.h"
#include "RecentWorkspaces.h"
#include "StoreThread.h"
#include "WorkspaceStatusBar.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>

namespace understudy {

namespace {

const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kPageKey = QStringLiteral("window/page");
const QString kLastFolderKey = QStringLiteral("workspaces/lastFolder");

QString workspaceFilter()
{
    return MainWindow::tr("Understudy workspaces (*.understudy);;All files (*)");
}

QString jsonFilter()
{
    return MainWindow::tr("Understudy config (*.json);;All files (*)");
}

QString lastFolder()
{
    return QSettings()
        .value(kLastFolderKey, QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
        .toString();
}

void rememberFolder(const QString &filePath)
{
    QSettings().setValue(kLastFolderKey, QFileInfo(filePath).absolutePath());
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_store(new StoreThread(this))
    , m_sidebar(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_status(new WorkspaceStatusBar(this))
    , m_chains(new ChainTableModel(this))
    , m_routes(new RouteTableModel(this))
    , m_providers(new ProviderTableModel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Understudy"));
    setStatusBar(m_status);

    createPages();
    createMenus();
    setWorkspaceActionsEnabled(false);

    WorkspaceService *service = m_store->service();
    connect(service, &WorkspaceService::opened, this, &MainWindow::onOpened);
    connect(service, &WorkspaceService::openFailed, this, &MainWindow::onOpenFailed);
    connect(service, &WorkspaceService::configChanged, this, &MainWindow::onConfigChanged);
    connect(service, &WorkspaceService::importRejected, this, &MainWindow::onImportRejected);
    connect(service, &WorkspaceService::exported, this, &MainWindow::onExported);
    connect(service, &WorkspaceService::operationFailed, this, &MainWindow::onOperationFailed);

    restoreWindowState();
}

MainWindow::~MainWindow() = default;

void MainWindow::createPages()
{
    struct PageInfo
    {
        QString icon;
        QString label;
    };
    const PageInfo pages[PageCount] = {
        {QStringLiteral("dashboard"), tr("Dashboard")}, {QStringLiteral("traffic"), tr("Traffic")},
        {QStringLiteral("chains"), tr("Chains")},       {QStringLiteral("routes"), tr("Routes")},
        {QStringLiteral("providers"), tr("Providers")}, {QStringLiteral("logs"), tr("Logs")},
        {QStringLiteral("settings"), tr("Settings")},
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
    m_pages->addWidget(new PlaceholderPage(
        tr("Dashboard"),
        tr("The live dashboard (request rate, error rate, fallback triggers and breaker states) arrives with the "
           "observability work."),
        m_sidebar->item(Dashboard)->icon(), m_pages));
    m_pages->addWidget(new PlaceholderPage(
        tr("Traffic"), tr("The live traffic table with each request's attempt trail arrives with the gateway engine."),
        m_sidebar->item(Traffic)->icon(), m_pages));

    const auto addConfigPage = [this](const QString &title, const QString &explanation, ConfigTableModel *model,
                                      const QString &objectName) {
        auto *page = new ConfigListPage(title, explanation, model, m_pages);
        page->view()->setObjectName(objectName);
        m_configPages << page;
        m_pages->addWidget(page);
    };
    addConfigPage(tr("Chains"),
                  tr("Fallback chains of this workspace, in the order their steps are tried. The visual chain "
                     "designer arrives with the chain editing work."),
                  m_chains, QStringLiteral("chainsTable"));
    addConfigPage(tr("Routes"), tr("Which inbound requests run which chain."), m_routes, QStringLiteral("routesTable"));
    addConfigPage(tr("Providers"), tr("Upstreams the chains can send requests to. Credentials are references only."),
                  m_providers, QStringLiteral("providersTable"));

    m_pages->addWidget(new PlaceholderPage(
        tr("Logs"), tr("The searchable request log and the event stream arrive with the observability work."),
        m_sidebar->item(Logs)->icon(), m_pages));
    m_pages->addWidget(new PlaceholderPage(
        tr("Settings"), tr("Listener, admin API and retention settings arrive with the gateway engine."),
        m_sidebar->item(Settings)->icon(), m_pages));
    Q_ASSERT(m_pages->count() == PageCount);

    connect(m_sidebar, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
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
    m_workspaceActions << file->addAction(tr("&Import Config JSON…"), this, &MainWindow::importConfig);
    m_workspaceActions << file->addAction(tr("&Export Config JSON…"), this, &MainWindow::exportConfig);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (int page = 0; page < PageCount; ++page) {
        QAction *action = view->addAction(m_sidebar->item(page)->icon(), m_sidebar->item(page)->text(), this,
                                          [this, page] { showPage(Page(page)); });
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + page)));
        m_sidebar->item(page)->setToolTip(
            tr("%1 (%2)").arg(action->text(), action->shortcut().toString(QKeySequence::NativeText)));
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Understudy"), this, &MainWindow::showAbout)->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::restoreWindowState()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray()))
        resize(1180, 740);
    restoreState(settings.value(kStateKey).toByteArray());
    const int page = settings.value(kPageKey, int(Dashboard)).toInt();
    showPage(page >= 0 && page < PageCount ? Page(page) : Dashboard);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kPageKey, m_pages->currentIndex());
    QMainWindow::closeEvent(event);
}

void MainWindow::showPage(Page page)
{
    m_sidebar->setCurrentRow(int(page));
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

// ------------------------------------------------------------ requests

void MainWindow::openWorkspace(const QString &path)
{
    requestOpen(path, WorkspaceService::OpenMode::CreateDemoIfMissing);
}

void MainWindow::requestOpen(const QString &path, WorkspaceService::OpenMode mode)
{
    if (m_workspacePath.isEmpty()) {
        m_status->showOpening(path);
        for (ConfigListPage *page : std::as_const(m_configPages))
            page->setStatusText(tr("Opening workspace…"));
    } else {
        m_status->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    }
    WorkspaceService *service = m_store->service();
    QMetaObject::invokeMethod(service, [service, path, mode] { service->openWorkspace(path, mode); });
}

void MainWindow::newWorkspace()
{
    // The service refuses to overwrite: an existing file is someone's workspace.
    const QString path = QFileDialog::getSaveFileName(this, tr("New Workspace"), lastFolder(), workspaceFilter(),
                                                      nullptr, QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    rememberFolder(path);
    const QString withSuffix = QFileInfo(path).suffix().isEmpty() ? path + QStringLiteral(".understudy") : path;
    requestOpen(withSuffix, WorkspaceService::OpenMode::CreateNew);
}

void MainWindow::chooseWorkspace()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Workspace"), lastFolder(), workspaceFilter());
    if (path.isEmpty())
        return;
    rememberFolder(path);
    requestOpen(path, WorkspaceService::OpenMode::Existing);
}

void MainWindow::importConfig()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Config JSON"), lastFolder(), jsonFilter());
    if (path.isEmpty())
        return;
    rememberFolder(path);
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
    const QString suggested =
        QDir(lastFolder()).filePath(QFileInfo(m_workspacePath).completeBaseName() + QStringLiteral(".json"));
    QString path = QFileDialog::getSaveFileName(this, tr("Export Config JSON"), suggested, jsonFilter());
    if (path.isEmpty())
        return;
    rememberFolder(path);
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    exportConfigFile(path);
}

void MainWindow::exportConfigFile(const QString &jsonPath)
{
    WorkspaceService *service = m_store->service();
    QMetaObject::invokeMethod(service, [service, jsonPath] { service->exportConfig(jsonPath); });
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

void MainWindow::onOpened(const ConfigSnapshot &config, const QString &path)
{
    m_workspacePath = path;
    RecentWorkspaces::add(path);
    rebuildRecentMenu();
    setWindowTitle(tr("%1 — Understudy").arg(QFileInfo(path).fileName()));
    setWindowFilePath(path);
    setWorkspaceActionsEnabled(true);
    m_status->clearMessage();
    m_status->showWorkspace(path, *config);
    showConfig(config);
}

void MainWindow::onOpenFailed(const QString &path, const QString &message)
{
    m_status->clearMessage();
    if (m_workspacePath.isEmpty()) {
        m_status->showNoWorkspace();
        for (ConfigListPage *page : std::as_const(m_configPages))
            page->setStatusText(tr("No workspace open. Use File ▸ Open Workspace… or File ▸ New Workspace…"));
    }
    QMessageBox::warning(this, tr("Cannot Open Workspace"),
                         tr("%1 could not be opened.\n\n%2").arg(QDir::toNativeSeparators(path), message));
}

void MainWindow::onConfigChanged(const ConfigSnapshot &config, const QString &summary)
{
    m_status->showWorkspace(m_workspacePath, *config);
    m_status->showMessage(summary, 5000);
    showConfig(config);
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
    m_status->clearMessage();
    QMessageBox::warning(this, tr("Understudy"), message);
}

void MainWindow::showConfig(const ConfigSnapshot &config)
{
    m_chains->setConfig(config);
    m_routes->setConfig(config);
    m_providers->setConfig(config);
}

} // namespace understudy
