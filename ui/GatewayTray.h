#pragma once

// The system tray icon of the console: shows whether the gateway runs and
// offers Start/Stop, Show/Hide of the window and Quit. Only created when
// QSystemTrayIcon::isSystemTrayAvailable() (never under -platform offscreen).

#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace understudy {

class GatewayTray final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GatewayTray)

public:
    // `start`, `stop` and `quit` are the window's actions, shared so their
    // enabled state follows the gateway.
    GatewayTray(QWidget *window, QAction *start, QAction *stop, QAction *quit, QObject *parent = nullptr);
    ~GatewayTray() override;

    void showState(const QString &state, const QString &details);

private:
    void toggleWindow();
    void updateShowHideText();

    QWidget *m_window;
    QMenu *m_menu;
    QAction *m_showHide;
    QSystemTrayIcon *m_icon;
};

} // namespace understudy
