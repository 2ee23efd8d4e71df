#include "ChaosTestGateway.h"

#include "engine/Engine.h"
#include "fallback/ExecutorServices.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

namespace understudy::chaostest {

namespace {

Provider mock(const QString &name)
{
    Provider p;
    p.name = name;
    p.kind = ProviderKind::Mock;
    ModelInfo model;
    model.name = name + QStringLiteral("-1");
    p.models.push_back(model);
    p.mock.latencyMs = 5;
    p.mock.tokensPerSecond = 2000;
    return p;
}

Step step(const QString &provider)
{
    Step s;
    s.name = provider;
    s.kind = StepKind::Provider;
    s.targets.push_back(Target{provider, provider + QStringLiteral("-1"), 1, {}});
    s.retry.maxRetries = 0;
    s.breaker.enabled = false;
    return s;
}

} // namespace

Config twoMockConfig()
{
    Config config;
    Listener listener;
    listener.name = QStringLiteral("default");
    listener.port = 0;
    config.listeners.push_back(listener);
    config.limits.workers = 2;
    config.providers.push_back(mock(QStringLiteral("alpha")));
    config.providers.push_back(mock(QStringLiteral("beta")));

    Chain chain;
    chain.name = QStringLiteral("main");
    chain.steps.push_back(step(QStringLiteral("alpha")));
    chain.steps.push_back(step(QStringLiteral("beta")));
    config.chains.push_back(chain);

    Route route;
    route.name = QStringLiteral("chat");
    route.kind = RouteKind::Llm;
    route.chain = chain.name;
    route.match.methods = QStringList{QStringLiteral("POST")};
    route.match.pathMatch = PathMatch::Exact;
    route.match.path = QStringLiteral("/v1/chat/completions");
    config.routes.push_back(route);
    return config;
}

TestGateway::TestGateway(std::shared_ptr<ChaosRegistry> chaos)
    : m_chaos(std::move(chaos)), m_config(std::make_shared<const Config>(twoMockConfig()))
{}

TestGateway::~TestGateway()
{
    stop();
}

bool TestGateway::start()
{
    m_engine = std::make_unique<Engine>();
    m_engine->services().chaos = m_chaos;
    if (Result<void> started = m_engine->start(m_config); !started) {
        qWarning("engine did not start: %s", qPrintable(started.error().message));
        return false;
    }
    m_port = m_engine->port(QStringLiteral("default"));
    return m_port != 0;
}

void TestGateway::stop()
{
    if (!m_engine)
        return;
    QSignalSpy drained(m_engine.get(), &Engine::drained);
    m_engine->drain(2000);
    if (drained.isEmpty())
        drained.wait(10000);
    m_engine.reset();
}

QString TestGateway::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

qint64 TestGateway::openConnections() const
{
    return m_engine ? m_engine->stats().openConnections : 0;
}

TestGateway::Answer TestGateway::chat() const
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(QUrl(baseUrl() + QStringLiteral("/v1/chat/completions")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = manager.post(
        request, QByteArrayLiteral("{\"model\":\"any\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(30000);
    Answer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.servedBy = reply->rawHeader(QByteArrayLiteral("x-understudy-served-by"));
    delete reply;
    return answer;
}

} // namespace understudy::chaostest
