#pragma once

// The admin REST API listener (SPEC §6): a separate HTTP server, loopback
// by default, every request authenticated with a bearer token. It manages
// the engine it is given (config, revisions, breakers, chaos) and forwards
// log, event and metric queries to an AdminObservability.
//
// Threads: the AdminServer lives on the engine's thread and must be
// destroyed before the engine. Requests are answered by ONE admin worker
// thread; its handler owns the workspace connection (revision reads and
// writes never run on the engine's/GUI thread) and reaches the engine with
// queued calls to the engine's thread.
//
// Typical use (serve):
//   AdminServer admin(engine, options);
//   admin.setObservability(observe);   // optional; before start()
//   admin.setChaos(chaos);             // optional; before start()
//   RequestFeed::chainInto(engine.services(), admin.requestFeed()); // before engine.start()
//   if (auto r = admin.start(); !r) fail(r.error());

#include "core/Result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <memory>

namespace understudy {

class AdminObservability;
class ChaosRegistry;
class Engine;
class HttpServer;
class RequestFeed;
struct AdminContext;

struct AdminServerOptions
{
    QString address = QStringLiteral("127.0.0.1");
    int port = 8788; // 0 = any free port (tests)
    bool tls = false;
    QString certFile;
    QString keyFile;
    // Listen on a non-loopback address without TLS anyway (the operator
    // said so explicitly: --admin-insecure-public).
    bool allowInsecurePublic = false;
    QByteArray token;         // required, non-empty
    QString workspacePath;    // empty = no workspace: revisions answer 404
    int heartbeatMs = 15'000; // SSE comment lines keep idle streams alive
};

// "insecure_admin" when the address is not loopback, TLS is off and the
// operator did not force it; "invalid_listener" for a bad address or an
// empty token.
Result<void> checkAdminExposure(const AdminServerOptions &options);

class AdminServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminServer)

public:
    AdminServer(Engine &engine, AdminServerOptions options, QObject *parent = nullptr);
    ~AdminServer() override;

    void setObservability(std::shared_ptr<AdminObservability> observability);
    void setChaos(std::shared_ptr<ChaosRegistry> chaos);
    // The live request feed behind /admin/v1/requests/stream.
    std::shared_ptr<RequestFeed> requestFeed() const;

    // Checks the exposure policy, then binds. Nothing listens on failure.
    Result<void> start();
    bool isListening() const { return m_server != nullptr; }
    quint16 port() const;
    // "http://127.0.0.1:8788" (https when TLS is on).
    QString url() const;

private:
    std::shared_ptr<AdminContext> m_context;
    std::unique_ptr<HttpServer> m_server;
};

} // namespace understudy
