#pragma once

// A real Engine on 127.0.0.1 (port 0) with two fast mock providers in one
// chain, alpha then beta (no retries, no breaker, so every request shows
// exactly which provider answered), playing the injections of `chaos`.

#include "config/Config.h"
#include "fallback/ChaosRegistry.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace understudy {
class Engine;
}

namespace understudy::chaostest {

Config twoMockConfig();

class TestGateway final
{
public:
    explicit TestGateway(std::shared_ptr<ChaosRegistry> chaos);
    ~TestGateway();
    Q_DISABLE_COPY_MOVE(TestGateway)

    bool start();
    // Drains and discards the engine; its port then refuses connections.
    void stop();
    quint16 port() const { return m_port; }
    QString baseUrl() const;
    ConfigSnapshot config() const { return m_config; }
    // Client connections the gateway holds open now.
    qint64 openConnections() const;

    struct Answer
    {
        int status = 0;
        QByteArray servedBy; // x-understudy-served-by
    };
    // One chat completion through QNetworkAccessManager, waiting for it.
    Answer chat() const;

private:
    std::shared_ptr<ChaosRegistry> m_chaos;
    ConfigSnapshot m_config;
    std::unique_ptr<Engine> m_engine;
    quint16 m_port = 0;
};

} // namespace understudy::chaostest
