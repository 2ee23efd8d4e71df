// Issue 5: clients speaking Anthropic's Messages API to an llm route's
// /v1/messages. The real engine on loopback runs the same chain as for chat
// completions (an OpenAI-compatible primary, then an Anthropic or Gemini
// fallback) and answers in Anthropic's shapes.

#include "FakeLlmUpstream.h"
#include "RawClient.h"
#include "engine/Engine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace understudy;
using namespace understudy::test;

namespace {

QByteArray messagesRequest(bool stream, const QByteArray &body = {})
{
    const QByteArray payload = !body.isEmpty()
                                   ? body
                                   : "{\"model\":\"client-model\",\"max_tokens\":64,\"stream\":" +
                                         QByteArray(stream ? "true" : "false") +
                                         ",\"system\":\"be brief\",\"messages\":[{\"role\":\"user\",\"content\":"
                                         "[{\"type\":\"text\",\"text\":\"hello\"}]}]}";
    return "POST /v1/messages HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nanthropic-version: "
           "2023-06-01\r\nContent-Length: " +
           QByteArray::number(payload.size()) + "\r\n\r\n" + payload;
}

// The /v1/messages route next to the usual chat route, on the same chain.
Config withMessagesRoute(Config config)
{
    Route route = config.routes.front();
    route.name = QStringLiteral("messages");
    route.match.path = QStringLiteral("/v1/messages");
    config.routes.push_back(route);
    return config;
}

std::optional<TestResponse> send(GatewayUnderTest &gateway, const QByteArray &request)
{
    RawClient client(gateway.port());
    if (!client.isConnected())
        return std::nullopt;
    client.send(request);
    return client.next(false, 20000);
}

struct Event
{
    QByteArray name;
    QJsonObject data;
};

QList<Event> events(const QByteArray &body)
{
    QList<Event> out;
    for (const QByteArray &line : body.split('\n')) {
        if (line.startsWith("event: "))
            out.append(Event{line.mid(7), {}});
        else if (line.startsWith("data: ") && !out.isEmpty())
            out.last().data = QJsonDocument::fromJson(line.mid(6)).object();
    }
    return out;
}

ChainPolicy policy()
{
    ChainPolicy p;
    p.deadlineMs = 10000;
    return p;
}

Step noRetry(Step step)
{
    step.retry.maxRetries = 0;
    return step;
}

} // namespace

class TestMessagesInbound final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qputenv("UNDERSTUDY_TEST_ANTHROPIC_KEY", "sk-ant-test"); }

    // The primary fails, the second OpenAI-compatible step answers: the
    // client gets an Anthropic Message; the upstream got an OpenAI request.
    void nonStreamFallsBackAndAnswersAsAMessage()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.setDefault(FakeReply::error(503, "down"));
        secondary.setDefault(FakeReply::completion("backup-model", "bonjour", 13, 4));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(withMessagesRoute(llmConfig(
            {fakeProvider(QStringLiteral("p"), primary), fakeProvider(QStringLiteral("s"), secondary)},
            {noRetry(providerStep(QStringLiteral("p"), QStringLiteral("gpt-x"))),
             providerStep(QStringLiteral("s"), QStringLiteral("backup-model"))},
            policy()))));

        const auto r = send(gateway, messagesRequest(false));
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QVERIFY(r->header("content-type").startsWith("application/json"));
        QVERIFY(r->header("x-understudy-served-by").contains("s/backup-model"));
        const QJsonObject body = QJsonDocument::fromJson(r->body).object();
        QCOMPARE(body.value(QStringLiteral("type")).toString(), QStringLiteral("message"));
        QCOMPARE(body.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
        QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("backup-model"));
        QCOMPARE(body.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("end_turn"));
        const QJsonObject block = body.value(QStringLiteral("content")).toArray().at(0).toObject();
        QCOMPARE(block.value(QStringLiteral("type")).toString(), QStringLiteral("text"));
        QCOMPARE(block.value(QStringLiteral("text")).toString(), QStringLiteral("bonjour"));
        QCOMPARE(body.value(QStringLiteral("usage")).toObject().value(QStringLiteral("input_tokens")).toInt(), 13);
        QCOMPARE(body.value(QStringLiteral("usage")).toObject().value(QStringLiteral("output_tokens")).toInt(), 4);

        QCOMPARE(secondary.requestCount(), 1);
        const QJsonObject sent = secondary.seen().at(0).json();
        const QJsonArray messages = sent.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.at(0).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
        QCOMPARE(messages.at(1).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("user"));
        QCOMPARE(sent.value(QStringLiteral("max_tokens")).toInt(), 64);
    }

    // A stream from the second step after the primary is reset: the
    // client gets Anthropic's event stream back, with usage.
    void streamFallsBackAndStreamsEvents()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.setDefault(FakeReply::reset());
        secondary.setDefault(FakeReply::stream("stream-model", {"Hel", "lo"}));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(withMessagesRoute(llmConfig(
            {fakeProvider(QStringLiteral("p"), primary), fakeProvider(QStringLiteral("s"), secondary)},
            {noRetry(providerStep(QStringLiteral("p"), QStringLiteral("gpt-x"))),
             providerStep(QStringLiteral("s"), QStringLiteral("stream-model"))},
            policy()))));

        const auto r = send(gateway, messagesRequest(true));
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QVERIFY(r->header("content-type").startsWith("text/event-stream"));
        QVERIFY(r->chunked);
        const QList<Event> list = events(r->body);
        QVERIFY2(list.size() >= 6, r->body.constData());
        QCOMPARE(list.first().name, QByteArray("message_start"));
        QCOMPARE(list.first().data.value(QStringLiteral("message")).toObject().value(QStringLiteral("model")).toString(),
                 QStringLiteral("stream-model"));
        QString text;
        for (const Event &e : list) {
            QCOMPARE(e.data.value(QStringLiteral("type")).toString().toUtf8(), e.name);
            if (e.name == "content_block_delta")
                text += e.data.value(QStringLiteral("delta")).toObject().value(QStringLiteral("text")).toString();
        }
        QCOMPARE(text, QStringLiteral("Hello"));
        QCOMPARE(list.last().name, QByteArray("message_stop"));
        const QJsonObject delta = list.at(list.size() - 2).data;
        QCOMPARE(delta.value(QStringLiteral("delta")).toObject().value(QStringLiteral("stop_reason")).toString(),
                 QStringLiteral("end_turn"));
        QVERIFY(delta.value(QStringLiteral("usage")).toObject().value(QStringLiteral("output_tokens")).toInt() > 0);
        QVERIFY(!r->body.contains("[DONE]"));
        // The upstream was asked for usage in the stream.
        const QJsonObject sent = secondary.seen().at(0).json();
        QVERIFY(sent.value(QStringLiteral("stream_options")).toObject().value(QStringLiteral("include_usage")).toBool());
    }

    // Every step fails: Anthropic's error shape with the executor's status.
    void allStepsFailingIsAnAnthropicError()
    {
        FakeLlmUpstream primary;
        QVERIFY(primary.start());
        primary.setDefault(FakeReply::error(503, "down"));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(withMessagesRoute(llmConfig(
            {fakeProvider(QStringLiteral("p"), primary)},
            {noRetry(providerStep(QStringLiteral("p"), QStringLiteral("gpt-x")))}, policy()))));
        const auto r = send(gateway, messagesRequest(false));
        QVERIFY(r);
        QVERIFY2(r->status >= 500, r->body.constData());
        const QJsonObject body = QJsonDocument::fromJson(r->body).object();
        QCOMPARE(body.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
        const QString type = body.value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString();
        QCOMPARE(type, r->status == 503 ? QStringLiteral("overloaded_error") : QStringLiteral("api_error"));
        QVERIFY(!body.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY(!r->header("x-understudy-request-id").isEmpty());
    }

    // A stream cut after it started and not continued: an error event, never
    // a message_stop.
    void cutStreamEndsWithAnErrorEvent()
    {
        FakeLlmUpstream primary;
        QVERIFY(primary.start());
        primary.setDefault(FakeReply::truncatedStream("m", {"a", "b", "c"}, 2, FakeReply::Ending::Cut));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(withMessagesRoute(
            llmConfig({fakeProvider(QStringLiteral("p"), primary)},
                      {noRetry(providerStep(QStringLiteral("p"), QStringLiteral("m")))}, policy()))));
        const auto r = send(gateway, messagesRequest(true));
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        const QList<Event> list = events(r->body);
        QVERIFY2(!list.isEmpty(), r->body.constData());
        QCOMPARE(list.last().name, QByteArray("error"));
        QVERIFY(!r->body.contains("message_stop"));
    }

    // Invalid Messages requests are refused before the chain, naming the field.
    void invalidRequestIsRefusedInAnthropicShape()
    {
        FakeLlmUpstream primary;
        QVERIFY(primary.start());
        primary.setDefault(FakeReply::completion("m", "never"));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(withMessagesRoute(
            llmConfig({fakeProvider(QStringLiteral("p"), primary)},
                      {providerStep(QStringLiteral("p"), QStringLiteral("m"))}, policy()))));
        const auto r = send(gateway, messagesRequest(false, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                                                           "\"content\":\"x\"}]}"));
        QVERIFY(r);
        QCOMPARE(r->status, 400);
        const QJsonObject error = QJsonDocument::fromJson(r->body).object().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("invalid_request_error"));
        QVERIFY(error.value(QStringLiteral("message")).toString().startsWith(QStringLiteral("max_tokens")));
        QCOMPARE(primary.requestCount(), 0);

        // Chat completions on the same chain are untouched by the inbound.
        const auto chat = gateway.chat(false);
        QVERIFY(chat);
        QCOMPARE(chat->status, 200);
        QCOMPARE(QJsonDocument::fromJson(chat->body).object().value(QStringLiteral("object")).toString(),
                 QStringLiteral("chat.completion"));
    }
};

QTEST_GUILESS_MAIN(TestMessagesInbound)
#include "tst_messages_inbound.moc"
