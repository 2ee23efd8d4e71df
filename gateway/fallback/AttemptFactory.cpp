#include "fallback/AttemptFactory.h"

#include "fallback/ChaosRegistry.h"
#include "fallback/LlmWire.h"
#include "fallback/TranslatedAttemptStream.h"
#include "fallback/UpstreamAttemptStream.h"
#include "providers/anthropic/AnthropicAdapter.h"
#include "providers/gemini/GeminiAdapter.h"
#include "providers/mock/MockAttemptStream.h"
#include "upstream/UpstreamPool.h"

namespace understudy {

namespace {

// Resolves "env:NAME"; keychain entries need the console's keychain access.
Result<QByteArray> resolveCredential(const QString &reference)
{
    if (reference.isEmpty())
        return QByteArray();
    if (reference.startsWith(QLatin1String("env:"))) {
        const QString name = reference.mid(4);
        const QByteArray value = qgetenv(name.toLocal8Bit().constData());
        if (value.isEmpty())
            return Error{QStringLiteral("auth"), QStringLiteral("credential %1 is not set").arg(reference)};
        return value;
    }
    return Error{QStringLiteral("auth"),
                 QStringLiteral("credential %1 cannot be read by the headless engine").arg(reference)};
}

// Anthropic and Gemini: the request in the provider's format, the answer
// translated back to OpenAI's as it arrives.
Result<AttemptStream *> makeTranslatedStream(const AttemptRequest &attempt, const QByteArray &credential,
                                             UpstreamPool &pool, QObject *parent)
{
    const Provider &provider = attempt.provider;
    const bool anthropic = provider.kind == ProviderKind::Anthropic;
    AdapterRequestInput input;
    input.openAiBody = attempt.request.body;
    input.model = attempt.target.model.isEmpty() ? attempt.facts.requestedModel : attempt.target.model;
    input.prefill = attempt.prefill;
    input.credential = credential;
    QString basePath = QUrl(provider.baseUrl).path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    input.baseUrlPath = basePath;
    Result<AdapterRequest> translated =
        anthropic ? anthropic::translateRequest(input) : gemini::translateRequest(input);
    if (!translated)
        return Error{QStringLiteral("invalid_request"), translated.error().message};

    // The adapter's path is absolute on the provider's origin.
    QUrl origin(provider.baseUrl);
    origin.setPath(QString());
    Provider atOrigin = provider;
    atOrigin.baseUrl = origin.toString(QUrl::RemoveQuery | QUrl::RemoveFragment);
    UpstreamRequest upstream = upstreamRequestFor(atOrigin, attempt.timeouts, translated->method, translated->path);
    for (auto &header : translated->headers)
        setHeader(upstream.headers, header.first, header.second);
    setHeader(upstream.headers, QByteArrayLiteral("x-understudy-request-id"), attempt.request.requestId);
    upstream.body = std::move(translated->body);

    auto translator = anthropic
                          ? anthropic::makeResponseTranslator(attempt.facts.stream, input.model,
                                                              attempt.request.requestId, attempt.facts.includeUsage)
                          : gemini::makeResponseTranslator(attempt.facts.stream, input.model, attempt.request.requestId,
                                                           attempt.facts.includeUsage);
    auto *inner = new UpstreamAttemptStream(pool, std::move(upstream), nullptr);
    return static_cast<AttemptStream *>(
        new TranslatedAttemptStream(inner, std::move(translator), attempt.facts.stream, parent));
}

} // namespace

Result<AttemptStream *> makeAttemptStream(const AttemptRequest &attempt, UpstreamPool &pool, QObject *parent)
{
    const Provider &provider = attempt.provider;
    const bool llm = attempt.route.kind == RouteKind::Llm;
    QByteArray body = attempt.request.body;
    if (llm && !attempt.target.model.isEmpty())
        body = llm::rewriteModel(body, attempt.target.model);
    if (llm && !attempt.prefill.isEmpty())
        body = llm::withPrefill(body, attempt.prefill);

    const QString model = attempt.target.model.isEmpty() ? attempt.facts.requestedModel : attempt.target.model;
    if (attempt.chaos) {
        if (auto fault = attempt.chaos->active(provider.name, model))
            return static_cast<AttemptStream *>(new MockAttemptStream(provider, *fault, body, model, parent));
    }
    if (provider.kind == ProviderKind::Mock)
        return static_cast<AttemptStream *>(new MockAttemptStream(provider, provider.mock, body, model, parent));
    if (llm && (provider.kind == ProviderKind::Anthropic || provider.kind == ProviderKind::Gemini)) {
        auto credential = resolveCredential(provider.credentials);
        if (!credential)
            return credential.error();
        return makeTranslatedStream(attempt, *credential, pool, parent);
    }

    QString path;
    if (llm) {
        path = QStringLiteral("/chat/completions"); // OpenAI base URLs end in /v1
    } else {
        path = QString::fromUtf8(attempt.request.path);
        if (!attempt.request.query.isEmpty())
            path += QLatin1Char('?') + QString::fromUtf8(attempt.request.query);
    }
    UpstreamRequest upstream = upstreamRequestFor(provider, attempt.timeouts, attempt.request.method, path);
    HttpHeaders headers;
    headers.reserve(attempt.request.headers.size() + upstream.headers.size() + 3);
    for (const auto &header : attempt.request.headers) {
        if (header.first.compare("host", Qt::CaseInsensitive) != 0 &&
            (!llm || header.first.compare("authorization", Qt::CaseInsensitive) != 0))
            headers.push_back(header);
    }
    stripHopByHop(headers);
    for (auto &header : upstream.headers)
        setHeader(headers, header.first, header.second);
    setHeader(headers, QByteArrayLiteral("x-understudy-request-id"), attempt.request.requestId);
    if (!llm) {
        setHeader(headers, QByteArrayLiteral("x-forwarded-for"), attempt.request.peerAddress.toString().toLatin1());
        setHeader(headers, QByteArrayLiteral("x-forwarded-proto"),
                  attempt.request.tls ? QByteArrayLiteral("https") : QByteArrayLiteral("http"));
    }
    auto credential = resolveCredential(provider.credentials);
    if (!credential)
        return credential.error();
    if (!credential->isEmpty())
        setHeader(headers, QByteArrayLiteral("Authorization"), "Bearer " + *credential);
    if (llm)
        setHeader(headers, QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    upstream.headers = std::move(headers);
    upstream.body = std::move(body);
    return static_cast<AttemptStream *>(new UpstreamAttemptStream(pool, std::move(upstream), parent));
}

RequestFacts requestFactsFor(const HttpRequest &request, const Route &route, bool withHeaders)
{
    RequestFacts facts;
    if (withHeaders)
        facts.headers = request.headers;
    facts.method = QString::fromLatin1(request.method);
    facts.consumer = QString::fromUtf8(request.header("x-understudy-consumer"));
    facts.tier = QString::fromUtf8(request.header("x-understudy-tier"));
    if (route.kind == RouteKind::Llm) {
        const llm::RequestInfo info = llm::inspectRequest(request.body);
        facts.requestedModel = info.model;
        facts.stream = info.stream;
        facts.includeUsage = info.includeUsage;
        facts.estimatedPromptTokens = info.estimatedPromptTokens;
    }
    return facts;
}

} // namespace understudy
