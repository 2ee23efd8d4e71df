#include "RecentWorkspaces.h"

#include <QSettings>

namespace understudy {

namespace {

const QString kKey = QStringLiteral("workspaces/recent");

void store(const QStringList &paths)
{
    QSettings().setValue(kKey, paths);
}

} // namespace

QStringList RecentWorkspaces::list()
{
    return QSettings().value(kKey).toStringList();
}

void RecentWorkspaces::add(const QString &path)
{
    QStringList paths = list();
    paths.removeAll(path);
    paths.prepend(path);
    while (paths.size() > kMaxEntries)
        paths.removeLast();
    store(paths);
}

void RecentWorkspaces::remove(const QString &path)
{
    QStringList paths = list();
    paths.removeAll(path);
    store(paths);
}

void RecentWorkspaces::clear()
{
    store({});
}

} // namespace understudy
