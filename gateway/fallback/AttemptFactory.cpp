#include "fallback/AttemptFactory.h"

#include "fallback/LlmWire.h"
#include "fallback/UpstreamAttemptStream.h"
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

    if (provider.kind == ProviderKind::Mock) {
        const QString model = attempt.target.model.isEmpty() ? attempt.facts.requestedModel : attempt.target.model;
        return static_cast<AttemptStream *>(new MockAttemptStream(provider, provider.mock, body, model, parent));
    }
    if (provider.kind == ProviderKind::Anthropic || provider.kind == ProviderKind::Gemini)
        return Error{QStringLiteral("unsupported"),
                     QStringLiteral("the %1 adapter is not available yet").arg(providerKindName(provider.kind))};

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
        facts.estimatedPromptTokens = info.estimatedPromptTokens;
    }
    return facts;
}

} // namespace understudy
