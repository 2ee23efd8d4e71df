#include "LogFilterProxy.h"

#include "LogTableModel.h"

namespace understudy {

LogFilterProxy::LogFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{}

void LogFilterProxy::setLogModel(LogTableModel *model)
{
    m_model = model;
    setSourceModel(model);
}

void LogFilterProxy::setMinimumLevel(LogLevel level)
{
    if (m_minimum == level)
        return;
    m_minimum = level;
    invalidateFilter();
}

void LogFilterProxy::setSources(Sources sources)
{
    if (m_sources == sources)
        return;
    m_sources = sources;
    invalidateFilter();
}

void LogFilterProxy::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (m_search == trimmed)
        return;
    m_search = trimmed;
    invalidateFilter();
}

bool LogFilterProxy::accepts(const LogEntry &entry) const
{
    if (entry.level < m_minimum)
        return false;
    if (m_sources == Sources::Events && entry.origin != LogOrigin::Event)
        return false;
    if (m_sources == Sources::AppLog && entry.origin != LogOrigin::AppLog)
        return false;
    if (m_search.isEmpty())
        return true;
    return entry.message.contains(m_search, Qt::CaseInsensitive) ||
           entry.subject.contains(m_search, Qt::CaseInsensitive) ||
           entry.source.contains(m_search, Qt::CaseInsensitive);
}

bool LogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_model || sourceParent.isValid())
        return false;
    return accepts(m_model->entry(sourceRow));
}

} // namespace understudy
