#include "designer/OutcomeActionModel.h"

#include <QBrush>
#include <QFont>
#include <QPalette>

namespace understudy {

OutcomeActionModel::OutcomeActionModel(QObject *parent) : QAbstractTableModel(parent)
{
    for (OutcomeClass outcome : kAllOutcomeClasses) {
        if (isConfigurableOutcome(outcome))
            m_outcomes.push_back(outcome);
    }
}

void OutcomeActionModel::setStep(const Step &step)
{
    if (step == m_step)
        return;
    m_step = step;
    // Same rows, new values: a data change, not a reset, keeps the view's
    // selection and scroll position while the operator edits.
    emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int OutcomeActionModel::rowOf(OutcomeClass outcome) const
{
    const auto it = std::find(m_outcomes.begin(), m_outcomes.end(), outcome);
    return it == m_outcomes.end() ? -1 : int(it - m_outcomes.begin());
}

int OutcomeActionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_outcomes.size());
}

int OutcomeActionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString OutcomeActionModel::actionLabel(StepAction action)
{
    switch (action) {
    case StepAction::Retry:
        return tr("retry, then next");
    case StepAction::Next:
        return tr("next");
    case StepAction::Stop:
        return tr("stop");
    }
    return {};
}

QVariant OutcomeActionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OutcomeClass outcome = m_outcomes[std::size_t(index.row())];
    const StepAction action = m_step.actionFor(outcome);
    const bool overridden = m_step.onOutcome.count(outcome) > 0;
    switch (index.column()) {
    case ClassColumn:
        if (role == Qt::DisplayRole)
            return outcomeClassName(outcome);
        break;
    case ActionColumn:
        if (role == Qt::DisplayRole)
            return actionLabel(action);
        if (role == Qt::EditRole || role == ActionRole)
            return int(action);
        if (role == Qt::FontRole && overridden) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case SourceColumn:
        if (role == Qt::DisplayRole)
            return overridden ? tr("override (default: %1)").arg(actionLabel(defaultStepAction(outcome)))
                              : tr("default");
        if (role == Qt::ForegroundRole && !overridden)
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        break;
    default:
        break;
    }
    if (role == Qt::ToolTipRole)
        return tr("What this step does after an attempt ends in %1.").arg(outcomeClassName(outcome));
    return {};
}

QVariant OutcomeActionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ClassColumn:
        return tr("Outcome");
    case ActionColumn:
        return tr("Action");
    case SourceColumn:
        return tr("Source");
    default:
        return {};
    }
}

Qt::ItemFlags OutcomeActionModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == ActionColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool OutcomeActionModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        index.column() != ActionColumn || (role != Qt::EditRole && role != ActionRole))
        return false;
    std::optional<StepAction> action;
    if (value.typeId() == QMetaType::QString) {
        action = stepActionFromName(value.toString());
    } else {
        bool ok = false;
        const int raw = value.toInt(&ok);
        if (ok && raw >= int(StepAction::Retry) && raw <= int(StepAction::Stop))
            action = StepAction(raw);
    }
    if (!action)
        return false;
    const OutcomeClass outcome = m_outcomes[std::size_t(index.row())];
    auto overrides = m_step.onOutcome;
    if (*action == defaultStepAction(outcome))
        overrides.erase(outcome);
    else
        overrides[outcome] = *action;
    if (overrides == m_step.onOutcome)
        return true;
    m_step.onOutcome = overrides;
    emit dataChanged(this->index(index.row(), ActionColumn), this->index(index.row(), SourceColumn));
    emit onOutcomeEdited(m_step.onOutcome);
    return true;
}

} // namespace understudy
