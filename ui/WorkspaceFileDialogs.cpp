#include "WorkspaceFileDialogs.h"

#include "MainWindow.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace understudy {

namespace {

const QString kLastFolderKey = QStringLiteral("workspaces/lastFolder");

// The texts belong to the window's translation context, where they always were.
QString workspaceFilter()
{
    return MainWindow::tr("Understudy workspaces (*.understudy);;All files (*)");
}

QString jsonFilter()
{
    return MainWindow::tr("Understudy config (*.json);;All files (*)");
}

QString lastFolder()
{
    return QSettings()
        .value(kLastFolderKey, QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
        .toString();
}

QString remembered(const QString &path)
{
    if (!path.isEmpty())
        QSettings().setValue(kLastFolderKey, QFileInfo(path).absolutePath());
    return path;
}

QString withSuffix(const QString &path, const QString &suffix)
{
    return path.isEmpty() || !QFileInfo(path).suffix().isEmpty() ? path : path + u'.' + suffix;
}

} // namespace

QString askNewWorkspacePath(QWidget *parent)
{
    // The service refuses to overwrite: an existing file is someone's workspace.
    const QString path = QFileDialog::getSaveFileName(parent, MainWindow::tr("New Workspace"), lastFolder(),
                                                      workspaceFilter(), nullptr, QFileDialog::DontConfirmOverwrite);
    return withSuffix(remembered(path), QStringLiteral("understudy"));
}

QString askOpenWorkspacePath(QWidget *parent)
{
    return remembered(
        QFileDialog::getOpenFileName(parent, MainWindow::tr("Open Workspace"), lastFolder(), workspaceFilter()));
}

QString askImportConfigPath(QWidget *parent)
{
    return remembered(
        QFileDialog::getOpenFileName(parent, MainWindow::tr("Import Config JSON"), lastFolder(), jsonFilter()));
}

QString askExportConfigPath(QWidget *parent, const QString &workspacePath)
{
    const QString suggested =
        QDir(lastFolder()).filePath(QFileInfo(workspacePath).completeBaseName() + QStringLiteral(".json"));
    const QString path =
        QFileDialog::getSaveFileName(parent, MainWindow::tr("Export Config JSON"), suggested, jsonFilter());
    return withSuffix(remembered(path), QStringLiteral("json"));
}

} // namespace understudy
