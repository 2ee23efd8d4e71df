#include "engine/FallbackHandler.h"

#include "engine/LlmRouteExtras.h"
#include "fallback/ChainRun.h"
#include "fallback/LlmWire.h"
#include "http/HttpExchange.h"
#include "providers/anthropic/InboundMessages.h"
#include "upstream/UpstreamPool.h"

namespace understudy {

namespace {

bool isMessagesPath(QByteArrayView path)
{
    while (path.endsWith('/'))
        path.chop(1);
    return path.endsWith("/messages") || path == "messages";
}

// The Anthropic Messages inbound: the request becomes an OpenAI chat request
// and the answer is translated back on its way out, so the chain runs as
// for any chat completion. False when the request was refused (answered).
bool acceptMessagesRequest(HttpExchange *exchange)
{
    const auto translated = anthropic::openAiRequestFromMessages(exchange->request().body);
    if (!translated) {
        exchange->respond(400, {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}},
                          anthropic::inboundErrorBody("invalid_request_error", translated.error().message));
        return false;
    }
    const QString model = llm::inspectRequest(*translated).model;
    exchange->setRequestBody(*translated);
    exchange->setResponseTransform(anthropic::makeMessagesTransform(model));
    return true;
}

} // namespace

FallbackHandler::FallbackHandler(std::shared_ptr<const SnapshotSlot> slot, std::shared_ptr<ExecutorServices> services)
    : m_slot(std::move(slot)), m_services(std::move(services)), m_pool(std::make_unique<UpstreamPool>())
{}

FallbackHandler::~FallbackHandler() = default;

void FallbackHandler::handle(HttpExchange *exchange)
{
    // The snapshot current now serves this request to its end, whatever
    // config is applied meanwhile.
    RuntimeSnapshotPtr snapshot = m_slot->load();
    const HttpRequest &request = exchange->request();
    QByteArray host = request.header("host");
    if (const qsizetype colon = host.lastIndexOf(':'); colon > 0 && !host.endsWith(']'))
        host.truncate(colon);
    const Route *route =
        snapshot ? snapshot->routes.match({request.listenerName, request.method, request.path, host, &request.headers})
                 : nullptr;
    if (!route) {
        exchange->respondError(404,
                               QStringLiteral("no route matches %1 %2")
                                   .arg(QString::fromLatin1(request.method), QString::fromUtf8(request.path)),
                               "route_not_found");
        return;
    }
    if (route->kind == RouteKind::Llm) {
        switch (llmExtraFor(request.method, request.path)) {
        case LlmExtra::Models:
            answerModels(exchange, *snapshot, *route);
            return;
        case LlmExtra::Embeddings:
            runEmbeddings(exchange, std::move(snapshot), *route, *m_pool);
            return;
        case LlmExtra::None:
            break;
        }
    }
    if (route->kind == RouteKind::Llm && request.method == "POST" && isMessagesPath(request.path) &&
        !acceptMessagesRequest(exchange))
        return;
    if (route->kind == RouteKind::Llm && request.method == "POST") {
        const llm::RequestInfo info = llm::inspectRequest(request.body);
        if (!info.valid) {
            exchange->respond(400, {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}},
                              llm::errorBody(info.error, "invalid_request_error", info.code.toLatin1(),
                                             request.requestId, info.param));
            return;
        }
    }
    auto *run = new ChainRun(exchange, std::move(snapshot), *route, m_services, *m_pool);
    run->start();
}

} // namespace understudy
