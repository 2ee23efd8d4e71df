// The mock provider bound to a loopback port through the real HttpServer,
// hit with a raw socket client: what other tools (curl, SDKs, the gateway's
// upstream client) would see.

#include "MockTestSupport.h"
#include "RawClient.h"
#include "fallback/Clock.h"
#include "http/HttpServer.h"
#include "providers/mock/MockFlapClock.h"
#include "providers/mock/MockHttpHandler.h"
#include "providers/mock/MockWire.h"

#include <QTest>

#include <memory>

using namespace understudy;
using namespace mocktest;
using json = nlohmann::json;

namespace {

QByteArray post(const QByteArray &body, const QByteArray &path = "/v1/chat/completions")
{
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray get(const QByteArray &path)
{
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

} // namespace

class TestMockHttpHandler : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { m_server.reset(); }

    void completeAnswer()
    {
        serve(fastSettings());
        const auto response = roundTrip(m_port, post(chatRequest()));
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->header("content-type"), "application/json");
        QVERIFY(response->hasHeader("x-understudy-request-id"));
        const json doc = parseJson(response->body);
        QCOMPARE(str(doc["object"]), QStringLiteral("chat.completion"));
        QCOMPARE(str(doc["model"]), QStringLiteral("gpt-test"));
        QCOMPARE(str(doc["choices"][0]["finish_reason"]), QStringLiteral("stop"));
        QVERIFY(doc["usage"]["total_tokens"].get<int>() > 0);
    }

    void streamedAnswer()
    {
        serve(fastSettings());
        RequestOptions options;
        options.stream = true;
        options.includeUsage = true;
        const auto response = roundTrip(m_port, post(chatRequest(options)));
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QVERIFY(response->chunked);
        QVERIFY(response->header("content-type").startsWith("text/event-stream"));
        const QList<QByteArray> payloads = ssePayloads(response->body);
        QCOMPARE(payloads.last(), "[DONE]");
        QString text;
        for (const QByteArray &payload : payloads)
            text += chunkContent(parseJson(payload));
        QCOMPARE(text, mock::generatedAnswer(QStringLiteral("mock-a"), QStringLiteral("gpt-test")));
        QVERIFY(parseJson(payloads.at(payloads.size() - 2))["usage"].is_object());
    }

    void errorStatusWithRetryAfter()
    {
        MockSettings settings = fastSettings();
        settings.fault = MockFault::ErrorStatus;
        settings.status = 429;
        settings.retryAfterSeconds = 2;
        serve(settings);
        const auto response = roundTrip(m_port, post(chatRequest()));
        QVERIFY(response);
        QCOMPARE(response->status, 429);
        QCOMPARE(response->header("retry-after"), "2");
        QCOMPARE(str(parseJson(response->body)["error"]["code"]), QStringLiteral("rate_limit_exceeded"));
    }

    void resetDropsTheConnectionBeforeAnyByte()
    {
        MockSettings settings = fastSettings();
        settings.fault = MockFault::ResetBeforeHeaders;
        serve(settings);
        RawClient client(m_port);
        QVERIFY(client.isConnected());
        client.send(post(chatRequest()));
        QVERIFY(client.waitClosed());
        QVERIFY2(client.buffer().isEmpty(), client.buffer().constData());
    }

    void cutStreamIsLeftUnterminated()
    {
        MockSettings settings = fastSettings();
        settings.fault = MockFault::CutAfterEvents;
        settings.afterEvents = 2;
        serve(settings);
        RequestOptions options;
        options.stream = true;
        RawClient client(m_port);
        client.send(post(chatRequest(options)));
        QVERIFY(client.waitClosed());
        const QByteArray raw = client.buffer();
        QVERIFY(raw.startsWith("HTTP/1.1 200"));
        QVERIFY(raw.contains("chat.completion.chunk"));
        QVERIFY(!raw.contains("[DONE]"));
        QVERIFY(!raw.contains("finish_reason\":\"stop"));
        QVERIFY(!raw.endsWith("0\r\n\r\n")); // no chunked terminator: the client sees a cut
    }

    void silentTargetHoldsTheConnection()
    {
        MockSettings settings = fastSettings();
        settings.fault = MockFault::NoResponse;
        serve(settings);
        RawClient client(m_port);
        client.send(post(chatRequest()));
        QVERIFY(!client.waitClosed(300)); // still open, nothing sent
        QVERIFY(client.buffer().isEmpty());
    }

    void flappingOverTheWire()
    {
        ManualClock clock;
        MockFlapClock flap(clock);
        MockSettings settings = fastSettings();
        settings.fault = MockFault::Flapping;
        settings.downMs = 500;
        settings.upMs = 500;
        serve(settings, &flap);
        auto response = roundTrip(m_port, post(chatRequest()));
        QVERIFY(response);
        QCOMPARE(response->status, 503);
        clock.advance(600);
        response = roundTrip(m_port, post(chatRequest()));
        QVERIFY(response);
        QCOMPARE(response->status, 200);
    }

    void largeStreamUnderBackpressure()
    {
        // Events far above the exchange's high-water mark: the handler must
        // pause the mock and resume on writable() without losing bytes.
        MockSettings settings = fastSettings();
        QStringList words;
        for (int i = 0; i < 24; ++i)
            words.append(QString(100'000, QLatin1Char('a' + i % 26)));
        settings.answer = words.join(QLatin1Char(' '));
        serve(settings);
        RequestOptions options;
        options.stream = true;
        RawClient client(m_port);
        client.send(post(chatRequest(options)));
        const auto response = client.next(false, 30'000);
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QString text;
        for (const QByteArray &payload : ssePayloads(response->body))
            text += chunkContent(parseJson(payload));
        QCOMPARE(text.size(), settings.answer.size());
        QCOMPARE(text, settings.answer);
    }

    void listsModels()
    {
        serve(fastSettings());
        const auto response = roundTrip(m_port, get("/v1/models"));
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        const json doc = parseJson(response->body);
        QCOMPARE(str(doc["object"]), QStringLiteral("list"));
        QCOMPARE(doc["data"].size(), 1u);
        QCOMPARE(str(doc["data"][0]["id"]), QStringLiteral("mock-large"));
        QCOMPARE(str(doc["data"][0]["object"]), QStringLiteral("model"));
        QCOMPARE(str(doc["data"][0]["owned_by"]), QStringLiteral("mock-a"));
    }

    void rejectsOtherRequests_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("unknown path") << get("/v1/embeddings") << 404;
        QTest::newRow("GET completions") << get("/v1/chat/completions") << 405;
        QTest::newRow("POST models") << post("{}", "/v1/models") << 405;
        QTest::newRow("bad JSON") << post("{nope") << 400;
    }

    void rejectsOtherRequests()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        serve(fastSettings());
        const auto response = roundTrip(m_port, request);
        QVERIFY(response);
        QCOMPARE(response->status, status);
        const json doc = parseJson(response->body);
        QVERIFY(doc["error"]["message"].is_string());
    }

private:
    void serve(const MockSettings &settings, MockFlapClock *flap = nullptr)
    {
        ServerLimits limits;
        limits.workers = 1;
        const Provider provider = mockProvider(settings);
        m_server = std::make_unique<HttpServer>(limits, [provider, flap]() -> std::unique_ptr<RequestHandler> {
            if (flap)
                return std::make_unique<MockHttpHandler>(provider, *flap);
            return std::make_unique<MockHttpHandler>(provider);
        });
        Listener listener;
        listener.name = QStringLiteral("mock");
        listener.port = 0;
        const auto result = m_server->listen({listener});
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
        m_port = m_server->serverPort(QStringLiteral("mock"));
        QVERIFY(m_port != 0);
    }

    std::unique_ptr<HttpServer> m_server;
    quint16 m_port = 0;
};

QTEST_GUILESS_MAIN(TestMockHttpHandler)
#include "tst_mockhttphandler.moc"
