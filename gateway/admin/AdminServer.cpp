#include "admin/AdminServer.h"

#include "admin/AdminContext.h"
#include "admin/AdminHandler.h"
#include "admin/RequestFeed.h"
#include "engine/Engine.h"
#include "http/HttpServer.h"

#include <QHostAddress>
#include <QLoggingCategory>

namespace understudy {

Q_LOGGING_CATEGORY(lcAdmin, "understudy.admin", QtInfoMsg)

namespace {

constexpr char kListenerName[] = "admin";

} // namespace

Result<void> checkAdminExposure(const AdminServerOptions &options)
{
    if (options.token.isEmpty())
        return Result<void>::failure(QStringLiteral("invalid_listener"), QStringLiteral("the admin API needs a token"));
    QHostAddress address;
    if (!address.setAddress(options.address))
        return Result<void>::failure(QStringLiteral("invalid_listener"),
                                     QStringLiteral("admin address '%1' is not an IP address").arg(options.address));
    if (address.isLoopback() || options.tls || options.allowInsecurePublic)
        return {};
    return Result<void>::failure(
        QStringLiteral("insecure_admin"),
        QStringLiteral("refusing to expose the admin API on %1 without TLS: the bearer token would cross the network "
                       "in clear text. Give a certificate and key, listen on 127.0.0.1, or force it with "
                       "--admin-insecure-public")
            .arg(options.address));
}

AdminServer::AdminServer(Engine &engine, AdminServerOptions options, QObject *parent)
    : QObject(parent), m_context(std::make_shared<AdminContext>())
{
    m_context->engine = &engine;
    m_context->options = std::move(options);
    m_context->feed = std::make_shared<RequestFeed>();
}

AdminServer::~AdminServer() = default;

void AdminServer::setObservability(std::shared_ptr<AdminObservability> observability)
{
    Q_ASSERT(!m_server);
    m_context->observability = std::move(observability);
}

void AdminServer::setChaos(std::shared_ptr<ChaosRegistry> chaos)
{
    Q_ASSERT(!m_server);
    m_context->chaos = std::move(chaos);
}

std::shared_ptr<RequestFeed> AdminServer::requestFeed() const
{
    return m_context->feed;
}

Result<void> AdminServer::start()
{
    if (m_server)
        return Result<void>::failure(QStringLiteral("already_running"), tr("The admin API is already listening."));
    if (auto exposure = checkAdminExposure(m_context->options); !exposure)
        return exposure;
    const AdminServerOptions &o = m_context->options;
    Listener listener;
    listener.name = QString::fromLatin1(kListenerName);
    listener.address = o.address;
    listener.port = o.port;
    listener.tls = o.tls;
    listener.certFile = o.certFile;
    listener.keyFile = o.keyFile;

    ServerLimits limits;
    limits.workers = 1; // the handler owns the workspace connection: one thread
    limits.maxBodyBytes = 64LL << 20;
    limits.maxConnections = 256;
    m_context->startedAt = QDateTime::currentDateTimeUtc();
    std::shared_ptr<AdminContext> context = m_context;
    auto server = std::make_unique<HttpServer>(limits, [context] { return std::make_unique<AdminHandler>(context); });
    if (auto listening = server->listen({listener}); !listening)
        return listening;
    m_server = std::move(server);
    qCInfo(lcAdmin).noquote() << QStringLiteral("admin listening | admin_address=%1:%2 tls=%3")
                                     .arg(o.address)
                                     .arg(port())
                                     .arg(o.tls ? QStringLiteral("on") : QStringLiteral("off"));
    return {};
}

quint16 AdminServer::port() const
{
    return m_server ? m_server->serverPort(QString::fromLatin1(kListenerName)) : 0;
}

QString AdminServer::url() const
{
    const AdminServerOptions &o = m_context->options;
    QHostAddress address(o.address);
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + o.address + QLatin1Char(']')
                             : o.address;
    return QStringLiteral("%1://%2:%3").arg(o.tls ? QStringLiteral("https") : QStringLiteral("http"), host).arg(port());
}

} // namespace understudy
