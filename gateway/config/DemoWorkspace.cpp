#include "config/DemoWorkspace.h"

namespace understudy {

namespace {

Provider mockProvider(const QString &name, ModelInfo model, int latencyMs, double tokensPerSecond)
{
    Provider p;
    p.name = name;
    p.kind = ProviderKind::Mock;
    p.models.push_back(std::move(model));
    p.mock.latencyMs = latencyMs;
    p.mock.tokensPerSecond = tokensPerSecond;
    return p;
}

ModelInfo model(const QString &name, qint64 contextWindow, double inputPrice, double outputPrice, bool prefill)
{
    ModelInfo m;
    m.name = name;
    m.contextWindow = contextWindow;
    m.inputPricePerMTok = inputPrice;
    m.outputPricePerMTok = outputPrice;
    m.supportsPrefill = prefill;
    m.supportsTools = contextWindow >= 32'000;
    return m;
}

Step providerStep(const QString &provider, const QString &modelName)
{
    Step s;
    s.name = provider;
    s.kind = StepKind::Provider;
    s.targets.push_back(Target{provider, modelName, 1, {}});
    return s;
}

} // namespace

Config demoConfig()
{
    Config config;

    Listener listener;
    listener.name = QStringLiteral("default");
    listener.address = QStringLiteral("127.0.0.1");
    listener.port = 8787;
    config.listeners.push_back(listener);

    config.admin.address = QStringLiteral("127.0.0.1");
    config.admin.port = 8788;

    // Latencies differ so the live view shows the fallback cost: the big
    // model is slow, the local one fast but small.
    config.providers.push_back(mockProvider(
        QStringLiteral("primary"), model(QStringLiteral("gpt-demo-large"), 128'000, 2.50, 10.00, false), 350, 45));
    config.providers.push_back(mockProvider(
        QStringLiteral("secondary"), model(QStringLiteral("gpt-demo-small"), 32'000, 0.15, 0.60, false), 150, 90));
    config.providers.push_back(
        mockProvider(QStringLiteral("local"), model(QStringLiteral("llama-demo"), 8'192, 0.0, 0.0, true), 60, 30));

    Chain chat;
    chat.name = QStringLiteral("chat");
    chat.description = QStringLiteral("Large model first, then a small one, then a local one; a recent cached "
                                      "answer or a canned degraded reply when all are down.");
    chat.policy.deadlineMs = 30'000;
    chat.steps.push_back(providerStep(QStringLiteral("primary"), QStringLiteral("gpt-demo-large")));
    chat.steps.push_back(providerStep(QStringLiteral("secondary"), QStringLiteral("gpt-demo-small")));
    chat.steps.push_back(providerStep(QStringLiteral("local"), QStringLiteral("llama-demo")));

    Step cache;
    cache.name = QStringLiteral("cache");
    cache.kind = StepKind::Cache;
    cache.maxStalenessMs = 60 * 60 * 1000;
    chat.steps.push_back(cache);

    Step canned;
    canned.name = QStringLiteral("degraded");
    canned.kind = StepKind::Static;
    canned.response.status = 200;
    canned.response.body = QStringLiteral("Sorry, every model behind this assistant is unavailable right now, so "
                                          "this is a canned reply. Please try again in a minute. "
                                          "(request {{request_id}})");
    chat.steps.push_back(canned);
    config.chains.push_back(chat);

    Route route;
    route.name = QStringLiteral("chat-completions");
    route.kind = RouteKind::Llm;
    route.chain = QStringLiteral("chat");
    route.match.listener = QStringLiteral("default");
    route.match.methods = QStringList{QStringLiteral("POST")};
    route.match.pathMatch = PathMatch::Exact;
    route.match.path = QStringLiteral("/v1/chat/completions");
    config.routes.push_back(route);

    // GET /v1/models lists what the chat chain can reach (OpenAI SDKs and
    // chat apps ask for it first).
    Route models = route;
    models.name = QStringLiteral("models");
    models.match.methods = QStringList{QStringLiteral("GET")};
    models.match.path = QStringLiteral("/v1/models");
    config.routes.push_back(models);

    // POST /v1/messages: Anthropic SDK clients on the same chain (the
    // request and answer are translated at the edge).
    Route messages = route;
    messages.name = QStringLiteral("anthropic-messages");
    messages.match.path = QStringLiteral("/v1/messages");
    config.routes.push_back(messages);

    return config;
}

} // namespace understudy
