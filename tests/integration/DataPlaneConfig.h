#pragma once

#include "config/Config.h"

namespace understudy::test {

// A one-route config forwarding everything under "/" to an http upstream
// on 127.0.0.1:upstreamPort, listening on 127.0.0.1:listenPort (0 = any).
inline Config forwardingConfig(quint16 upstreamPort, quint16 listenPort = 0, int firstByteMs = 10'000)
{
    Config config;
    Listener listener;
    listener.name = QStringLiteral("default");
    listener.port = listenPort;
    config.listeners.push_back(listener);
    config.limits.workers = 2;

    Provider provider;
    provider.name = QStringLiteral("backend");
    provider.kind = ProviderKind::Http;
    provider.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(upstreamPort);
    config.providers.push_back(provider);

    Chain chain;
    chain.name = QStringLiteral("main");
    Step step;
    step.kind = StepKind::Provider;
    step.targets.push_back(Target{provider.name, {}, 1, {}});
    step.timeouts.firstByteMs = firstByteMs;
    chain.steps.push_back(step);
    config.chains.push_back(chain);

    Route route;
    route.name = QStringLiteral("all");
    route.kind = RouteKind::Http;
    route.chain = chain.name;
    route.match.pathMatch = PathMatch::Prefix;
    route.match.path = QStringLiteral("/api");
    config.routes.push_back(route);
    return config;
}

} // namespace understudy::test
