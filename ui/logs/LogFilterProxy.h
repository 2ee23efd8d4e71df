#pragma once

// What the Logs table shows: a minimum level, which sources (events, the
// application log or both) and a case-insensitive substring over message,
// subject and source (event kind or log category). Rows keep arrival order.

#include "LogEntry.h"

#include <QSortFilterProxyModel>

namespace understudy {

class LogTableModel;

class LogFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFilterProxy)

public:
    enum class Sources { All, Events, AppLog };

    explicit LogFilterProxy(QObject *parent = nullptr);

    void setLogModel(LogTableModel *model);
    void setMinimumLevel(LogLevel level);
    LogLevel minimumLevel() const { return m_minimum; }
    void setSources(Sources sources);
    Sources sources() const { return m_sources; }
    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }

    // Whether an entry passes the current filter.
    bool accepts(const LogEntry &entry) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    LogTableModel *m_model = nullptr;
    LogLevel m_minimum = LogLevel::Debug;
    Sources m_sources = Sources::All;
    QString m_search;
};

} // namespace understudy
