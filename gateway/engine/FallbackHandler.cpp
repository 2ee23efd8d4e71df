#include "engine/FallbackHandler.h"

#include "engine/LlmRouteExtras.h"
#include "fallback/ChainRun.h"
#include "fallback/LlmWire.h"
#include "http/HttpExchange.h"
#include "providers/anthropic/InboundMessages.h"
#include "upstream/UpstreamPool.h"

#include <QDateTime>
#include <QPointer>

#include <optional>

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
// for any chat completion. Returns why a request cannot be translated (the
// caller refuses it), nothing when it was.
std::optional<QString> acceptMessagesRequest(HttpExchange *exchange)
{
    const auto translated = anthropic::openAiRequestFromMessages(exchange->request().body);
    if (!translated)
        return translated.error().message;
    const QString model = llm::inspectRequest(*translated).model;
    exchange->setRequestBody(*translated);
    exchange->setResponseTransform(anthropic::makeMessagesTransform(model));
    return std::nullopt;
}

} // namespace

struct FallbackHandler::DirectAnswer
{
    QPointer<HttpExchange> exchange;
    RequestTrail trail;
};

FallbackHandler::DirectAnswer FallbackHandler::startDirect(HttpExchange *exchange, const Route *route) const
{
    DirectAnswer answer{exchange, {}};
    if (m_services->trailSink)
        answer.trail = startTrail(exchange->request(), route ? route->name : QString());
    return answer;
}

void FallbackHandler::refuse(HttpExchange *exchange, int status, const QString &message)
{
    DirectAnswer answer = startDirect(exchange, nullptr);
    exchange->respondError(status, message);
    finishDirect(answer, status, status >= 500 ? OutcomeClass::Status5xx : OutcomeClass::Status4xx);
}

void FallbackHandler::finishDirect(DirectAnswer &answer, int status, OutcomeClass outcome) const
{
    if (!m_services->trailSink)
        return;
    RequestTrail &t = answer.trail;
    t.status = status;
    t.outcome = outcome;
    t.durationMs = std::max<qint64>(0, QDateTime::currentMSecsSinceEpoch() - t.startedAtMs);
    if (answer.exchange)
        t.bytesOut = answer.exchange->bodyBytesWritten();
    m_services->trailSink(t);
}

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
        DirectAnswer answer = startDirect(exchange, nullptr);
        exchange->respondError(404,
                               QStringLiteral("no route matches %1 %2")
                                   .arg(QString::fromLatin1(request.method), QString::fromUtf8(request.path)),
                               "route_not_found");
        finishDirect(answer, 404, OutcomeClass::Status4xx);
        return;
    }
    if (route->kind == RouteKind::Llm) {
        switch (llmExtraFor(request.method, request.path)) {
        case LlmExtra::Models: {
            DirectAnswer answer = startDirect(exchange, route);
            answer.trail.servedBy = QStringLiteral("gateway models");
            answer.trail.staticAnswer = true;
            answerModels(exchange, *snapshot, *route);
            finishDirect(answer, 200, OutcomeClass::Ok);
            return;
        }
        case LlmExtra::Embeddings:
            runEmbeddings(exchange, std::move(snapshot), *route, *m_pool, m_services->trailSink);
            return;
        case LlmExtra::None:
            break;
        }
    }
    if (route->kind == RouteKind::Llm && request.method == "POST" && isMessagesPath(request.path)) {
        if (const std::optional<QString> refused = acceptMessagesRequest(exchange)) {
            DirectAnswer answer = startDirect(exchange, route);
            exchange->respond(400, {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}},
                              anthropic::inboundErrorBody("invalid_request_error", *refused));
            finishDirect(answer, 400, OutcomeClass::Status4xx);
            return;
        }
    }
    if (route->kind == RouteKind::Llm && request.method == "POST") {
        const llm::RequestInfo info = llm::inspectRequest(request.body);
        if (!info.valid) {
            DirectAnswer answer = startDirect(exchange, route);
            exchange->respond(400, {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}},
                              llm::errorBody(info.error, "invalid_request_error", info.code.toLatin1(),
                                             request.requestId, info.param));
            finishDirect(answer, 400, OutcomeClass::Status4xx);
            return;
        }
    }
    auto *run = new ChainRun(exchange, std::move(snapshot), *route, m_services, *m_pool);
    run->start();
}

} // namespace understudy
