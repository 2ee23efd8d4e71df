#include "EngineHost.h"

#include "TargetTally.h"
#include "config/Validation.h"
#include "engine/Engine.h"
#include "fallback/BreakerRegistry.h"
#include "fallback/ChaosRegistry.h"
#include "fallback/Clock.h"
#include "fallback/ExecutorServices.h"
#include "observe/Observability.h"

namespace understudy {

namespace {

// Long enough for a streamed answer in flight to finish, short enough that
// Stop feels like a stop.
constexpr int kDrainTimeoutMs = 5000;

LiveStepStats::Breaker breakerState(BreakerState state)
{
    switch (state) {
    case BreakerState::Closed:
        return LiveStepStats::Breaker::Closed;
    case BreakerState::Open:
        return LiveStepStats::Breaker::Open;
    case BreakerState::HalfOpen:
        return LiveStepStats::Breaker::HalfOpen;
    }
    return LiveStepStats::Breaker::Unknown;
}

QString hostPort(const QString &address, int port)
{
    // Bracket IPv6 literals so the port stays readable.
    const QString host = address.contains(u':') ? u'[' + address + u']' : address;
    return host + u':' + QString::number(port);
}

} // namespace

EngineHost::EngineHost(QObject *parent)
    : QObject(parent)
    , m_tally(std::make_shared<TargetTally>())
    , m_chaos(std::make_shared<ChaosRegistry>(SystemClock::instance()))
{
    m_statsTimer.setInterval(1000);
    m_liveTimer.setInterval(300);
    connect(&m_statsTimer, &QTimer::timeout, this, &EngineHost::sampleStats);
    connect(&m_liveTimer, &QTimer::timeout, this, &EngineHost::publishLive);
}

EngineHost::~EngineHost()
{
    // The engine's destructor closes the listeners and joins its workers:
    // every finished request has reached the sinks. Then the request log
    // writes what it still queues (quitting; the store thread is gone).
    m_engine.reset();
    m_engineObservability.reset();
    for (const std::shared_ptr<Observability> &retired : m_retired)
        retired->shutdown();
    if (m_observability)
        m_observability->shutdown();
}

void EngineHost::setObservability(std::shared_ptr<Observability> observability)
{
    if (observability == m_observability)
        return;
    if (m_observability)
        m_retired.push_back(std::move(m_observability));
    m_observability = std::move(observability);
    releaseRetired();
}

void EngineHost::releaseRetired()
{
    // Only the running engine can still write into a retired Observability.
    auto inUse = [this](const std::shared_ptr<Observability> &retired) {
        return m_engine && retired == m_engineObservability;
    };
    std::vector<std::shared_ptr<Observability>> released;
    for (auto it = m_retired.begin(); it != m_retired.end();) {
        if (inUse(*it)) {
            ++it;
            continue;
        }
        released.push_back(std::move(*it));
        it = m_retired.erase(it);
    }
    for (const std::shared_ptr<Observability> &observability : released)
        emit observabilityReleased(observability);
}

QString EngineHost::stateName(State state)
{
    switch (state) {
    case State::Stopped:
        return tr("stopped");
    case State::Running:
        return tr("running");
    case State::Stopping:
        return tr("stopping");
    case State::Error:
        return tr("error");
    }
    return {};
}

void EngineHost::start(const ConfigSnapshot &config)
{
    Q_ASSERT(config);
    m_config = config;
    if (m_state == State::Running || m_state == State::Stopping) {
        restart();
        return;
    }
    start();
}

void EngineHost::start()
{
    if (!m_config)
        return;
    if (m_state == State::Stopping) {
        m_startAfterStop = true;
        return;
    }
    if (m_state == State::Running)
        return;

    auto engine = std::make_unique<Engine>();
    // Both before start(): the workers read the sink without a lock. The
    // request log and metrics first, then the tally (it only counts).
    ExecutorServices &services = engine->services();
    if (m_observability) {
        engine->setObservability(m_observability);
        services.trailSink = m_observability->trailSink();
    }
    services.chaos = m_chaos;
    services.trailSink = [previous = services.trailSink, tally = m_tally,
                          extra = m_extraSinks](const RequestTrail &trail) {
        if (previous)
            previous(trail);
        tally->record(trail);
        for (const TrailSink &sink : extra)
            sink(trail);
    };
    if (Result<void> started = engine->start(m_config); !started) {
        setState(State::Error, started.error().message);
        return;
    }
    connect(engine.get(), &Engine::drained, this, &EngineHost::onDrained, Qt::QueuedConnection);
    m_engine = std::move(engine);
    m_engineObservability = m_observability;
    resetCounters();
    m_statsTimer.start();
    m_liveTimer.start();
    setState(State::Running);
}

void EngineHost::stop()
{
    m_startAfterStop = false;
    if (m_state == State::Error) {
        setState(State::Stopped);
        return;
    }
    if (m_state != State::Running)
        return;
    setState(State::Stopping);
    m_engine->drain(kDrainTimeoutMs);
}

void EngineHost::restart()
{
    if (m_state == State::Running) {
        stop();
        m_startAfterStop = true;
        return;
    }
    if (m_state == State::Stopping) {
        m_startAfterStop = true;
        return;
    }
    start();
}

Result<void> EngineHost::apply(const ConfigSnapshot &config)
{
    Q_ASSERT(config);
    if (m_state != State::Running) {
        const auto issues = validateConfig(*config);
        if (!isValid(issues))
            return Result<void>::failure(QStringLiteral("invalid_config"), formatIssues(issues));
        m_config = config;
        return {};
    }
    if (Result<void> applied = m_engine->apply(config); !applied)
        return applied;
    m_config = config;
    // Listeners may have moved; the state did not change but its details did.
    emit stateChanged(m_state);
    return {};
}

void EngineHost::addTrailSink(TrailSink sink)
{
    if (sink)
        m_extraSinks.push_back(std::move(sink));
}

namespace {

// A wildcard listener is reached on loopback from the console.
QString consoleUrl(QString address)
{
    address.replace(QStringLiteral("0.0.0.0:"), QStringLiteral("127.0.0.1:"));
    address.replace(QStringLiteral("[::]:"), QStringLiteral("[::1]:"));
    return QStringLiteral("http://") + address;
}

} // namespace

QString EngineHost::baseUrl() const
{
    const QStringList addresses = listenAddresses();
    return addresses.isEmpty() ? QString() : consoleUrl(addresses.first());
}

std::map<QString, QString> EngineHost::listenerUrls() const
{
    std::map<QString, QString> urls;
    const QStringList addresses = listenAddresses();
    for (qsizetype i = 0; m_config && i < addresses.size(); ++i)
        urls.emplace(m_config->listeners[std::size_t(i)].name, consoleUrl(addresses[i]));
    return urls;
}

QStringList EngineHost::listenAddresses() const
{
    QStringList addresses;
    if (!m_config)
        return addresses;
    for (const Listener &listener : m_config->listeners) {
        const int port = m_engine ? m_engine->port(listener.name) : 0;
        addresses << hostPort(listener.address, port > 0 ? port : listener.port);
    }
    return addresses;
}

void EngineHost::setState(State state, const QString &error)
{
    m_error = error;
    if (state != State::Running) {
        m_statsTimer.stop();
        m_liveTimer.stop();
    }
    m_state = state;
    emit stateChanged(state);
}

void EngineHost::onDrained()
{
    // Queued: the engine is not inside its own signal when it is destroyed.
    // Its workers are idle after the drain, so joining them is quick.
    m_engine.reset();
    m_engineObservability.reset();
    releaseRetired();
    m_requestsPerSecond = 0.0;
    m_openBreakers = 0;
    emit statsSampled(0.0, 0);
    setState(State::Stopped);
    if (std::exchange(m_startAfterStop, false))
        start();
}

void EngineHost::resetCounters()
{
    m_tally->clear();
    m_lastServed = 0;
    m_requestsPerSecond = 0.0;
    m_openBreakers = 0;
    m_live.clear();
    m_sinceSample.start();
    emit statsSampled(0.0, 0);
    emit liveStatsChanged(m_live);
}

void EngineHost::sampleStats()
{
    if (!m_engine)
        return;
    const qint64 served = m_engine->stats().requestsServed;
    const qint64 elapsedMs = std::max<qint64>(1, m_sinceSample.restart());
    m_requestsPerSecond = double(served - m_lastServed) * 1000.0 / double(elapsedMs);
    m_lastServed = served;
    int open = 0;
    for (const BreakerSnapshot &breaker : m_engine->services().breakers.snapshot()) {
        if (breaker.state == BreakerState::Open)
            ++open;
    }
    m_openBreakers = open;
    emit statsSampled(m_requestsPerSecond, m_openBreakers);
}

void EngineHost::publishLive()
{
    if (!m_engine)
        return;
    QHash<QString, LiveStepStats> live;
    const QHash<QString, TargetTally::Counts> counts = m_tally->snapshot();
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
        LiveStepStats &stats = live[it.key()];
        stats.served = it->served;
        stats.failed = it->failed;
    }
    for (const BreakerSnapshot &breaker : m_engine->services().breakers.snapshot())
        live[breaker.target].breaker = breakerState(breaker.state);
    if (live == m_live)
        return;
    m_live = std::move(live);
    emit liveStatsChanged(m_live);
}

} // namespace understudy
