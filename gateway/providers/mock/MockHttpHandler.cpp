#include "providers/mock/MockHttpHandler.h"

#include "http/HttpExchange.h"
#include "providers/mock/MockAttemptStream.h"
#include "providers/mock/MockFlapClock.h"
#include "providers/mock/MockWire.h"

namespace understudy {

namespace {

const HttpHeaders kJson{{QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json")}};

bool isCompletionsPath(const QByteArray &path)
{
    // Base URLs are configured with or without the /v1 suffix.
    return path == "/v1/chat/completions" || path == "/chat/completions";
}

bool isModelsPath(const QByteArray &path)
{
    return path == "/v1/models" || path == "/models";
}

} // namespace

MockHttpHandler::MockHttpHandler(Provider provider) : MockHttpHandler(std::move(provider), MockFlapClock::shared())
{}

MockHttpHandler::MockHttpHandler(Provider provider, MockFlapClock &flapClock)
    : m_provider(std::move(provider)), m_flapClock(flapClock)
{}

void MockHttpHandler::handle(HttpExchange *exchange)
{
    const HttpRequest &request = exchange->request();
    const bool completions = isCompletionsPath(request.path);
    const bool models = isModelsPath(request.path);
    if (!completions && !models) {
        exchange->respond(
            404, kJson,
            mock::notFoundBody(QStringLiteral("Unknown request URL: %1 %2. Please check the URL for typos.")
                                   .arg(QString::fromLatin1(request.method), QString::fromUtf8(request.path))));
        return;
    }
    const QByteArray expected = completions ? QByteArrayLiteral("POST") : QByteArrayLiteral("GET");
    if (request.method != expected && !(models && request.method == "HEAD")) {
        HttpHeaders headers = kJson;
        headers.emplace_back(QByteArrayLiteral("allow"), expected);
        exchange->respond(
            405, std::move(headers),
            mock::invalidRequestBody(QStringLiteral("Method %1 is not allowed on %2; use %3.")
                                         .arg(QString::fromLatin1(request.method), QString::fromUtf8(request.path),
                                              QString::fromLatin1(expected))));
        return;
    }
    if (completions)
        answerCompletion(exchange);
    else
        answerModels(exchange);
}

void MockHttpHandler::answerCompletion(HttpExchange *exchange)
{
    // A child of the exchange: it goes when the exchange goes (finished,
    // aborted or client gone), so nothing here outlives the connection.
    auto *stream =
        new MockAttemptStream(m_provider, m_provider.mock, exchange->request().body, QString(), m_flapClock, exchange);
    QObject::connect(stream, &AttemptStream::responseHead, exchange,
                     [exchange](int status, const HttpHeaders &headers) { exchange->startResponse(status, headers); });
    QObject::connect(stream, &AttemptStream::bodyData, exchange, [exchange, stream](const QByteArray &data) {
        if (!exchange->write(data))
            stream->pause(); // until the client drains
    });
    QObject::connect(exchange, &HttpExchange::writable, stream, &AttemptStream::resume);
    QObject::connect(stream, &AttemptStream::finished, exchange, [exchange, stream] {
        // A cut answer must look cut on the wire too: no chunked terminator.
        if (stream->endsCut())
            exchange->abort();
        else
            exchange->finish();
    });
    QObject::connect(stream, &AttemptStream::failed, exchange, [exchange] { exchange->abort(); });
    QObject::connect(exchange, &HttpExchange::clientGone, stream, &AttemptStream::cancel);
}

void MockHttpHandler::answerModels(HttpExchange *exchange)
{
    QStringList names;
    for (const ModelInfo &model : m_provider.models)
        names.append(model.name);
    if (names.isEmpty())
        names.append(QStringLiteral("mock-1"));
    exchange->respond(200, kJson, mock::modelsListBody(names, m_provider.name));
}

} // namespace understudy
