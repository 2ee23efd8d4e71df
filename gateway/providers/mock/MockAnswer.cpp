#include "providers/mock/MockAnswer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QMutex>

#include <nlohmann/json.hpp>

namespace understudy {

using json = nlohmann::json;

namespace {

QByteArray dump(const json &doc)
{
    return QByteArray::fromStdString(doc.dump(-1, ' ', false, json::error_handler_t::replace));
}

QByteArray sse(const json &doc)
{
    return "data: " + dump(doc) + "\n\n";
}

json chunk(const MockRequest &request, const json &delta, const json &finish)
{
    return json{{"id", "chatcmpl-mock"},
                {"object", "chat.completion.chunk"},
                {"created", QDateTime::currentSecsSinceEpoch()},
                {"model", request.model.toStdString()},
                {"choices", json::array({json{{"index", 0}, {"delta", delta}, {"finish_reason", finish}}})}};
}

json usage(const MockRequest &request, const QString &text)
{
    const qint64 completion = std::max<qint64>(1, text.size() / 4);
    return json{{"prompt_tokens", request.promptTokens},
                {"completion_tokens", completion},
                {"total_tokens", request.promptTokens + completion}};
}

} // namespace

MockRequest parseMockRequest(const QByteArray &body, const QString &modelOverride)
{
    MockRequest request;
    const json doc = json::parse(body.begin(), body.end(), nullptr, false);
    request.promptTokens = std::max<qint64>(1, body.size() / 4);
    if (!doc.is_object())
        return request;
    request.stream = doc.value("stream", false);
    if (doc.contains("stream_options") && doc["stream_options"].is_object())
        request.includeUsage = doc["stream_options"].value("include_usage", false);
    request.model = modelOverride.isEmpty() && doc.contains("model") && doc["model"].is_string()
                        ? QString::fromStdString(doc["model"].get<std::string>())
                        : modelOverride;
    if (doc.contains("messages") && doc["messages"].is_array() && !doc["messages"].empty()) {
        const json &last = doc["messages"].back();
        if (last.is_object() && last.value("role", "") == "assistant" && last.contains("content") &&
            last["content"].is_string())
            request.prefill = QString::fromStdString(last["content"].get<std::string>());
    }
    return request;
}

QString mockAnswerText(const Provider &provider, const MockSettings &settings, const MockRequest &request)
{
    QString text = settings.answer;
    if (text.isEmpty()) {
        text = QStringLiteral("This answer comes from %1 on the built-in mock provider '%2'. It streams a few "
                              "words at a time so you can watch time to first token, fallbacks and breakers at "
                              "work without any API key. Inject a fault from the chaos panel or the admin API "
                              "to see the chain move on to its next step, and watch the answer arrive from "
                              "there instead.")
                   .arg(request.model.isEmpty() ? QStringLiteral("a mock model") : request.model, provider.name);
    }
    if (!request.prefill.isEmpty() && text.startsWith(request.prefill))
        return text.mid(request.prefill.size());
    return text;
}

QByteArray mockCompletionBody(const MockRequest &request, const QString &text)
{
    return dump(
        json{{"id", "chatcmpl-mock"},
             {"object", "chat.completion"},
             {"created", QDateTime::currentSecsSinceEpoch()},
             {"model", request.model.toStdString()},
             {"choices", json::array({json{{"index", 0},
                                           {"message", json{{"role", "assistant"}, {"content", text.toStdString()}}},
                                           {"finish_reason", "stop"}}})},
             {"usage", usage(request, text)}});
}

QList<QByteArray> mockStreamEvents(const MockRequest &request, const QString &text)
{
    QList<QByteArray> events;
    events << sse(chunk(request, json{{"role", "assistant"}, {"content", ""}}, nullptr));
    const QStringList words = text.split(QLatin1Char(' '));
    for (qsizetype i = 0; i < words.size(); i += 3) {
        QString piece = words.mid(i, 3).join(QLatin1Char(' '));
        if (i + 3 < words.size())
            piece += QLatin1Char(' ');
        events << sse(chunk(request, json{{"content", piece.toStdString()}}, nullptr));
    }
    events << sse(chunk(request, json::object(), "stop"));
    if (request.includeUsage) {
        json last = chunk(request, json::object(), nullptr);
        last["choices"] = json::array();
        last["usage"] = usage(request, text);
        events << sse(last);
    }
    return events;
}

QByteArray mockErrorBody(int status, const MockSettings &settings, MockFault fault)
{
    Q_UNUSED(settings);
    json error;
    if (fault == MockFault::ContextLength) {
        error = {{"message", "This model's maximum context length is 8192 tokens. However, your messages resulted "
                             "in 9100 tokens. Please reduce the length of the messages."},
                 {"type", "invalid_request_error"},
                 {"param", "messages"},
                 {"code", "context_length_exceeded"}};
    } else if (fault == MockFault::ContentPolicy) {
        error = {{"message", "Your request was rejected as a result of our safety system."},
                 {"type", "invalid_request_error"},
                 {"param", nullptr},
                 {"code", "content_policy_violation"}};
    } else if (status == 429) {
        error = {{"message", "Rate limit reached for requests (mock)."},
                 {"type", "requests"},
                 {"param", nullptr},
                 {"code", "rate_limit_exceeded"}};
    } else if (status == 529) {
        return dump(json{{"type", "error"}, {"error", {{"type", "overloaded_error"}, {"message", "Overloaded"}}}});
    } else {
        error = {{"message", "The server had an error while processing your request (mock)."},
                 {"type", "server_error"},
                 {"param", nullptr},
                 {"code", nullptr}};
    }
    return dump(json{{"error", error}});
}

bool mockFlappingDown(const QString &provider, const MockSettings &settings)
{
    static QMutex mutex; // guards the start times below; held for a lookup only
    static QHash<QString, qint64> startedAt;
    static QElapsedTimer clock;
    qint64 elapsed = 0;
    {
        QMutexLocker lock(&mutex);
        if (!clock.isValid())
            clock.start();
        const qint64 now = clock.elapsed();
        auto it = startedAt.find(provider);
        if (it == startedAt.end())
            it = startedAt.insert(provider, now);
        elapsed = now - it.value();
    }
    const qint64 cycle = std::max<qint64>(1, qint64(settings.downMs) + settings.upMs);
    return elapsed % cycle < settings.downMs;
}

} // namespace understudy
