#pragma once

#include "ConfigMetaType.h"
#include "WorkspaceService.h"

#include <QMainWindow>

class QListWidget;
class QMenu;
class QStackedWidget;

namespace understudy {

class ChainTableModel;
class ConfigListPage;
class ProviderTableModel;
class RouteTableModel;
class StoreThread;
class WorkspaceStatusBar;

// The console window. It only wires things together: the sidebar picks a
// page, menu actions become calls on the WorkspaceService (on the store
// thread), and the service's answers feed the models and the status bar.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // Sidebar order; Ctrl+1 … Ctrl+7 follow it.
    enum Page { Dashboard, Traffic, Chains, Routes, Providers, Logs, Settings, PageCount };
    Q_ENUM(Page)

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens `path`, creating the demo workspace there if the file is missing.
    void openWorkspace(const QString &path);
    QString workspacePath() const { return m_workspacePath; }
    void showPage(Page page);
    // The file-dialog-free halves of File ▸ Import/Export Config JSON.
    void importConfigFile(const QString &jsonPath);
    void exportConfigFile(const QString &jsonPath);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createPages();
    void createMenus();
    void restoreWindowState();
    void rebuildRecentMenu();
    void setWorkspaceActionsEnabled(bool enabled);

    void requestOpen(const QString &path, WorkspaceService::OpenMode mode);
    void newWorkspace();
    void chooseWorkspace();
    void importConfig();
    void exportConfig();
    void showAbout();

    void onOpened(const understudy::ConfigSnapshot &config, const QString &path);
    void onOpenFailed(const QString &path, const QString &message);
    void onConfigChanged(const understudy::ConfigSnapshot &config, const QString &summary);
    void onImportRejected(const QString &jsonPath, const QStringList &issues);
    void onExported(const QString &jsonPath);
    void onOperationFailed(const QString &message);
    void showConfig(const understudy::ConfigSnapshot &config);

    StoreThread *m_store;
    QListWidget *m_sidebar;
    QStackedWidget *m_pages;
    WorkspaceStatusBar *m_status;
    ChainTableModel *m_chains;
    RouteTableModel *m_routes;
    ProviderTableModel *m_providers;
    QList<ConfigListPage *> m_configPages;
    QMenu *m_recentMenu = nullptr;
    QList<QAction *> m_workspaceActions; // enabled only while a workspace is open
    QString m_workspacePath;
};

} // namespace understudy
