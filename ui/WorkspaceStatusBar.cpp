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
{
    m_workspace->setObjectName(QStringLiteral("workspaceStatus"));
    m_listeners->setObjectName(QStringLiteral("listenerStatus"));
    m_gateway->setObjectName(QStringLiteral("gatewayStatus"));
    addWidget(m_workspace, 1);
    addPermanentWidget(m_listeners);
    addPermanentWidget(m_gateway);
    showNoWorkspace();
}

void WorkspaceStatusBar::showOpening(const QString &path)
{
    m_workspace->setText(tr("Opening workspace… %1").arg(QDir::toNativeSeparators(path)));
    m_listeners->clear();
    // The engine arrives with a later piece of work; until then it never runs.
    m_gateway->setText(tr("Gateway: stopped"));
}

void WorkspaceStatusBar::showWorkspace(const QString &path, const Config &config)
{
    m_workspace->setText(tr("Workspace: %1").arg(QDir::toNativeSeparators(path)));
    m_workspace->setToolTip(QDir::toNativeSeparators(path));
    QStringList addresses;
    for (const Listener &listener : config.listeners) {
        // Bracket IPv6 literals so the port stays readable.
        const QString host = listener.address.contains(u':') ? u'[' + listener.address + u']' : listener.address;
        addresses << host + u':' + QString::number(listener.port);
    }
    m_listeners->setText(addresses.isEmpty() ? tr("No listeners")
                                             : tr("Listens on %1").arg(addresses.join(QStringLiteral(", "))));
    m_gateway->setText(tr("Gateway: stopped"));
}

void WorkspaceStatusBar::showNoWorkspace()
{
    m_workspace->setText(tr("No workspace open"));
    m_workspace->setToolTip({});
    m_listeners->clear();
    m_gateway->setText(tr("Gateway: stopped"));
}

} // namespace understudy
