#include "GatewayTray.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QWidget>

namespace understudy {

GatewayTray::GatewayTray(QWidget *window, QAction *start, QAction *stop, QAction *quit, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_menu(new QMenu)
    , m_showHide(new QAction(this))
    , m_icon(new QSystemTrayIcon(QApplication::windowIcon(), this))
{
    m_menu->addAction(m_showHide);
    m_menu->addSeparator();
    m_menu->addAction(start);
    m_menu->addAction(stop);
    m_menu->addSeparator();
    m_menu->addAction(quit);
    m_icon->setContextMenu(m_menu);
    connect(m_showHide, &QAction::triggered, this, &GatewayTray::toggleWindow);
    connect(m_menu, &QMenu::aboutToShow, this, &GatewayTray::updateShowHideText);
    connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger)
            toggleWindow();
    });
    updateShowHideText();
    m_icon->show();
}

// QSystemTrayIcon does not own its context menu.
GatewayTray::~GatewayTray()
{
    delete m_menu;
}

void GatewayTray::showState(const QString &state, const QString &details)
{
    m_icon->setToolTip(details.isEmpty() ? tr("Understudy gateway: %1").arg(state)
                                         : tr("Understudy gateway: %1\n%2").arg(state, details));
}

void GatewayTray::toggleWindow()
{
    if (m_window->isVisible() && !m_window->isMinimized()) {
        m_window->hide();
    } else {
        m_window->showNormal();
        m_window->raise();
        m_window->activateWindow();
    }
    updateShowHideText();
}

void GatewayTray::updateShowHideText()
{
    m_showHide->setText(m_window->isVisible() && !m_window->isMinimized() ? tr("&Hide Window") : tr("&Show Window"));
}

} // namespace understudy
