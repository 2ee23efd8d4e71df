#include "DashboardPage.h"

#include "DashboardCharts.h"
#include "RollupReader.h"
#include "observe/Observability.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QThreadPool>
#include <QVBoxLayout>

namespace understudy {

namespace {

constexpr int kLiveSeconds = 5 * 60;
constexpr qint64 kRollupReloadMs = 30 * 1000;

Result<void> writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error{QStringLiteral("io_error"),
                     DashboardPage::tr("Cannot write %1: %2").arg(path, file.errorString())};
    return {};
}

QColor breakerColor(BreakerGauge state)
{
    switch (state) {
    case BreakerGauge::Closed:
        return QColor(0x2e, 0x7d, 0x32);
    case BreakerGauge::HalfOpen:
        return QColor(0xef, 0x8f, 0x00);
    case BreakerGauge::Open:
        return QColor(0xc6, 0x28, 0x28);
    }
    return {};
}

} // namespace

DashboardPage::DashboardPage(QWidget *parent)
    : QWidget(parent)
    , m_windowBox(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_charts(new DashboardCharts(this))
    , m_health(new QTableWidget(0, 6, this))
{
    m_windowBox->setObjectName(QStringLiteral("dashboardWindow"));
    m_windowBox->addItem(tr("Last 5 minutes (live, 1 s)"), int(Window::Live5Minutes));
    m_windowBox->addItem(tr("Last hour (1 min)"), int(Window::LastHour));
    m_windowBox->addItem(tr("Last 24 hours (1 min)"), int(Window::Last24Hours));
    connect(m_windowBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setWindow(Window(m_windowBox->itemData(index).toInt())); });
    m_status->setObjectName(QStringLiteral("dashboardStatus"));

    auto *png = new QPushButton(tr("Export PNG…"), this);
    auto *csv = new QPushButton(tr("Export CSV…"), this);
    connect(png, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export charts"), QStringLiteral("understudy-dashboard.png"), tr("PNG image (*.png)"));
        if (path.isEmpty())
            return;
        // Grab here (widgets are GUI-thread only), encode and write off it.
        const QImage image = m_charts->grab().toImage();
        QPointer<DashboardPage> self(this);
        QThreadPool::globalInstance()->start([self, image, path] {
            if (image.save(path, "PNG"))
                return;
            QMetaObject::invokeMethod(qApp, [self, path] {
                if (self)
                    QMessageBox::warning(self, tr("Export"), tr("Cannot write %1").arg(path));
            });
        });
    });
    connect(csv, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export series"), QStringLiteral("understudy-dashboard.csv"), tr("CSV (*.csv)"));
        if (path.isEmpty())
            return;
        const QByteArray bytes = dashboardCsv(m_charts->data()).toUtf8();
        QPointer<DashboardPage> self(this);
        QThreadPool::globalInstance()->start([self, bytes, path] {
            const Result<void> written = writeFile(path, bytes);
            if (written)
                return;
            const QString message = written.error().message;
            QMetaObject::invokeMethod(qApp, [self, message] {
                if (self)
                    QMessageBox::warning(self, tr("Export"), message);
            });
        });
    });

    // A first launch shows empty charts; one click makes them move.
    m_demo = new QPushButton(tr("Start demo traffic"), this);
    m_demo->setObjectName(QStringLiteral("startDemoTraffic"));
    m_demo->setToolTip(tr("Send a minute of generated requests through the gateway (the Chaos page has the load "
                          "generator's settings)"));
    m_demo->hide();
    connect(m_demo, &QPushButton::clicked, this, [this] {
        m_demo->hide();
        emit demoTrafficRequested();
    });

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Window:"), this));
    top->addWidget(m_windowBox);
    top->addWidget(m_status, 1);
    top->addWidget(m_demo);
    top->addWidget(png);
    top->addWidget(csv);

    m_health->setObjectName(QStringLiteral("targetHealth"));
    m_health->setHorizontalHeaderLabels(
        {tr("Target"), tr("Breaker"), tr("Attempts"), tr("Ok"), tr("Failed"), tr("Skipped")});
    m_health->setToolTip(tr("Attempts per target since the gateway started"));
    m_health->verticalHeader()->hide();
    m_health->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_health->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_health->setSelectionMode(QAbstractItemView::SingleSelection);
    m_health->setAlternatingRowColors(true);
    m_health->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_health->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_health->horizontalHeader()->setMinimumSectionSize(80);
    m_health->horizontalHeaderItem(5)->setToolTip(tr("Attempts skipped for an open breaker or a condition"));
    m_health->verticalHeader()->setDefaultSectionSize(m_health->fontMetrics().height() + 6);
    m_health->setMinimumHeight(150);
    connect(m_health, &QTableWidget::itemSelectionChanged, this, &DashboardPage::updateBreakerButtons);

    m_forceOpen = new QPushButton(tr("Force open"), this);
    m_forceClose = new QPushButton(tr("Force closed"), this);
    m_reset = new QPushButton(tr("Reset"), this);
    connect(m_forceOpen, &QPushButton::clicked, this, [this] { runBreakerAction(BreakerAction::ForceOpen); });
    connect(m_forceClose, &QPushButton::clicked, this, [this] { runBreakerAction(BreakerAction::ForceClose); });
    connect(m_reset, &QPushButton::clicked, this, [this] { runBreakerAction(BreakerAction::Reset); });
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(new QLabel(tr("Breaker of the selected target:"), this));
    buttons->addWidget(m_forceOpen);
    buttons->addWidget(m_forceClose);
    buttons->addWidget(m_reset);
    buttons->addStretch(1);
    auto *healthBox = new QWidget(this);
    auto *healthLayout = new QHBoxLayout(healthBox);
    healthLayout->setContentsMargins(0, 0, 0, 0);
    healthLayout->addWidget(m_health, 1);
    healthLayout->addLayout(buttons);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_charts);
    splitter->addWidget(healthBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &DashboardPage::refresh);
    connect(m_charts, &DashboardCharts::hoverEnded, this, &DashboardPage::refresh);
    updateBreakerButtons();
    refresh();
}

DashboardPage::~DashboardPage() = default;

void DashboardPage::setObservability(Observability *observability)
{
    if (!observability) {
        setMetrics(nullptr);
        return;
    }
    setMetrics(&observability->metrics(), observability->hasRequestLog() ? observability->requestLogPath() : QString());
}

void DashboardPage::setMetrics(MetricsRegistry *metrics, const QString &requestLogPath)
{
    m_metrics = metrics;
    if (requestLogPath != m_requestLogPath) {
        m_requestLogPath = requestLogPath;
        m_rollups.reset();
        if (!requestLogPath.isEmpty())
            m_rollups = std::make_unique<RollupReader>(requestLogPath);
        m_lastRollupLoadMs = 0;
    }
    if (m_metrics)
        m_timer.start();
    else
        m_timer.stop();
    refresh();
}

void DashboardPage::setBreakerControl(BreakerControl control)
{
    m_breakerControl = std::move(control);
    updateBreakerButtons();
}

void DashboardPage::setWindow(Window window)
{
    if (m_windowBox->currentIndex() != int(window))
        m_windowBox->setCurrentIndex(int(window)); // comes back here
    if (m_window == window)
        return;
    m_window = window;
    m_lastRollupLoadMs = 0;
    refresh();
}

bool DashboardPage::isHoverPaused() const
{
    return m_charts->isHovered();
}

const DashboardData &DashboardPage::data() const
{
    return m_charts->data();
}

QString DashboardPage::statusText() const
{
    return m_status->text();
}

void DashboardPage::refresh()
{
    if (!m_metrics) {
        m_demo->hide();
        m_status->setText(tr("Gateway stopped: no metrics."));
        return;
    }
    const MetricsTotals totals = m_metrics->totals();
    m_demo->setVisible(totals.routes.empty());
    if (m_window == Window::Live5Minutes) {
        const MetricsWindow window = m_metrics->snapshot(kLiveSeconds);
        applyHealth(targetHealth(totals, window.breakers));
        if (isHoverPaused()) {
            m_status->setText(tr("Paused while the mouse is over a chart"));
            return;
        }
        m_status->setText(tr("Live, refreshed every second"));
        m_charts->setData(dashboardFromWindow(window));
        return;
    }
    // Health stays live in the long windows too.
    applyHealth(targetHealth(totals, m_metrics->snapshot(1).breakers));
    if (!m_rollups) {
        m_status->setText(tr("The last hour and day need a workspace request log (this gateway keeps "
                             "metrics in memory only)."));
        DashboardData empty;
        empty.resolutionSeconds = 60;
        empty.triggersTracked = false;
        m_charts->setData(empty);
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_lastRollupLoadMs >= kRollupReloadMs)
        requestRollups();
}

void DashboardPage::requestRollups()
{
    m_lastRollupLoadMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 span = m_window == Window::LastHour ? 3600LL * 1000 : 24LL * 3600 * 1000;
    const qint64 to = m_lastRollupLoadMs / 60000 * 60000; // the last complete minute
    const qint64 from = to - span;
    const int generation = ++m_rollupGeneration;
    m_status->setText(tr("Loading per-minute rollups…"));
    m_rollups->load(from, to, this, [this, generation, from, to](Result<std::vector<MinuteRollup>> rollups) {
        if (generation != m_rollupGeneration || m_window == Window::Live5Minutes)
            return; // a newer load or another window
        if (!rollups) {
            m_status->setText(tr("Cannot read rollups: %1").arg(rollups.error().message));
            return;
        }
        m_status->setText(tr("Per-minute rollups up to %1, reloaded every 30 s")
                              .arg(QDateTime::fromMSecsSinceEpoch(to).toString(QStringLiteral("HH:mm"))));
        m_charts->setData(dashboardFromRollups(*rollups, from, to));
    });
}

void DashboardPage::applyHealth(const std::vector<TargetHealth> &health)
{
    const QString selected = m_health->currentRow() >= 0 && m_health->item(m_health->currentRow(), 0)
                                 ? m_health->item(m_health->currentRow(), 0)->text()
                                 : QString();
    m_health->setRowCount(int(health.size()));
    for (int row = 0; row < int(health.size()); ++row) {
        const TargetHealth &h = health[std::size_t(row)];
        const QStringList cells{h.target,
                                h.breaker ? breakerGaugeName(*h.breaker) : tr("unknown"),
                                QString::number(h.attempts),
                                QString::number(h.ok),
                                QString::number(h.failed),
                                QString::number(h.skipped)};
        for (int column = 0; column < cells.size(); ++column) {
            QTableWidgetItem *item = m_health->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_health->setItem(row, column, item);
            }
            item->setText(cells[column]);
            if (column >= 2)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (column == 1)
                item->setForeground(h.breaker ? breakerColor(*h.breaker) : QColor(Qt::gray));
        }
        if (h.target == selected && m_health->currentRow() != row)
            m_health->selectRow(row);
    }
    updateBreakerButtons();
}

void DashboardPage::updateBreakerButtons()
{
    const bool enabled = m_breakerControl && m_health->currentRow() >= 0 && !m_health->selectedItems().isEmpty();
    const QString why = m_breakerControl ? tr("Select a target first") : tr("Breaker control is not available");
    for (QPushButton *b : {m_forceOpen, m_forceClose, m_reset}) {
        b->setEnabled(enabled);
        b->setToolTip(enabled ? QString() : why);
    }
}

void DashboardPage::runBreakerAction(BreakerAction action)
{
    const int row = m_health->currentRow();
    if (!m_breakerControl || row < 0 || !m_health->item(row, 0))
        return;
    m_breakerControl(m_health->item(row, 0)->text(), action);
    refresh();
}

Result<void> DashboardPage::exportPng(const QString &path)
{
    if (!m_charts->grab().save(path, "PNG"))
        return Error{QStringLiteral("io_error"), tr("Cannot write %1").arg(path)};
    return {};
}

Result<void> DashboardPage::exportCsv(const QString &path) const
{
    return writeFile(path, dashboardCsv(m_charts->data()).toUtf8());
}

} // namespace understudy
