// Issue 5: chains that fall back across provider kinds. The real engine on
// loopback in front of fakes that speak Anthropic's Messages API and
// Gemini's generateContent wire formats; the client always sees OpenAI's.

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

Provider kindProvider(const QString &name, ProviderKind kind, const FakeLlmUpstream &fake, const QString &credential)
{
    Provider p = fakeProvider(name, fake);
    p.kind = kind;
    p.credentials = credential;
    return p;
}

QByteArray anthropicMessage(const QByteArray &text)
{
    return "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-test\","
           "\"content\":[{\"type\":\"text\",\"text\":\"" +
           text +
           "\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
           "\"usage\":{\"input_tokens\":12,\"output_tokens\":5}}";
}

QList<QByteArray> anthropicStream(const QList<QByteArray> &pieces)
{
    QList<QByteArray> events;
    events << "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_02\",\"type\":\"message\",\"role\":\"assistant\","
              "\"model\":\"claude-test\",\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":12,"
              "\"output_tokens\":1}}}";
    events << "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}";
    events << "{\"type\":\"ping\"}";
    for (const QByteArray &piece : pieces)
        events << "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" +
                      piece + "\"}}";
    events << "{\"type\":\"content_block_stop\",\"index\":0}";
    events << "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
              "\"usage\":{\"output_tokens\":7}}";
    events << "{\"type\":\"message_stop\"}";
    return events;
}

QByteArray geminiAnswer(const QByteArray &text, bool last)
{
    QByteArray out = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text + "\"}],\"role\":\"model\"}";
    if (last)
        out += ",\"finishReason\":\"STOP\"";
    out += ",\"index\":0}]";
    if (last)
        out += ",\"usageMetadata\":{\"promptTokenCount\":9,\"candidatesTokenCount\":4,\"totalTokenCount\":13}";
    out += ",\"modelVersion\":\"gemini-test\"}";
    return out;
}

FakeReply sse(QList<QByteArray> events)
{
    FakeReply reply;
    reply.kind = FakeReply::Kind::Sse;
    reply.events = std::move(events);
    reply.ending = FakeReply::Ending::NoDone; // neither provider sends [DONE]
    return reply;
}

FakeReply json(int status, const QByteArray &body)
{
    FakeReply reply;
    reply.status = status;
    reply.headers = {{"Content-Type", "application/json"}};
    reply.body = body;
    return reply;
}

ChainPolicy policy()
{
    ChainPolicy p;
    p.deadlineMs = 10000;
    return p;
}

} // namespace

class TestProviderAdapters final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qputenv("UNDERSTUDY_TEST_ANTHROPIC_KEY", "sk-ant-test");
        qputenv("UNDERSTUDY_TEST_GEMINI_KEY", "gm-test");
    }

    // OpenAI-compatible primary down -> Anthropic answers, in OpenAI's shape.
    void anthropicAnswersAfterTheOpenAiPrimaryFails()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream claude;
        QVERIFY(primary.start() && claude.start());
        primary.setDefault(FakeReply::error(503, "down"));
        claude.setDefault(json(200, anthropicMessage("bonjour")));
        Step first = providerStep(QStringLiteral("p"), QStringLiteral("gpt-x"));
        first.retry.maxRetries = 0;
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(llmConfig({fakeProvider(QStringLiteral("p"), primary),
                                         kindProvider(QStringLiteral("claude"), ProviderKind::Anthropic, claude,
                                                      QStringLiteral("env:UNDERSTUDY_TEST_ANTHROPIC_KEY"))},
                                        {first, providerStep(QStringLiteral("claude"), QStringLiteral("claude-test"))},
                                        policy())));

        const auto r = gateway.chat(false, "say hello");
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        const QJsonObject body = QJsonDocument::fromJson(r->body).object();
        QCOMPARE(body.value(QStringLiteral("object")).toString(), QStringLiteral("chat.completion"));
        QCOMPARE(completionText(r->body), QStringLiteral("bonjour"));
        QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("claude-test"));
        const QJsonObject choice = body.value(QStringLiteral("choices")).toArray().at(0).toObject();
        QCOMPARE(choice.value(QStringLiteral("finish_reason")).toString(), QStringLiteral("stop"));
        QCOMPARE(body.value(QStringLiteral("usage")).toObject().value(QStringLiteral("prompt_tokens")).toInt(), 12);
        QCOMPARE(r->header("x-understudy-served-by"), QByteArray("chat/steps[1] claude/claude-test"));

        QCOMPARE(claude.requestCount(), 1);
        const SeenRequest &seen = claude.seen().at(0);
        QVERIFY2(seen.requestLine.startsWith("POST /v1/messages "), seen.requestLine.constData());
        QCOMPARE(seen.header("x-api-key"), QByteArray("sk-ant-test"));
        QVERIFY(seen.header("authorization").isEmpty());
        QVERIFY(!seen.header("anthropic-version").isEmpty());
        const QJsonObject sent = seen.json();
        QCOMPARE(sent.value(QStringLiteral("model")).toString(), QStringLiteral("claude-test"));
        QVERIFY(sent.value(QStringLiteral("max_tokens")).toInt() > 0);

        QTRY_COMPARE_WITH_TIMEOUT(gateway.trailCount(), 1, 5000);
        const RequestTrail trail = gateway.trails().front();
        QCOMPARE(trail.promptTokens, 12);
        QCOMPARE(trail.completionTokens, 5);
    }

    // A streamed answer from Anthropic arrives as OpenAI chunks ending [DONE].
    void anthropicStreamIsTranslated()
    {
        FakeLlmUpstream claude;
        QVERIFY(claude.start());
        claude.setDefault(sse(anthropicStream({"Hel", "lo ", "there"})));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(llmConfig({kindProvider(QStringLiteral("claude"), ProviderKind::Anthropic, claude,
                                                      QStringLiteral("env:UNDERSTUDY_TEST_ANTHROPIC_KEY"))},
                                        {providerStep(QStringLiteral("claude"), QStringLiteral("claude-test"))},
                                        policy())));
        const auto r = gateway.chat(true);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        const SseBody body = SseBody::parse(r->body);
        QVERIFY2(body.allJson(), r->body.constData());
        QCOMPARE(body.text(), QStringLiteral("Hello there"));
        QCOMPARE(body.finishReason(), QStringLiteral("stop"));
        QVERIFY(body.endsWithDone());
        QCOMPARE(body.doneCount(), 1);
        QVERIFY(claude.seen().at(0).json().value(QStringLiteral("stream")).toBool());
    }

    // An Anthropic stream cut before message_stop is never a success.
    void cutAnthropicStreamIsNotASuccess()
    {
        FakeLlmUpstream claude;
        QVERIFY(claude.start());
        QList<QByteArray> events = anthropicStream({"Hel", "lo"});
        events = events.mid(0, 4); // message_start .. the first delta
        FakeReply cut = sse(events);
        cut.ending = FakeReply::Ending::Cut;
        claude.setDefault(cut);
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(llmConfig({kindProvider(QStringLiteral("claude"), ProviderKind::Anthropic, claude,
                                                      QStringLiteral("env:UNDERSTUDY_TEST_ANTHROPIC_KEY"))},
                                        {providerStep(QStringLiteral("claude"), QStringLiteral("claude-test"))},
                                        policy())));
        const auto r = gateway.chat(true);
        QVERIFY(r);
        const SseBody body = SseBody::parse(r->body);
        QVERIFY(body.finishReason().isEmpty());
        QVERIFY(!body.error().isEmpty()); // a clean error event, not a truncated success
    }

    // Anthropic overloaded (529) -> Gemini answers; then Gemini streams.
    void geminiAnswersAfterAnthropicIsOverloaded()
    {
        FakeLlmUpstream claude;
        FakeLlmUpstream gemini;
        QVERIFY(claude.start() && gemini.start());
        claude.setDefault(
            json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        gemini.setDefault(json(200, geminiAnswer("ciao", true)));
        Step first = providerStep(QStringLiteral("claude"), QStringLiteral("claude-test"));
        first.retry.maxRetries = 0;
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(llmConfig({kindProvider(QStringLiteral("claude"), ProviderKind::Anthropic, claude,
                                                      QStringLiteral("env:UNDERSTUDY_TEST_ANTHROPIC_KEY")),
                                         kindProvider(QStringLiteral("gemini"), ProviderKind::Gemini, gemini,
                                                      QStringLiteral("env:UNDERSTUDY_TEST_GEMINI_KEY"))},
                                        {first, providerStep(QStringLiteral("gemini"), QStringLiteral("gemini-test"))},
                                        policy())));

        const auto r = gateway.chat(false);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(completionText(r->body), QStringLiteral("ciao"));
        QCOMPARE(r->header("x-understudy-fallback"), QByteArray("status_5xx"));
        QCOMPARE(claude.requestCount(), 1);
        QCOMPARE(gemini.requestCount(), 1);
        const SeenRequest &seen = gemini.seen().at(0);
        QVERIFY2(seen.requestLine.contains("/models/gemini-test:generateContent"), seen.requestLine.constData());
        QCOMPARE(seen.header("x-goog-api-key"), QByteArray("gm-test"));
        QVERIFY(seen.json().contains(QStringLiteral("contents")));

        gemini.setDefault(sse({geminiAnswer("uno ", false), geminiAnswer("due", true)}));
        const auto streamed = gateway.chat(true);
        QVERIFY(streamed);
        const SseBody body = SseBody::parse(streamed->body);
        QVERIFY2(body.allJson(), streamed->body.constData());
        QCOMPARE(body.text(), QStringLiteral("uno due"));
        QCOMPARE(body.finishReason(), QStringLiteral("stop"));
        QVERIFY(body.endsWithDone());
        QVERIFY2(gemini.seen().last().requestLine.contains(":streamGenerateContent?alt=sse"),
                 gemini.seen().last().requestLine.constData());
    }

    // GET /v1/models lists what the chain reaches; POST /v1/embeddings goes
    // to the embedding-capable targets only, failing over on 5xx.
    void modelsAndEmbeddings()
    {
        FakeLlmUpstream chat;
        FakeLlmUpstream embedA;
        FakeLlmUpstream embedB;
        QVERIFY(chat.start() && embedA.start() && embedB.start());
        embedA.setDefault(FakeReply::error(503, "busy"));
        embedB.setDefault(json(200, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                                    "\"embedding\":[0.25,-0.5]}],\"model\":\"emb-b\"}"));
        ModelInfo embA = modelInfo(QStringLiteral("emb-a"), false);
        embA.supportsEmbeddings = true;
        ModelInfo embB = modelInfo(QStringLiteral("emb-b"), false);
        embB.supportsEmbeddings = true;
        Step group = providerStep(QStringLiteral("a"), QString());
        group.kind = StepKind::Group;
        group.targets = {Target{QStringLiteral("a"), QString(), 1, {}}, Target{QStringLiteral("b"), QString(), 1, {}}};
        Config config =
            llmConfig({fakeProvider(QStringLiteral("chat"), chat), fakeProvider(QStringLiteral("a"), embedA, {embA}),
                       fakeProvider(QStringLiteral("b"), embedB, {embB})},
                      {providerStep(QStringLiteral("chat"), QStringLiteral("gpt-x")), group}, policy());
        Route extras = config.routes.front();
        extras.name = QStringLiteral("v1");
        extras.match.methods = {};
        extras.match.pathMatch = PathMatch::Prefix;
        extras.match.path = QStringLiteral("/v1/");
        config.routes.push_back(extras);
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(config));

        const auto models = roundTrip(gateway.port(), "GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(models);
        QCOMPARE(models->status, 200);
        QStringList ids;
        const QJsonArray data = QJsonDocument::fromJson(models->body).object().value(QStringLiteral("data")).toArray();
        for (const QJsonValue &entry : data)
            ids << entry.toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(ids, (QStringList{QStringLiteral("gpt-x"), QStringLiteral("emb-a"), QStringLiteral("emb-b")}));

        const QByteArray body = "{\"model\":\"emb-a\",\"input\":\"hello\"}";
        const auto embedded = roundTrip(gateway.port(), "POST /v1/embeddings HTTP/1.1\r\nHost: x\r\n"
                                                        "Content-Type: application/json\r\nContent-Length: " +
                                                            QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY(embedded);
        QCOMPARE(embedded->status, 200);
        QCOMPARE(embedded->header("x-understudy-served-by"), QByteArray("b/emb-b"));
        QCOMPARE(chat.requestCount(), 0);
        QCOMPARE(embedA.requestCount(), 1); // asked for first, by name
        QCOMPARE(embedB.requestCount(), 1);
        QVERIFY2(embedB.seen().at(0).requestLine.startsWith("POST /v1/embeddings "),
                 embedB.seen().at(0).requestLine.constData());
        QCOMPARE(embedB.seen().at(0).model(), QStringLiteral("emb-b"));

        // Both go to the request log and the metrics like a chain's request:
        // the model list answered by the gateway itself, the embeddings with
        // an attempt per model tried; a refused one (no input) too.
        const auto refused = roundTrip(gateway.port(), "POST /v1/embeddings HTTP/1.1\r\nHost: x\r\n"
                                                       "Content-Type: application/json\r\nContent-Length: 2\r\n"
                                                       "\r\n{}");
        QVERIFY(refused);
        QCOMPARE(refused->status, 400);
        QTRY_COMPARE(gateway.trailCount(), 3);
        const std::vector<RequestTrail> trails = gateway.trails();
        const RequestTrail &listed = trails[0];
        QCOMPARE(listed.route, QStringLiteral("v1"));
        QCOMPARE(listed.path, QStringLiteral("/v1/models"));
        QCOMPARE(listed.status, 200);
        QCOMPARE(listed.outcome, OutcomeClass::Ok);
        QVERIFY(listed.staticAnswer);
        QCOMPARE(listed.servedBy, QStringLiteral("gateway models"));
        QVERIFY(listed.bytesOut > 0);
        const RequestTrail &embeddings = trails[1];
        QCOMPARE(embeddings.status, 200);
        QCOMPARE(embeddings.outcome, OutcomeClass::Ok);
        QCOMPARE(embeddings.fallbackDepth, 1);
        QCOMPARE(embeddings.servedModel, QStringLiteral("emb-b"));
        QCOMPARE(int(embeddings.attempts.size()), 2);
        QCOMPARE(embeddings.attempts[0].target, QStringLiteral("a/emb-a"));
        QCOMPARE(embeddings.attempts[0].outcome, OutcomeClass::Status5xx);
        QCOMPARE(embeddings.attempts[0].upstreamStatus, 503);
        QVERIFY(embeddings.attempts[0].decision.startsWith(QLatin1String("next")));
        QCOMPARE(embeddings.attempts[1].target, QStringLiteral("b/emb-b"));
        QCOMPARE(embeddings.attempts[1].stepPath, embeddings.attempts[0].stepPath.chopped(2) + QStringLiteral("1]"));
        QCOMPARE(embeddings.attempts[1].decision, QStringLiteral("served"));
        QCOMPARE(embeddings.servedBy, embeddings.attempts[1].stepPath + QStringLiteral(" b/emb-b"));
        QCOMPARE(trails[2].status, 400);
        QCOMPARE(trails[2].outcome, OutcomeClass::Status4xx);
        QVERIFY(trails[2].attempts.empty());
    }

    // A missing credential sends nothing and moves on.
    void missingCredentialMovesOn()
    {
        FakeLlmUpstream claude;
        FakeLlmUpstream backup;
        QVERIFY(claude.start() && backup.start());
        backup.setDefault(FakeReply::completion("b", "backup"));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(llmConfig({kindProvider(QStringLiteral("claude"), ProviderKind::Anthropic, claude,
                                                      QStringLiteral("env:UNDERSTUDY_TEST_UNSET_KEY")),
                                         fakeProvider(QStringLiteral("b"), backup)},
                                        {providerStep(QStringLiteral("claude"), QStringLiteral("claude-test")),
                                         providerStep(QStringLiteral("b"), QStringLiteral("b"))},
                                        policy())));
        const auto r = gateway.chat(false);
        QVERIFY(r);
        QCOMPARE(completionText(r->body), QStringLiteral("backup"));
        QCOMPARE(claude.requestCount(), 0);
        QCOMPARE(r->header("x-understudy-fallback"), QByteArray("auth_error"));
    }
};

QTEST_GUILESS_MAIN(TestProviderAdapters)
#include "tst_provider_adapters.moc"
