#include "TrafficProxyModel.h"

#include "TrafficModel.h"

namespace understudy {

TrafficProxyModel::TrafficProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(TrafficModel::SortRole);
    setDynamicSortFilter(true);
}

void TrafficProxyModel::setTrafficModel(TrafficModel *model)
{
    m_model = model;
    setSourceModel(model);
}

void TrafficProxyModel::setFilter(TrafficFilter filter)
{
    m_filter = std::move(filter);
    invalidateFilter();
}

bool TrafficProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_filter.isEmpty() || !m_model || sourceParent.isValid())
        return true;
    return m_filter.matches(m_model->trail(sourceRow));
}

} // namespace understudy
