#pragma once

// Sorting (by TrafficModel::SortRole, so numbers sort as numbers) and the
// filter expression over the live traffic table.

#include "TrafficFilter.h"

#include <QSortFilterProxyModel>

namespace understudy {

class TrafficModel;

class TrafficProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficProxyModel)

public:
    explicit TrafficProxyModel(QObject *parent = nullptr);

    void setTrafficModel(TrafficModel *model);
    void setFilter(TrafficFilter filter);
    const TrafficFilter &filter() const { return m_filter; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    TrafficModel *m_model = nullptr;
    TrafficFilter m_filter;
};

} // namespace understudy
