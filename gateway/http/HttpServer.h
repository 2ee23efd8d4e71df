#pragma once

// The inbound HTTP/1.1 server (SPEC §1 "HTTP server").
//
// Threads: the HttpServer object and its listening sockets live on the
// thread that creates it and only accept. Each accepted descriptor goes to
// one of N worker threads (round robin) and stays there for life; workers
// run their own event loops and own one RequestHandler each, made by the
// factory on that thread. Framing, limits and error answers are handled
// here; handlers only ever see complete, well-formed requests.
//
// Typical use:
//   HttpServer server(config->limits, [] { return std::make_unique<MyHandler>(); });
//   if (auto r = server.listen(config->listeners); !r) report(r.error());

#include "config/Config.h"
#include "core/Result.h"
#include "http/HttpExchange.h"
#include "http/HttpRequest.h"
#include "http/RequestHandler.h"
#include "http/ServerStats.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <vector>

class QThread;

namespace understudy {

class HttpWorker;
class ListenSocket;

class HttpServer final : public QObject
{
    Q_OBJECT
public:
    using HandlerFactory = std::function<std::unique_ptr<RequestHandler>()>;
    using Stats = HttpServerStats;

    // Starts the worker threads (limits.workers, 0 = one per core). The
    // worker count is fixed for the server's life; other limits reload.
    HttpServer(ServerLimits limits, HandlerFactory factory, QObject *parent = nullptr);
    ~HttpServer() override;
    Q_DISABLE_COPY_MOVE(HttpServer)

    // Opens every listener. On failure nothing new stays open and the error
    // names the listener and address:port ("bind_failed", "invalid_listener",
    // "tls_config").
    Result<void> listen(const std::vector<Listener> &listeners);
    // Hot reload: listeners whose name, address, port and tls flag are
    // unchanged stay open (a new cert/key applies to new connections);
    // new ones open, removed and changed ones close.
    Result<void> updateListeners(const std::vector<Listener> &listeners);
    // Port actually bound (useful with port 0); 0 if no such listener.
    quint16 serverPort(const QString &listenerName) const;

    // Applies to new requests; maxConnections applies to new connections.
    void setLimits(const ServerLimits &limits);

    // Stops accepting, lets in-flight exchanges finish (idle keep-alive
    // connections close at once), and after at most timeoutMs closes what
    // is left. Emits drained() when done.
    void drain(int timeoutMs);

    // Thread-safe snapshot.
    Stats stats() const;
    int workerCount() const { return static_cast<int>(m_workers.size()); }

Q_SIGNALS:
    void drained();

private:
    struct Open
    {
        Listener config;
        ListenSocket *socket = nullptr;
    };

    Result<ListenSocket *> open(const Listener &listener);
    void closeListener(Open &entry);
    void onIncoming(qintptr descriptor, ListenSocket *socket);
    void onWorkerIdle(HttpWorker *worker);
    void finishDrain();

    ServerLimits m_limits;
    std::shared_ptr<ServerCounters> m_counters;
    std::vector<QThread *> m_threads;
    std::vector<HttpWorker *> m_workers;
    size_t m_nextWorker = 0;
    std::map<QString, Open> m_listeners;
    bool m_draining = false;
    bool m_drainFinished = false;
    std::set<HttpWorker *> m_idleWorkers;
    QTimer m_drainDeadline;
};

} // namespace understudy
