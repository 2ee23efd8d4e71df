#pragma once

// The step inspector's "class -> retry / next / stop" table: one row per
// configurable outcome class, showing the action the step takes
// (Step::actionFor) and whether it is the SPEC default or an override.
// Editing the action column writes an override into Step::onOutcome (or
// removes it when the default is chosen again).

#include "config/Config.h"

#include <QAbstractTableModel>

#include <vector>

namespace understudy {

class OutcomeActionModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutcomeActionModel)

public:
    enum Column { ClassColumn, ActionColumn, SourceColumn, ColumnCount };
    // ActionColumn, this role: the StepAction as int (for editors and tests).
    static constexpr int ActionRole = Qt::UserRole + 1;

    explicit OutcomeActionModel(QObject *parent = nullptr);

    void setStep(const Step &step);
    const Step &step() const { return m_step; }
    OutcomeClass outcomeAt(int row) const { return m_outcomes.at(std::size_t(row)); }
    int rowOf(OutcomeClass outcome) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Accepts a StepAction (int) or its name ("retry", "next", "stop").
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    static QString actionLabel(StepAction action);

signals:
    // The step's overrides changed by an edit in the table (not by setStep).
    void onOutcomeEdited(const std::map<OutcomeClass, StepAction> &onOutcome);

private:
    Step m_step;
    std::vector<OutcomeClass> m_outcomes;
};

} // namespace understudy
