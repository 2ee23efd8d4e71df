#include "LoadGeneratorPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace understudy {

namespace {

constexpr int kModelRole = Qt::UserRole + 1;
const auto kChatPath = QStringLiteral("/v1/chat/completions");

// The model the route's first provider step asks for, so the request
// looks like one a client of that route would send.
QString modelFor(const Config &config, const Route &route)
{
    const Chain *chain = config.chain(route.chain);
    if (!chain)
        return {};
    for (const Step &step : chain->steps) {
        if ((step.kind != StepKind::Provider && step.kind != StepKind::Group) || step.targets.empty())
            continue;
        const Target &t = step.targets.front();
        if (!t.model.isEmpty())
            return t.model;
        if (const Provider *p = config.provider(t.provider); p && !p->models.empty())
            return p->models.front().name;
        return {};
    }
    return {};
}

} // namespace

LoadGeneratorPanel::LoadGeneratorPanel(QWidget *parent) : QWidget(parent), m_generator(new LoadGenerator(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);

    m_route = new QComboBox(this);
    m_route->setObjectName(QStringLiteral("loadRoute"));
    m_route->setEditable(true); // a path the config does not list is fine too
    m_route->setToolTip(tr("Request path on the gateway; the list holds the workspace's llm routes"));
    form->addRow(tr("&Route path:"), m_route);
    m_target = new QLabel(this);
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Gateway:"), m_target);

    m_rate = new QDoubleSpinBox(this);
    m_rate->setObjectName(QStringLiteral("loadRate"));
    m_rate->setRange(0.1, 2000);
    m_rate->setDecimals(1);
    m_rate->setValue(20);
    m_rate->setSuffix(tr(" req/s"));
    form->addRow(tr("R&ate:"), m_rate);

    m_concurrency = new QSpinBox(this);
    m_concurrency->setObjectName(QStringLiteral("loadConcurrency"));
    m_concurrency->setRange(1, LoadGenerator::kMaxConcurrency);
    m_concurrency->setValue(16);
    m_concurrency->setToolTip(tr("Requests in flight at most; requests due while at the cap are skipped"));
    form->addRow(tr("&Concurrency cap:"), m_concurrency);

    m_duration = new QSpinBox(this);
    m_duration->setObjectName(QStringLiteral("loadDuration"));
    m_duration->setRange(1, 24 * 3600);
    m_duration->setValue(60);
    m_duration->setSuffix(tr(" s"));
    form->addRow(tr("D&uration:"), m_duration);

    m_promptSet = new QComboBox(this);
    m_promptSet->addItem(tr("Built-in short prompts"));
    m_promptSet->addItem(tr("My prompts (one per line)"));
    form->addRow(tr("&Prompts:"), m_promptSet);
    m_prompts = new QPlainTextEdit(this);
    m_prompts->setPlaceholderText(tr("One prompt per line"));
    m_prompts->setMaximumHeight(80);
    m_prompts->setVisible(false);
    form->addRow(QString(), m_prompts);
    connect(m_promptSet, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_prompts->setVisible(index == 1); });

    m_stream = new QCheckBox(tr("&Stream the answers"), this);
    form->addRow(QString(), m_stream);

    auto *buttons = new QHBoxLayout;
    m_demo = new QPushButton(tr("Start &demo traffic"), this);
    m_demo->setObjectName(QStringLiteral("demoTraffic"));
    m_demo->setToolTip(tr("20 requests per second for 60 s on the first llm route, with the built-in prompts"));
    m_start = new QPushButton(tr("S&tart"), this);
    m_stop = new QPushButton(tr("Sto&p"), this);
    buttons->addWidget(m_demo);
    buttons->addStretch();
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    layout->addLayout(buttons);

    m_stats = new QLabel(this);
    m_stats->setObjectName(QStringLiteral("loadStats"));
    layout->addWidget(m_stats);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: palette(link);"));
    m_error->setVisible(false);
    layout->addWidget(m_error);
    layout->addStretch();

    connect(m_demo, &QPushButton::clicked, this, [this] { startDemoTraffic(); });
    connect(m_start, &QPushButton::clicked, this, [this] { start(); });
    connect(m_stop, &QPushButton::clicked, this, &LoadGeneratorPanel::stop);
    connect(m_generator, &LoadGenerator::statsChanged, this, &LoadGeneratorPanel::showStats);
    connect(m_generator, &LoadGenerator::finished, this, &LoadGeneratorPanel::updateButtons);
    setBaseUrl(m_baseUrl);
    showStats(LoadStats{});
    updateButtons();
}

QString LoadGeneratorPanel::chatPathFor(const Route &route)
{
    if (route.kind != RouteKind::Llm)
        return {};
    if (!route.match.methods.isEmpty() && !route.match.methods.contains(QStringLiteral("POST"), Qt::CaseInsensitive))
        return {};
    QString path = route.match.path;
    // Anthropic-style inbound routes want a different body.
    if (path.endsWith(QLatin1String("/messages")))
        return {};
    switch (route.match.pathMatch) {
    case PathMatch::Exact:
        return path;
    case PathMatch::Pattern:
        return kChatPath;
    case PathMatch::Prefix:
        if (path.endsWith(QLatin1String("/chat/completions")))
            return path;
        if (path.endsWith(QLatin1Char('/')))
            path.chop(1);
        if (path.endsWith(QLatin1String("/v1")))
            return path + QStringLiteral("/chat/completions");
        return path + kChatPath;
    }
    return {};
}

void LoadGeneratorPanel::setConfig(const ConfigSnapshot &config)
{
    const QString current = m_route->currentText();
    m_route->clear();
    if (config) {
        for (const Route &route : config->routes) {
            const QString path = chatPathFor(route);
            if (path.isEmpty() || m_route->findText(path) >= 0)
                continue;
            m_route->addItem(path);
            const int index = m_route->count() - 1;
            m_route->setItemData(index, modelFor(*config, route), kModelRole);
            m_route->setItemData(index, tr("Route %1").arg(route.name), Qt::ToolTipRole);
        }
    }
    if (m_route->count() == 0)
        m_route->addItem(kChatPath);
    const int keep = m_route->findText(current);
    m_route->setCurrentIndex(keep >= 0 ? keep : 0);
}

void LoadGeneratorPanel::setBaseUrl(const QString &baseUrl)
{
    m_baseUrl = baseUrl;
    m_target->setText(baseUrl.isEmpty() ? tr("(the gateway is stopped)") : baseUrl);
}

LoadSettings LoadGeneratorPanel::settings() const
{
    LoadSettings s;
    s.baseUrl = m_baseUrl;
    s.path = m_route->currentText().trimmed();
    const int index = m_route->findText(s.path);
    s.model = index >= 0 ? m_route->itemData(index, kModelRole).toString() : QString();
    s.rate = m_rate->value();
    s.concurrency = m_concurrency->value();
    s.durationSeconds = m_duration->value();
    if (m_promptSet->currentIndex() == 1) {
        for (const QString &line : m_prompts->toPlainText().split(QLatin1Char('\n'))) {
            if (!line.trimmed().isEmpty())
                s.prompts << line.trimmed();
        }
    }
    s.stream = m_stream->isChecked();
    return s;
}

bool LoadGeneratorPanel::start()
{
    QString error;
    const bool started = m_generator->start(settings(), &error);
    m_error->setText(error);
    m_error->setVisible(!started);
    updateButtons();
    return started;
}

bool LoadGeneratorPanel::startDemoTraffic()
{
    if (m_route->count() > 0)
        m_route->setCurrentIndex(0);
    m_rate->setValue(20);
    m_concurrency->setValue(16);
    m_duration->setValue(60);
    m_promptSet->setCurrentIndex(0);
    m_stream->setChecked(false);
    return start();
}

void LoadGeneratorPanel::stop()
{
    m_generator->stop();
    updateButtons();
}

void LoadGeneratorPanel::showStats(const LoadStats &s)
{
    const QLocale locale;
    QString text = tr("Sent %1 · ok %2 · failed %3 · in flight %4 · %5 req/s")
                       .arg(locale.toString(s.sent), locale.toString(s.ok), locale.toString(s.failed))
                       .arg(s.inFlight)
                       .arg(locale.toString(s.achievedRate, 'f', 1));
    if (s.skipped > 0)
        text += tr(" · skipped at the cap %1").arg(locale.toString(s.skipped));
    m_stats->setText(text);
    m_stats->setToolTip(s.lastError.isEmpty() ? QString() : tr("Last failure: %1").arg(s.lastError));
}

void LoadGeneratorPanel::updateButtons()
{
    const bool running = m_generator->isRunning();
    m_start->setEnabled(!running);
    m_demo->setEnabled(!running);
    m_stop->setEnabled(running);
}

} // namespace understudy
