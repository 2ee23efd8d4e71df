#include "providers/openai/OpenAiCompletion.h"
#include "providers/openai/OpenAiStream.h"

#include <QTest>

using namespace understudy;
using namespace understudy::openai;

namespace {

// Chunks as the OpenAI API reference documents them ("The chat completion
// chunk object"), with the fields real streams carry.
QByteArray chunk(const QByteArray &delta, const QByteArray &finish = "null", int index = 0)
{
    return "data: {\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
           "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_44709d6fcb\","
           "\"choices\":[{\"index\":" +
           QByteArray::number(index) + ",\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":" + finish +
           "}],\"usage\":null}\n\n";
}

const QByteArray kRole = chunk(R"({"role":"assistant","content":"","refusal":null})");
const QByteArray kUsage = "data: {\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
                          "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[],"
                          "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}}\n\n";
const QByteArray kDone = "data: [DONE]\n\n";

QByteArray content(const QByteArray &text)
{
    return chunk("{\"content\":\"" + text + "\"}");
}

QByteArray finish(const QByteArray &reason = "\"stop\"")
{
    return chunk("{}", reason);
}

QString letter(const StreamChunk &c)
{
    switch (c.kind) {
    case StreamChunk::Kind::Done:
        return QStringLiteral("D");
    case StreamChunk::Kind::Content:
        return QStringLiteral("C");
    case StreamChunk::Kind::RoleOnly:
        return QStringLiteral("R");
    case StreamChunk::Kind::Finish:
        return c.hasContent ? QStringLiteral("F+") : QStringLiteral("F");
    case StreamChunk::Kind::Usage:
        return QStringLiteral("U");
    case StreamChunk::Kind::InBandError:
        return QStringLiteral("E");
    case StreamChunk::Kind::Malformed:
        return QStringLiteral("M");
    case StreamChunk::Kind::Other:
        break;
    }
    return QStringLiteral("O");
}

struct Played
{
    QStringList kinds;
    int firstCommit = -1; // index of the first event that commits the response
};

Played play(const QByteArray &stream, OpenAiStreamState &state)
{
    SseParser parser;
    Played played;
    for (const SseEvent &event : parser.feed(stream)) {
        const StreamChunk c = state.observe(event);
        if (c.hasContent && played.firstCommit < 0)
            played.firstCommit = int(played.kinds.size());
        played.kinds << letter(c);
    }
    return played;
}

} // namespace

class TestOpenAiStream : public QObject
{
    Q_OBJECT

private slots:
    void recordedStreams_data();
    void recordedStreams();
    void extractsFieldsFromOneChunk();
    void inBandErrorDetails();
    void textIsBounded();
    void completionFromFinishedStream();
    void noCompletionWhenUnfaithful_data();
    void noCompletionWhenUnfaithful();
};

void TestOpenAiStream::recordedStreams_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QString>("kinds");
    QTest::addColumn<int>("firstCommit");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("finishReason");
    QTest::addColumn<bool>("done");
    QTest::addColumn<int>("malformed");
    QTest::addColumn<qint64>("totalTokens");
    QTest::addColumn<int>("end"); // OpenAiStreamState::End

    const int complete = int(OpenAiStreamState::End::Complete);
    const int truncated = int(OpenAiStreamState::End::Truncated);
    const int inBand = int(OpenAiStreamState::End::InBandError);

    QTest::newRow("role, content, finish, usage, DONE")
        << kRole + content("Hello") + content(" world") + finish() + kUsage + kDone << "R C C F U D" << 1
        << "Hello world"
        << "stop" << true << 0 << qint64(11) << complete;
    QTest::newRow("content and finish in one chunk")
        << kRole + chunk(R"({"content":"Hi"})", "\"stop\"") + kDone << "R F+ D" << 1 << "Hi"
        << "stop" << true << 0 << qint64(-1) << complete;
    QTest::newRow("finish without DONE is complete") << kRole + content("Hi") + finish() << "R C F" << 1 << "Hi"
                                                     << "stop" << false << 0 << qint64(-1) << complete;
    QTest::newRow("length finish is complete")
        << kRole + content("Hi") + finish("\"length\"") + kDone << "R C F D" << 1 << "Hi"
        << "length" << true << 0 << qint64(-1) << complete;
    QTest::newRow("cut without finish reason") << kRole + content("The answer is") << "R C" << 1 << "The answer is"
                                               << "" << false << 0 << qint64(-1) << truncated;
    QTest::newRow("DONE without finish reason")
        << kRole + content("The answer is") + kDone << "R C D" << 1 << "The answer is"
        << "" << true << 0 << qint64(-1) << truncated;
    QTest::newRow("role only never commits") << kRole + kRole << "R R" << -1 << ""
                                             << "" << false << 0 << qint64(-1) << truncated;
    QTest::newRow("empty content deltas do not commit")
        << kRole + content("") + chunk(R"({"content":null})") + content("x") + finish() << "R R R C F" << 3 << "x"
        << "stop" << false << 0 << qint64(-1) << complete;
    QTest::newRow("tool call deltas")
        << chunk(
               R"({"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_abc","type":"function","function":{"name":"get_weather","arguments":""}}],"refusal":null})") +
               chunk(R"({"tool_calls":[{"index":0,"function":{"arguments":"{\"loc"}}]})") +
               chunk(R"({"tool_calls":[{"index":0,"function":{"arguments":"ation\":\"Paris\"}"}}]})") +
               finish("\"tool_calls\"") + kDone
        << "C C C F D" << 0 << ""
        << "tool_calls" << true << 0 << qint64(-1) << complete;
    QTest::newRow("refusal delta commits")
        << kRole + chunk(R"({"refusal":"I can't help with that."})") + finish() + kDone << "R C F D" << 1 << ""
        << "stop" << true << 0 << qint64(-1) << complete;
    QTest::newRow("in-band error mid-stream")
        << kRole + content("The") + content(" question") +
               "data: {\"error\": {\"message\": \"The server had an error while processing your request. Sorry about "
               "that!\", \"type\": \"server_error\"}}\n\n"
        << "R C C E" << 1 << "The question"
        << "" << false << 0 << qint64(-1) << inBand;
    QTest::newRow("SSE error event") << kRole + content("a") + "event: error\ndata: upstream overloaded\n\n"
                                     << "R C E" << 1 << "a"
                                     << "" << false << 0 << qint64(-1) << inBand;
    QTest::newRow("one malformed event is dropped")
        << kRole + content("a") + "data: {\"choices\":[{\"delta\":{\"content\":\"b\n\n" + content("b") + finish() +
               kDone
        << "R C M C F D" << 1 << "ab"
        << "stop" << true << 1 << qint64(-1) << complete;
    QTest::newRow("not an object, choices not an array, no choices")
        << kRole + "data: [1,2]\n\n" + "data: {\"choices\":\"x\"}\n\n" + "data: {\"id\":\"x\"}\n\n" + content("a") +
               finish()
        << "R M M M C F" << 4 << "a"
        << "stop" << false << 3 << qint64(-1) << complete;
    QTest::newRow("azure prompt filter chunk first")
        << "data: {\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\",\"prompt_filter_results\":"
           "[{\"prompt_index\":0,\"content_filter_results\":{}}]}\n\n" +
               kRole + content("ok") + finish() + kDone
        << "O R C F D" << 2 << "ok"
        << "stop" << true << 0 << qint64(-1) << complete;
    QTest::newRow("vLLM usage chunk without choices")
        << kRole + content("ok") + finish() +
               "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":null,"
               "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}\n\n" +
               kDone
        << "R C F U D" << 1 << "ok"
        << "stop" << true << 0 << qint64(4) << complete;
    QTest::newRow("usage on the finish chunk")
        << kRole + content("ok") +
               "data: {\"id\":\"x\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":"
               "\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}\n\n"
        << "R C F" << 1 << "ok"
        << "stop" << false << 0 << qint64(6) << complete;
    QTest::newRow("n=2 waits for every choice")
        << chunk(R"({"content":"a"})", "null", 0) + chunk(R"({"content":"b"})", "null", 1) + chunk("{}", "\"stop\"", 0)
        << "C C F" << 0 << "a"
        << "stop" << false << 0 << qint64(-1) << truncated;
    QTest::newRow("n=2 all finished") << chunk(R"({"content":"a"})", "null", 0) +
                                             chunk(R"({"content":"b"})", "null", 1) + chunk("{}", "\"stop\"", 1) +
                                             chunk("{}", "\"length\"", 0)
                                      << "C C F F" << 0 << "a"
                                      << "length" << false << 0 << qint64(-1) << complete;
    QTest::newRow("reasoning deltas commit")
        << kRole + chunk(R"({"reasoning_content":"thinking"})") + content("42") + finish() << "R C C F" << 1 << "42"
        << "stop" << false << 0 << qint64(-1) << complete;
}

void TestOpenAiStream::recordedStreams()
{
    QFETCH(QByteArray, stream);
    QFETCH(QString, kinds);
    QFETCH(int, firstCommit);
    QFETCH(QString, text);
    QFETCH(QString, finishReason);
    QFETCH(bool, done);
    QFETCH(int, malformed);
    QFETCH(qint64, totalTokens);
    QFETCH(int, end);

    OpenAiStreamState state;
    const Played played = play(stream, state);
    QCOMPARE(played.kinds.join(QLatin1Char(' ')), kinds);
    QCOMPARE(played.firstCommit, firstCommit);
    QCOMPARE(state.seenContent(), firstCommit >= 0);
    QCOMPARE(state.text(), text);
    QCOMPARE(state.finishReason(), finishReason);
    QCOMPARE(state.doneSeen(), done);
    QCOMPARE(state.malformedCount(), malformed);
    QCOMPARE(state.usage().total, totalTokens);
    QCOMPARE(int(state.endVerdict()), end);
    const OutcomeClass outcome = end == int(OpenAiStreamState::End::Complete)    ? OutcomeClass::Ok
                                 : end == int(OpenAiStreamState::End::Truncated) ? OutcomeClass::Truncated
                                                                                 : OutcomeClass::InBandError;
    QCOMPARE(state.endOutcome(), outcome);
}

void TestOpenAiStream::extractsFieldsFromOneChunk()
{
    const StreamChunk c = inspectStreamData(
        R"({"id":"chatcmpl-9","model":"gpt-4o","choices":[{"index":0,"delta":{"content":"Hé"},"finish_reason":"stop"}],)"
        R"("usage":{"prompt_tokens":7,"completion_tokens":3,"total_tokens":10}})");
    QCOMPARE(c.kind, StreamChunk::Kind::Finish);
    QVERIFY(c.hasContent);
    QVERIFY(c.hasFinish);
    QVERIFY(c.hasUsage);
    QCOMPARE(c.text, QStringLiteral("Hé"));
    QCOMPARE(c.id, QStringLiteral("chatcmpl-9"));
    QCOMPARE(c.model, QStringLiteral("gpt-4o"));
    QCOMPARE(c.finishReason, QStringLiteral("stop"));
    QCOMPARE(c.usage.prompt, 7);
    QCOMPARE(c.usage.completion, 3);
    QCOMPARE(c.usage.total, 10);

    SseEvent oversized;
    oversized.oversized = true;
    QCOMPARE(inspectStreamEvent(oversized).kind, StreamChunk::Kind::Malformed);
    QCOMPARE(inspectStreamData(" [DONE] ").kind, StreamChunk::Kind::Done);
    QCOMPARE(inspectStreamData("").kind, StreamChunk::Kind::Malformed);
}

void TestOpenAiStream::inBandErrorDetails()
{
    const StreamChunk c = inspectStreamData(
        R"({"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}})");
    QCOMPARE(c.kind, StreamChunk::Kind::InBandError);
    QCOMPARE(c.error.message, QStringLiteral("Rate limit reached"));
    QCOMPARE(c.error.type, QStringLiteral("requests"));
    QCOMPARE(c.error.code, QStringLiteral("rate_limit_exceeded"));

    const StreamChunk numeric = inspectStreamData(R"({"error":{"message":"overloaded","code":529}})");
    QCOMPARE(numeric.error.code, QStringLiteral("529"));
    const StreamChunk bare = inspectStreamData(R"({"error":"model crashed"})");
    QCOMPARE(bare.kind, StreamChunk::Kind::InBandError);
    QCOMPARE(bare.error.message, QStringLiteral("model crashed"));
    // "error": null is not an error (some servers always send the member).
    QCOMPARE(inspectStreamData(R"({"error":null,"choices":[{"index":0,"delta":{"content":"x"}}]})").kind,
             StreamChunk::Kind::Content);

    OpenAiStreamState state;
    (void)play(kRole + content("a") + finish() + "data: {\"error\":{\"message\":\"late\"}}\n\n", state);
    // An error after the finish reason still fails the attempt: the answer
    // may be whole, but the upstream said something went wrong.
    QCOMPARE(state.endVerdict(), OpenAiStreamState::End::InBandError);
    QCOMPARE(state.error()->message, QStringLiteral("late"));
}

void TestOpenAiStream::textIsBounded()
{
    OpenAiStreamState state(8);
    (void)play(kRole + content("12345") + content("67890") + content("x") + finish(), state);
    QCOMPARE(state.text(), QStringLiteral("12345"));
    QVERIFY(state.textOverflowed());
    QCOMPARE(state.endVerdict(), OpenAiStreamState::End::Complete);
}

void TestOpenAiStream::completionFromFinishedStream()
{
    OpenAiStreamState state;
    (void)play(kRole + content("Hello") + content(" \\\"world\\\"") + finish() + kUsage + kDone, state);
    const auto body = completionFromStreamState(state, QStringLiteral("gpt-4o-mini"), "chatcmpl-cached");
    QVERIFY(body);
    const CompletionInfo info = inspectCompletion(*body);
    QVERIFY2(info.valid, qPrintable(info.malformedReason));
    QCOMPARE(info.text, QStringLiteral("Hello \"world\""));
    QCOMPARE(info.model, QStringLiteral("gpt-4o-mini"));
    QCOMPARE(info.id, QStringLiteral("chatcmpl-cached"));
    QCOMPARE(info.finishReason, QStringLiteral("stop"));
    QCOMPARE(info.usage.total, 11);

    // Without explicit model and id, the stream's own are used.
    const auto own = completionFromStreamState(state, {}, {});
    QVERIFY(own);
    QCOMPARE(inspectCompletion(*own).model, QStringLiteral("gpt-4o-mini-2024-07-18"));
    QCOMPARE(inspectCompletion(*own).id, QStringLiteral("chatcmpl-123"));
}

void TestOpenAiStream::noCompletionWhenUnfaithful_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("maxText");
    QTest::newRow("truncated") << kRole + content("half") << 100;
    QTest::newRow("in-band error") << kRole + content("a") + "data: {\"error\":{\"message\":\"x\"}}\n\n" << 100;
    QTest::newRow("tool calls")
        << chunk(R"({"tool_calls":[{"index":0,"id":"c","function":{"name":"f","arguments":"{}"}}]})") +
               finish("\"tool_calls\"")
        << 100;
    QTest::newRow("two choices") << chunk(R"({"content":"a"})", "\"stop\"", 0) +
                                        chunk(R"({"content":"b"})", "\"stop\"", 1)
                                 << 100;
    QTest::newRow("text over the bound") << kRole + content("0123456789") + finish() << 4;
}

void TestOpenAiStream::noCompletionWhenUnfaithful()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, maxText);
    OpenAiStreamState state(maxText);
    (void)play(stream, state);
    QVERIFY(!completionFromStreamState(state, QStringLiteral("m"), "id"));
}

QTEST_GUILESS_MAIN(TestOpenAiStream)
#include "tst_openaistream.moc"
