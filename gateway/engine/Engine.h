#pragma once

// The embedded gateway: one object the console and `understudy-gateway
// serve` both host. It owns the inbound server, the worker threads and the
// current config snapshot. Lives on the thread that creates it (the GUI or
// main thread); it never blocks that thread: requests run on the workers.

#include "config/Config.h"
#include "core/Result.h"
#include "engine/RuntimeSnapshot.h"
#include "http/ServerStats.h"

#include <QObject>

#include <memory>

namespace understudy {

class HttpServer;
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

Q_SIGNALS:
    void drained();
    void configApplied(quint64 generation);

private:
    std::shared_ptr<SnapshotSlot> m_slot;
    std::shared_ptr<ExecutorServices> m_services;
    std::unique_ptr<HttpServer> m_server;
    quint64 m_generation = 0;
};

} // namespace understudy
