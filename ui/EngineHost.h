#pragma once

// Hosts the gateway Engine inside the console, on the GUI thread. Starting
// only binds the listeners and spawns the worker threads (no SQLite, no
// network waits), so it is safe here; requests run on the workers.
//
// A drained Engine cannot listen again, so Stop drains and then discards
// it and Start builds a fresh one (breaker states start closed again).
// Once a second the host samples the engine's counters (requests/s, open
// breakers); every 300 ms it publishes per-target served/failed counts and
// breaker states for the chain designer's live overlay.
//
// Observability: the open workspace's Observability (metrics, events, the
// request log in the workspace file) is handed over once per workspace
// open with setObservability(); every engine the host builds gets it
// (Engine::setObservability and its trail sink, with the TargetTally
// chained behind) before it starts. When an Observability is replaced or
// the host is destroyed, it is released only after the engine that used it
// has drained: observabilityReleased() hands it to whoever flushes it off
// the GUI thread; the destructor shuts it down itself.

#include "ConfigMetaType.h"
#include "config/Config.h"
#include "core/Result.h"
#include "designer/StepCardItem.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace understudy {

class ChaosRegistry;
class Engine;
class Observability;
struct RequestTrail;
class TargetTally;

class EngineHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineHost)

public:
    enum class State { Stopped, Running, Stopping, Error };
    Q_ENUM(State)

    explicit EngineHost(QObject *parent = nullptr);
    ~EngineHost() override;

    // Starts the gateway on `config`, which becomes the config Start and
    // Restart use. A running gateway is restarted on it.
    void start(const ConfigSnapshot &config);
    // The Observability the next engine start uses. The current engine
    // keeps its own until it drains (start(config) restarts it).
    void setObservability(std::shared_ptr<Observability> observability);
    // The open workspace's; null before the first workspace opened.
    Observability *observability() const { return m_observability.get(); }

    // Start/Stop/Restart with the last config given; no-ops when they
    // cannot apply (no config yet, already running, already stopped).
    void start();
    void stop();
    void restart();
    // Hot-swaps `config` into the running gateway; while it is stopped the
    // config is only remembered for the next start. Invalid configs and
    // listener changes that cannot bind change nothing.
    Result<void> apply(const ConfigSnapshot &config);

    State state() const { return m_state; }
    // Why the gateway is in State::Error ("" otherwise).
    QString errorText() const { return m_error; }
    bool hasConfig() const { return m_config != nullptr; }
    // "127.0.0.1:8787" per listener: the bound port while running,
    // otherwise the configured one.
    QStringList listenAddresses() const;
    double requestsPerSecond() const { return m_requestsPerSecond; }
    int openBreakers() const { return m_openBreakers; }
    QHash<QString, LiveStepStats> liveStats() const { return m_live; }
    // The running engine; null while stopped.
    Engine *engine() const { return m_engine.get(); }
    // "http://host:port" of the first listener ("" without a config), for
    // pages that send requests through the gateway.
    QString baseUrl() const;
    // The same per listener name, for routes bound to one listener.
    std::map<QString, QString> listenerUrls() const;

    // Fault injection in front of real targets (SPEC §7). One registry for
    // the host's lifetime: every engine it builds plays its injections, so
    // a restart does not end a rehearsal. Thread-safe.
    std::shared_ptr<ChaosRegistry> chaos() const { return m_chaos; }

    // Adds a consumer of every finished request's trail, called on worker
    // threads (so it must be thread-safe and must not block). Engines built
    // after this call feed it; the running one is not changed. Add sinks
    // before the first start.
    using TrailSink = std::function<void(const RequestTrail &)>;
    void addTrailSink(TrailSink sink);

    static QString stateName(State state);

signals:
    void stateChanged(understudy::EngineHost::State state);
    // Once a second while running, and once with zeros when it stops.
    void statsSampled(double requestsPerSecond, int openBreakers);
    // At most every 300 ms, only when something changed.
    void liveStatsChanged(const QHash<QString, understudy::LiveStepStats> &stats);
    // No engine uses `observability` any more: flush and release it.
    void observabilityReleased(const std::shared_ptr<understudy::Observability> &observability);

private:
    void setState(State state, const QString &error = {});
    void onDrained();
    void sampleStats();
    void publishLive();
    void resetCounters();
    void releaseRetired();

    ConfigSnapshot m_config;
    std::unique_ptr<Engine> m_engine;
    std::shared_ptr<TargetTally> m_tally;
    std::shared_ptr<ChaosRegistry> m_chaos;
    std::vector<TrailSink> m_extraSinks;
    std::shared_ptr<Observability> m_observability;
    // What the running engine was given; differs from m_observability after
    // a replacement until that engine has drained.
    std::shared_ptr<Observability> m_engineObservability;
    std::vector<std::shared_ptr<Observability>> m_retired;
    State m_state = State::Stopped;
    QString m_error;
    bool m_startAfterStop = false;

    QTimer m_statsTimer;
    QTimer m_liveTimer;
    QElapsedTimer m_sinceSample;
    qint64 m_lastServed = 0;
    double m_requestsPerSecond = 0.0;
    int m_openBreakers = 0;
    QHash<QString, LiveStepStats> m_live;
};

} // namespace understudy
