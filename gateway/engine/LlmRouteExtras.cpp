#include "engine/LlmRouteExtras.h"

#include "fallback/ChainPlan.h"
#include "fallback/LlmWire.h"
#include "fallback/UpstreamAttemptStream.h"
#include "http/HttpExchange.h"
#include "upstream/UpstreamRequest.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>

#include <nlohmann/json.hpp>

#include <set>

namespace understudy {

using json = nlohmann::json;

namespace {

struct ModelEntry
{
    QString provider;
    QString model;
    const Provider *config = nullptr;
};

// Every (provider, model) a chain can reach, in chain order, without repeats.
std::vector<ModelEntry> reachableModels(const RuntimeSnapshot &snapshot, const Route &route)
{
    std::vector<ModelEntry> out;
    std::set<std::pair<QString, QString>> seen;
    const auto plan = snapshot.plans.find(route.chain);
    if (plan == snapshot.plans.end())
        return out;
    auto add = [&](const Provider *provider, const QString &model) {
        if (seen.insert({provider->name, model}).second)
            out.push_back({provider->name, model, provider});
    };
    for (const PlannedStep &planned : plan->second->steps) {
        if (planned.step->kind != StepKind::Provider && planned.step->kind != StepKind::Group)
            continue;
        for (const Target &target : planned.step->targets) {
            const Provider *provider = snapshot.config->provider(target.provider);
            if (!provider)
                continue;
            if (!target.model.isEmpty()) {
                add(provider, target.model);
                continue;
            }
            for (const ModelInfo &model : provider->models)
                add(provider, model.name);
        }
    }
    return out;
}

QByteArray json_bytes(const json &doc)
{
    return QByteArray::fromStdString(doc.dump(-1, ' ', false, json::error_handler_t::replace));
}

HttpHeaders jsonHeaders()
{
    return {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
}

// One embeddings request walking its candidates in order.
class EmbeddingsRun final : public QObject
{
public:
    EmbeddingsRun(HttpExchange *exchange, RuntimeSnapshotPtr snapshot, std::vector<ModelEntry> candidates,
                  UpstreamPool &pool, RequestTrail trail, QString stepPrefix,
                  std::function<void(const RequestTrail &)> trailSink)
        : m_exchange(exchange)
        , m_snapshot(std::move(snapshot))
        , m_candidates(std::move(candidates))
        , m_pool(pool)
        , m_trail(std::move(trail))
        , m_stepPrefix(std::move(stepPrefix))
        , m_trailSink(std::move(trailSink))
    {
        m_clock.start();
        connect(exchange, &HttpExchange::clientGone, this, [this] {
            endAttempt(OutcomeClass::ResetBeforeResponse, 0, QStringLiteral("stop: client gone"));
            m_trail.outcome = OutcomeClass::ResetBeforeResponse;
            m_trail.status = 499; // client closed the request (nginx's convention)
            finish();
        });
    }

    void start() { next(); }

private:
    void next()
    {
        drop();
        if (!m_exchange) {
            finish();
            return;
        }
        if (m_index >= m_candidates.size()) {
            const int status = m_lastStatus >= 500 || m_lastStatus == 429 ? 503 : 502;
            m_exchange->respond(
                status, jsonHeaders(),
                llm::errorBody(QStringLiteral("no embedding target answered (last: %1)").arg(m_lastError),
                               "upstream_error", {}, m_exchange->request().requestId));
            m_trail.status = status;
            m_trail.outcome = m_lastOutcome;
            finish();
            return;
        }
        const ModelEntry &entry = m_candidates[m_index++];
        AttemptRecord attempt;
        attempt.stepPath = m_stepPrefix + QString::number(m_index - 1) + QLatin1Char(']');
        attempt.target = entry.provider + QLatin1Char('/') + entry.model;
        attempt.startOffsetMs = m_clock.elapsed();
        m_trail.attempts.push_back(std::move(attempt));
        m_attemptOpen = true;
        const HttpRequest &request = m_exchange->request();
        Timeouts timeouts;
        timeouts.totalMs = 60000;
        UpstreamRequest upstream =
            upstreamRequestFor(*entry.config, timeouts, QByteArrayLiteral("POST"), QStringLiteral("/embeddings"));
        setHeader(upstream.headers, QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
        setHeader(upstream.headers, QByteArrayLiteral("x-understudy-request-id"), request.requestId);
        const QString &credential = entry.config->credentials;
        if (credential.startsWith(QLatin1String("env:"))) {
            const QByteArray secret = qgetenv(credential.mid(4).toLocal8Bit().constData());
            if (secret.isEmpty()) {
                m_lastError = QStringLiteral("%1: credential not set").arg(entry.provider);
                m_lastOutcome = OutcomeClass::AuthError;
                endAttempt(OutcomeClass::AuthError, 0, QStringLiteral("next: ") + m_lastError);
                next();
                return;
            }
            setHeader(upstream.headers, QByteArrayLiteral("Authorization"), "Bearer " + secret);
        }
        upstream.body = llm::rewriteModel(request.body, entry.model);
        m_servedBy = entry.provider + QLatin1Char('/') + entry.model;
        m_stream = new UpstreamAttemptStream(m_pool, std::move(upstream), this);
        connect(m_stream, &AttemptStream::responseHead, this, [this](int status, const HttpHeaders &headers) {
            m_status = status;
            m_headers = headers;
        });
        connect(m_stream, &AttemptStream::bodyData, this, [this](const QByteArray &data) {
            if (m_body.size() < (64 << 20))
                m_body += data;
        });
        connect(m_stream, &AttemptStream::finished, this, [this] { onFinished(); });
        connect(m_stream, &AttemptStream::failed, this, [this](OutcomeClass outcome, const QString &detail) {
            m_lastError = outcomeClassName(outcome) + QStringLiteral(": ") + detail;
            m_lastStatus = 502;
            m_lastOutcome = outcome;
            endAttempt(outcome, 0, QStringLiteral("next: ") + m_lastError);
            next();
        });
    }

    void onFinished()
    {
        if (m_status == 429 || m_status >= 500) {
            m_lastStatus = m_status;
            m_lastError = QStringLiteral("%1 answered %2").arg(m_servedBy).arg(m_status);
            m_lastOutcome = m_status == 429 ? OutcomeClass::Status429 : OutcomeClass::Status5xx;
            endAttempt(m_lastOutcome, m_status, QStringLiteral("next: ") + m_lastError);
            next();
            return;
        }
        const OutcomeClass outcome = m_status >= 400 ? OutcomeClass::Status4xx : OutcomeClass::Ok;
        m_trail.attempts.back().bytes = m_body.size();
        endAttempt(outcome, m_status, QStringLiteral("served"));
        m_trail.status = m_status;
        m_trail.outcome = outcome;
        m_trail.servedBy = m_trail.attempts.back().stepPath + QLatin1Char(' ') + m_servedBy;
        m_trail.servedModel = m_candidates[m_index - 1].model;
        m_trail.fallbackDepth = int(m_index) - 1;
        if (m_exchange) {
            HttpHeaders headers = jsonHeaders();
            headers.emplace_back(QByteArrayLiteral("x-understudy-served-by"), m_servedBy.toUtf8());
            headers.emplace_back(QByteArrayLiteral("x-understudy-attempts"), QByteArray::number(qulonglong(m_index)));
            m_exchange->respond(m_status, std::move(headers), std::move(m_body));
        }
        finish();
    }

    // Closes the attempt in flight, if any, in the trail.
    void endAttempt(OutcomeClass outcome, int upstreamStatus, const QString &decision)
    {
        if (!m_attemptOpen)
            return;
        m_attemptOpen = false;
        AttemptRecord &a = m_trail.attempts.back();
        a.durationMs = m_clock.elapsed() - a.startOffsetMs;
        a.outcome = outcome;
        a.upstreamStatus = upstreamStatus;
        a.decision = decision;
    }

    void drop()
    {
        if (m_stream) {
            m_stream->disconnect(this);
            m_stream->cancel();
            m_stream->deleteLater();
            m_stream = nullptr;
        }
        m_status = 0;
        m_headers.clear();
        m_body.clear();
    }

    void finish()
    {
        drop();
        if (!m_recorded) {
            m_recorded = true;
            m_trail.durationMs = m_clock.elapsed();
            if (m_exchange) {
                m_trail.bytesIn = m_exchange->request().body.size();
                m_trail.bytesOut = m_exchange->bodyBytesWritten();
            }
            if (m_trailSink)
                m_trailSink(m_trail);
        }
        deleteLater();
    }

    QPointer<HttpExchange> m_exchange;
    RuntimeSnapshotPtr m_snapshot; // keeps the providers alive
    std::vector<ModelEntry> m_candidates;
    UpstreamPool &m_pool;
    size_t m_index = 0;
    AttemptStream *m_stream = nullptr;
    int m_status = 0;
    HttpHeaders m_headers;
    QByteArray m_body;
    QString m_servedBy;
    QString m_lastError = QStringLiteral("none tried");
    int m_lastStatus = 0;
    OutcomeClass m_lastOutcome = OutcomeClass::ConnectError;
    RequestTrail m_trail;
    QString m_stepPrefix; // "<chain>/embeddings["
    std::function<void(const RequestTrail &)> m_trailSink;
    QElapsedTimer m_clock;
    bool m_attemptOpen = false;
    bool m_recorded = false;
};

} // namespace

LlmExtra llmExtraFor(const QByteArray &method, const QByteArray &path)
{
    QByteArrayView view(path);
    while (view.endsWith('/'))
        view.chop(1);
    if (method == "GET" && (view.endsWith("/models") || view == "models"))
        return LlmExtra::Models;
    if (method == "POST" && view.endsWith("/embeddings"))
        return LlmExtra::Embeddings;
    return LlmExtra::None;
}

void answerModels(HttpExchange *exchange, const RuntimeSnapshot &snapshot, const Route &route)
{
    json data = json::array();
    for (const ModelEntry &entry : reachableModels(snapshot, route)) {
        data.push_back(json{{"id", entry.model.toStdString()},
                            {"object", "model"},
                            {"created", 0},
                            {"owned_by", entry.provider.toStdString()}});
    }
    exchange->respond(200, jsonHeaders(), json_bytes(json{{"object", "list"}, {"data", data}}));
}

void runEmbeddings(HttpExchange *exchange, RuntimeSnapshotPtr snapshot, const Route &route, UpstreamPool &pool,
                   std::function<void(const RequestTrail &)> trailSink)
{
    RequestTrail trail = startTrail(exchange->request(), route.name);
    // A request refused before any attempt (answered at once).
    auto refused = [&](int status) {
        if (!trailSink)
            return;
        trail.status = status;
        trail.outcome = OutcomeClass::Status4xx;
        trail.durationMs = std::max<qint64>(0, QDateTime::currentMSecsSinceEpoch() - trail.startedAtMs);
        trail.bytesOut = exchange->bodyBytesWritten();
        trailSink(trail);
    };
    const json doc = json::parse(exchange->request().body.begin(), exchange->request().body.end(), nullptr, false);
    if (!doc.is_object() || !doc.contains("input")) {
        exchange->respond(400, jsonHeaders(),
                          llm::errorBody(QStringLiteral("'input' is required"), "invalid_request_error",
                                         "missing_required_parameter", exchange->request().requestId,
                                         QStringLiteral("input")));
        refused(400);
        return;
    }
    const QString requested = doc.contains("model") && doc["model"].is_string()
                                  ? QString::fromStdString(doc["model"].get<std::string>())
                                  : QString();
    std::vector<ModelEntry> candidates;
    for (const ModelEntry &entry : reachableModels(*snapshot, route)) {
        const bool openAiWire =
            entry.config->kind == ProviderKind::OpenAI || entry.config->kind == ProviderKind::OpenAICompatible;
        const ModelInfo *info = entry.config->model(entry.model);
        if (openAiWire && info && info->supportsEmbeddings)
            candidates.push_back(entry);
    }
    std::stable_partition(candidates.begin(), candidates.end(),
                          [&](const ModelEntry &entry) { return entry.model == requested; });
    if (candidates.empty()) {
        exchange->respond(404, jsonHeaders(),
                          llm::errorBody(QStringLiteral("no embedding-capable model is reachable on route %1; mark one "
                                                        "with supports_embeddings in its provider's catalogue")
                                             .arg(route.name),
                                         "invalid_request_error", "model_not_found", exchange->request().requestId,
                                         QStringLiteral("model")));
        refused(404);
        return;
    }
    auto *run = new EmbeddingsRun(exchange, std::move(snapshot), std::move(candidates), pool, std::move(trail),
                                  route.chain + QStringLiteral("/embeddings["), std::move(trailSink));
    run->start();
}

} // namespace understudy
