#pragma once

// The active injections as a table: provider, model, fault, parameters,
// remaining time and note. The page hands it ChaosRegistry::list() once a
// second; rows are reset only when the set of injections changed, so the
// selection survives the countdown.

#include "fallback/ChaosRegistry.h"

#include <QAbstractTableModel>

#include <vector>

namespace understudy {

class ChaosInjectionModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChaosInjectionModel)

public:
    enum Column { Provider, Model, Fault, Parameters, Remaining, Note, ColumnCount };
    // Qt::UserRole on any column: the injection id (quint64).
    // RemainingMsRole on the Remaining column: milliseconds left (qint64).
    static constexpr int RemainingMsRole = Qt::UserRole + 1;

    explicit ChaosInjectionModel(QObject *parent = nullptr);

    // `nowMs` on the registry's clock, for the countdown.
    void setInjections(std::vector<ChaosInjection> injections, qint64 nowMs);
    const ChaosInjection &injection(int row) const { return m_rows.at(size_t(row)); }

    // "m:ss" (or "h:mm:ss"), rounded up so a 3 s injection starts at 0:03.
    static QString countdownText(qint64 remainingMs);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<ChaosInjection> m_rows;
    qint64 m_nowMs = 0;
};

} // namespace understudy
