#include "MockTestSupport.h"

using namespace understudy;
using json = nlohmann::json;

namespace mocktest {

QByteArray chatRequest(const RequestOptions &options)
{
    json messages = json::array();
    messages.push_back({{"role", "system"}, {"content", "You are terse."}});
    messages.push_back({{"role", "user"}, {"content", "Tell me about fallback chains, please."}});
    if (!options.prefill.isEmpty())
        messages.push_back({{"role", "assistant"}, {"content", options.prefill.toStdString()}});
    json doc{{"model", options.model.toStdString()}, {"messages", messages}};
    if (options.stream)
        doc["stream"] = true;
    if (options.includeUsage)
        doc["stream_options"] = {{"include_usage", true}};
    return QByteArray::fromStdString(doc.dump());
}

Provider mockProvider(const MockSettings &settings, const QString &name)
{
    Provider provider;
    provider.name = name;
    provider.kind = ProviderKind::Mock;
    ModelInfo model;
    model.name = QStringLiteral("mock-large");
    model.supportsPrefill = true;
    provider.models.push_back(model);
    provider.mock = settings;
    return provider;
}

MockSettings fastSettings()
{
    MockSettings settings;
    settings.latencyMs = 0;
    settings.tokensPerSecond = 0;
    return settings;
}

QList<QByteArray> ssePayloads(const QByteArray &stream)
{
    QList<QByteArray> payloads;
    qsizetype from = 0;
    while (from < stream.size()) {
        const qsizetype end = stream.indexOf("\n\n", from);
        if (end < 0) {
            payloads.append("<bad:" + stream.mid(from) + '>');
            break;
        }
        const QByteArray event = stream.mid(from, end - from);
        payloads.append(event.startsWith("data: ") ? event.mid(6) : "<bad:" + event + '>');
        from = end + 2;
    }
    return payloads;
}

json parseJson(const QByteArray &payload)
{
    return json::parse(payload.constBegin(), payload.constEnd(), nullptr, false);
}

QString str(const json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    return QString::fromStdString(value.dump());
}

namespace {

// The first choice of a chunk, or null when it has none.
const json *firstChoice(const json &chunk)
{
    if (!chunk.is_object() || !chunk.contains("choices") || !chunk["choices"].is_array() || chunk["choices"].empty())
        return nullptr;
    const json &choice = chunk["choices"][0];
    return choice.is_object() ? &choice : nullptr;
}

} // namespace

QString chunkContent(const json &chunk)
{
    const json *choice = firstChoice(chunk);
    if (!choice || !choice->contains("delta") || !(*choice)["delta"].is_object())
        return {};
    const json &delta = (*choice)["delta"];
    if (!delta.contains("content") || !delta["content"].is_string())
        return {};
    return QString::fromStdString(delta["content"].get<std::string>());
}

bool chunkHasFinish(const json &chunk)
{
    const json *choice = firstChoice(chunk);
    return choice && choice->contains("finish_reason") && (*choice)["finish_reason"].is_string();
}

StreamRecorder::StreamRecorder(AttemptStream *stream)
{
    connect(stream, &AttemptStream::responseHead, this, [this](int s, const HttpHeaders &h) {
        order.append(Signal::Head);
        status = s;
        headers = h;
    });
    connect(stream, &AttemptStream::bodyData, this, [this](const QByteArray &data) {
        order.append(Signal::Body);
        pieces.append(data);
        body += data;
    });
    connect(stream, &AttemptStream::finished, this, [this] { order.append(Signal::Finished); });
    connect(stream, &AttemptStream::failed, this, [this](OutcomeClass outcome, const QString &detail) {
        order.append(Signal::Failed);
        failure = outcome;
        failureDetail = detail;
    });
}

QByteArray StreamRecorder::header(const char *name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

} // namespace mocktest
