#pragma once

// The console's Dashboard page: the engine's metrics as charts, refreshed
// once a second on the GUI thread from MetricsRegistry::snapshot (which
// folds the per-thread shards under the registry's own mutexes: safe from
// any thread, and a few hundred microseconds for a handful of routes).
//
// Windows: the last 5 minutes at 1 s resolution (live, from the registry),
// the last hour and the last 24 hours at 1 min resolution from the request
// log's per-minute rollups (read on a RollupReader thread, every 30 s); the
// long windows need a workspace request log and say so without one.
//
// Below the charts, a per-target health table (attempts since the engine
// started, breaker state, and a strip of the breaker's state in each second
// of the last 5 minutes from MetricsRegistry::breakerHistory, so it also
// covers the time before the page was shown) with Force open / Force close /
// Reset buttons that call the integrator's BreakerControl. The strip cell
// (column 6) holds the states as Qt::UserRole bytes (StripState) and says
// when the breaker last changed in its tooltip.
//
// Wiring (the integrator):
//   page->setObservability(engineHost->observability()); // null when stopped
//   page->setBreakerControl([registry](const QString &t, BreakerAction a) {...});

#include "DashboardData.h"
#include "core/Result.h"

#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace understudy {

class DashboardCharts;
class MetricsRegistry;
class Observability;
class RollupReader;

enum class BreakerAction { ForceOpen, ForceClose, Reset };

class DashboardPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPage)

public:
    enum class Window { Live5Minutes, LastHour, Last24Hours };
    using BreakerControl = std::function<void(const QString &target, BreakerAction action)>;

    explicit DashboardPage(QWidget *parent = nullptr);
    ~DashboardPage() override;

    // Null detaches (e.g. while the gateway is stopped). The observability
    // object must outlive the page or be detached first.
    void setObservability(Observability *observability);
    // The same without an Observability: a registry, and optionally the
    // workspace whose request log holds the rollups.
    void setMetrics(MetricsRegistry *metrics, const QString &requestLogPath = {});
    void setBreakerControl(BreakerControl control);

    void setWindow(Window window);
    Window window() const { return m_window; }
    // Reads the current window now (the timer does every second).
    void refresh();
    // Whether the charts are held still because the mouse is over them.
    bool isHoverPaused() const;

    const DashboardData &data() const;
    DashboardCharts *charts() const { return m_charts; }
    QTableWidget *healthTable() const { return m_health; }
    QString statusText() const;
    // Offered while the running gateway has seen no request yet.
    QPushButton *demoTrafficButton() const { return m_demo; }
    // Whether demo traffic can run now (the gateway is running).
    void setDemoTrafficAvailable(bool available);

    // The chart area as PNG; the visible series as CSV (dashboardCsv).
    Result<void> exportPng(const QString &path);
    Result<void> exportCsv(const QString &path) const;

signals:
    // "Start demo traffic": the integrator starts the load generator.
    void demoTrafficRequested();

private:
    void applyHealth(std::vector<TargetHealth> health, const BreakerHistory &history);
    void requestRollups();
    void updateBreakerButtons();
    void runBreakerAction(BreakerAction action);

    MetricsRegistry *m_metrics = nullptr;
    QString m_requestLogPath;
    std::unique_ptr<RollupReader> m_rollups;
    int m_rollupGeneration = 0;
    Window m_window = Window::Live5Minutes;
    BreakerControl m_breakerControl;
    QTimer m_timer;
    qint64 m_lastRollupLoadMs = 0;

    QComboBox *m_windowBox = nullptr;
    QLabel *m_status = nullptr;
    DashboardCharts *m_charts = nullptr;
    QTableWidget *m_health = nullptr;
    QPushButton *m_forceOpen = nullptr, *m_forceClose = nullptr, *m_reset = nullptr;
    QPushButton *m_demo = nullptr;
    bool m_demoAvailable = false;
};

} // namespace understudy
