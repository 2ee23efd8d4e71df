#include "providers/openai/OpenAiAnswers.h"
#include "providers/openai/OpenAiCompletion.h"
#include "providers/openai/OpenAiStream.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace understudy;
using namespace understudy::openai;

namespace {

QJsonObject object(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qWarning("not a JSON object: %s", json.constData());
    return doc.object();
}

struct Replay
{
    std::vector<SseEvent> events;
    bool partial = false;
};

Replay parseStream(const QByteArray &stream)
{
    SseParser parser;
    Replay replay;
    replay.events = parser.feed(stream);
    replay.partial = parser.finish();
    return replay;
}

QString s(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

} // namespace

class TestOpenAiAnswers : public QObject
{
    Q_OBJECT

private slots:
    void completionHasRequiredFields();
    void streamChunkShape();
    void sseFraming();
    void errorShape();
    void streamErrorEventHasNoDone();
    void staticAnswers_data();
    void staticAnswers();
    void cachedCompletionReplaysAsStream();
    void cachedToolCallReplaysAsStream();
};

void TestOpenAiAnswers::completionHasRequiredFields()
{
    const QByteArray body = completionJson("chatcmpl-1", QStringLiteral("gpt-4o"), QStringLiteral("Hi \"there\"\n"),
                                           QStringLiteral("length"), TokenUsage{3, 2, -1}, false, 1700000000);
    const QJsonObject doc = object(body);
    QCOMPARE(s(doc, "id"), QStringLiteral("chatcmpl-1"));
    QCOMPARE(s(doc, "object"), QStringLiteral("chat.completion"));
    QCOMPARE(doc.value(QStringLiteral("created")).toInteger(), 1700000000);
    QCOMPARE(s(doc, "model"), QStringLiteral("gpt-4o"));
    QVERIFY(!doc.contains(QStringLiteral("system_fingerprint")));
    const QJsonObject choice = doc.value(QStringLiteral("choices")).toArray().at(0).toObject();
    QCOMPARE(choice.value(QStringLiteral("index")).toInt(), 0);
    QCOMPARE(s(choice, "finish_reason"), QStringLiteral("length"));
    const QJsonObject message = choice.value(QStringLiteral("message")).toObject();
    QCOMPARE(s(message, "role"), QStringLiteral("assistant"));
    QCOMPARE(s(message, "content"), QStringLiteral("Hi \"there\"\n"));
    const QJsonObject usage = doc.value(QStringLiteral("usage")).toObject();
    QCOMPARE(usage.value(QStringLiteral("prompt_tokens")).toInt(), 3);
    QCOMPARE(usage.value(QStringLiteral("completion_tokens")).toInt(), 2);
    QCOMPARE(usage.value(QStringLiteral("total_tokens")).toInt(), 5);
    // Our own validator accepts what we write.
    QVERIFY(inspectCompletion(body).valid);

    const QJsonObject degraded = object(completionJson("x", QStringLiteral("m"), {}, {}, {}, true));
    QCOMPARE(s(degraded, "system_fingerprint"), QString::fromLatin1(kDegradedFingerprint));
    QCOMPARE(s(degraded.value(QStringLiteral("choices")).toArray().at(0).toObject(), "finish_reason"),
             QStringLiteral("stop"));
    QVERIFY(degraded.value(QStringLiteral("created")).toInteger() > 1600000000);
}

void TestOpenAiAnswers::streamChunkShape()
{
    const QJsonObject first = object(streamChunk("c-1", QStringLiteral("m"), {}, {}, true));
    QCOMPARE(s(first, "object"), QStringLiteral("chat.completion.chunk"));
    QJsonObject choice = first.value(QStringLiteral("choices")).toArray().at(0).toObject();
    QVERIFY(choice.value(QStringLiteral("finish_reason")).isNull());
    QCOMPARE(s(choice.value(QStringLiteral("delta")).toObject(), "role"), QStringLiteral("assistant"));
    QCOMPARE(inspectStreamData(streamChunk("c-1", QStringLiteral("m"), {}, {}, true)).kind,
             StreamChunk::Kind::RoleOnly);

    const QByteArray text = streamChunk("c-1", QStringLiteral("m"), QStringLiteral("Hé"), {});
    QCOMPARE(inspectStreamData(text).kind, StreamChunk::Kind::Content);
    QCOMPARE(inspectStreamData(text).text, QStringLiteral("Hé"));

    const QByteArray last = streamChunk("c-1", QStringLiteral("m"), {}, QStringLiteral("stop"));
    choice = object(last).value(QStringLiteral("choices")).toArray().at(0).toObject();
    QCOMPARE(s(choice, "finish_reason"), QStringLiteral("stop"));
    QVERIFY(choice.value(QStringLiteral("delta")).toObject().isEmpty());

    const QJsonObject usage = object(usageChunk("c-1", QStringLiteral("m"), TokenUsage{1, 2, 3}));
    QVERIFY(usage.value(QStringLiteral("choices")).toArray().isEmpty());
    QCOMPARE(usage.value(QStringLiteral("usage")).toObject().value(QStringLiteral("total_tokens")).toInt(), 3);
}

void TestOpenAiAnswers::sseFraming()
{
    QCOMPARE(sseEvent("{\"a\":1}"), QByteArray("data: {\"a\":1}\n\n"));
    QCOMPARE(sseDone(), QByteArray("data: [DONE]\n\n"));
    // An embedded newline becomes a second data line, never an event break.
    const QByteArray framed = sseEvent("line1\nline2\r\nline3");
    QCOMPARE(framed, QByteArray("data: line1\ndata: line2\ndata: line3\n\n"));
    const Replay replay = parseStream(framed);
    QCOMPARE(replay.events.size(), size_t(1));
    QCOMPARE(replay.events[0].data, QByteArray("line1\nline2\nline3"));
}

void TestOpenAiAnswers::errorShape()
{
    const QJsonObject doc = object(errorJson(QStringLiteral("All upstreams failed"), QStringLiteral("upstream_error"),
                                             QStringLiteral("fallback_exhausted"), {}, "req-7"));
    const QJsonObject error = doc.value(QStringLiteral("error")).toObject();
    QCOMPARE(s(error, "message"), QStringLiteral("All upstreams failed"));
    QCOMPARE(s(error, "type"), QStringLiteral("upstream_error"));
    QCOMPARE(s(error, "code"), QStringLiteral("fallback_exhausted"));
    QVERIFY(error.contains(QStringLiteral("param")));
    QVERIFY(error.value(QStringLiteral("param")).isNull());
    QCOMPARE(s(error, "request_id"), QStringLiteral("req-7"));

    const QJsonObject bad =
        object(errorJson(QStringLiteral("Missing required parameter: 'messages'."),
                         QStringLiteral("invalid_request_error"), {}, QStringLiteral("messages"), "req-8"))
            .value(QStringLiteral("error"))
            .toObject();
    QCOMPARE(s(bad, "param"), QStringLiteral("messages"));
    QVERIFY(bad.value(QStringLiteral("code")).isNull());
    // Our inspector reads our own error as an in-band error.
    QCOMPARE(inspectCompletion(errorJson(QStringLiteral("x"), {}, {}, {}, {})).problem,
             CompletionInfo::Problem::InBandError);
}

void TestOpenAiAnswers::streamErrorEventHasNoDone()
{
    const QByteArray event =
        streamErrorEvent(QStringLiteral("upstream stream failed"), QStringLiteral("upstream_error"), {}, "req-9");
    QVERIFY(!event.contains("[DONE]"));
    const Replay replay = parseStream(event);
    QVERIFY(!replay.partial);
    QCOMPARE(replay.events.size(), size_t(1));
    const StreamChunk chunk = inspectStreamEvent(replay.events[0]);
    QCOMPARE(chunk.kind, StreamChunk::Kind::InBandError);
    QCOMPARE(chunk.error.message, QStringLiteral("upstream stream failed"));
    QCOMPARE(chunk.error.type, QStringLiteral("upstream_error"));
}

void TestOpenAiAnswers::staticAnswers_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("includeUsage");
    QTest::newRow("short") << QStringLiteral("Service is degraded, please retry later.") << false;
    QTest::newRow("with usage chunk") << QStringLiteral("Sorry.") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("long unicode") << QStringLiteral("Désolé 😀 ").repeated(40) << true;
    QTest::newRow("no spaces") << QStringLiteral("x").repeated(200) << false;
}

void TestOpenAiAnswers::staticAnswers()
{
    QFETCH(QString, text);
    QFETCH(bool, includeUsage);

    const CompletionInfo info = inspectCompletion(staticCompletion(text, "req-1", 1700000000));
    QVERIFY(info.valid);
    QCOMPARE(info.text, text);
    QCOMPARE(info.model, QString::fromLatin1(kStaticModel));
    QCOMPARE(info.id, QStringLiteral("chatcmpl-understudy-req-1"));
    QCOMPARE(s(object(staticCompletion(text, "req-1")), "system_fingerprint"),
             QString::fromLatin1(kDegradedFingerprint));

    const QByteArray stream = staticStreamEvents(text, "req-1", includeUsage, 1700000000);
    const Replay replay = parseStream(stream);
    QVERIFY(!replay.partial);
    OpenAiStreamState state;
    for (const SseEvent &event : replay.events) {
        const StreamChunk chunk = state.observe(event);
        if (chunk.kind != StreamChunk::Kind::Done) {
            const QJsonObject doc = object(event.data);
            QCOMPARE(s(doc, "model"), QString::fromLatin1(kStaticModel));
            QCOMPARE(s(doc, "id"), QStringLiteral("chatcmpl-understudy-req-1"));
            if (chunk.kind != StreamChunk::Kind::Usage)
                QCOMPARE(s(doc, "system_fingerprint"), QString::fromLatin1(kDegradedFingerprint));
        }
    }
    QCOMPARE(state.text(), text);
    QCOMPARE(state.malformedCount(), 0);
    QVERIFY(state.doneSeen());
    QCOMPARE(state.endVerdict(), OpenAiStreamState::End::Complete);
    QCOMPARE(state.usage().known(), includeUsage);
    QVERIFY(replay.events.back().data == "[DONE]");
    // Every piece of text is valid UTF-16 (no split surrogate pair).
    for (const SseEvent &event : replay.events)
        QVERIFY(!inspectStreamEvent(event).text.contains(QChar(QChar::ReplacementCharacter)));
}

void TestOpenAiAnswers::cachedCompletionReplaysAsStream()
{
    const QByteArray cached = completionJson("chatcmpl-c", QStringLiteral("gpt-4o"), QStringLiteral("Cached answer."),
                                             QStringLiteral("stop"), TokenUsage{4, 3, 7}, false, 1700000000);
    const auto stream = completionAsStreamEvents(cached, true, false);
    QVERIFY(stream);
    OpenAiStreamState state;
    for (const SseEvent &event : parseStream(*stream).events)
        (void)state.observe(event);
    QCOMPARE(state.text(), QStringLiteral("Cached answer."));
    QCOMPARE(state.model(), QStringLiteral("gpt-4o"));
    QCOMPARE(state.id(), QStringLiteral("chatcmpl-c"));
    QCOMPARE(state.usage().total, 7);
    QCOMPARE(state.endVerdict(), OpenAiStreamState::End::Complete);
    QVERIFY(!stream->contains(kDegradedFingerprint));
    QVERIFY(completionAsStreamEvents(cached, false, true)->contains(kDegradedFingerprint));

    // Round trip: stream -> stored completion -> stream again.
    const auto stored = completionFromStreamState(state, {}, {});
    QVERIFY(stored);
    QCOMPARE(inspectCompletion(*stored).text, QStringLiteral("Cached answer."));

    QVERIFY(!completionAsStreamEvents("not json", false, false));
    QVERIFY(!completionAsStreamEvents(R"({"choices":[]})", false, false));
}

void TestOpenAiAnswers::cachedToolCallReplaysAsStream()
{
    const QByteArray cached =
        R"({"id":"c","model":"gpt-4o","created":1,"choices":[{"index":0,"message":{"role":"assistant","content":null,)"
        R"("tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},)"
        R"("finish_reason":"tool_calls"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}})";
    const auto stream = completionAsStreamEvents(cached, false, false);
    QVERIFY(stream);
    OpenAiStreamState state;
    QJsonArray calls;
    for (const SseEvent &event : parseStream(*stream).events) {
        const StreamChunk chunk = state.observe(event);
        if (chunk.hasToolCalls) {
            calls = object(event.data)
                        .value(QStringLiteral("choices"))
                        .toArray()
                        .at(0)
                        .toObject()
                        .value(QStringLiteral("delta"))
                        .toObject()
                        .value(QStringLiteral("tool_calls"))
                        .toArray();
        }
    }
    QVERIFY(state.seenToolCalls());
    QCOMPARE(state.finishReason(), QStringLiteral("tool_calls"));
    QCOMPARE(state.endVerdict(), OpenAiStreamState::End::Complete);
    QCOMPARE(calls.size(), 1);
    const QJsonObject call = calls.at(0).toObject();
    QCOMPARE(call.value(QStringLiteral("index")).toInt(), 0);
    QCOMPARE(s(call, "id"), QStringLiteral("call_1"));
    QCOMPARE(s(call.value(QStringLiteral("function")).toObject(), "arguments"), QStringLiteral("{\"city\":\"Paris\"}"));
}

QTEST_GUILESS_MAIN(TestOpenAiAnswers)
#include "tst_openaianswers.moc"
