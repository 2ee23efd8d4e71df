#pragma once

#include "ConfigMetaType.h"
#include "EngineHost.h"
#include "WorkspaceService.h"

#include <QMainWindow>

#include <functional>
#include <optional>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;
class QToolBar;
class QUndoGroup;
class QUndoStack;

namespace understudy {

class ChainDesignerPage;
class ConfigDraft;
class EditSummary;
class GatewayControls;
class HistoryPage;
class LivePages;
class ProvidersEditorPage;
class RoutesEditorPage;
class StoreThread;
class WorkspaceStatusBar;

// The console window. It only wires things together: the sidebar picks a
// page, menu actions become calls on the WorkspaceService (on the store
// thread) or the EngineHost, and their answers feed the pages, the status
// bar and the tray.
//
// The Chains, Routes and Providers pages edit one draft: whichever page
// emits configEdited updates the ConfigDraft, and every change of the draft
// is pushed into the pages with setConfig (a page already showing it keeps
// its undo history). Apply saves the draft as one revision whose summary
// names the pages that edited it.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // Sidebar order; Ctrl+1 … Ctrl+9 and Ctrl+0 follow it.
    enum Page { Dashboard, Traffic, Chains, Routes, Providers, Logs, Playground, Chaos, History, Settings, PageCount };
    Q_ENUM(Page)

    // The digit that with Ctrl shows `page`.
    static Qt::Key pageKey(Page page);

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens `path`, creating the demo workspace there if the file is missing.
    void openWorkspace(const QString &path);
    QString workspacePath() const { return m_workspacePath; }
    void showPage(Page page);
    // The file-dialog-free halves of File ▸ Import/Export Config JSON.
    void importConfigFile(const QString &jsonPath);
    void exportConfigFile(const QString &jsonPath);

    EngineHost *engineHost() const { return m_engine; }
    ChainDesignerPage *designer() const { return m_designer; }
    RoutesEditorPage *routesEditor() const { return m_routesEditor; }
    ProvidersEditorPage *providersEditor() const { return m_providersEditor; }
    HistoryPage *history() const { return m_history; }
    LivePages *livePages() const { return m_live; }
    // Saves the draft as a new revision and applies it to the gateway (Ctrl+S).
    void applyDraft();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createPages();
    void addEditorPage(QWidget *page, QUndoStack *stack, const QString &name);
    void createActions();
    void createMenus();
    void restoreWindowState();
    void rebuildRecentMenu();
    void setWorkspaceActionsEnabled(bool enabled);
    void updateWindowTitle();

    void requestOpen(const QString &path, WorkspaceService::OpenMode mode);
    void newWorkspace();
    void chooseWorkspace();
    void importConfig();
    void exportConfig();
    void showAbout();
    void quit();
    // With unsaved changes asks Save/Discard/Cancel. Returns true when
    // `proceed` may run now; after "Save" it runs once the save succeeded.
    bool settleDraft(std::function<void()> proceed);
    QString draftSummary() const;

    void onOpened(const understudy::ConfigSnapshot &config, const QString &path,
                  const std::shared_ptr<understudy::Observability> &observability);
    void onOpenFailed(const QString &path, const QString &message);
    void onConfigChanged(const understudy::ConfigSnapshot &config, const QString &summary, qint64 revision);
    void onImportRejected(const QString &jsonPath, const QStringList &issues);
    void onExported(const QString &jsonPath);
    void onOperationFailed(const QString &message);
    void onDraftChanged();
    void pushDraftIntoPages();
    void onPageChanged(int page);
    void requestRevisions();

    StoreThread *m_store;
    EngineHost *m_engine;
    ConfigDraft *m_draft;
    QListWidget *m_sidebar;
    QStackedWidget *m_pages;
    WorkspaceStatusBar *m_status;
    EditSummary *m_summary;
    LivePages *m_live = nullptr;
    ChainDesignerPage *m_designer = nullptr;
    RoutesEditorPage *m_routesEditor = nullptr;
    ProvidersEditorPage *m_providersEditor = nullptr;
    HistoryPage *m_history = nullptr;
    QUndoGroup *m_undoGroup;
    GatewayControls *m_gateway;
    QToolBar *m_toolbar = nullptr;
    QLabel *m_draftStatus = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_applyAction = nullptr;
    QAction *m_quitAction = nullptr;
    QList<QAction *> m_workspaceActions; // enabled only while a workspace is open
    QString m_workspacePath;
    std::function<void()> m_afterSave;   // runs when the pending Apply was saved
    std::optional<Config> m_pendingSave; // sent to the store, not yet confirmed
    bool m_quitting = false;
};

} // namespace understudy
