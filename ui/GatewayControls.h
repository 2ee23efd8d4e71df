#pragma once

// The window's controls of the hosted gateway: the Start/Stop/Restart
// actions (toolbar, Gateway menu, tray), and everything that shows the
// gateway's state: status bar and tray tooltip.

#include <QObject>

class QAction;
class QWidget;

namespace understudy {

class EngineHost;
class GatewayTray;
class WorkspaceStatusBar;

class GatewayControls final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GatewayControls)

public:
    // `window` parents the actions (so their shortcuts work in it) and is
    // what the tray shows and hides.
    GatewayControls(EngineHost *engine, WorkspaceStatusBar *status, QWidget *window);

    QAction *startAction() const { return m_start; }
    QAction *stopAction() const { return m_stop; }
    QAction *restartAction() const { return m_restart; }

    // A tray icon with Start/Stop, Show/Hide and `quit`, when the desktop has a tray.
    void createTray(QAction *quit);
    bool hasTray() const { return m_tray != nullptr; }

private:
    void onStateChanged();
    void onTraffic(double requestsPerSecond, int openBreakers);

    EngineHost *m_engine;
    WorkspaceStatusBar *m_status;
    QWidget *m_window;
    QAction *m_start;
    QAction *m_stop;
    QAction *m_restart;
    GatewayTray *m_tray = nullptr;
};

} // namespace understudy
