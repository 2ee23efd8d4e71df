#pragma once

// The designer's inspector: a form for the selected step (name, kind
// fields, timeouts, retries, breaker, hedging, the outcome -> action table
// and conditions). Every change is reported as the whole edited Step with
// a field key; the page turns it into an undoable edit (consecutive edits
// of the same field merge into one undo step). setStep() never reports.

#include "config/Config.h"

#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;
class QTableView;
class QTableWidget;

namespace understudy {

class OutcomeActionModel;

class StepInspector final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StepInspector)

public:
    explicit StepInspector(QWidget *parent = nullptr);

    // Providers and chains offered by the target and nested-chain pickers.
    void setContext(const Config &config, const QString &chainName);
    void setStep(int index, const Step &step);
    void clearStep();
    // The engine's validation messages for the shown step, above the form.
    void setProblems(const QStringList &errors, const QStringList &warnings);
    QString problemsText() const;

    int stepIndex() const { return m_index; }
    const Step &step() const { return m_step; }
    OutcomeActionModel *outcomeModel() const { return m_outcomes; }
    QTableView *outcomeView() const { return m_outcomeView; }

    // "header x-tier equals gold", "stream equals true", "prompt_tokens less_than 8000".
    static QString conditionToText(const Condition &condition);
    static std::optional<Condition> conditionFromText(const QString &text);

signals:
    void stepEdited(int index, const Step &step, const QString &field);

private:
    QSpinBox *msSpin(const QString &accessibleName, int maximum);
    void bindInt(QSpinBox *spin, const QString &field, std::function<void(Step &, int)> apply);
    void commit(const Step &step, const QString &field);
    void buildTargetsTable();
    void readTargetsTable();
    void readConditions();
    void refreshWidgets();

    Step m_step;
    int m_index = -1;
    bool m_updating = false;

    QLabel *m_empty;
    QLabel *m_problems;
    QWidget *m_form;
    QLineEdit *m_name;
    QLabel *m_kind;
    QGroupBox *m_targetBox;
    QTableWidget *m_targets;
    QComboBox *m_balance;
    QGroupBox *m_chainBox;
    QComboBox *m_chain;
    QGroupBox *m_cacheBox;
    QSpinBox *m_staleness;
    QGroupBox *m_staticBox;
    QSpinBox *m_status;
    QLineEdit *m_contentType;
    QPlainTextEdit *m_body;
    QGroupBox *m_policyBox;
    QSpinBox *m_connect;
    QSpinBox *m_firstByte;
    QSpinBox *m_idle;
    QSpinBox *m_total;
    QSpinBox *m_retries;
    QSpinBox *m_backoffBase;
    QSpinBox *m_backoffCap;
    QSpinBox *m_retryAfterCap;
    QCheckBox *m_breakerEnabled;
    QSpinBox *m_breakerFailures;
    QDoubleSpinBox *m_breakerRatio;
    QSpinBox *m_breakerWindow;
    QSpinBox *m_breakerVolume;
    QSpinBox *m_breakerOpenBase;
    QSpinBox *m_breakerOpenMax;
    QSpinBox *m_breakerProbes;
    QCheckBox *m_hedgeEnabled;
    QSpinBox *m_hedgeAfter;
    OutcomeActionModel *m_outcomes;
    QTableView *m_outcomeView;
    QListWidget *m_conditions;
};

} // namespace understudy
