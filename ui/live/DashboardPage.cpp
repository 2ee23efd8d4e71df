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
#include <QPainter>
#include <QPointer>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QThreadPool>
#include <QVBoxLayout>

namespace understudy {

namespace {

constexpr int kLiveSeconds = 5 * 60;
constexpr qint64 kRollupReloadMs = 30 * 1000;
constexpr int kStripColumn = 6;
constexpr int kStripWidth = 240;

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

QColor stripColor(StripState state)
{
    switch (state) {
    case StripState::Unknown:
        return QColor(0xbd, 0xbd, 0xbd);
    case StripState::Closed:
        return QColor(0x43, 0xa0, 0x47);
    case StripState::HalfOpen:
        return QColor(0xff, 0xb3, 0x00);
    case StripState::Open:
        return QColor(0xe5, 0x39, 0x35);
    }
    return {};
}

// Paints a target's breaker strip (Qt::UserRole: one StripState byte per
// second, oldest first) as thin segments, runs of one state merged.
class BreakerStripDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem background = option;
        initStyleOption(&background, index);
        background.text.clear();
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

        const QByteArray strip = index.data(Qt::UserRole).toByteArray();
        if (strip.isEmpty())
            return;
        const QRectF area = QRectF(option.rect).adjusted(3, 4, -3, -4);
        const qreal step = area.width() / qreal(strip.size());
        painter->save();
        painter->setPen(Qt::NoPen);
        for (qsizetype start = 0; start < strip.size();) {
            qsizetype end = start + 1;
            while (end < strip.size() && strip[end] == strip[start])
                ++end;
            painter->setBrush(stripColor(StripState(strip[start])));
            painter->drawRect(
                QRectF(area.left() + qreal(start) * step, area.top(), qreal(end - start) * step, area.height()));
            start = end;
        }
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        return {kStripWidth, QStyledItemDelegate::sizeHint(option, index).height()};
    }
};

QString agoText(qint64 ms)
{
    const qint64 s = std::max<qint64>(ms / 1000, 0);
    if (s < 60)
        return DashboardPage::tr("%n s ago", nullptr, int(s));
    if (s < 3600)
        return DashboardPage::tr("%1 min %2 s ago").arg(s / 60).arg(s % 60);
    return DashboardPage::tr("%1 h %2 min ago").arg(s / 3600).arg(s / 60 % 60);
}

// "closed → open at 14:03:22, 35 s ago" (or "closed since …" when the
// change before is no longer kept).
QString stripToolTip(const TargetHealth &h, qint64 nowMs)
{
    if (!h.lastChange)
        return DashboardPage::tr("No breaker state reported for this target");
    const QString at = QDateTime::fromMSecsSinceEpoch(h.lastChange->atMs).toString(QStringLiteral("HH:mm:ss"));
    const QString ago = agoText(nowMs - h.lastChange->atMs);
    const QString to = breakerGaugeName(h.lastChange->state);
    const QString last =
        h.stateBefore
            ? DashboardPage::tr("Last change: %1 → %2 at %3, %4").arg(breakerGaugeName(*h.stateBefore), to, at, ago)
            : DashboardPage::tr("%1 since %2, %3").arg(to, at, ago);
    return last + QLatin1Char('\n') +
           DashboardPage::tr("Last 5 minutes, one segment per second: green closed, amber half-open, red open, "
                             "grey unknown");
}

} // namespace

DashboardPage::DashboardPage(QWidget *parent)
    : QWidget(parent)
    , m_windowBox(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_charts(new DashboardCharts(this))
    , m_health(new QTableWidget(0, 7, this))
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
        {tr("Target"), tr("Breaker"), tr("Attempts"), tr("Ok"), tr("Failed"), tr("Skipped"), tr("Last 5 min")});
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
    m_health->horizontalHeaderItem(kStripColumn)
        ->setToolTip(tr("The breaker's state over the last 5 minutes, one segment per second (the worst state "
                        "of that second): green closed, amber half-open, red open, grey unknown"));
    m_health->setItemDelegateForColumn(kStripColumn, new BreakerStripDelegate(m_health));
    m_health->horizontalHeader()->setSectionResizeMode(kStripColumn, QHeaderView::Fixed);
    m_health->horizontalHeader()->resizeSection(kStripColumn, kStripWidth);
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

void DashboardPage::setDemoTrafficAvailable(bool available)
{
    m_demoAvailable = available;
    refresh();
}

void DashboardPage::refresh()
{
    if (!m_metrics) {
        m_demo->hide();
        m_status->setText(tr("Gateway stopped: no metrics."));
        return;
    }
    const MetricsTotals totals = m_metrics->totals();
    m_demo->setVisible(m_demoAvailable && totals.routes.empty());
    if (m_window == Window::Live5Minutes) {
        const MetricsWindow window = m_metrics->snapshot(kLiveSeconds);
        applyHealth(targetHealth(totals, window.breakers), m_metrics->breakerHistory(kLiveSeconds));
        if (isHoverPaused()) {
            m_status->setText(tr("Paused while the mouse is over a chart"));
            return;
        }
        m_status->setText(tr("Live, refreshed every second"));
        m_charts->setData(dashboardFromWindow(window));
        return;
    }
    // Health stays live in the long windows too.
    applyHealth(targetHealth(totals, m_metrics->snapshot(1).breakers), m_metrics->breakerHistory(kLiveSeconds));
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

void DashboardPage::applyHealth(std::vector<TargetHealth> health, const BreakerHistory &history)
{
    addBreakerStrips(health, history, kLiveSeconds);
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
        QTableWidgetItem *strip = m_health->item(row, kStripColumn);
        if (!strip) {
            strip = new QTableWidgetItem;
            m_health->setItem(row, kStripColumn, strip);
        }
        QByteArray states(qsizetype(h.strip.size()), char(StripState::Unknown));
        for (std::size_t i = 0; i < h.strip.size(); ++i)
            states[qsizetype(i)] = char(h.strip[i]);
        strip->setData(Qt::UserRole, states);
        strip->setToolTip(stripToolTip(h, history.nowMs));
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
