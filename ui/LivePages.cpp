#include "LivePages.h"

#include "EngineHost.h"
#include "chaos/ChaosPage.h"
#include "chaos/LoadGeneratorPanel.h"
#include "engine/Engine.h"
#include "fallback/BreakerRegistry.h"
#include "fallback/ExecutorServices.h"
#include "live/DashboardPage.h"
#include "live/TrafficPage.h"
#include "logs/AppLogBuffer.h"
#include "logs/LogsPage.h"
#include "observe/Observability.h"

#include "playground/PlaygroundPage.h"
#include <QJsonObject>

namespace understudy {

LivePages::LivePages(EngineHost *engine, QWidget *pageParent)
    : QObject(pageParent)
    , m_engine(engine)
    , m_dashboard(new DashboardPage(pageParent))
    , m_traffic(new TrafficPage(pageParent))
    , m_logs(new LogsPage(pageParent))
    , m_playground(new PlaygroundPage(pageParent))
    , m_chaos(new ChaosPage(pageParent))
{
    m_dashboard->setObjectName(QStringLiteral("dashboardPage"));
    m_traffic->setObjectName(QStringLiteral("trafficPage"));
    m_logs->setObjectName(QStringLiteral("logsPage"));
    m_playground->setObjectName(QStringLiteral("playgroundPage"));
    m_chaos->setObjectName(QStringLiteral("chaosPage"));

    AppLogBuffer *log = AppLogBuffer::installed();
    if (!log) {
        m_ownLog = new AppLogBuffer(AppLogBuffer::DefaultCapacity, this);
        m_ownLog->install();
        log = m_ownLog;
    }
    m_logs->setAppLogBuffer(log);

    // Before the first start: every engine the host builds feeds them.
    m_engine->addTrailSink(m_traffic->sink());
    m_engine->addTrailSink(m_playground->sink());
    m_chaos->setChaos(m_engine->chaos());

    // Operator actions on the running engine's breakers (the registry is
    // thread-safe; a stopped gateway has none to act on).
    m_dashboard->setBreakerControl([engine](const QString &target, BreakerAction action) {
        Engine *running = engine->engine();
        if (!running)
            return;
        BreakerRegistry &breakers = running->services().breakers;
        switch (action) {
        case BreakerAction::ForceOpen:
            breakers.forceOpen(target);
            break;
        case BreakerAction::ForceClose:
            breakers.forceClosed(target);
            break;
        case BreakerAction::Reset:
            breakers.reset(target);
            break;
        }
    });

    connect(m_dashboard, &DashboardPage::demoTrafficRequested, this, [this] {
        // When it cannot start, the load generator's panel says why.
        if (!m_chaos->loadPanel()->startDemoTraffic())
            emit chaosRequested();
    });
    // Rehearsals started from the console are events like the admin API's.
    connect(m_chaos, &ChaosPage::injectionStarted, this,
            [this](const ChaosInjection &injection) { postChaosEvent(QStringLiteral("chaos_started"), injection); });
    connect(m_chaos, &ChaosPage::injectionStopped, this,
            [this](const ChaosInjection &injection) { postChaosEvent(QStringLiteral("chaos_stopped"), injection); });
    connect(m_logs, &LogsPage::showTrafficAround, this, [this](qint64 atMs, const QString &target) {
        m_traffic->showAround(atMs, target);
        emit trafficRequested();
    });
    connect(m_engine, &EngineHost::stateChanged, this, &LivePages::onEngineStateChanged);
    onEngineStateChanged();
}

// The pages are the stack's children and may already be gone: whoever
// owns the Observability detaches it with setObservability(nullptr).
LivePages::~LivePages() = default;

void LivePages::postChaosEvent(const QString &kind, const ChaosInjection &injection)
{
    if (!m_observability)
        return;
    m_observability->postEvent(
        kind, injection.provider,
        QJsonObject{{QStringLiteral("provider"), injection.provider},
                    {QStringLiteral("model"), injection.model},
                    {QStringLiteral("fault"), mockFaultName(injection.fault.fault)},
                    {QStringLiteral("duration_ms"), injection.expiresAtMs - injection.startedAtMs},
                    {QStringLiteral("note"), injection.note},
                    {QStringLiteral("source"), QStringLiteral("console")}});
}

void LivePages::setObservability(Observability *observability)
{
    m_observability = observability;
    m_dashboard->setObservability(observability);
    m_logs->setObservability(observability);
    m_traffic->setRequestLogPath(observability && observability->hasRequestLog() ? observability->requestLogPath()
                                                                                 : QString());
}

void LivePages::setConfig(const ConfigSnapshot &config)
{
    m_playground->setConfig(config);
    m_chaos->setConfig(config);
}

void LivePages::onEngineStateChanged()
{
    const QString baseUrl = m_engine->baseUrl();
    const bool running = m_engine->state() == EngineHost::State::Running;
    if (!baseUrl.isEmpty())
        m_traffic->setBaseUrl(baseUrl);
    m_playground->setBaseUrl(running ? baseUrl : QString());
    m_playground->setListenerUrls(running ? m_engine->listenerUrls() : std::map<QString, QString>{});
    m_chaos->setBaseUrl(running ? baseUrl : QString());
    m_dashboard->setDemoTrafficAvailable(running);
}

} // namespace understudy
