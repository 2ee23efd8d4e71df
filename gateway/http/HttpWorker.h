#pragma once

// One worker thread's share of the server: its connections, its
// RequestHandler and its copy of the limits. Every method runs on the
// worker thread (HttpServer reaches it with queued invocations), so
// nothing here is locked. Internal to gateway/http.

#include "config/Config.h"
#include "http/RequestHandler.h"

#include <QObject>

#include <functional>
#include <memory>
#include <unordered_set>
#include <vector>

namespace understudy {

class HttpConnection;
class ServerCounters;
struct ListenerContext;

class HttpWorker final : public QObject
{
    Q_OBJECT
public:
    using HandlerFactory = std::function<std::unique_ptr<RequestHandler>()>;

    HttpWorker(HandlerFactory factory, std::shared_ptr<ServerCounters> counters, ServerLimits limits);
    ~HttpWorker() override;
    Q_DISABLE_COPY_MOVE(HttpWorker)

    void start();
    void accept(qintptr descriptor, const std::shared_ptr<const ListenerContext> &listener, bool overloaded);
    void setLimits(const ServerLimits &limits) { m_limits = limits; }
    void startDrain();
    void closeAll();

    const ServerLimits &limits() const { return m_limits; }
    ServerCounters &counters() const { return *m_counters; }
    RequestHandler *handler() const { return m_handler.get(); }

    // Output of a plain-TCP connection is collected during one event-loop
    // pass and sent when the loop is about to wait, so a response's head
    // and body (and pipelined answers) leave in one system call.
    void queueFlush(HttpConnection *connection);
    void cancelFlush(HttpConnection *connection);

Q_SIGNALS:
    // While draining: this worker has no connection left.
    void drainedIdle();

private:
    void connectionClosed(HttpConnection *connection);
    void flushConnections();

    HandlerFactory m_factory;
    std::shared_ptr<ServerCounters> m_counters;
    ServerLimits m_limits;
    std::unique_ptr<RequestHandler> m_handler;
    std::unordered_set<HttpConnection *> m_connections;
    std::vector<HttpConnection *> m_toFlush;
    bool m_draining = false;
};

} // namespace understudy
