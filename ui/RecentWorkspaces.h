#pragma once

#include <QStringList>

namespace understudy {

// The most recently opened workspace files, newest first, kept in QSettings.
class RecentWorkspaces final
{
public:
    static constexpr int kMaxEntries = 8;

    static QStringList list();
    static void add(const QString &path);
    static void remove(const QString &path);
    static void clear();
};

} // namespace understudy
