#pragma once

// The console's pages about the running gateway (Dashboard, Traffic, Logs,
// Playground, Chaos) and their wiring to the EngineHost, so MainWindow only
// places them. Built before the gateway's first start: the Traffic and
// Playground pages' trail sinks are added to the host then (workers read
// the sink chain without a lock).
//
// Per workspace, setObservability() hands the open workspace's metrics,
// events and request log to the Dashboard and Logs pages; per config,
// setConfig() refreshes the Playground's and Chaos page's route and target
// pickers. The gateway's address follows EngineHost::stateChanged.

#include "ConfigMetaType.h"

#include <QObject>

namespace understudy {

class AppLogBuffer;
class ChaosPage;
struct ChaosInjection;
class DashboardPage;
class EngineHost;
class LogsPage;
class Observability;
class PlaygroundPage;
class TrafficPage;

class LivePages final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LivePages)

public:
    // The pages are created with `pageParent` as their parent (the caller
    // adds them to its stack). Uses the application's installed
    // AppLogBuffer, or installs one of its own when there is none.
    LivePages(EngineHost *engine, QWidget *pageParent);
    ~LivePages() override;

    DashboardPage *dashboard() const { return m_dashboard; }
    TrafficPage *traffic() const { return m_traffic; }
    LogsPage *logs() const { return m_logs; }
    PlaygroundPage *playground() const { return m_playground; }
    ChaosPage *chaos() const { return m_chaos; }

    // The open workspace's Observability, or null when it closes. Must be
    // called (with the new one or null) before the previous is destroyed.
    void setObservability(Observability *observability);
    // The config the gateway runs (saved and applied, not the draft).
    void setConfig(const ConfigSnapshot &config);

signals:
    // The Logs page asked for the traffic around an event: show Traffic.
    void trafficRequested();
    // Demo traffic could not start: show the Chaos page (its load
    // generator panel says why).
    void chaosRequested();

private:
    void onEngineStateChanged();
    void postChaosEvent(const QString &kind, const ChaosInjection &injection);

    EngineHost *m_engine;
    Observability *m_observability = nullptr;
    AppLogBuffer *m_ownLog = nullptr;
    DashboardPage *m_dashboard;
    TrafficPage *m_traffic;
    LogsPage *m_logs;
    PlaygroundPage *m_playground;
    ChaosPage *m_chaos;
};

} // namespace understudy
