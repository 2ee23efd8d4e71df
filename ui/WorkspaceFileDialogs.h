#pragma once

// The file dialogs of the File menu. Each starts in the folder the last one
// was used in and remembers the new one; "" means the user cancelled.

#include <QString>

class QWidget;

namespace understudy {

// A path for a new workspace, with ".understudy" added when it has no suffix.
QString askNewWorkspacePath(QWidget *parent);
QString askOpenWorkspacePath(QWidget *parent);
QString askImportConfigPath(QWidget *parent);
// Suggests "<workspace name>.json"; adds ".json" when the name has no suffix.
QString askExportConfigPath(QWidget *parent, const QString &workspacePath);

} // namespace understudy
