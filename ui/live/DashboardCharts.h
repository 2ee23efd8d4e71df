#pragma once

// The Dashboard's charts and figures for one DashboardData: requests/s
// stacked by outcome (the six answer bands, each with a fixed colour:
// ok green, retried teal, fallback orange, cached blue, static purple,
// failed red), error rate, fallback triggers by reason (chart) and
// by route/from/to (table), latency and TTFT p50/p95/p99, and a strip of
// window totals (requests, error rate, fallbacks, cache hits, tokens, cost).
// Hovering a series shows its exact values; while the mouse is over a
// chart, isHovered() is true so the page stops moving it.

#include "DashboardData.h"

#include <QWidget>

#include <array>

class QAreaSeries;
class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QChart;
class QChartView;
class QDateTimeAxis;
class QHorizontalBarSeries;
class QLabel;
class QLineSeries;
class QTableWidget;
class QValueAxis;

namespace understudy {

class DashboardCharts final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardCharts)

public:
    explicit DashboardCharts(QWidget *parent = nullptr);

    void setData(const DashboardData &data);
    const DashboardData &data() const { return m_data; }
    bool isHovered() const { return m_hovered > 0; }

    QChartView *requestsView() const { return m_requestsView; }
    QChartView *errorRateView() const { return m_errorView; }
    QChartView *triggersView() const { return m_triggersView; }
    QChartView *latencyView() const { return m_latencyView; }
    QTableWidget *triggerTable() const { return m_triggerTable; }

signals:
    void hoverEnded();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QChartView *makeView(QChart *chart, const QString &objectName);
    void buildRequestsChart();
    void buildErrorChart();
    void buildTriggersChart();
    void buildLatencyChart();
    void updateTotals();
    void showPointToolTip(const QPointF &point);

    DashboardData m_data;
    int m_hovered = 0;

    QLabel *m_totals = nullptr;
    QChartView *m_requestsView = nullptr;
    // Upper and lower edge of each band, by AnswerBand; a band's lower edge
    // is a copy of the upper edge of the band below (QAreaSeries wants a
    // series of its own).
    std::array<QLineSeries *, kAnswerBandCount> m_bandUpper{}, m_bandLower{};
    QDateTimeAxis *m_requestsX = nullptr;
    QValueAxis *m_requestsY = nullptr;

    QChartView *m_errorView = nullptr;
    QLineSeries *m_errorSeries = nullptr;
    QDateTimeAxis *m_errorX = nullptr;
    QValueAxis *m_errorY = nullptr;

    QChartView *m_triggersView = nullptr;
    QHorizontalBarSeries *m_triggerSeries = nullptr;
    QBarSet *m_triggerSet = nullptr;
    QBarCategoryAxis *m_triggerAxis = nullptr;
    QValueAxis *m_triggerCountAxis = nullptr;
    QTableWidget *m_triggerTable = nullptr;

    QChartView *m_latencyView = nullptr;
    QBarSet *m_latencySet = nullptr, *m_ttftSet = nullptr;
    QValueAxis *m_latencyY = nullptr;
};

} // namespace understudy
