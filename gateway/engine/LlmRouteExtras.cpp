#include "engine/LlmRouteExtras.h"

#include "fallback/ChainPlan.h"
#include "fallback/LlmWire.h"
#include "fallback/UpstreamAttemptStream.h"
#include "http/HttpExchange.h"
#include "upstream/UpstreamRequest.h"

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
                  UpstreamPool &pool)
        : m_exchange(exchange), m_snapshot(std::move(snapshot)), m_candidates(std::move(candidates)), m_pool(pool)
    {
        connect(exchange, &HttpExchange::clientGone, this, [this] { finish(); });
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
            m_exchange->respond(
                m_lastStatus >= 500 || m_lastStatus == 429 ? 503 : 502, jsonHeaders(),
                llm::errorBody(QStringLiteral("no embedding target answered (last: %1)").arg(m_lastError),
                               "upstream_error", {}, m_exchange->request().requestId));
            finish();
            return;
        }
        const ModelEntry &entry = m_candidates[m_index++];
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
            next();
        });
    }

    void onFinished()
    {
        if (m_status == 429 || m_status >= 500) {
            m_lastStatus = m_status;
            m_lastError = QStringLiteral("%1 answered %2").arg(m_servedBy).arg(m_status);
            next();
            return;
        }
        if (m_exchange) {
            HttpHeaders headers = jsonHeaders();
            headers.emplace_back(QByteArrayLiteral("x-understudy-served-by"), m_servedBy.toUtf8());
            headers.emplace_back(QByteArrayLiteral("x-understudy-attempts"), QByteArray::number(qulonglong(m_index)));
            m_exchange->respond(m_status, std::move(headers), std::move(m_body));
        }
        finish();
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

void runEmbeddings(HttpExchange *exchange, RuntimeSnapshotPtr snapshot, const Route &route, UpstreamPool &pool)
{
    const json doc = json::parse(exchange->request().body.begin(), exchange->request().body.end(), nullptr, false);
    if (!doc.is_object() || !doc.contains("input")) {
        exchange->respond(400, jsonHeaders(),
                          llm::errorBody(QStringLiteral("'input' is required"), "invalid_request_error",
                                         "missing_required_parameter", exchange->request().requestId,
                                         QStringLiteral("input")));
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
        return;
    }
    auto *run = new EmbeddingsRun(exchange, std::move(snapshot), std::move(candidates), pool);
    run->start();
}

} // namespace understudy
