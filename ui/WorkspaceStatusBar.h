#pragma once

#include "config/Config.h"

#include <QStatusBar>

class QLabel;

namespace understudy {

// Permanent status: which workspace is open, where its gateway listens and
// whether the gateway runs.
class WorkspaceStatusBar final : public QStatusBar
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceStatusBar)

public:
    explicit WorkspaceStatusBar(QWidget *parent = nullptr);

    void showOpening(const QString &path);
    void showWorkspace(const QString &path, const Config &config);
    void showNoWorkspace();

private:
    QLabel *m_workspace;
    QLabel *m_listeners;
    QLabel *m_gateway;
};

} // namespace understudy
