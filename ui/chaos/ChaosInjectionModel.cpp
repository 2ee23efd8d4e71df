#include "ChaosInjectionModel.h"

#include "ChaosFaults.h"

#include <algorithm>

namespace understudy {

ChaosInjectionModel::ChaosInjectionModel(QObject *parent) : QAbstractTableModel(parent)
{}

void ChaosInjectionModel::setInjections(std::vector<ChaosInjection> injections, qint64 nowMs)
{
    const bool sameRows = std::equal(m_rows.begin(), m_rows.end(), injections.begin(), injections.end(),
                                     [](const ChaosInjection &a, const ChaosInjection &b) { return a.id == b.id; });
    m_nowMs = nowMs;
    if (!sameRows) {
        beginResetModel();
        m_rows = std::move(injections);
        endResetModel();
        return;
    }
    m_rows = std::move(injections);
    if (!m_rows.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QString ChaosInjectionModel::countdownText(qint64 remainingMs)
{
    const qint64 total = (std::max<qint64>(0, remainingMs) + 999) / 1000;
    const qint64 hours = total / 3600;
    const qint64 minutes = (total / 60) % 60;
    const qint64 seconds = total % 60;
    const QChar zero(u'0');
    if (hours > 0)
        return QStringLiteral("%1:%2:%3").arg(hours).arg(minutes, 2, 10, zero).arg(seconds, 2, 10, zero);
    return QStringLiteral("%1:%2").arg(minutes).arg(seconds, 2, 10, zero);
}

int ChaosInjectionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ChaosInjectionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChaosInjectionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ChaosInjection &i = m_rows[size_t(index.row())];
    const qint64 remaining = std::max<qint64>(0, i.expiresAtMs - m_nowMs);
    if (role == Qt::UserRole)
        return QVariant::fromValue(i.id);
    if (role == RemainingMsRole && index.column() == Remaining)
        return QVariant::fromValue(remaining);
    if (role == Qt::TextAlignmentRole && index.column() == Remaining)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Provider:
        return i.provider;
    case Model:
        return i.model.isEmpty() ? tr("all models") : i.model;
    case Fault:
        return faultTitle(i.fault.fault);
    case Parameters:
        return faultParameterText(i.fault);
    case Remaining:
        return countdownText(remaining);
    case Note:
        return i.note;
    default:
        return {};
    }
}

QVariant ChaosInjectionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Provider:
        return tr("Provider");
    case Model:
        return tr("Model");
    case Fault:
        return tr("Fault");
    case Parameters:
        return tr("Parameters");
    case Remaining:
        return tr("Remaining");
    case Note:
        return tr("Note");
    default:
        return {};
    }
}

} // namespace understudy
