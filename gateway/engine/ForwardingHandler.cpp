#include "engine/ForwardingHandler.h"

#include "http/ErrorBody.h"
#include "http/HttpExchange.h"
#include "upstream/UpstreamPool.h"

#include <QLoggingCategory>
#include <QPointer>

namespace understudy {

Q_LOGGING_CATEGORY(lcForward, "understudy.forward", QtInfoMsg)

namespace {

// One forwarded request: ties the client's exchange to the upstream call
// and moves bytes between them under backpressure. Deletes itself when
// either side is done.
class ForwardedRequest final : public QObject
{
public:
    ForwardedRequest(HttpExchange *exchange, UpstreamPool &pool, UpstreamRequest request, QByteArray servedBy,
                     QString providerName)
        : m_exchange(exchange), m_servedBy(std::move(servedBy)), m_providerName(std::move(providerName))
    {
        m_call = pool.send(std::move(request), this);
        connect(m_call, &UpstreamCall::responseHead, this, &ForwardedRequest::onHead);
        connect(m_call, &UpstreamCall::bodyData, this, &ForwardedRequest::onBody);
        connect(m_call, &UpstreamCall::finished, this, &ForwardedRequest::onFinished);
        connect(m_call, &UpstreamCall::failed, this, &ForwardedRequest::onFailed);
        connect(exchange, &HttpExchange::writable, this, [this] {
            if (m_call && m_call->isPaused())
                m_call->resume();
        });
        connect(exchange, &HttpExchange::clientGone, this, [this] {
            m_call->cancel();
            deleteLater();
        });
        connect(exchange, &QObject::destroyed, this, [this] {
            if (!m_call->isDone())
                m_call->cancel();
            deleteLater();
        });
    }

private:
    void onHead(int status, const HttpHeaders &upstreamHeaders)
    {
        if (!m_exchange)
            return;
        HttpHeaders headers = upstreamHeaders;
        stripHopByHop(headers);
        const auto length = headerValue(upstreamHeaders, "content-length");
        removeHeader(headers, "content-length");
        headers.emplace_back(QByteArrayLiteral("x-understudy-served-by"), m_servedBy);
        headers.emplace_back(QByteArrayLiteral("x-understudy-attempts"), QByteArrayLiteral("1"));
        bool ok = false;
        const qint64 declared = length ? length->trimmed().toLongLong(&ok) : -1;
        m_exchange->startResponse(status, std::move(headers), ok ? declared : -1);
    }

    void onBody(const QByteArray &data)
    {
        if (m_exchange && !m_exchange->write(data))
            m_call->pause();
    }

    void onFinished()
    {
        if (m_exchange)
            m_exchange->finish();
        deleteLater();
    }

    void onFailed(OutcomeClass outcome, const QString &detail)
    {
        const QString requestId = m_exchange ? QString::fromLatin1(m_exchange->request().requestId) : QString();
        qCInfo(lcForward).noquote()
            << QStringLiteral("upstream attempt failed | request_id=%1 provider=%2 outcome=%3")
                   .arg(requestId, m_providerName, outcomeClassName(outcome))
            << QString(detail).replace(QLatin1Char(' '), QLatin1Char('_')).prepend(QStringLiteral("detail="));
        if (!m_exchange) {
            deleteLater();
            return;
        }
        if (m_exchange->responseStarted()) {
            // Past the commit point: the client must not mistake a cut
            // answer for a whole one.
            m_exchange->abort();
            deleteLater();
            return;
        }
        const bool timedOut = outcome == OutcomeClass::ConnectTimeout || outcome == OutcomeClass::FirstByteTimeout ||
                              outcome == OutcomeClass::IdleTimeout || outcome == OutcomeClass::DeadlineExceeded;
        const int status = timedOut ? 504 : 502;
        const QString message =
            QStringLiteral("upstream '%1' failed: %2").arg(m_providerName, outcomeClassName(outcome));
        HttpHeaders headers{{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                            {QByteArrayLiteral("x-understudy-served-by"), QByteArrayLiteral("none")},
                            {QByteArrayLiteral("x-understudy-attempts"), QByteArrayLiteral("1")},
                            {QByteArrayLiteral("x-understudy-fallback"), outcomeClassName(outcome).toLatin1()}};
        m_exchange->respond(
            status, std::move(headers),
            errorBody(timedOut ? "upstream_timeout" : "upstream_error", message, m_exchange->request().requestId));
        deleteLater();
    }

    QPointer<HttpExchange> m_exchange;
    UpstreamCall *m_call = nullptr;
    QByteArray m_servedBy;
    QString m_providerName;
};

void respondStatic(HttpExchange *exchange, const Route &route, const StaticResponse &response, const QString &stepPath)
{
    QString body = response.body;
    body.replace(QLatin1String("{{request_id}}"), QString::fromLatin1(exchange->request().requestId));
    body.replace(QLatin1String("{{route}}"), route.name);
    HttpHeaders headers;
    for (const Header &h : response.headers)
        headers.emplace_back(h.name.toUtf8(), h.value.toUtf8());
    setHeader(headers, QByteArrayLiteral("Content-Type"), response.contentType.toUtf8());
    headers.emplace_back(QByteArrayLiteral("x-understudy-served-by"), stepPath.toUtf8() + " static");
    headers.emplace_back(QByteArrayLiteral("x-understudy-attempts"), QByteArrayLiteral("0"));
    exchange->respond(response.status, std::move(headers), body.toUtf8());
}

} // namespace

ForwardingHandler::ForwardingHandler(std::shared_ptr<const SnapshotSlot> slot)
    : m_slot(std::move(slot)), m_pool(std::make_unique<UpstreamPool>())
{}

ForwardingHandler::~ForwardingHandler() = default;

void ForwardingHandler::handle(HttpExchange *exchange)
{
    const RuntimeSnapshotPtr snapshot = m_slot->load();
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
    const Chain *chain = snapshot->config->chain(route->chain);
    Q_ASSERT(chain); // validation guarantees the reference
    for (size_t i = 0; chain && i < chain->steps.size(); ++i) {
        const Step &step = chain->steps[i];
        const QString stepPath = QStringLiteral("%1/steps[%2]").arg(chain->name).arg(i);
        if (step.kind == StepKind::Static) {
            respondStatic(exchange, *route, step.response, stepPath);
            return;
        }
        if (step.kind != StepKind::Provider && step.kind != StepKind::Group)
            continue;
        const Target &target = step.targets.front();
        const Provider *provider = snapshot->config->provider(target.provider);
        if (!provider || provider->kind == ProviderKind::Mock)
            continue; // the built-in mock is served by the fallback engine
        QString path = QString::fromUtf8(request.path);
        if (!request.query.isEmpty())
            path += QLatin1Char('?') + QString::fromUtf8(request.query);
        Timeouts timeouts = step.timeouts;
        timeouts.totalMs =
            timeouts.totalMs > 0 ? std::min(timeouts.totalMs, chain->policy.deadlineMs) : chain->policy.deadlineMs;
        UpstreamRequest upstream = upstreamRequestFor(*provider, timeouts, request.method, path);
        for (const auto &header : request.headers) {
            if (header.first.compare("host", Qt::CaseInsensitive) != 0)
                upstream.headers.push_back(header);
        }
        stripHopByHop(upstream.headers);
        setHeader(upstream.headers, QByteArrayLiteral("x-understudy-request-id"), request.requestId);
        setHeader(upstream.headers, QByteArrayLiteral("x-forwarded-for"), request.peerAddress.toString().toLatin1());
        setHeader(upstream.headers, QByteArrayLiteral("x-forwarded-proto"),
                  request.tls ? QByteArrayLiteral("https") : QByteArrayLiteral("http"));
        upstream.body = request.body;
        const QByteArray servedBy = stepPath.toUtf8() + ' ' + provider->name.toUtf8() +
                                    (target.model.isEmpty() ? QByteArray() : '/' + target.model.toUtf8());
        new ForwardedRequest(exchange, *m_pool, std::move(upstream), servedBy, provider->name);
        return;
    }
    exchange->respondError(502, QStringLiteral("route '%1' has no step the data plane can serve").arg(route->name),
                           "no_answering_step");
}

} // namespace understudy
