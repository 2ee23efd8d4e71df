#include "engine/Engine.h"

#include "config/Validation.h"
#include "engine/FallbackHandler.h"
#include "fallback/ExecutorServices.h"
#include "fallback/ResponseCache.h"
#include "http/HttpServer.h"

#include <QLoggingCategory>

namespace understudy {

Q_LOGGING_CATEGORY(lcEngine, "understudy.engine", QtInfoMsg)

namespace {

Result<void> checkValid(const Config &config)
{
    const auto issues = validateConfig(config);
    if (isValid(issues))
        return {};
    return Result<void>::failure(QStringLiteral("invalid_config"), formatIssues(issues));
}

} // namespace

Engine::Engine(QObject *parent)
    : QObject(parent)
    , m_slot(std::make_shared<SnapshotSlot>())
    , m_services(std::make_shared<ExecutorServices>(SystemClock::instance(), SystemRandom::instance()))
{
    m_services->cache = std::make_shared<ResponseCache>();
}

Engine::~Engine() = default;

Result<void> Engine::start(const ConfigSnapshot &config)
{
    Q_ASSERT(config);
    if (m_server)
        return Result<void>::failure(QStringLiteral("already_running"), tr("The gateway is already running."));
    if (auto valid = checkValid(*config); !valid)
        return valid;

    auto snapshot = std::make_shared<RuntimeSnapshot>(config);
    snapshot->generation = ++m_generation;
    m_slot->store(std::move(snapshot));

    m_services->retryBudget.configure(config->retryBudget);
    std::shared_ptr<const SnapshotSlot> slot = m_slot;
    std::shared_ptr<ExecutorServices> services = m_services;
    auto server = std::make_unique<HttpServer>(
        config->limits, [slot, services] { return std::make_unique<FallbackHandler>(slot, services); });
    connect(server.get(), &HttpServer::drained, this, &Engine::drained);
    if (auto listening = server->listen(config->listeners); !listening) {
        m_slot->store(nullptr);
        return listening;
    }
    m_server = std::move(server);
    for (const Listener &l : config->listeners) {
        qCInfo(lcEngine).noquote() << QStringLiteral("listening | listener=%1 address=%2:%3 workers=%4")
                                          .arg(l.name, l.address)
                                          .arg(port(l.name))
                                          .arg(m_server->workerCount());
    }
    emit configApplied(m_generation);
    return {};
}

Result<void> Engine::apply(const ConfigSnapshot &config)
{
    Q_ASSERT(config);
    if (auto valid = checkValid(*config); !valid) {
        qCWarning(lcEngine).noquote() << "config rejected |" << QStringLiteral("generation=%1").arg(m_generation);
        return valid;
    }
    if (m_server) {
        if (auto listening = m_server->updateListeners(config->listeners); !listening)
            return listening;
        m_server->setLimits(config->limits);
    }
    m_services->retryBudget.configure(config->retryBudget);
    auto snapshot = std::make_shared<RuntimeSnapshot>(config);
    snapshot->generation = ++m_generation;
    m_slot->store(std::move(snapshot));
    qCInfo(lcEngine).noquote() << "config applied |" << QStringLiteral("generation=%1").arg(m_generation);
    emit configApplied(m_generation);
    return {};
}

void Engine::drain(int timeoutMs)
{
    if (!m_server) {
        emit drained();
        return;
    }
    m_server->drain(timeoutMs);
}

ConfigSnapshot Engine::config() const
{
    const RuntimeSnapshotPtr snapshot = m_slot->load();
    return snapshot ? snapshot->config : nullptr;
}

quint64 Engine::generation() const
{
    return m_generation;
}

quint16 Engine::port(const QString &listenerName) const
{
    return m_server ? m_server->serverPort(listenerName) : 0;
}

HttpServerStats Engine::stats() const
{
    return m_server ? m_server->stats() : HttpServerStats{};
}

} // namespace understudy
