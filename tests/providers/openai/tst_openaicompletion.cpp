#include "providers/openai/OpenAiCompletion.h"

#include <QTest>

using namespace understudy;
using namespace understudy::openai;

using Problem = CompletionInfo::Problem;
Q_DECLARE_METATYPE(CompletionInfo::Problem)
Q_DECLARE_METATYPE(understudy::OutcomeClass)

namespace {

// The non-stream answer of the OpenAI API reference ("The chat completion object").
const QByteArray kGood = R"({
  "id": "chatcmpl-123", "object": "chat.completion", "created": 1677652288,
  "model": "gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb",
  "choices": [{"index": 0,
               "message": {"role": "assistant", "content": "Hello there, how may I assist you today?"},
               "logprobs": null, "finish_reason": "stop"}],
  "usage": {"prompt_tokens": 9, "completion_tokens": 12, "total_tokens": 21}
})";

} // namespace

class TestOpenAiCompletion : public QObject
{
    Q_OBJECT

private slots:
    void validates_data();
    void validates();
    void extractsFields();
    void extractsError();
};

void TestOpenAiCompletion::validates_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Problem>("problem");
    QTest::addColumn<OutcomeClass>("outcome");

    QTest::newRow("documented answer") << kGood << Problem::None << OutcomeClass::Ok;
    QTest::newRow("length finish is valid")
        << QByteArray(
               R"({"choices":[{"index":0,"message":{"role":"assistant","content":"abc"},"finish_reason":"length"}]})")
        << Problem::None << OutcomeClass::Ok;
    QTest::newRow("tool call answer, null content")
        << QByteArray(
               R"({"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"c",)"
               R"("type":"function","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"}]})")
        << Problem::None << OutcomeClass::Ok;
    QTest::newRow("empty body") << QByteArray("  \r\n") << Problem::Empty << OutcomeClass::Truncated;
    QTest::newRow("cut mid-JSON") << kGood.left(kGood.size() / 2) << Problem::CutJson << OutcomeClass::Truncated;
    QTest::newRow("cut after a key") << QByteArray(R"({"choices":)") << Problem::CutJson << OutcomeClass::Truncated;
    QTest::newRow("HTML error page") << QByteArray("<html><body>502 Bad Gateway</body></html>") << Problem::NotJson
                                     << OutcomeClass::MalformedResponse;
    QTest::newRow("wrong byte at the end")
        << QByteArray(R"({"a":x)") << Problem::NotJson << OutcomeClass::MalformedResponse;
    QTest::newRow("JSON array") << QByteArray("[1,2]") << Problem::NotObject << OutcomeClass::MalformedResponse;
    QTest::newRow("JSON string") << QByteArray("\"ok\"") << Problem::NotObject << OutcomeClass::MalformedResponse;
    QTest::newRow("in-band error") << QByteArray(R"({"error":{"message":"overloaded","type":"server_error"}})")
                                   << Problem::InBandError << OutcomeClass::InBandError;
    QTest::newRow("no choices") << QByteArray(R"({"id":"x","model":"m"})") << Problem::NoChoices
                                << OutcomeClass::MalformedResponse;
    QTest::newRow("empty choices") << QByteArray(R"({"choices":[]})") << Problem::NoChoices
                                   << OutcomeClass::MalformedResponse;
    QTest::newRow("choices not an array")
        << QByteArray(R"({"choices":{"0":{}}})") << Problem::NoChoices << OutcomeClass::MalformedResponse;
    QTest::newRow("stream chunk sent to a non-stream request")
        << QByteArray(R"({"choices":[{"index":0,"delta":{"content":"x"},"finish_reason":null}]})") << Problem::NoMessage
        << OutcomeClass::MalformedResponse;
    QTest::newRow("message not an object") << QByteArray(R"({"choices":[{"message":"hi","finish_reason":"stop"}]})")
                                           << Problem::NoMessage << OutcomeClass::MalformedResponse;
    QTest::newRow("finish reason null")
        << QByteArray(R"({"choices":[{"message":{"role":"assistant","content":"half"},"finish_reason":null}]})")
        << Problem::NoFinishReason << OutcomeClass::Truncated;
    QTest::newRow("finish reason missing")
        << QByteArray(R"({"choices":[{"message":{"role":"assistant","content":"half"}}]})") << Problem::NoFinishReason
        << OutcomeClass::Truncated;
}

void TestOpenAiCompletion::validates()
{
    QFETCH(QByteArray, body);
    QFETCH(Problem, problem);
    QFETCH(OutcomeClass, outcome);
    const CompletionInfo info = inspectCompletion(body);
    QCOMPARE(info.problem, problem);
    QCOMPARE(info.valid, problem == Problem::None);
    QCOMPARE(info.malformedReason.isEmpty(), problem == Problem::None);
    QCOMPARE(outcomeOf(info), outcome);
}

void TestOpenAiCompletion::extractsFields()
{
    const CompletionInfo info = inspectCompletion(kGood);
    QCOMPARE(info.id, QStringLiteral("chatcmpl-123"));
    QCOMPARE(info.model, QStringLiteral("gpt-4o-mini"));
    QCOMPARE(info.finishReason, QStringLiteral("stop"));
    QCOMPARE(info.text, QStringLiteral("Hello there, how may I assist you today?"));
    QCOMPARE(info.usage.prompt, 9);
    QCOMPARE(info.usage.completion, 12);
    QCOMPARE(info.usage.total, 21);
    QVERIFY(!info.hasToolCalls);
    QVERIFY(!info.error);

    const CompletionInfo noUsage =
        inspectCompletion(R"({"choices":[{"message":{"content":"x"},"finish_reason":"stop"}]})");
    QVERIFY(noUsage.valid);
    QVERIFY(!noUsage.usage.known());
}

void TestOpenAiCompletion::extractsError()
{
    const CompletionInfo info = inspectCompletion(
        R"({"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error",)"
        R"("param":"messages","code":"context_length_exceeded"}})");
    QVERIFY(!info.valid);
    QVERIFY(info.error);
    QCOMPARE(info.error->type, QStringLiteral("invalid_request_error"));
    QCOMPARE(info.error->code, QStringLiteral("context_length_exceeded"));
    QCOMPARE(info.error->param, QStringLiteral("messages"));
    QVERIFY(info.error->message.startsWith(QStringLiteral("This model's maximum")));
}

QTEST_GUILESS_MAIN(TestOpenAiCompletion)
#include "tst_openaicompletion.moc"
