#pragma once

#include "config/Config.h"

#include <QStatusBar>

class QLabel;

namespace understudy {

// Permanent status: which workspace is open, where its gateway listens,
// whether the gateway runs (with the reason when it failed), its request
// rate and how many circuit breakers are open.
class WorkspaceStatusBar final : public QStatusBar
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceStatusBar)

public:
    explicit WorkspaceStatusBar(QWidget *parent = nullptr);

    void showOpening(const QString &path);
    void showWorkspace(const QString &path);
    void showNoWorkspace();

    void showListeners(const QStringList &addresses);
    // `state` is the user-facing name ("running", "stopped", "error");
    // `reason` becomes the tooltip.
    void showGatewayState(const QString &state, const QString &reason = {});
    void showTraffic(double requestsPerSecond, int openBreakers);

private:
    QLabel *m_workspace;
    QLabel *m_listeners;
    QLabel *m_gateway;
    QLabel *m_rate;
    QLabel *m_breakers;
};

} // namespace understudy
