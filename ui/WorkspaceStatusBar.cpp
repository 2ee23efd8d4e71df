#include "WorkspaceStatusBar.h"

#include <QDir>
#include <QLabel>

namespace understudy {

namespace {

QLabel *statusLabel(const QString &accessibleName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setAccessibleName(accessibleName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setContentsMargins(6, 0, 6, 0);
    return label;
}

} // namespace

WorkspaceStatusBar::WorkspaceStatusBar(QWidget *parent)
    : QStatusBar(parent)
    , m_workspace(statusLabel(tr("Workspace"), this))
    , m_listeners(statusLabel(tr("Listeners"), this))
    , m_gateway(statusLabel(tr("Gateway state"), this))
    , m_rate(statusLabel(tr("Requests per second"), this))
    , m_breakers(statusLabel(tr("Open circuit breakers"), this))
{
    m_workspace->setObjectName(QStringLiteral("workspaceStatus"));
    m_listeners->setObjectName(QStringLiteral("listenerStatus"));
    m_gateway->setObjectName(QStringLiteral("gatewayStatus"));
    m_rate->setObjectName(QStringLiteral("rateStatus"));
    m_breakers->setObjectName(QStringLiteral("breakerStatus"));
    addWidget(m_workspace, 1);
    addPermanentWidget(m_listeners);
    addPermanentWidget(m_gateway);
    addPermanentWidget(m_rate);
    addPermanentWidget(m_breakers);
    showNoWorkspace();
    showGatewayState(tr("stopped"));
    showTraffic(0.0, 0);
}

void WorkspaceStatusBar::showOpening(const QString &path)
{
    m_workspace->setText(tr("Opening workspace… %1").arg(QDir::toNativeSeparators(path)));
    m_listeners->clear();
}

void WorkspaceStatusBar::showWorkspace(const QString &path)
{
    m_workspace->setText(tr("Workspace: %1").arg(QDir::toNativeSeparators(path)));
    m_workspace->setToolTip(QDir::toNativeSeparators(path));
}

void WorkspaceStatusBar::showNoWorkspace()
{
    m_workspace->setText(tr("No workspace open"));
    m_workspace->setToolTip({});
    m_listeners->clear();
}

void WorkspaceStatusBar::showListeners(const QStringList &addresses)
{
    m_listeners->setText(addresses.isEmpty() ? tr("No listeners")
                                             : tr("Listens on %1").arg(addresses.join(QStringLiteral(", "))));
}

void WorkspaceStatusBar::showGatewayState(const QString &state, const QString &reason)
{
    m_gateway->setText(tr("Gateway: %1").arg(state));
    m_gateway->setToolTip(reason);
    m_gateway->setAccessibleDescription(reason);
}

void WorkspaceStatusBar::showTraffic(double requestsPerSecond, int openBreakers)
{
    m_rate->setText(tr("%1 req/s").arg(requestsPerSecond, 0, 'f', 1));
    m_breakers->setText(tr("Open breakers: %1").arg(openBreakers));
}

} // namespace understudy
