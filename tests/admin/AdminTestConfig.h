#pragma once

// A small llm config on mock providers for the admin API tests: one
// listener on 127.0.0.1 (port 0 = any), /v1/chat/completions through the
// chain "chat" = mock-a (model m1) then mock-b.

#include "config/Config.h"

namespace understudy::test {

inline Config adminTestConfig(int latencyMs = 5)
{
    Config config;
    Listener listener;
    listener.name = QStringLiteral("default");
    listener.port = 0;
    config.listeners.push_back(listener);
    config.limits.workers = 1;
    for (const char *name : {"mock-a", "mock-b"}) {
        Provider provider;
        provider.name = QLatin1String(name);
        provider.kind = ProviderKind::Mock;
        provider.mock.latencyMs = latencyMs;
        provider.mock.tokensPerSecond = 2000;
        provider.mock.answer = QStringLiteral("hello from ") + provider.name;
        provider.models.push_back(ModelInfo{QStringLiteral("m1")});
        config.providers.push_back(provider);
    }
    Chain chain;
    chain.name = QStringLiteral("chat");
    for (const char *name : {"mock-a", "mock-b"}) {
        Step step;
        step.kind = StepKind::Provider;
        step.targets.push_back(Target{QLatin1String(name), QStringLiteral("m1"), 1, {}});
        chain.steps.push_back(step);
    }
    config.chains.push_back(chain);
    Route route;
    route.name = QStringLiteral("chat");
    route.kind = RouteKind::Llm;
    route.chain = chain.name;
    route.match.pathMatch = PathMatch::Exact;
    route.match.path = QStringLiteral("/v1/chat/completions");
    route.match.methods = QStringList{QStringLiteral("POST")};
    config.routes.push_back(route);
    return config;
}

inline QByteArray chatRequest(quint16 port)
{
    const QByteArray body = "{\"model\":\"m1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
           "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace understudy::test
