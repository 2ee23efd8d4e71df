#include "GatewayControls.h"

#include "EngineHost.h"
#include "GatewayTray.h"
#include "WorkspaceStatusBar.h"

#include <QAction>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QWidget>

namespace understudy {

namespace {

QAction *gatewayAction(QWidget *window, const QString &text, const QString &objectName, const QKeySequence &key,
                       QStyle::StandardPixmap icon)
{
    auto *action = new QAction(window->style()->standardIcon(icon), text, window);
    action->setObjectName(objectName);
    action->setShortcut(key);
    action->setToolTip(
        GatewayControls::tr("%1 (%2)").arg(QString(text).remove(u'&'), key.toString(QKeySequence::NativeText)));
    return action;
}

} // namespace

GatewayControls::GatewayControls(EngineHost *engine, WorkspaceStatusBar *status, QWidget *window)
    : QObject(window)
    , m_engine(engine)
    , m_status(status)
    , m_window(window)
    , m_start(gatewayAction(window, tr("&Start Gateway"), QStringLiteral("startGateway"), QKeySequence(Qt::Key_F5),
                            QStyle::SP_MediaPlay))
    , m_stop(gatewayAction(window, tr("S&top Gateway"), QStringLiteral("stopGateway"),
                           QKeySequence(Qt::SHIFT | Qt::Key_F5), QStyle::SP_MediaStop))
    , m_restart(gatewayAction(window, tr("&Restart Gateway"), QStringLiteral("restartGateway"),
                              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F5), QStyle::SP_BrowserReload))
{
    connect(m_start, &QAction::triggered, m_engine, qOverload<>(&EngineHost::start));
    connect(m_stop, &QAction::triggered, m_engine, &EngineHost::stop);
    connect(m_restart, &QAction::triggered, m_engine, &EngineHost::restart);
    connect(m_engine, &EngineHost::stateChanged, this, &GatewayControls::onStateChanged);
    connect(m_engine, &EngineHost::statsSampled, this, &GatewayControls::onTraffic);
    onStateChanged();
}

void GatewayControls::createTray(QAction *quit)
{
    if (m_tray || !QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new GatewayTray(m_window, m_start, m_stop, quit, this);
    onStateChanged();
}

void GatewayControls::onStateChanged()
{
    const EngineHost::State state = m_engine->state();
    const bool running = state == EngineHost::State::Running;
    const bool idle = state == EngineHost::State::Stopped || state == EngineHost::State::Error;
    m_start->setEnabled(idle && m_engine->hasConfig());
    // Stop in the error state clears the error.
    m_stop->setEnabled(running || state == EngineHost::State::Error);
    m_restart->setEnabled((running || idle) && m_engine->hasConfig());

    const QString name = EngineHost::stateName(state);
    const QStringList addresses = m_engine->listenAddresses();
    m_status->showGatewayState(name, m_engine->errorText());
    if (m_engine->hasConfig())
        m_status->showListeners(addresses);
    if (m_tray) {
        m_tray->showState(name, state == EngineHost::State::Error ? m_engine->errorText()
                                                                  : addresses.join(QStringLiteral(", ")));
    }
    onTraffic(m_engine->requestsPerSecond(), m_engine->openBreakers());
}

void GatewayControls::onTraffic(double requestsPerSecond, int openBreakers)
{
    m_status->showTraffic(requestsPerSecond, openBreakers);
}

} // namespace understudy
