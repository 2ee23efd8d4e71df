#include "DashboardCharts.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGridLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QTableWidget>
#include <QToolTip>
#include <QValueAxis>

#include <cmath>

namespace understudy {

namespace {

const QColor kFallback(0xfb, 0x8c, 0x00);
const QColor kFailed(0xe5, 0x39, 0x35);

// Bottom to top, in AnswerBand order.
QColor bandColor(AnswerBand band)
{
    switch (band) {
    case AnswerBand::Ok:
        return QColor(0x43, 0xa0, 0x47);
    case AnswerBand::Retried:
        return QColor(0x26, 0xa6, 0x9a);
    case AnswerBand::Fallback:
        return kFallback;
    case AnswerBand::Cached:
        return QColor(0x1e, 0x88, 0xe5);
    case AnswerBand::Static:
        return QColor(0x8e, 0x24, 0xaa);
    case AnswerBand::Failed:
        return kFailed;
    }
    return {};
}

QString bandLabel(AnswerBand band)
{
    switch (band) {
    case AnswerBand::Ok:
        return DashboardCharts::tr("ok");
    case AnswerBand::Retried:
        return DashboardCharts::tr("retried");
    case AnswerBand::Fallback:
        return DashboardCharts::tr("fallback");
    case AnswerBand::Cached:
        return DashboardCharts::tr("cached");
    case AnswerBand::Static:
        return DashboardCharts::tr("static");
    case AnswerBand::Failed:
        return DashboardCharts::tr("failed");
    }
    return {};
}

QChart *newChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

// A y-axis maximum with some headroom that does not jitter every second.
qreal niceMax(qreal value)
{
    if (value <= 0)
        return 1;
    const qreal magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (qreal step : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (value <= step * magnitude)
            return step * magnitude;
    return 10 * magnitude;
}

QString msText(const std::optional<double> &ms)
{
    return ms ? QStringLiteral("%1 ms").arg(*ms, 0, 'f', *ms < 10 ? 1 : 0) : QStringLiteral("–");
}

} // namespace

DashboardCharts::DashboardCharts(QWidget *parent) : QWidget(parent), m_totals(new QLabel(this))
{
    m_totals->setObjectName(QStringLiteral("dashboardTotals"));
    m_totals->setTextFormat(Qt::RichText);
    buildRequestsChart();
    buildErrorChart();
    buildTriggersChart();
    buildLatencyChart();

    m_triggerTable = new QTableWidget(0, 5, this);
    m_triggerTable->setObjectName(QStringLiteral("triggerTable"));
    m_triggerTable->setHorizontalHeaderLabels({tr("Route"), tr("From"), tr("To"), tr("Reason"), tr("Count")});
    m_triggerTable->verticalHeader()->hide();
    m_triggerTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_triggerTable->setAlternatingRowColors(true);
    m_triggerTable->setWordWrap(false);
    m_triggerTable->setTextElideMode(Qt::ElideMiddle);
    m_triggerTable->setToolTip(tr("Fallback triggers in this window: the attempt's target, the target the "
                                  "request moved to (none: the chain ended) and the outcome class"));
    QHeaderView *header = m_triggerTable->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(1, QHeaderView::Stretch);
    header->setSectionResizeMode(2, QHeaderView::Stretch);
    m_triggerTable->verticalHeader()->setDefaultSectionSize(m_triggerTable->fontMetrics().height() + 6);

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_totals, 0, 0, 1, 3);
    grid->addWidget(m_requestsView, 1, 0, 1, 2);
    grid->addWidget(m_errorView, 1, 2);
    grid->addWidget(m_triggersView, 2, 0);
    grid->addWidget(m_triggerTable, 2, 1);
    grid->addWidget(m_latencyView, 2, 2);
    // The triggers table names targets ("provider/model"): give it room.
    grid->setColumnStretch(0, 2);
    grid->setColumnStretch(1, 3);
    grid->setColumnStretch(2, 2);
    grid->setRowStretch(1, 3);
    grid->setRowStretch(2, 2);
    updateTotals();
}

QChartView *DashboardCharts::makeView(QChart *chart, const QString &objectName)
{
    auto *view = new QChartView(chart, this);
    view->setObjectName(objectName);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(260, 180);
    view->installEventFilter(this);
    return view;
}

bool DashboardCharts::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Enter) {
        ++m_hovered;
    } else if (event->type() == QEvent::Leave) {
        m_hovered = std::max(0, m_hovered - 1);
        if (m_hovered == 0)
            emit hoverEnded();
    }
    return QWidget::eventFilter(watched, event);
}

void DashboardCharts::buildRequestsChart()
{
    QChart *chart = newChart(tr("Requests per second by outcome"));
    m_requestsX = new QDateTimeAxis(chart);
    m_requestsY = new QValueAxis(chart);
    m_requestsY->setLabelFormat(QStringLiteral("%.3g"));
    chart->addAxis(m_requestsX, Qt::AlignBottom);
    chart->addAxis(m_requestsY, Qt::AlignLeft);
    for (std::size_t b = 0; b < kAnswerBandCount; ++b) {
        m_bandUpper[b] = new QLineSeries(chart);
        m_bandLower[b] = new QLineSeries(chart);
        auto *area = new QAreaSeries(m_bandUpper[b], m_bandLower[b]);
        area->setName(bandLabel(AnswerBand(b)));
        area->setObjectName(QStringLiteral("band_") + answerBandName(AnswerBand(b)));
        area->setColor(bandColor(AnswerBand(b)));
        // No outline: a band of zero height would still draw its border
        // as a line on top of the bands below it.
        area->setPen(Qt::NoPen);
        chart->addSeries(area);
        area->attachAxis(m_requestsX);
        area->attachAxis(m_requestsY);
        connect(area, &QAreaSeries::hovered, this, [this](const QPointF &point, bool state) {
            if (state)
                showPointToolTip(point);
        });
    }
    m_requestsView = makeView(chart, QStringLiteral("requestsChart"));
    m_requestsView->setToolTip(
        tr("Each request is in one band: 'failed' ended with an outcome other than ok; 'cached' and\n"
           "'static' were answered by a cache or a static step; 'fallback' by a later step's target;\n"
           "'retried' by the first step's target after retrying it; 'ok' by the first attempt."));
}

void DashboardCharts::buildErrorChart()
{
    QChart *chart = newChart(tr("Error rate"));
    m_errorSeries = new QLineSeries(chart);
    m_errorSeries->setName(tr("errors / requests"));
    m_errorSeries->setColor(kFailed);
    chart->addSeries(m_errorSeries);
    m_errorX = new QDateTimeAxis(chart);
    m_errorY = new QValueAxis(chart);
    m_errorY->setLabelFormat(QStringLiteral("%.0f%%"));
    m_errorY->setRange(0, 100);
    chart->addAxis(m_errorX, Qt::AlignBottom);
    chart->addAxis(m_errorY, Qt::AlignLeft);
    m_errorSeries->attachAxis(m_errorX);
    m_errorSeries->attachAxis(m_errorY);
    chart->legend()->hide();
    connect(m_errorSeries, &QLineSeries::hovered, this, [this](const QPointF &point, bool state) {
        if (state)
            showPointToolTip(point);
    });
    m_errorView = makeView(chart, QStringLiteral("errorRateChart"));
}

void DashboardCharts::buildTriggersChart()
{
    QChart *chart = newChart(tr("Fallback triggers by reason"));
    m_triggerSeries = new QHorizontalBarSeries(chart);
    m_triggerSet = new QBarSet(tr("triggers"), m_triggerSeries);
    m_triggerSet->setColor(kFallback);
    m_triggerSeries->append(m_triggerSet);
    chart->addSeries(m_triggerSeries);
    m_triggerAxis = new QBarCategoryAxis(chart);
    m_triggerCountAxis = new QValueAxis(chart);
    m_triggerCountAxis->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(m_triggerAxis, Qt::AlignLeft);
    chart->addAxis(m_triggerCountAxis, Qt::AlignBottom);
    m_triggerSeries->attachAxis(m_triggerAxis);
    m_triggerSeries->attachAxis(m_triggerCountAxis);
    chart->legend()->hide();
    connect(m_triggerSet, &QBarSet::hovered, this, [this](bool state, int index) {
        if (!state || index < 0 || index >= m_triggerAxis->count())
            return;
        QToolTip::showText(
            QCursor::pos(),
            tr("%1: %2 in this window").arg(m_triggerAxis->at(index)).arg(qint64(m_triggerSet->at(index))));
    });
    m_triggersView = makeView(chart, QStringLiteral("triggersChart"));
}

void DashboardCharts::buildLatencyChart()
{
    QChart *chart = newChart(tr("Latency and time to first token"));
    auto *series = new QBarSeries(chart);
    m_latencySet = new QBarSet(tr("latency"), series);
    m_ttftSet = new QBarSet(tr("TTFT"), series);
    m_latencySet->setColor(QColor(0x1e, 0x88, 0xe5));
    m_ttftSet->setColor(QColor(0x8e, 0x24, 0xaa));
    series->append(m_latencySet);
    series->append(m_ttftSet);
    chart->addSeries(series);
    auto *categories = new QBarCategoryAxis(chart);
    categories->append({QStringLiteral("p50"), QStringLiteral("p95"), QStringLiteral("p99")});
    m_latencyY = new QValueAxis(chart);
    m_latencyY->setLabelFormat(QStringLiteral("%.3g ms"));
    chart->addAxis(categories, Qt::AlignBottom);
    chart->addAxis(m_latencyY, Qt::AlignLeft);
    series->attachAxis(categories);
    series->attachAxis(m_latencyY);
    for (QBarSet *set : {m_latencySet, m_ttftSet}) {
        set->append({0, 0, 0});
        connect(set, &QBarSet::hovered, this, [set](bool state, int index) {
            if (state)
                QToolTip::showText(
                    QCursor::pos(),
                    tr("%1 %2: %3 ms")
                        .arg(set->label(),
                             QStringList{QStringLiteral("p50"), QStringLiteral("p95"), QStringLiteral("p99")}.value(
                                 index))
                        .arg(set->at(index), 0, 'f', 1));
        });
    }
    m_latencyView = makeView(chart, QStringLiteral("latencyChart"));
    m_latencyView->setToolTip(tr("Percentiles over the whole window, read from log-scale histograms\n"
                                 "(within one bucket, about 19%, of the exact value)."));
}

void DashboardCharts::showPointToolTip(const QPointF &point)
{
    if (m_data.points.empty())
        return;
    // The data point nearest to the hovered x.
    const auto it = std::lower_bound(m_data.points.begin(), m_data.points.end(), qint64(point.x()),
                                     [](const DashboardPoint &p, qint64 x) { return p.timeMs < x; });
    std::size_t i = std::size_t(it - m_data.points.begin());
    if (i >= m_data.points.size() ||
        (i > 0 && std::abs(double(m_data.points[i - 1].timeMs) - point.x()) < std::abs(double(it->timeMs) - point.x())))
        i = i > 0 ? i - 1 : 0;
    const DashboardPoint &p = m_data.points[i];
    const QString time = QDateTime::fromMSecsSinceEpoch(p.timeMs).toString(
        m_data.resolutionSeconds >= 60 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss"));
    QString text = time;
    // Top band first, as they are stacked.
    for (std::size_t b = kAnswerBandCount; b-- > 0;)
        text += QLatin1Char('\n') + tr("%1 %2/s").arg(bandLabel(AnswerBand(b))).arg(p.bands[b], 0, 'g', 4);
    text += QLatin1Char('\n') + tr("error rate %1%").arg(p.errorRate * 100, 0, 'f', 1);
    if (!m_data.bandsExact)
        text += QLatin1Char('\n') + tr("(older rollups: retried, cached and static counted as ok)");
    QToolTip::showText(QCursor::pos(), text);
}

void DashboardCharts::setData(const DashboardData &data)
{
    m_data = data;
    // edges[b] is the top of band b; edges of the band below its bottom.
    std::array<QList<QPointF>, kAnswerBandCount + 1> edges;
    QList<QPointF> error;
    for (QList<QPointF> &edge : edges)
        edge.reserve(qsizetype(data.points.size()));
    error.reserve(qsizetype(data.points.size()));
    qreal peak = 0;
    for (const DashboardPoint &p : data.points) {
        const qreal x = qreal(p.timeMs);
        qreal y = 0;
        edges[0].append({x, 0});
        for (std::size_t b = 0; b < kAnswerBandCount; ++b) {
            y += p.bands[b];
            edges[b + 1].append({x, y});
        }
        error.append({x, p.errorRate * 100});
        peak = std::max(peak, y);
    }
    for (std::size_t b = 0; b < kAnswerBandCount; ++b) {
        m_bandLower[b]->replace(edges[b]);
        m_bandUpper[b]->replace(edges[b + 1]);
    }
    m_errorSeries->replace(error);

    const QString format = data.resolutionSeconds >= 60 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss");
    if (!data.points.empty()) {
        const QDateTime from = QDateTime::fromMSecsSinceEpoch(data.points.front().timeMs);
        const QDateTime to = QDateTime::fromMSecsSinceEpoch(data.points.back().timeMs);
        // The error-rate chart is narrower: fewer labels, so none is cut.
        for (QDateTimeAxis *axis : {m_requestsX, m_errorX}) {
            axis->setFormat(format);
            axis->setRange(from, to);
            axis->setTickCount(axis == m_errorX ? 3 : 6);
        }
    }
    m_requestsY->setRange(0, niceMax(peak));

    // Triggers by reason, most frequent first (top 8), and the full table.
    std::vector<std::pair<QString, std::uint64_t>> reasons(data.triggersByReason.begin(), data.triggersByReason.end());
    std::stable_sort(reasons.begin(), reasons.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    if (reasons.size() > 8)
        reasons.resize(8);
    std::reverse(reasons.begin(), reasons.end()); // horizontal bars draw bottom-up
    QStringList categories;
    QList<qreal> counts;
    qreal maxCount = 0;
    for (const auto &[reason, count] : reasons) {
        categories << reason;
        counts << qreal(count);
        maxCount = std::max(maxCount, qreal(count));
    }
    m_triggerSet->remove(0, m_triggerSet->count());
    m_triggerAxis->clear();
    if (!data.triggersTracked) {
        m_triggersView->chart()->setTitle(tr("Fallback triggers: not kept in per-minute rollups"));
    } else {
        m_triggersView->chart()->setTitle(tr("Fallback triggers by reason"));
        m_triggerAxis->append(categories);
        m_triggerSet->append(counts);
    }
    m_triggerCountAxis->setRange(0, niceMax(maxCount));
    m_triggerCountAxis->setTickCount(std::min(6, int(niceMax(maxCount)) + 1));

    m_triggerTable->setRowCount(int(data.triggers.size()));
    for (int row = 0; row < int(data.triggers.size()); ++row) {
        const FallbackTriggerCount &t = data.triggers[std::size_t(row)];
        const QStringList cells{t.route, t.from, t.to, t.reason, QString::number(t.count)};
        for (int column = 0; column < cells.size(); ++column) {
            QTableWidgetItem *item = m_triggerTable->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_triggerTable->setItem(row, column, item);
            }
            item->setText(cells[column]);
            if (column == 1 || column == 2)
                item->setToolTip(cells[column]);
            if (column == 4)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        }
    }

    const auto value = [](const std::optional<double> &v) { return v.value_or(0.0); };
    m_latencySet->replace(0, value(data.latency.p50));
    m_latencySet->replace(1, value(data.latency.p95));
    m_latencySet->replace(2, value(data.latency.p99));
    m_ttftSet->replace(0, value(data.ttft.p50));
    m_ttftSet->replace(1, value(data.ttft.p95));
    m_ttftSet->replace(2, value(data.ttft.p99));
    // At least 0..10 ms: a smaller range would repeat rounded labels.
    m_latencyY->setRange(0, std::max<qreal>(10, niceMax(std::max(value(data.latency.p99), value(data.ttft.p99)))));
    updateTotals();
}

void DashboardCharts::updateTotals()
{
    const QLocale locale;
    const DashboardData &d = m_data;
    auto tile = [](const QString &label, const QString &value) {
        return QStringLiteral("<td style='padding-right:22px'><span style='color:#777'>%1</span><br>"
                              "<span style='font-size:large; font-weight:600'>%2</span></td>")
            .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString html = QStringLiteral("<table><tr>");
    html += tile(tr("Requests"), locale.toString(qulonglong(d.requests)));
    html += tile(tr("Per second"), locale.toString(d.requestsPerSecond, 'f', d.requestsPerSecond < 10 ? 2 : 1));
    html += tile(tr("Error rate"), QStringLiteral("%1%").arg(d.errorRate * 100, 0, 'f', 1));
    html += tile(tr("Fallbacks"), locale.toString(qulonglong(d.fallbacks)));
    html += tile(tr("Cache hits"),
                 d.resolutionSeconds >= 60 ? QStringLiteral("–") : locale.toString(qulonglong(d.cacheHits)));
    html += tile(tr("p95 latency"), msText(d.latency.p95));
    html += tile(tr("p95 TTFT"), msText(d.ttft.p95));
    html += tile(tr("Tokens in / out"), QStringLiteral("%1 / %2").arg(locale.toString(qulonglong(d.promptTokens)),
                                                                      locale.toString(qulonglong(d.completionTokens))));
    html += tile(tr("Cost"), locale.toString(d.cost, 'f', d.cost < 1 ? 4 : 2));
    if (d.resolutionSeconds < 60)
        html += tile(tr("In flight"), locale.toString(d.inFlight));
    html += QStringLiteral("</tr></table>");
    m_totals->setText(html);
}

} // namespace understudy
