// Gemini alt=sse streams (recorded shapes from the Gemini API docs, in
// data/*.sse) through the stream translator, checked with the executor's
// own decoder (llm::StreamDecoder) and the OpenAI stream state: the text,
// finish reason, usage, [DONE], malformed and in-band error events the
// executor would see, identical whatever way the bytes were split.

#include "fallback/LlmWire.h"
#include "providers/gemini/GeminiAdapter.h"
#include "providers/openai/OpenAiStream.h"

#include <QFile>
#include <QTest>

using namespace understudy;

namespace {

constexpr qint64 kCreated = 1700000000;

QByteArray recorded(const QString &name)
{
    const QString path = QFINDTESTDATA(QStringLiteral("data/") + name);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(name));
    return file.readAll();
}

struct Translated
{
    QByteArray body;
    std::optional<AdapterFailure> failure;
};

// Feeds `input` cut at the given offsets (ascending).
Translated translate(const QByteArray &input, const std::vector<qsizetype> &cuts, bool includeUsage = false)
{
    auto translator =
        gemini::makeResponseTranslator(true, QStringLiteral("gemini-2.0-flash"), "req1", includeUsage, kCreated);
    translator->head(200, {{"Content-Type", "text/event-stream"}});
    Translated out;
    qsizetype at = 0;
    for (qsizetype cut : cuts) {
        out.body += translator->feed(QByteArrayView(input).sliced(at, cut - at));
        at = cut;
    }
    out.body += translator->feed(QByteArrayView(input).sliced(at));
    out.body += translator->finish();
    out.failure = translator->failure();
    return out;
}

struct Seen
{
    QStringList kinds; // R C F U D E M O, as the executor decodes them
    QString text;
    qint64 promptTokens = -1;
    qint64 completionTokens = -1;
    int malformed = 0;
    QString errorMessage;
};

Seen decode(const QByteArray &body)
{
    llm::StreamDecoder decoder;
    Seen seen;
    for (const llm::StreamEvent &event : decoder.feed(body)) {
        switch (event.kind) {
        case llm::StreamEvent::Kind::RoleOnly:
            seen.kinds << QStringLiteral("R");
            break;
        case llm::StreamEvent::Kind::Content:
            seen.kinds << QStringLiteral("C");
            break;
        case llm::StreamEvent::Kind::Finish:
            seen.kinds << QStringLiteral("F");
            break;
        case llm::StreamEvent::Kind::Usage:
            seen.kinds << QStringLiteral("U");
            break;
        case llm::StreamEvent::Kind::Done:
            seen.kinds << QStringLiteral("D");
            break;
        case llm::StreamEvent::Kind::InBandError:
            seen.kinds << QStringLiteral("E");
            seen.errorMessage = event.errorMessage;
            break;
        case llm::StreamEvent::Kind::Malformed:
            seen.kinds << QStringLiteral("M");
            ++seen.malformed;
            break;
        case llm::StreamEvent::Kind::Other:
            seen.kinds << QStringLiteral("O");
            break;
        }
        seen.text += event.text;
        if (event.promptTokens >= 0)
            seen.promptTokens = event.promptTokens;
        if (event.completionTokens >= 0)
            seen.completionTokens = event.completionTokens;
    }
    return seen;
}

openai::OpenAiStreamState replay(const QByteArray &body)
{
    openai::OpenAiStreamState state;
    openai::SseParser parser;
    for (const openai::SseEvent &event : parser.feed(body))
        state.observe(event);
    return state;
}

QString outcomeName(const std::optional<AdapterFailure> &failure)
{
    return failure ? outcomeClassName(failure->outcome) : QStringLiteral("none");
}

} // namespace

class TestGeminiStream : public QObject
{
    Q_OBJECT

private slots:
    void recordedStreams_data();
    void recordedStreams();
    void sameOutputAtEverySplit_data();
    void sameOutputAtEverySplit();
    void usageChunkWhenAsked();
    void toolCallChunks();
    void twoCandidates();
    void nothingAfterTheLastFinish();
    void headers();
    void errorStatusOnStreamRequest();
    void oversizedEventIsMalformed();
    void errorEventType();
};

void TestGeminiStream::recordedStreams_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("kinds");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("finishReason"); // as OpenAiStreamState reads it
    QTest::addColumn<qint64>("promptTokens");
    QTest::addColumn<qint64>("completionTokens");
    QTest::addColumn<QString>("verdict"); // endOutcome() of the executor's stream state
    QTest::addColumn<QString>("failure"); // the translator's failure() after finish()

    QTest::newRow("text over three events")
        << "text.sse"
        << "R C C C F D"
        << QString::fromUtf8("The quick brown fox jumps over the lazy dog, caf\u00e9 \u00e0 Z\u00fcrich.\n") << "stop"
        << qint64(9) << qint64(17) << "ok"
        << "none";
    QTest::newRow("thinking parts left out, thoughts billed") << "thinking.sse"
                                                              << "R C F D"
                                                              << "Four."
                                                              << "stop" << qint64(5) << qint64(32) << "ok"
                                                              << "none";
    QTest::newRow("function calls") << "function_call.sse"
                                    << "R C F D" << QString() << "tool_calls" << qint64(120) << qint64(24) << "ok"
                                    << "none";
    QTest::newRow("safety stop mid-stream") << "safety_midstream.sse"
                                            << "R C C F D"
                                            << "Here is how you could"
                                            << "content_filter" << qint64(11) << qint64(4) << "ok"
                                            << "none";
    QTest::newRow("prompt blocked") << "prompt_blocked.sse"
                                    << "E" << QString() << QString() << qint64(-1) << qint64(-1) << "in_band_error"
                                    << "content_policy";
    QTest::newRow("safety stop before any content")
        << "safety_first.sse"
        << "E" << QString() << QString() << qint64(-1) << qint64(-1) << "in_band_error"
        << "content_policy";
    QTest::newRow("malformed event dropped and counted") << "malformed.sse"
                                                         << "R C M C F D"
                                                         << "One two"
                                                         << "length" << qint64(3) << qint64(2) << "ok"
                                                         << "none";
    QTest::newRow("error event") << "error_event.sse"
                                 << "R C E"
                                 << "Partial" << QString() << qint64(-1) << qint64(-1) << "in_band_error"
                                 << "in_band_error";
    QTest::newRow("cut before any finishReason")
        << "cut.sse"
        << "R C C"
        << "Never finished" << QString() << qint64(-1) << qint64(-1) << "truncated"
        << "truncated";
    QTest::newRow("cut mid-event") << "cut_mid_event.sse"
                                   << "R C"
                                   << "Half" << QString() << qint64(-1) << qint64(-1) << "truncated"
                                   << "truncated";
}

void TestGeminiStream::recordedStreams()
{
    QFETCH(QString, file);
    QFETCH(QString, kinds);
    QFETCH(QString, text);
    QFETCH(QString, finishReason);
    QFETCH(qint64, promptTokens);
    QFETCH(qint64, completionTokens);
    QFETCH(QString, verdict);
    QFETCH(QString, failure);

    const Translated out = translate(recorded(file), {});
    const Seen seen = decode(out.body);
    QCOMPARE(seen.kinds.join(QLatin1Char(' ')), kinds);
    QCOMPARE(seen.text, text);
    QCOMPARE(seen.promptTokens, promptTokens);
    QCOMPARE(seen.completionTokens, completionTokens);
    QCOMPARE(outcomeName(out.failure), failure);

    const openai::OpenAiStreamState state = replay(out.body);
    QCOMPARE(state.finishReason(), finishReason);
    QCOMPARE(outcomeClassName(state.endOutcome()), verdict);
    QCOMPARE(state.text(), text);
    QCOMPARE(state.malformedCount(), seen.malformed);
    // Every chunk names the answer and the model asked for.
    if (state.seenContent()) {
        QCOMPARE(state.id(), QStringLiteral("chatcmpl-req1"));
        QCOMPARE(state.model(), QStringLiteral("gemini-2.0-flash"));
    }
}

void TestGeminiStream::sameOutputAtEverySplit_data()
{
    QTest::addColumn<QString>("file");
    for (const char *file :
         {"text.sse", "thinking.sse", "function_call.sse", "safety_midstream.sse", "prompt_blocked.sse",
          "safety_first.sse", "malformed.sse", "error_event.sse", "cut.sse", "cut_mid_event.sse", "two_candidates.sse"})
        QTest::newRow(file) << QString::fromLatin1(file);
}

void TestGeminiStream::sameOutputAtEverySplit()
{
    QFETCH(QString, file);
    const QByteArray input = recorded(file);
    const Translated whole = translate(input, {});
    QVERIFY(!whole.body.isEmpty());

    std::vector<qsizetype> everyByte;
    for (qsizetype at = 1; at < input.size(); ++at)
        everyByte.push_back(at);
    const Translated byteByByte = translate(input, everyByte);
    QCOMPARE(byteByByte.body, whole.body);
    QCOMPARE(outcomeName(byteByByte.failure), outcomeName(whole.failure));

    for (qsizetype at = 1; at < input.size(); ++at) {
        const Translated split = translate(input, {at});
        if (split.body != whole.body)
            QFAIL(qPrintable(QStringLiteral("different output when split at byte %1").arg(at)));
        QCOMPARE(outcomeName(split.failure), outcomeName(whole.failure));
    }
}

void TestGeminiStream::usageChunkWhenAsked()
{
    const Translated out = translate(recorded(QStringLiteral("text.sse")), {}, true);
    QCOMPARE(decode(out.body).kinds.join(QLatin1Char(' ')), QStringLiteral("R C C C F U D"));
    const openai::OpenAiStreamState state = replay(out.body);
    QCOMPARE(state.usage().prompt, 9);
    QCOMPARE(state.usage().completion, 17);
    QCOMPARE(state.usage().total, 26);
    QVERIFY(state.doneSeen());

    // Without usage from Gemini there is nothing to report: no invented zeros.
    const Translated noUsage =
        translate(recorded(QStringLiteral("safety_midstream.sse"))
                      .replace("\"usageMetadata\": {\"promptTokenCount\": 11,\"candidatesTokenCount\": 4,"
                               "\"totalTokenCount\": 15},",
                               ""),
                  {}, true);
    QCOMPARE(decode(noUsage.body).kinds.join(QLatin1Char(' ')), QStringLiteral("R C C F D"));
    QVERIFY(!noUsage.body.contains("\"usage\""));
}

void TestGeminiStream::toolCallChunks()
{
    const Translated out = translate(recorded(QStringLiteral("function_call.sse")), {});
    const openai::OpenAiStreamState state = replay(out.body);
    QVERIFY(state.seenToolCalls());
    QCOMPARE(state.endOutcome(), OutcomeClass::Ok);
    // The tool_calls delta carries both calls, indexed, with JSON-string arguments.
    QVERIFY(out.body.contains("\"tool_calls\":[{\"function\":{\"arguments\":"
                              "\"{\\\"brightness\\\":25,\\\"color_temp\\\":\\\"warm\\\"}\","
                              "\"name\":\"set_light_values\"},\"id\":\"call_req1_0_0\",\"index\":0,"
                              "\"type\":\"function\"},{\"function\":{\"arguments\":\"{\\\"power\\\":true}\","
                              "\"name\":\"power_disco_ball\"},\"id\":\"call_req1_0_1\",\"index\":1,"
                              "\"type\":\"function\"}]"));
}

void TestGeminiStream::twoCandidates()
{
    const Translated out = translate(recorded(QStringLiteral("two_candidates.sse")), {});
    const openai::OpenAiStreamState state = replay(out.body);
    QCOMPARE(state.choiceCount(), 2);
    QVERIFY(state.finished());
    QCOMPARE(state.endOutcome(), OutcomeClass::Ok);
    QCOMPARE(decode(out.body).kinds.join(QLatin1Char(' ')), QStringLiteral("R C R C C F C F D"));

    // Only the first choice finished: the answer is incomplete, no [DONE].
    QByteArray firstOnly = recorded(QStringLiteral("two_candidates.sse"));
    firstOnly.truncate(firstOnly.lastIndexOf("data:"));
    const Translated cut = translate(firstOnly, {});
    QVERIFY(!cut.body.contains("[DONE]"));
    QCOMPARE(outcomeName(cut.failure), QStringLiteral("truncated"));
    QCOMPARE(replay(cut.body).endOutcome(), OutcomeClass::Truncated);
}

void TestGeminiStream::nothingAfterTheLastFinish()
{
    // A late event after the finish reason must not follow the finish chunk.
    QByteArray input = recorded(QStringLiteral("function_call.sse"));
    input += "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"late\"}]},\"index\": 0}]}\n\n";
    const Translated out = translate(input, {});
    QCOMPARE(decode(out.body).kinds.join(QLatin1Char(' ')), QStringLiteral("R C F D"));
    QVERIFY(!out.body.contains("late"));
}

void TestGeminiStream::headers()
{
    auto translator = gemini::makeResponseTranslator(true, QStringLiteral("m"), {}, false, kCreated);
    const HttpHeaders presented = translator->head(200, {{"Content-Type", "text/event-stream"},
                                                         {"Transfer-Encoding", "chunked"},
                                                         {"Content-Length", "100"},
                                                         {"Retry-After", "3"},
                                                         {"X-Goog-Trace", "abc"}});
    QCOMPARE(headerValue(presented, "content-type"), QByteArray("text/event-stream"));
    QCOMPARE(headerValues(presented, "content-type").size(), size_t(1));
    QVERIFY(!hasHeader(presented, "content-length"));
    QVERIFY(!hasHeader(presented, "transfer-encoding"));
    QCOMPARE(headerValue(presented, "retry-after"), QByteArray("3"));
    QCOMPARE(headerValue(presented, "x-goog-trace"), QByteArray("abc"));
}

void TestGeminiStream::errorStatusOnStreamRequest()
{
    auto translator = gemini::makeResponseTranslator(true, QStringLiteral("m"), "req1", false, kCreated);
    const HttpHeaders presented =
        translator->head(429, {{"Content-Type", "application/json; charset=UTF-8"}, {"Retry-After", "7"}});
    QCOMPARE(headerValue(presented, "content-type"), QByteArray("application/json"));
    QCOMPARE(headerValue(presented, "retry-after"), QByteArray("7"));
    QByteArray body = translator->feed("{\"error\": {\"code\": 429,\"message\": \"Resource has been exhausted "
                                       "(e.g. check quota).\",\"status\": \"RESOURCE_EXHAUSTED\"}}");
    body += translator->finish();
    QVERIFY(!translator->failure());
    QCOMPARE(body, QByteArray("{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"Resource has been exhausted "
                              "(e.g. check quota).\",\"param\":null,\"request_id\":\"req1\","
                              "\"type\":\"RESOURCE_EXHAUSTED\"}}"));
}

void TestGeminiStream::oversizedEventIsMalformed()
{
    QByteArray input = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"";
    input += QByteArray(2 << 20, 'a');
    input += "\"}]},\"index\": 0}]}\n\n";
    input += recorded(QStringLiteral("function_call.sse"));
    const Translated out = translate(input, {});
    const Seen seen = decode(out.body);
    QCOMPARE(seen.kinds.join(QLatin1Char(' ')), QStringLiteral("M R C F D"));
    QCOMPARE(replay(out.body).malformedCount(), 1);
}

void TestGeminiStream::errorEventType()
{
    // "event: error" is an error whatever its data looks like; nothing follows it.
    QByteArray input = recorded(QStringLiteral("cut.sse"));
    input += "event: error\ndata: {\"message\": \"backend went away\"}\n\n";
    input += recorded(QStringLiteral("function_call.sse"));
    const Translated out = translate(input, {});
    const Seen seen = decode(out.body);
    QCOMPARE(seen.kinds.join(QLatin1Char(' ')), QStringLiteral("R C C E"));
    QCOMPARE(seen.errorMessage, QStringLiteral("backend went away"));
    QCOMPARE(outcomeName(out.failure), QStringLiteral("in_band_error"));
}

QTEST_GUILESS_MAIN(TestGeminiStream)
#include "tst_geministream.moc"
