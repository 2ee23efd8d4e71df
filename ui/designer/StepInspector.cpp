#include "designer/StepInspector.h"

#include "designer/OutcomeActionModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace understudy {

namespace {

// Edits the action column of the outcome table with a retry/next/stop combo.
class ActionDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        auto *combo = new QComboBox(parent);
        for (StepAction action : {StepAction::Retry, StepAction::Next, StepAction::Stop})
            combo->addItem(OutcomeActionModel::actionLabel(action), int(action));
        combo->setAccessibleName(OutcomeActionModel::tr("Action"));
        return combo;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        auto *combo = static_cast<QComboBox *>(editor);
        combo->setCurrentIndex(combo->findData(index.data(OutcomeActionModel::ActionRole)));
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        model->setData(index, static_cast<QComboBox *>(editor)->currentData(), OutcomeActionModel::ActionRole);
    }
};

QString minuteText(int minute)
{
    return QStringLiteral("%1:%2").arg(minute / 60, 2, 10, QLatin1Char('0')).arg(minute % 60, 2, 10, QLatin1Char('0'));
}

std::optional<int> minuteFromText(const QString &text)
{
    const QStringList parts = text.split(u':');
    bool okHours = false;
    bool okMinutes = false;
    if (parts.size() != 2)
        return std::nullopt;
    const int hours = parts[0].toInt(&okHours);
    const int minutes = parts[1].toInt(&okMinutes);
    if (!okHours || !okMinutes)
        return std::nullopt;
    return hours * 60 + minutes;
}

} // namespace

StepInspector::StepInspector(QWidget *parent) : QWidget(parent), m_outcomes(new OutcomeActionModel(this))
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_empty = new QLabel(tr("Select a step on the canvas to edit it."), this);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    outer->addWidget(m_empty);
    m_form = new QWidget(this);
    outer->addWidget(m_form);
    auto *layout = new QVBoxLayout(m_form);
    layout->setContentsMargins(0, 0, 0, 0);
    m_problems = new QLabel(m_form);
    m_problems->setWordWrap(true);
    m_problems->setAccessibleName(tr("Problems of this step"));
    m_problems->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; border: 1px solid #f4b4ae; "
                                             "border-radius: 6px; padding: 6px; color: #8a1c14; }"));
    m_problems->hide();
    layout->addWidget(m_problems);

    auto *identity = new QFormLayout;
    m_name = new QLineEdit(m_form);
    m_name->setAccessibleName(tr("Step name"));
    m_kind = new QLabel(m_form);
    identity->addRow(tr("&Name"), m_name);
    identity->addRow(tr("Kind"), m_kind);
    layout->addLayout(identity);
    connect(m_name, &QLineEdit::textEdited, this, [this](const QString &text) {
        Step step = m_step;
        step.name = text;
        commit(step, QStringLiteral("name"));
    });

    // Targets and balancing (provider and group steps).
    m_targetBox = new QGroupBox(tr("Targets"), m_form);
    auto *targetLayout = new QVBoxLayout(m_targetBox);
    m_targets = new QTableWidget(0, 3, m_targetBox);
    m_targets->setHorizontalHeaderLabels({tr("Provider"), tr("Model"), tr("Weight")});
    m_targets->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_targets->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_targets->verticalHeader()->setDefaultSectionSize(24);
    m_targets->verticalHeader()->hide();
    m_targets->setAccessibleName(tr("Targets"));
    m_targets->setMaximumHeight(110);
    targetLayout->addWidget(m_targets);
    auto *targetButtons = new QHBoxLayout;
    auto *addTarget = new QPushButton(tr("Add target"), m_targetBox);
    auto *removeTarget = new QPushButton(tr("Remove target"), m_targetBox);
    targetButtons->addWidget(addTarget);
    targetButtons->addWidget(removeTarget);
    m_balance = new QComboBox(m_targetBox);
    m_balance->setAccessibleName(tr("Balance strategy"));
    for (BalanceStrategy s : {BalanceStrategy::Weighted, BalanceStrategy::RoundRobin, BalanceStrategy::LeastInFlight,
                              BalanceStrategy::LowestLatency})
        m_balance->addItem(balanceStrategyName(s), int(s));
    targetButtons->addWidget(m_balance, 1);
    targetLayout->addLayout(targetButtons);
    layout->addWidget(m_targetBox);
    connect(m_targets, &QTableWidget::itemChanged, this, [this] { readTargetsTable(); });
    connect(addTarget, &QPushButton::clicked, this, [this] {
        Step step = m_step;
        step.targets.push_back(step.targets.empty() ? Target{} : step.targets.back());
        commit(step, QStringLiteral("targets.add"));
    });
    connect(removeTarget, &QPushButton::clicked, this, [this] {
        const int row = m_targets->currentRow() >= 0 ? m_targets->currentRow() : m_targets->rowCount() - 1;
        if (row < 0)
            return;
        Step step = m_step;
        step.targets.erase(step.targets.begin() + row);
        commit(step, QStringLiteral("targets.remove"));
    });
    connect(m_balance, &QComboBox::activated, this, [this] {
        Step step = m_step;
        step.balance = BalanceStrategy(m_balance->currentData().toInt());
        commit(step, QStringLiteral("balance"));
    });

    m_chainBox = new QGroupBox(tr("Nested chain"), m_form);
    auto *chainLayout = new QFormLayout(m_chainBox);
    m_chain = new QComboBox(m_chainBox);
    m_chain->setAccessibleName(tr("Nested chain"));
    chainLayout->addRow(tr("Runs"), m_chain);
    layout->addWidget(m_chainBox);
    connect(m_chain, &QComboBox::activated, this, [this] {
        Step step = m_step;
        step.chain = m_chain->currentText();
        commit(step, QStringLiteral("chain"));
    });

    m_cacheBox = new QGroupBox(tr("Cache"), m_form);
    auto *cacheLayout = new QFormLayout(m_cacheBox);
    m_staleness = msSpin(tr("Max staleness"), 7 * 24 * 3600 * 1000);
    cacheLayout->addRow(tr("Max staleness"), m_staleness);
    layout->addWidget(m_cacheBox);
    bindInt(m_staleness, QStringLiteral("max_staleness"), [](Step &s, int v) { s.maxStalenessMs = v; });

    m_staticBox = new QGroupBox(tr("Static answer"), m_form);
    auto *staticLayout = new QFormLayout(m_staticBox);
    m_status = new QSpinBox(m_staticBox);
    m_status->setRange(0, 999);
    m_status->setAccessibleName(tr("Status"));
    m_contentType = new QLineEdit(m_staticBox);
    m_contentType->setAccessibleName(tr("Content type"));
    m_body = new QPlainTextEdit(m_staticBox);
    m_body->setAccessibleName(tr("Body"));
    m_body->setMaximumHeight(80);
    staticLayout->addRow(tr("Status"), m_status);
    staticLayout->addRow(tr("Content type"), m_contentType);
    staticLayout->addRow(tr("Body"), m_body);
    layout->addWidget(m_staticBox);
    bindInt(m_status, QStringLiteral("response.status"), [](Step &s, int v) { s.response.status = v; });
    connect(m_contentType, &QLineEdit::textEdited, this, [this](const QString &text) {
        Step step = m_step;
        step.response.contentType = text;
        commit(step, QStringLiteral("response.content_type"));
    });
    connect(m_body, &QPlainTextEdit::textChanged, this, [this] {
        Step step = m_step;
        step.response.body = m_body->toPlainText();
        commit(step, QStringLiteral("response.body"));
    });

    // Timeouts, retries, breaker and hedging (provider and group steps).
    m_policyBox = new QGroupBox(tr("Policies"), m_form);
    auto *policy = new QFormLayout(m_policyBox);
    m_connect = msSpin(tr("Connect timeout"), 600'000);
    m_firstByte = msSpin(tr("First-byte timeout"), 600'000);
    m_idle = msSpin(tr("Idle timeout"), 600'000);
    m_total = msSpin(tr("Attempt timeout"), 3'600'000);
    m_total->setSpecialValueText(tr("chain deadline"));
    m_retries = new QSpinBox(m_policyBox);
    m_retries->setRange(0, 100);
    m_retries->setAccessibleName(tr("Retries"));
    m_backoffBase = msSpin(tr("Backoff base"), 60'000);
    m_backoffCap = msSpin(tr("Backoff cap"), 600'000);
    m_retryAfterCap = msSpin(tr("Retry-After cap"), 600'000);
    policy->addRow(tr("Connect timeout"), m_connect);
    policy->addRow(tr("First-byte timeout"), m_firstByte);
    policy->addRow(tr("Idle timeout"), m_idle);
    policy->addRow(tr("Attempt timeout"), m_total);
    policy->addRow(tr("&Retries"), m_retries);
    policy->addRow(tr("Backoff base / cap"), m_backoffBase);
    policy->addRow(QString(), m_backoffCap);
    policy->addRow(tr("Retry-After cap"), m_retryAfterCap);
    bindInt(m_connect, QStringLiteral("timeouts.connect"), [](Step &s, int v) { s.timeouts.connectMs = v; });
    bindInt(m_firstByte, QStringLiteral("timeouts.first_byte"), [](Step &s, int v) { s.timeouts.firstByteMs = v; });
    bindInt(m_idle, QStringLiteral("timeouts.idle"), [](Step &s, int v) { s.timeouts.idleMs = v; });
    bindInt(m_total, QStringLiteral("timeouts.total"), [](Step &s, int v) { s.timeouts.totalMs = v; });
    bindInt(m_retries, QStringLiteral("retry.max"), [](Step &s, int v) { s.retry.maxRetries = v; });
    bindInt(m_backoffBase, QStringLiteral("retry.base"), [](Step &s, int v) { s.retry.backoffBaseMs = v; });
    bindInt(m_backoffCap, QStringLiteral("retry.cap"), [](Step &s, int v) { s.retry.backoffCapMs = v; });
    bindInt(m_retryAfterCap, QStringLiteral("retry.after_cap"), [](Step &s, int v) { s.retry.retryAfterCapMs = v; });

    m_breakerEnabled = new QCheckBox(tr("Circuit breaker"), m_policyBox);
    m_breakerEnabled->setAccessibleName(tr("Circuit breaker enabled"));
    m_breakerFailures = new QSpinBox(m_policyBox);
    m_breakerFailures->setRange(0, 1000);
    m_breakerFailures->setAccessibleName(tr("Consecutive failures to open"));
    m_breakerRatio = new QDoubleSpinBox(m_policyBox);
    m_breakerRatio->setRange(0.0, 1.0);
    m_breakerRatio->setSingleStep(0.05);
    m_breakerRatio->setAccessibleName(tr("Failure ratio to open"));
    m_breakerWindow = msSpin(tr("Breaker window"), 3'600'000);
    m_breakerVolume = new QSpinBox(m_policyBox);
    m_breakerVolume->setRange(0, 100'000);
    m_breakerVolume->setAccessibleName(tr("Minimum volume"));
    m_breakerOpenBase = msSpin(tr("Open for"), 3'600'000);
    m_breakerOpenMax = msSpin(tr("Open at most"), 3'600'000);
    m_breakerProbes = new QSpinBox(m_policyBox);
    m_breakerProbes->setRange(0, 100);
    m_breakerProbes->setAccessibleName(tr("Half-open probes"));
    policy->addRow(m_breakerEnabled);
    policy->addRow(tr("Opens after failures"), m_breakerFailures);
    policy->addRow(tr("… or failure ratio"), m_breakerRatio);
    policy->addRow(tr("Window / min. volume"), m_breakerWindow);
    policy->addRow(QString(), m_breakerVolume);
    policy->addRow(tr("Open for / at most"), m_breakerOpenBase);
    policy->addRow(QString(), m_breakerOpenMax);
    policy->addRow(tr("Half-open probes"), m_breakerProbes);
    connect(m_breakerEnabled, &QCheckBox::toggled, this, [this](bool on) {
        Step step = m_step;
        step.breaker.enabled = on;
        commit(step, QStringLiteral("breaker.enabled"));
    });
    bindInt(m_breakerFailures, QStringLiteral("breaker.failures"),
            [](Step &s, int v) { s.breaker.consecutiveFailures = v; });
    connect(m_breakerRatio, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        Step step = m_step;
        step.breaker.failureRatio = v;
        commit(step, QStringLiteral("breaker.ratio"));
    });
    bindInt(m_breakerWindow, QStringLiteral("breaker.window"), [](Step &s, int v) { s.breaker.windowMs = v; });
    bindInt(m_breakerVolume, QStringLiteral("breaker.volume"), [](Step &s, int v) { s.breaker.minimumVolume = v; });
    bindInt(m_breakerOpenBase, QStringLiteral("breaker.open_base"), [](Step &s, int v) { s.breaker.openBaseMs = v; });
    bindInt(m_breakerOpenMax, QStringLiteral("breaker.open_max"), [](Step &s, int v) { s.breaker.openMaxMs = v; });
    bindInt(m_breakerProbes, QStringLiteral("breaker.probes"), [](Step &s, int v) { s.breaker.halfOpenProbes = v; });

    m_hedgeEnabled = new QCheckBox(tr("Hedge: start the next step early"), m_policyBox);
    m_hedgeEnabled->setAccessibleName(tr("Hedging enabled"));
    m_hedgeAfter = msSpin(tr("Hedge after"), 600'000);
    policy->addRow(m_hedgeEnabled);
    policy->addRow(tr("… if no first byte within"), m_hedgeAfter);
    connect(m_hedgeEnabled, &QCheckBox::toggled, this, [this](bool on) {
        Step step = m_step;
        step.hedge.enabled = on;
        commit(step, QStringLiteral("hedge.enabled"));
    });
    bindInt(m_hedgeAfter, QStringLiteral("hedge.after"), [](Step &s, int v) { s.hedge.afterMs = v; });

    m_outcomeView = new QTableView(m_policyBox);
    m_outcomeView->setModel(m_outcomes);
    m_outcomeView->setItemDelegateForColumn(OutcomeActionModel::ActionColumn, new ActionDelegate(m_outcomeView));
    m_outcomeView->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_outcomeView->verticalHeader()->hide();
    m_outcomeView->verticalHeader()->setDefaultSectionSize(22);
    m_outcomeView->horizontalHeader()->setSectionResizeMode(OutcomeActionModel::ClassColumn,
                                                            QHeaderView::ResizeToContents);
    m_outcomeView->horizontalHeader()->setSectionResizeMode(OutcomeActionModel::ActionColumn,
                                                            QHeaderView::ResizeToContents);
    m_outcomeView->horizontalHeader()->setStretchLastSection(true);
    m_outcomeView->setMinimumHeight(22 * 16 + 28); // every class visible without a nested scroll bar
    m_outcomeView->setAccessibleName(tr("Outcome actions"));
    policy->addRow(new QLabel(tr("After an attempt ends in…"), m_policyBox));
    policy->addRow(m_outcomeView);
    layout->addWidget(m_policyBox);
    connect(m_outcomes, &OutcomeActionModel::onOutcomeEdited, this,
            [this](const std::map<OutcomeClass, StepAction> &onOutcome) {
                Step step = m_step;
                step.onOutcome = onOutcome;
                commit(step, QStringLiteral("on_outcome"));
            });

    auto *conditionBox = new QGroupBox(tr("Conditions (all must hold)"), m_form);
    auto *conditionLayout = new QVBoxLayout(conditionBox);
    m_conditions = new QListWidget(conditionBox);
    m_conditions->setAccessibleName(tr("Conditions"));
    m_conditions->setToolTip(tr("One condition per line, e.g. \"header x-tier equals gold\", \"stream equals true\", "
                                "\"prompt_tokens less_than 8000\", \"time_window 09:00-17:00 days 31 utc\""));
    m_conditions->setMaximumHeight(90);
    conditionLayout->addWidget(m_conditions);
    auto *conditionButtons = new QHBoxLayout;
    auto *addCondition = new QPushButton(tr("Add condition"), conditionBox);
    auto *removeCondition = new QPushButton(tr("Remove condition"), conditionBox);
    conditionButtons->addWidget(addCondition);
    conditionButtons->addWidget(removeCondition);
    conditionLayout->addLayout(conditionButtons);
    layout->addWidget(conditionBox);
    connect(m_conditions, &QListWidget::itemChanged, this, [this] { readConditions(); });
    connect(addCondition, &QPushButton::clicked, this, [this] {
        Step step = m_step;
        Condition c;
        c.key = QStringLiteral("x-tier");
        c.value = QStringLiteral("gold");
        step.conditions.push_back(c);
        commit(step, QStringLiteral("conditions.add"));
    });
    connect(removeCondition, &QPushButton::clicked, this, [this] {
        const int row = m_conditions->currentRow() >= 0 ? m_conditions->currentRow() : m_conditions->count() - 1;
        if (row < 0)
            return;
        Step step = m_step;
        step.conditions.erase(step.conditions.begin() + row);
        commit(step, QStringLiteral("conditions.remove"));
    });
    layout->addStretch(1);
    clearStep();
}

QSpinBox *StepInspector::msSpin(const QString &accessibleName, int maximum)
{
    auto *spin = new QSpinBox(this);
    spin->setRange(0, maximum);
    spin->setSingleStep(100);
    spin->setSuffix(QStringLiteral(" ms"));
    spin->setGroupSeparatorShown(true);
    spin->setAccessibleName(accessibleName);
    return spin;
}

void StepInspector::bindInt(QSpinBox *spin, const QString &field, std::function<void(Step &, int)> apply)
{
    connect(spin, &QSpinBox::valueChanged, this, [this, field, apply = std::move(apply)](int value) {
        Step step = m_step;
        apply(step, value);
        commit(step, field);
    });
}

void StepInspector::commit(const Step &step, const QString &field)
{
    if (m_updating || m_index < 0 || step == m_step)
        return;
    m_step = step;
    emit stepEdited(m_index, step, field);
}

void StepInspector::setContext(const Config &config, const QString &chainName)
{
    const QScopedValueRollback guard(m_updating, true);
    m_chain->clear();
    for (const Chain &chain : config.chains) {
        if (chain.name != chainName)
            m_chain->addItem(chain.name);
    }
    // Keep showing the selected step's nested chain across the rebuild.
    if (!m_step.chain.isEmpty() && m_chain->findText(m_step.chain) < 0)
        m_chain->addItem(m_step.chain);
    m_chain->setCurrentIndex(m_chain->findText(m_step.chain));
}

void StepInspector::setStep(int index, const Step &step)
{
    const bool same = index == m_index && step == m_step;
    m_index = index;
    m_step = step;
    m_empty->hide();
    m_form->show();
    if (!same)
        refreshWidgets();
}

void StepInspector::setProblems(const QStringList &errors, const QStringList &warnings)
{
    QStringList lines;
    for (const QString &error : errors)
        lines << tr("Error: %1").arg(error.toHtmlEscaped());
    for (const QString &warning : warnings)
        lines << tr("Warning: %1").arg(warning.toHtmlEscaped());
    m_problems->setText(lines.join(QStringLiteral("<br>")));
    m_problems->setVisible(!lines.isEmpty());
}

QString StepInspector::problemsText() const
{
    return m_problems->isHidden() ? QString() : m_problems->text();
}

void StepInspector::clearStep()
{
    setProblems({}, {});
    m_index = -1;
    m_step = Step{};
    m_form->hide();
    m_empty->show();
}

void StepInspector::refreshWidgets()
{
    const QScopedValueRollback guard(m_updating, true);
    const Step &s = m_step;
    if (m_name->text() != s.name)
        m_name->setText(s.name);
    m_kind->setText(stepKindName(s.kind));
    const bool targets = s.kind == StepKind::Provider || s.kind == StepKind::Group;
    m_targetBox->setVisible(targets);
    m_balance->setVisible(s.kind == StepKind::Group);
    m_policyBox->setVisible(targets);
    m_chainBox->setVisible(s.kind == StepKind::Chain);
    m_cacheBox->setVisible(s.kind == StepKind::Cache);
    m_staticBox->setVisible(s.kind == StepKind::Static);
    buildTargetsTable();
    m_balance->setCurrentIndex(m_balance->findData(int(s.balance)));
    if (m_chain->findText(s.chain) < 0 && !s.chain.isEmpty())
        m_chain->addItem(s.chain);
    m_chain->setCurrentIndex(m_chain->findText(s.chain));
    m_staleness->setValue(s.maxStalenessMs);
    m_status->setValue(s.response.status);
    if (m_contentType->text() != s.response.contentType)
        m_contentType->setText(s.response.contentType);
    if (m_body->toPlainText() != s.response.body)
        m_body->setPlainText(s.response.body);
    m_connect->setValue(s.timeouts.connectMs);
    m_firstByte->setValue(s.timeouts.firstByteMs);
    m_idle->setValue(s.timeouts.idleMs);
    m_total->setValue(s.timeouts.totalMs);
    m_retries->setValue(s.retry.maxRetries);
    m_backoffBase->setValue(s.retry.backoffBaseMs);
    m_backoffCap->setValue(s.retry.backoffCapMs);
    m_retryAfterCap->setValue(s.retry.retryAfterCapMs);
    m_breakerEnabled->setChecked(s.breaker.enabled);
    m_breakerFailures->setValue(s.breaker.consecutiveFailures);
    m_breakerRatio->setValue(s.breaker.failureRatio);
    m_breakerWindow->setValue(s.breaker.windowMs);
    m_breakerVolume->setValue(s.breaker.minimumVolume);
    m_breakerOpenBase->setValue(s.breaker.openBaseMs);
    m_breakerOpenMax->setValue(s.breaker.openMaxMs);
    m_breakerProbes->setValue(s.breaker.halfOpenProbes);
    m_hedgeEnabled->setChecked(s.hedge.enabled);
    m_hedgeAfter->setValue(s.hedge.afterMs);
    m_outcomes->setStep(s);
    m_conditions->clear();
    for (const Condition &c : s.conditions) {
        auto *item = new QListWidgetItem(conditionToText(c), m_conditions);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
}

void StepInspector::buildTargetsTable()
{
    m_targets->setRowCount(int(m_step.targets.size()));
    for (std::size_t row = 0; row < m_step.targets.size(); ++row) {
        const Target &t = m_step.targets[row];
        const QStringList cells{t.provider, t.model, QString::number(t.weight)};
        for (int column = 0; column < 3; ++column)
            m_targets->setItem(int(row), column, new QTableWidgetItem(cells[column]));
    }
}

void StepInspector::readTargetsTable()
{
    if (m_updating)
        return;
    Step step = m_step;
    for (int row = 0; row < m_targets->rowCount() && std::size_t(row) < step.targets.size(); ++row) {
        Target &t = step.targets[std::size_t(row)];
        auto text = [this, row](int column) {
            const QTableWidgetItem *item = m_targets->item(row, column);
            return item ? item->text().trimmed() : QString();
        };
        t.provider = text(0);
        t.model = text(1);
        bool ok = false;
        const int weight = text(2).toInt(&ok);
        if (ok)
            t.weight = weight;
    }
    commit(step, QStringLiteral("targets"));
}

void StepInspector::readConditions()
{
    if (m_updating)
        return;
    Step step = m_step;
    for (int row = 0; row < m_conditions->count() && std::size_t(row) < step.conditions.size(); ++row) {
        if (auto parsed = conditionFromText(m_conditions->item(row)->text()))
            step.conditions[std::size_t(row)] = *parsed;
    }
    commit(step, QStringLiteral("conditions"));
    // Text that did not parse goes back to what the step holds.
    const QScopedValueRollback guard(m_updating, true);
    for (int row = 0; row < m_conditions->count() && std::size_t(row) < m_step.conditions.size(); ++row)
        m_conditions->item(row)->setText(conditionToText(m_step.conditions[std::size_t(row)]));
}

QString StepInspector::conditionToText(const Condition &c)
{
    if (c.kind == ConditionKind::TimeWindow)
        return QStringLiteral("time_window %1-%2 days %3 %4")
            .arg(minuteText(c.fromMinute), minuteText(c.toMinute))
            .arg(c.days)
            .arg(c.utc ? QStringLiteral("utc") : QStringLiteral("local"));
    QStringList parts{conditionKindName(c.kind)};
    if (c.kind == ConditionKind::Header)
        parts << c.key;
    parts << conditionOpName(c.op) << c.value;
    return parts.join(u' ');
}

std::optional<Condition> StepInspector::conditionFromText(const QString &text)
{
    QStringList words = text.simplified().split(u' ', Qt::SkipEmptyParts);
    if (words.isEmpty())
        return std::nullopt;
    const auto kind = conditionKindFromName(words.takeFirst());
    if (!kind)
        return std::nullopt;
    Condition c;
    c.kind = *kind;
    if (c.kind == ConditionKind::TimeWindow) {
        if (words.size() != 4 || words[1] != QLatin1String("days"))
            return std::nullopt;
        const QStringList range = words[0].split(u'-');
        bool ok = false;
        c.days = words[2].toInt(&ok);
        const auto from = range.size() == 2 ? minuteFromText(range[0]) : std::nullopt;
        const auto to = range.size() == 2 ? minuteFromText(range[1]) : std::nullopt;
        if (!ok || !from || !to || (words[3] != QLatin1String("utc") && words[3] != QLatin1String("local")))
            return std::nullopt;
        c.fromMinute = *from;
        c.toMinute = *to;
        c.utc = words[3] == QLatin1String("utc");
        return c;
    }
    if (c.kind == ConditionKind::Header) {
        if (words.isEmpty())
            return std::nullopt;
        c.key = words.takeFirst();
    }
    if (words.isEmpty())
        return std::nullopt;
    const auto op = conditionOpFromName(words.takeFirst());
    if (!op)
        return std::nullopt;
    c.op = *op;
    c.value = words.join(u' ');
    return c;
}

} // namespace understudy
