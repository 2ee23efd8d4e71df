#include "ChaosPage.h"

#include "ChaosFaultForm.h"
#include "ChaosInjectionModel.h"
#include "ChaosScenarios.h"
#include "LoadGeneratorPanel.h"
#include "fallback/Clock.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include <set>

namespace understudy {

ChaosPage::ChaosPage(QWidget *parent) : QWidget(parent), m_injections(new ChaosInjectionModel(this))
{
    auto *grid = new QGridLayout(this);
    grid->addWidget(buildInjectForm(), 0, 0);

    auto *scenarios = new QGroupBox(tr("Scenarios"), this);
    m_scenarioLayout = new QVBoxLayout(scenarios);
    grid->addWidget(scenarios, 1, 0);

    grid->addWidget(buildActiveTable(), 0, 1);
    auto *loadBox = new QGroupBox(tr("Load generator"), this);
    auto *loadLayout = new QVBoxLayout(loadBox);
    m_load = new LoadGeneratorPanel(loadBox);
    loadLayout->addWidget(m_load);
    grid->addWidget(loadBox, 1, 1);
    grid->setColumnStretch(0, 2);
    grid->setColumnStretch(1, 3);
    grid->setRowStretch(1, 1);

    m_poll.setInterval(1000);
    connect(&m_poll, &QTimer::timeout, this, &ChaosPage::refresh);
    rebuildScenarios();
    updateButtons();
}

ChaosPage::~ChaosPage() = default;

QWidget *ChaosPage::buildInjectForm()
{
    auto *box = new QGroupBox(tr("Inject a fault"), this);
    auto *form = new QFormLayout(box);

    m_provider = new QComboBox(box);
    m_provider->setObjectName(QStringLiteral("chaosProvider"));
    form->addRow(tr("P&rovider:"), m_provider);
    m_model = new QComboBox(box);
    m_model->setObjectName(QStringLiteral("chaosModel"));
    m_model->setToolTip(tr("Only requests for this model fail; the other models of the provider keep working"));
    form->addRow(tr("&Model:"), m_model);
    connect(m_provider, &QComboBox::currentIndexChanged, this, &ChaosPage::fillModels);

    m_faultForm = new ChaosFaultForm(box);
    form->addRow(m_faultForm);

    m_duration = new QSpinBox(box);
    m_duration->setObjectName(QStringLiteral("chaosDuration"));
    m_duration->setRange(1, int(ChaosRegistry::kMaxDurationMs / 1000));
    m_duration->setValue(60);
    m_duration->setSuffix(tr(" s"));
    form->addRow(tr("D&uration:"), m_duration);
    m_note = new QLineEdit(box);
    m_note->setPlaceholderText(tr("Why, for the others watching (optional)"));
    form->addRow(tr("&Note:"), m_note);

    m_inject = new QPushButton(tr("&Inject"), box);
    m_inject->setObjectName(QStringLiteral("chaosInject"));
    form->addRow(QString(), m_inject);
    connect(m_inject, &QPushButton::clicked, this, [this] { injectFromForm(); });

    m_error = new QLabel(box);
    m_error->setObjectName(QStringLiteral("chaosError"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    form->addRow(m_error);
    return box;
}

QWidget *ChaosPage::buildActiveTable()
{
    auto *box = new QGroupBox(tr("Active injections"), this);
    auto *layout = new QVBoxLayout(box);
    m_view = new QTableView(box);
    m_view->setObjectName(QStringLiteral("chaosInjections"));
    m_view->setModel(m_injections);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    // A handful of rows: sizing to the parameters' text costs nothing.
    m_view->horizontalHeader()->setSectionResizeMode(ChaosInjectionModel::Parameters, QHeaderView::ResizeToContents);
    m_view->setWordWrap(false);
    layout->addWidget(m_view);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    m_stopSelected = new QPushButton(tr("Stop &selected"), box);
    m_stopAll = new QPushButton(tr("Stop &all"), box);
    buttons->addWidget(m_stopSelected);
    buttons->addWidget(m_stopAll);
    layout->addLayout(buttons);
    connect(m_stopSelected, &QPushButton::clicked, this, [this] { stopSelected(); });
    connect(m_stopAll, &QPushButton::clicked, this, [this] { stopAll(); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ChaosPage::updateButtons);
    connect(m_injections, &QAbstractItemModel::modelReset, this, &ChaosPage::updateButtons);
    return box;
}

void ChaosPage::setConfig(const ConfigSnapshot &config)
{
    m_config = config;
    const QString current = m_provider->currentText();
    {
        const QSignalBlocker blocker(m_provider);
        m_provider->clear();
        if (config) {
            for (const Provider &p : config->providers)
                m_provider->addItem(p.name);
        }
        const int keep = m_provider->findText(current);
        m_provider->setCurrentIndex(keep >= 0 ? keep : 0);
    }
    fillModels();
    rebuildScenarios();
    m_load->setConfig(config);
    updateButtons();
}

void ChaosPage::setChaos(std::shared_ptr<ChaosRegistry> chaos)
{
    m_chaos = std::move(chaos);
    refresh();
    updateButtons();
}

void ChaosPage::setBaseUrl(const QString &baseUrl)
{
    m_load->setBaseUrl(baseUrl);
}

void ChaosPage::fillModels()
{
    m_model->clear();
    m_model->addItem(tr("All models"), QString());
    const Provider *provider = m_config ? m_config->provider(m_provider->currentText()) : nullptr;
    if (!provider)
        return;
    for (const ModelInfo &model : provider->models)
        m_model->addItem(model.name, model.name);
}

void ChaosPage::rebuildScenarios()
{
    // The buttons capture scenario ids, not requests: the scenario is
    // rebuilt from the config current at the click.
    delete m_scenarioBox;
    m_scenarioBox = new QWidget;
    auto *layout = new QVBoxLayout(m_scenarioBox);
    layout->setContentsMargins(0, 0, 0, 0);
    const std::vector<ChaosScenario> scenarios = m_config ? chaosScenarios(*m_config) : std::vector<ChaosScenario>{};
    if (scenarios.empty())
        layout->addWidget(new QLabel(tr("No route reaches a provider yet, so there is nothing to rehearse.")));
    for (const ChaosScenario &scenario : scenarios) {
        auto *button = new QPushButton(scenario.title, m_scenarioBox);
        button->setObjectName(QStringLiteral("scenario-") + scenario.id);
        button->setEnabled(m_chaos != nullptr);
        connect(button, &QPushButton::clicked, this, [this, id = scenario.id] { runScenario(id); });
        auto *description = new QLabel(scenario.description, m_scenarioBox);
        description->setWordWrap(true);
        description->setContentsMargins(12, 0, 0, 6);
        layout->addWidget(button);
        layout->addWidget(description);
    }
    layout->addStretch();
    m_scenarioLayout->addWidget(m_scenarioBox);
}

bool ChaosPage::injectFromForm()
{
    if (!m_chaos) {
        showError(tr("The gateway has no chaos registry yet."));
        return false;
    }
    ChaosRequest request;
    request.provider = m_provider->currentText();
    request.model = m_model->currentData().toString();
    request.fault = m_faultForm->settings();
    request.durationMs = qint64(m_duration->value()) * 1000;
    request.note = m_note->text().trimmed();
    auto started = m_chaos->start(request);
    if (!started) {
        showError(started.error().message);
        return false;
    }
    showError({});
    refresh();
    emit injectionStarted(*started);
    emit injectionsChanged();
    return true;
}

bool ChaosPage::runScenario(const QString &id)
{
    if (!m_chaos || !m_config)
        return false;
    for (const ChaosScenario &scenario : chaosScenarios(*m_config)) {
        if (scenario.id != id)
            continue;
        for (const ChaosRequest &request : scenario.requests) {
            auto started = m_chaos->start(request);
            if (!started) {
                showError(started.error().message);
                refresh();
                return false;
            }
            emit injectionStarted(*started);
        }
        showError({});
        refresh();
        emit injectionsChanged();
        return true;
    }
    return false;
}

int ChaosPage::stopSelected()
{
    if (!m_chaos)
        return 0;
    std::set<quint64> ids;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        ids.insert(index.data(Qt::UserRole).value<quint64>());
    int stopped = 0;
    for (quint64 id : ids) {
        const std::optional<ChaosInjection> injection = m_chaos->find(id);
        if (injection && m_chaos->stop(id)) {
            ++stopped;
            emit injectionStopped(*injection);
        }
    }
    refresh();
    if (stopped > 0)
        emit injectionsChanged();
    return stopped;
}

int ChaosPage::stopAll()
{
    if (!m_chaos)
        return 0;
    const std::vector<ChaosInjection> active = m_chaos->list();
    const int stopped = m_chaos->stopAll();
    for (const ChaosInjection &injection : active)
        emit injectionStopped(injection);
    refresh();
    if (stopped > 0)
        emit injectionsChanged();
    return stopped;
}

void ChaosPage::refresh()
{
    if (!m_chaos) {
        m_injections->setInjections({}, 0);
        return;
    }
    m_injections->setInjections(m_chaos->list(), m_chaos->clock().nowMs());
    updateButtons();
}

void ChaosPage::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void ChaosPage::updateButtons()
{
    const bool hasRegistry = m_chaos != nullptr;
    m_inject->setEnabled(hasRegistry && m_provider->count() > 0);
    m_stopAll->setEnabled(hasRegistry && m_injections->rowCount() > 0);
    m_stopSelected->setEnabled(hasRegistry && m_view->selectionModel()->hasSelection());
    if (m_scenarioBox) {
        for (auto *button : m_scenarioBox->findChildren<QPushButton *>())
            button->setEnabled(hasRegistry);
    }
}

void ChaosPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_poll.start();
}

void ChaosPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_poll.stop();
}

} // namespace understudy
