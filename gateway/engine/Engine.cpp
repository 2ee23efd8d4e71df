#include "engine/Engine.h"

#include "config/Validation.h"
#include "engine/FallbackHandler.h"
#include "fallback/ExecutorServices.h"
#include "fallback/ResponseCache.h"
#include "http/HttpExchange.h"
#include "http/HttpServer.h"
#include "observe/Observability.h"

#include <QJsonArray>
#include <QLoggingCategory>

#include <algorithm>

namespace understudy {

Q_LOGGING_CATEGORY(lcEngine, "understudy.engine", QtInfoMsg)

namespace {

Result<void> checkValid(const std::vector<ValidationIssue> &issues)
{
    if (isValid(issues))
        return {};
    return Result<void>::failure(QStringLiteral("invalid_config"), formatIssues(issues));
}

// Counts requests in flight around the real handler: up when a request
// reaches the handler, down when its exchange is gone (answered, aborted
// or the client left), whichever path answered it.
class InFlightCounter final : public RequestHandler
{
public:
    InFlightCounter(std::unique_ptr<RequestHandler> inner, std::shared_ptr<Observability> observability)
        : m_inner(std::move(inner)), m_observability(std::move(observability))
    {}

    void handle(HttpExchange *exchange) override
    {
        MetricsRegistry &metrics = m_observability->metrics();
        metrics.addInFlight(1);
        // No context object: runs on the exchange's thread as it dies. The
        // shared_ptr keeps the registry alive past this handler.
        QObject::connect(exchange, &QObject::destroyed,
                         [observability = m_observability] { observability->metrics().addInFlight(-1); });
        m_inner->handle(exchange);
    }
    // Answered at once: never in flight.
    void refuse(HttpExchange *exchange, int status, const QString &message) override
    {
        m_inner->refuse(exchange, status, message);
    }

private:
    std::unique_ptr<RequestHandler> m_inner;
    std::shared_ptr<Observability> m_observability;
};

bool sameListener(const Listener &a, const Listener &b)
{
    return a.name == b.name && a.address == b.address && a.port == b.port && a.tls == b.tls;
}

BreakerGauge gaugeOf(BreakerState state)
{
    switch (state) {
    case BreakerState::Closed:
        return BreakerGauge::Closed;
    case BreakerState::HalfOpen:
        return BreakerGauge::HalfOpen;
    case BreakerState::Open:
        return BreakerGauge::Open;
    }
    return BreakerGauge::Closed;
}

QJsonObject configSummary(const Config &config, quint64 generation)
{
    return QJsonObject{{QStringLiteral("generation"), qint64(generation)},
                       {QStringLiteral("providers"), qint64(config.providers.size())},
                       {QStringLiteral("chains"), qint64(config.chains.size())},
                       {QStringLiteral("routes"), qint64(config.routes.size())},
                       {QStringLiteral("listeners"), qint64(config.listeners.size())}};
}

} // namespace

Engine::Engine(QObject *parent)
    : QObject(parent)
    , m_slot(std::make_shared<SnapshotSlot>())
    , m_services(std::make_shared<ExecutorServices>(SystemClock::instance(), SystemRandom::instance()))
{
    m_services->cache = std::make_shared<ResponseCache>();
    // Every breaker transition becomes an event and a gauge change as it
    // happens, on the worker that caused it.
    m_services->addBreakerListener([ref = m_observabilityRef](const BreakerTransition &t) {
        std::shared_ptr<Observability> observability;
        {
            const std::lock_guard lock(ref->mutex);
            observability = ref->current.lock();
        }
        if (!observability)
            return;
        // The gauge counts a transition from a known state: make `from` known.
        observability->metrics().setBreakerState(t.target, gaugeOf(t.from));
        observability->metrics().setBreakerState(t.target, gaugeOf(t.to));
        observability->postEvent(QLatin1String(kEventBreakerTransition), t.target,
                                 QJsonObject{{QStringLiteral("from"), breakerStateName(t.from)},
                                             {QStringLiteral("to"), breakerStateName(t.to)},
                                             {QStringLiteral("reason"), t.reason}});
    });
}

Engine::~Engine() = default;

void Engine::setObservability(std::shared_ptr<Observability> observability)
{
    m_observability = std::move(observability);
    {
        const std::lock_guard lock(m_observabilityRef->mutex);
        m_observabilityRef->current = m_observability;
    }
    m_sampleTimer.stop();
    if (!m_observability)
        return;
    m_sampleTimer.setInterval(1000);
    connect(&m_sampleTimer, &QTimer::timeout, this, &Engine::sampleObservability, Qt::UniqueConnection);
    m_sampleTimer.start();
}

void Engine::postEvent(const char *kind, const QString &subject, const QJsonObject &detail)
{
    if (m_observability)
        m_observability->postEvent(QLatin1String(kind), subject, detail);
}

void Engine::postRejected(const std::vector<ValidationIssue> &issues, const char *during)
{
    if (!m_observability)
        return;
    QJsonArray errors;
    int warnings = 0;
    for (const ValidationIssue &issue : issues) {
        if (issue.severity != ValidationIssue::Severity::Error) {
            ++warnings;
            continue;
        }
        errors.append(QJsonObject{{QStringLiteral("path"), issue.path}, {QStringLiteral("message"), issue.message}});
    }
    postEvent(kEventConfigRejected, QStringLiteral("config"),
              QJsonObject{{QStringLiteral("errors"), errors},
                          {QStringLiteral("warnings"), warnings},
                          {QStringLiteral("during"), QLatin1String(during)},
                          {QStringLiteral("generation"), qint64(m_generation)}});
}

void Engine::postListenerChanges(const std::vector<Listener> &before, const std::vector<Listener> &after)
{
    if (!m_observability)
        return;
    for (const Listener &old : before) {
        const bool kept =
            std::any_of(after.begin(), after.end(), [&](const Listener &l) { return sameListener(l, old); });
        if (!kept)
            postEvent(kEventListenerStopped, old.name,
                      QJsonObject{{QStringLiteral("address"), old.address}, {QStringLiteral("port"), old.port}});
    }
    for (const Listener &now : after) {
        const bool existed =
            std::any_of(before.begin(), before.end(), [&](const Listener &l) { return sameListener(l, now); });
        if (!existed)
            postEvent(kEventListenerStarted, now.name,
                      QJsonObject{{QStringLiteral("address"), now.address},
                                  {QStringLiteral("port"), int(port(now.name))},
                                  {QStringLiteral("tls"), now.tls}});
    }
}

void Engine::sampleObservability()
{
    // An open breaker turns half-open when its time is up, also when no
    // request comes to ask it.
    m_services->breakers.advanceAll();
    // Transitions are reported as they happen (the breaker listener); this
    // only makes sure every known target has a gauge, e.g. after a start.
    if (!m_observability)
        return;
    MetricsRegistry &metrics = m_observability->metrics();
    for (const BreakerSnapshot &b : m_services->breakers.snapshot()) {
        if (m_breakerStates.emplace(b.target, int(b.state)).second)
            metrics.setBreakerState(b.target, gaugeOf(b.state));
    }
}

Result<void> Engine::start(const ConfigSnapshot &config)
{
    Q_ASSERT(config);
    if (m_server)
        return Result<void>::failure(QStringLiteral("already_running"), tr("The gateway is already running."));
    const auto issues = validateConfig(*config);
    if (auto valid = checkValid(issues); !valid) {
        postRejected(issues, "start");
        return valid;
    }

    auto snapshot = std::make_shared<RuntimeSnapshot>(config);
    snapshot->generation = ++m_generation;
    m_slot->store(std::move(snapshot));

    m_services->retryBudget.configure(config->retryBudget);
    std::shared_ptr<const SnapshotSlot> slot = m_slot;
    std::shared_ptr<ExecutorServices> services = m_services;
    std::shared_ptr<Observability> observability = m_observability;
    auto server = std::make_unique<HttpServer>(config->limits, [slot, services, observability] {
        std::unique_ptr<RequestHandler> handler = std::make_unique<FallbackHandler>(slot, services);
        if (observability)
            handler = std::make_unique<InFlightCounter>(std::move(handler), observability);
        return handler;
    });
    // Before drained() reaches anyone: the listeners are closed by then.
    connect(server.get(), &HttpServer::drained, this, [this] {
        if (const ConfigSnapshot current = this->config())
            postListenerChanges(current->listeners, {});
    });
    connect(server.get(), &HttpServer::drained, this, &Engine::drained);
    if (auto listening = server->listen(config->listeners); !listening) {
        m_slot->store(nullptr);
        postEvent(kEventConfigRejected, QStringLiteral("config"),
                  QJsonObject{{QStringLiteral("errors"),
                               QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("listeners")},
                                                      {QStringLiteral("message"), listening.error().message}}}},
                              {QStringLiteral("during"), QStringLiteral("start")},
                              {QStringLiteral("code"), listening.error().code}});
        return listening;
    }
    m_server = std::move(server);
    for (const Listener &l : config->listeners) {
        qCInfo(lcEngine).noquote() << QStringLiteral("listening | listener=%1 address=%2:%3 workers=%4")
                                          .arg(l.name, l.address)
                                          .arg(port(l.name))
                                          .arg(m_server->workerCount());
    }
    postListenerChanges({}, config->listeners);
    postEvent(kEventConfigApplied, QStringLiteral("config"), configSummary(*config, m_generation));
    sampleObservability();
    emit configApplied(m_generation);
    return {};
}

Result<void> Engine::apply(const ConfigSnapshot &config)
{
    Q_ASSERT(config);
    const auto issues = validateConfig(*config);
    if (auto valid = checkValid(issues); !valid) {
        qCWarning(lcEngine).noquote() << "config rejected |" << QStringLiteral("generation=%1").arg(m_generation);
        postRejected(issues, "apply");
        return valid;
    }
    const ConfigSnapshot previous = this->config();
    if (m_server) {
        if (auto listening = m_server->updateListeners(config->listeners); !listening) {
            postEvent(kEventConfigRejected, QStringLiteral("config"),
                      QJsonObject{{QStringLiteral("errors"),
                                   QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("listeners")},
                                                          {QStringLiteral("message"), listening.error().message}}}},
                                  {QStringLiteral("during"), QStringLiteral("apply")},
                                  {QStringLiteral("code"), listening.error().code},
                                  {QStringLiteral("generation"), qint64(m_generation)}});
            return listening;
        }
        m_server->setLimits(config->limits);
    }
    m_services->retryBudget.configure(config->retryBudget);
    auto snapshot = std::make_shared<RuntimeSnapshot>(config);
    snapshot->generation = ++m_generation;
    m_slot->store(std::move(snapshot));
    qCInfo(lcEngine).noquote() << "config applied |" << QStringLiteral("generation=%1").arg(m_generation);
    if (m_server && previous)
        postListenerChanges(previous->listeners, config->listeners);
    postEvent(kEventConfigApplied, QStringLiteral("config"), configSummary(*config, m_generation));
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
