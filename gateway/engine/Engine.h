#pragma once

// The embedded gateway: one object the console and `understudy-gateway
// serve` both host. It owns the inbound server, the worker threads and the
// current config snapshot. Lives on the thread that creates it (the GUI or
// main thread); it never blocks that thread: requests run on the workers.
//
// Observability (optional, setObservability() before start()): the engine
// posts config applied/rejected (with the validation errors) for every
// start()/apply(), listener started/stopped, counts requests in flight, and
// once a second (and on sampleObservability()) compares its breakers with
// what it last saw, posting breaker_transition events and setting the
// breaker gauges. Breaker transitions are sampled, not pushed: the
// executor's BreakerListener is fixed when ExecutorServices is built and
// offers no hook yet, so a transition that reverts within a second is not
// seen, and the reason of an unforced one reads "sampled".

#include "config/Config.h"
#include "config/Validation.h"
#include "core/Result.h"
#include "engine/RuntimeSnapshot.h"
#include "http/ServerStats.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <map>
#include <memory>
#include <mutex>

namespace understudy {

class HttpServer;
class Observability;
struct ExecutorServices;

class Engine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Engine)

public:
    explicit Engine(QObject *parent = nullptr);
    ~Engine() override;

    // Validates `config`, starts the workers and opens every listener.
    // An invalid config or a bind failure starts nothing.
    Result<void> start(const ConfigSnapshot &config);

    // Hot reload: validates, then swaps the snapshot atomically. Requests in
    // flight finish on the snapshot they started with; listeners whose
    // address did not change stay open. An invalid config changes nothing.
    Result<void> apply(const ConfigSnapshot &config);

    // Stops accepting, lets in-flight requests finish for up to timeoutMs,
    // then closes; emits drained().
    void drain(int timeoutMs);

    bool isRunning() const { return m_server != nullptr; }
    ConfigSnapshot config() const;
    quint64 generation() const;
    quint16 port(const QString &listenerName) const;
    HttpServerStats stats() const;
    // Breakers, retry budget, cache and the trail sink shared by all workers.
    ExecutorServices &services() { return *m_services; }

    // Events and gauges go here from now on; call before start(). The
    // caller also installs observability->trailSink() as services().trailSink.
    void setObservability(std::shared_ptr<Observability> observability);
    // Compares breakers with the last sample now (the timer does it every
    // second): transitions become events and gauges.
    void sampleObservability();

Q_SIGNALS:
    void drained();
    void configApplied(quint64 generation);

private:
    void postEvent(const char *kind, const QString &subject, const QJsonObject &detail = {});
    void postRejected(const std::vector<ValidationIssue> &issues, const char *during);
    void postListenerChanges(const std::vector<Listener> &before, const std::vector<Listener> &after);

    std::shared_ptr<SnapshotSlot> m_slot;
    std::shared_ptr<ExecutorServices> m_services;
    std::unique_ptr<HttpServer> m_server;
    quint64 m_generation = 0;
    std::shared_ptr<Observability> m_observability;
    // What the breaker listener (running on worker threads) reports to.
    struct ObservabilityRef
    {
        std::mutex mutex;
        std::weak_ptr<Observability> current;
    };
    std::shared_ptr<ObservabilityRef> m_observabilityRef = std::make_shared<ObservabilityRef>();
    QTimer m_sampleTimer;
    std::map<QString, int> m_breakerStates; // target -> BreakerState as last sampled
};

} // namespace understudy
